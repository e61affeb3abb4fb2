import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms import roles
from tests.factories import learner, lecturer, librarian, manager, manager_of_all_units

pytestmark = pytest.mark.django_db


def test_role_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Học viên", "Giảng viên", "Thủ thư", "Quản lý đào tạo"} <= names


def test_learners_have_no_admin_access(client):
    user = learner()
    assert not user.has_perm("wagtailadmin.access_admin")
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("make_user", [lecturer, librarian, manager])
def test_staff_roles_reach_the_admin(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_lecturers_author_under_programs_only(program_index, library_index):
    user = lecturer()
    programs = program_index.permissions_for_user(user)
    assert programs.can_edit() and programs.can_publish()
    assert program_index.group_permissions.filter(permission__codename="add_page").exists()
    # In the library lecturers only submit: their drafts go to the librarians' workflow.
    library = library_index.permissions_for_user(user)
    assert library.can_add_subpage() and not library.can_publish()
    assert not library.can_publish_subpage()


def test_librarians_edit_and_publish_under_library_only(program_index, library_index):
    user = librarian()
    library = library_index.permissions_for_user(user)
    assert library.can_edit() and library.can_publish()
    assert not program_index.permissions_for_user(user).can_edit()


@pytest.mark.parametrize(("make_user", "may_delete"), [(lecturer, False), (librarian, True)])
def test_document_rights(make_user, may_delete):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(get_document_model())
    user = make_user()
    document = get_document_model().objects.create(
        title="Nghị định", file=ContentFile(b"%PDF-1.4", name="nd.pdf"), uploaded_by_user=manager()
    )
    assert permission_policy.user_has_permission(user, "add")
    assert (
        permission_policy.user_has_permission_for_instance(user, "delete", document) is may_delete
    )


def test_managers_manage_people_and_units(client):
    user = manager()
    for perm in ("lms.change_profile", "lms.add_trainingunit", "auth.add_user"):
        assert user.has_perm(perm)
    client.force_login(user)
    assert client.get(reverse("wagtailsnippets_lms_profile:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_lms_trainingunit:add")).status_code == 200


@pytest.mark.parametrize("make_user", [learner, lecturer, librarian])
def test_other_roles_cannot_edit_people(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("wagtailsnippets_lms_profile:list")).status_code in (302, 403)


def test_roles_sync_is_idempotent():
    from django.apps import apps

    group = Group.objects.get(name=roles.LECTURERS)
    before = group.permissions.count(), group.page_permissions.count()
    roles.roles_sync(apps=apps)
    assert (group.permissions.count(), group.page_permissions.count()) == before


def test_people_are_listed_in_vietnamese_order(client):
    from tests.factories import ProfileFactory

    for family, given in [("Đỗ", "Đào"), ("Vũ", "Dương"), ("Lê", "Ánh"), ("Bùi", "Anh")]:
        ProfileFactory(family_name=family, given_name=given)
    client.force_login(manager_of_all_units())
    html = client.get(reverse("wagtailsnippets_lms_profile:list")).content.decode()
    positions = [html.index(name) for name in ("Bùi Anh", "Lê Ánh", "Vũ Dương", "Đỗ Đào")]
    assert positions == sorted(positions)
