"""The "Users" admin gives a training manager no way up and no reach beyond their unit."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from lms import roles
from tests.factories import (
    PASSWORD,
    ProfileFactory,
    TrainingUnitFactory,
    UserFactory,
    learner,
    manager,
)

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def units():
    return TrainingUnitFactory(name="Trường A"), TrainingUnitFactory(name="Trường B")


@pytest.fixture
def boss(units):
    user = manager(username="quanly-a")
    ProfileFactory(user=user, unit=units[0])
    return user


@pytest.fixture
def accounts(units):
    ours = learner(username="hocvien-a")
    ProfileFactory(user=ours, unit=units[0])
    theirs = learner(username="hocvien-b")
    ProfileFactory(user=theirs, unit=units[1])
    peer = manager(username="quanly-b")
    ProfileFactory(user=peer, unit=units[0])
    return {
        "ours": ours,
        "theirs": theirs,
        "new": UserFactory(username="chua-xep-don-vi"),
        "peer": peer,
        "admin": User.objects.create_superuser("quantri-he-thong", "qt@example.vn", PASSWORD),
    }


def _edit(account):
    return reverse("wagtailusers_users:edit", args=[account.pk])


def _group(name):
    return Group.objects.get(name=name)


def test_list_shows_only_accounts_in_reach(client, boss, accounts):
    client.force_login(boss)
    text = client.get(reverse("wagtailusers_users:index")).text
    for name in ("hocvien-a", "chua-xep-don-vi"):
        assert name in text
    for name in ("hocvien-b", "quanly-b", "quantri-he-thong"):
        assert name not in text


@pytest.mark.parametrize("key", ["theirs", "peer", "admin"])
def test_accounts_out_of_reach_are_not_found(client, boss, accounts, key):
    client.force_login(boss)
    account = accounts[key]
    assert client.get(_edit(account)).status_code == 404
    assert client.get(reverse("wagtailusers_users:history", args=[account.pk])).status_code == 404
    response = client.post(
        _edit(account),
        {
            "username": account.username,
            "email": "x@example.vn",
            "first_name": "X",
            "last_name": "Y",
            "password1": "MatKhauMoi#2026",
            "password2": "MatKhauMoi#2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 404
    assert User.objects.get(pk=account.pk).check_password(PASSWORD)


def test_edit_form_offers_no_administrator_box_and_only_grantable_roles(client, boss, accounts):
    client.force_login(boss)
    form = client.get(_edit(accounts["ours"])).context["form"]
    assert "is_superuser" not in form.fields
    assert {group.name for group in form.fields["groups"].queryset} == {
        roles.LEARNERS,
        roles.LECTURERS,
        roles.LIBRARIANS,
    }


def test_a_manager_cannot_make_anyone_a_manager_or_administrator(client, boss, accounts):
    client.force_login(boss)
    ours = accounts["ours"]
    data = {
        "username": ours.username,
        "email": "hv@example.vn",
        "first_name": "Hoa",
        "last_name": "Trần",
        "is_active": "on",
        "is_superuser": "on",
        "groups": [_group(roles.MANAGERS).pk],
    }
    response = client.post(_edit(ours), data)
    assert response.status_code == 200 and response.context["form"].errors["groups"]
    data["groups"] = [_group(roles.LECTURERS).pk]
    client.post(_edit(ours), data)
    ours = User.objects.get(pk=ours.pk)
    assert not ours.is_superuser
    assert set(ours.groups.values_list("name", flat=True)) == {roles.LECTURERS}


def test_a_new_account_cannot_be_an_administrator(client, boss):
    client.force_login(boss)
    form = client.get(reverse("wagtailusers_users:add")).context["form"]
    assert "is_superuser" not in form.fields
    client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "hocvien-moi",
            "email": "moi@example.vn",
            "first_name": "Mới",
            "last_name": "Lê",
            "password1": "MatKhauMoi#2026",
            "password2": "MatKhauMoi#2026",
            "is_superuser": "on",
            "groups": [_group(roles.LEARNERS).pk],
        },
    )
    created = User.objects.get(username="hocvien-moi")
    assert not created.is_superuser
    assert list(created.groups.values_list("name", flat=True)) == [roles.LEARNERS]


def _bulk(action, *accounts):
    ids = "&".join(f"id={account.pk}" for account in accounts)
    return reverse("wagtail_bulk_action", args=["auth", "user", action]) + f"?{ids}"


def test_bulk_assign_role_stays_in_reach(client, boss, accounts):
    client.force_login(boss)
    client.post(_bulk("assign_role", accounts["ours"]), {"role": _group(roles.MANAGERS).pk})
    assert not accounts["ours"].groups.filter(name=roles.MANAGERS).exists()
    client.post(
        _bulk("assign_role", accounts["ours"], accounts["theirs"]),
        {"role": _group(roles.LECTURERS).pk},
    )
    assert accounts["ours"].groups.filter(name=roles.LECTURERS).exists()
    assert not accounts["theirs"].groups.filter(name=roles.LECTURERS).exists()


def test_bulk_deactivation_stays_in_reach(client, boss, accounts):
    client.force_login(boss)
    client.post(
        _bulk("set_active_state", accounts["ours"], accounts["admin"], accounts["theirs"]),
        {"mark_as_active": "False"},
    )
    active = dict(User.objects.values_list("username", "is_active"))
    assert active["hocvien-a"] is False
    assert active["quantri-he-thong"] is True and active["hocvien-b"] is True


def test_superusers_keep_every_power(client, accounts):
    client.force_login(accounts["admin"])
    text = client.get(reverse("wagtailusers_users:index")).text
    assert "hocvien-b" in text and "quanly-b" in text
    form = client.get(_edit(accounts["peer"])).context["form"]
    assert "is_superuser" in form.fields
    assert form.fields["groups"].queryset.filter(name=roles.MANAGERS).exists()


def test_a_manager_editing_their_own_account_keeps_their_role(client, boss):
    client.force_login(boss)
    form = client.get(_edit(boss)).context["form"]
    assert "groups" not in form.fields and "is_superuser" not in form.fields
    client.post(
        _edit(boss),
        {
            "username": boss.username,
            "email": "ql@example.vn",
            "first_name": "Quản",
            "last_name": "Lý",
        },
    )
    boss = User.objects.get(pk=boss.pk)
    assert boss.email == "ql@example.vn"
    assert list(boss.groups.values_list("name", flat=True)) == [roles.MANAGERS]


def test_an_account_with_permissions_of_its_own_is_out_of_reach(client, boss, accounts):
    from django.contrib.auth.models import Permission

    ours = accounts["ours"]
    ours.user_permissions.add(Permission.objects.get(codename="manage_all_units"))
    client.force_login(boss)
    assert client.get(_edit(ours)).status_code == 404
