"""The "People" admin shows a training manager only the people of their own unit."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from lms.models import Profile
from tests.factories import (
    ProfileFactory,
    TrainingUnitFactory,
    UserFactory,
    manager,
    manager_of_all_units,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    return TrainingUnitFactory(name="Trường A"), TrainingUnitFactory(name="Trường B")


@pytest.fixture
def own_manager(units):
    user = manager()
    ProfileFactory(user=user, unit=units[0], family_name="Quản", given_name="Lý")
    return user


@pytest.fixture
def people(units):
    ours = ProfileFactory(unit=units[0], family_name="Trần Thị", given_name="Hoa")
    theirs = ProfileFactory(unit=units[1], family_name="Phạm Văn", given_name="Khánh")
    return ours, theirs


def _url(name, profile):
    return reverse(f"wagtailsnippets_lms_profile:{name}", args=[profile.pk])


def test_list_shows_only_the_managers_unit(client, own_manager, people):
    client.force_login(own_manager)
    html = client.get(reverse("wagtailsnippets_lms_profile:list")).content.decode()
    assert "Trần Thị Hoa" in html
    assert "Phạm Văn Khánh" not in html


def test_manager_of_all_units_sees_everyone(client, people):
    client.force_login(manager_of_all_units())
    html = client.get(reverse("wagtailsnippets_lms_profile:list")).content.decode()
    assert "Trần Thị Hoa" in html and "Phạm Văn Khánh" in html


@pytest.mark.parametrize("view", ["edit", "usage", "history"])
def test_another_units_profile_is_not_found(client, own_manager, people, view):
    ours, theirs = people
    client.force_login(own_manager)
    assert client.get(_url(view, theirs)).status_code == 404
    assert client.get(_url(view, ours)).status_code == 200


def test_another_units_profile_cannot_be_copied(client, own_manager, people):
    ours, theirs = people
    client.force_login(own_manager)
    response = client.get(_url("copy", theirs))
    assert response.status_code == 302 and "Khánh" not in response.content.decode()
    assert client.get(_url("copy", ours)).status_code == 200


def test_posting_to_another_units_profile_changes_nothing(client, own_manager, people):
    _ours, theirs = people
    client.force_login(own_manager)
    response = client.post(
        _url("edit", theirs),
        {"user": theirs.user_id, "family_name": "Đổi", "given_name": "Tên", "unit": theirs.unit_id},
    )
    assert response.status_code == 404
    assert Profile.objects.get(pk=theirs.pk).family_name == "Phạm Văn"


def test_right_to_delete_stops_at_the_unit(client, own_manager, people):
    """A manager granted deletion deletes their own unit's people, not another unit's."""
    ours, theirs = people
    own_manager.user_permissions.add(Permission.objects.get(codename="delete_profile"))
    client.force_login(own_manager)
    assert client.post(_url("delete", theirs)).status_code == 404
    bulk = reverse("wagtail_bulk_action", args=["lms", "profile", "delete"])
    client.post(f"{bulk}?id={theirs.pk}&id={ours.pk}")
    assert list(Profile.objects.filter(pk__in=[ours.pk, theirs.pk])) == [theirs]


def test_manager_cannot_move_someone_into_another_unit(client, own_manager, people, units):
    ours, _theirs = people
    client.force_login(own_manager)
    response = client.post(
        _url("edit", ours),
        {"user": ours.user_id, "family_name": "Trần Thị", "given_name": "Hoa", "unit": units[1].pk},
    )
    assert response.status_code == 200  # the form again, with the error
    assert response.context["form"].errors["unit"]
    assert Profile.objects.get(pk=ours.pk).unit_id == units[0].pk


def test_manager_adds_people_only_to_their_unit(client, own_manager, units):
    client.force_login(own_manager)
    form = client.get(reverse("wagtailsnippets_lms_profile:add")).context["form"]
    assert list(form.fields["unit"].queryset) == [units[0]]
    assert form.fields["unit"].required
    administrator = UserFactory(username="quantri-he-thong", is_superuser=True)
    other_manager = manager(username="quanly-khac")
    accounts = set(form.fields["user"].queryset.values_list("username", flat=True))
    assert not accounts & {administrator.username, other_manager.username}
    assert own_manager.username in accounts
    newcomer = UserFactory()
    client.post(
        reverse("wagtailsnippets_lms_profile:add"),
        {"user": newcomer.pk, "family_name": "Lê Văn", "given_name": "Nam", "unit": ""},
    )
    assert not Profile.objects.filter(user=newcomer).exists()
