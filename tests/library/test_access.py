"""Who may read library items and case studies: on the page, the file URL and the download.

The matrix: a guest, a learner of another unit, a learner of the owning unit and a
librarian, against public, signed-in and unit-only items.
"""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import resolve_url
from django.utils import timezone

from library import access, selectors
from library.models import Visibility
from tests.factories import ProfileFactory, TrainingUnitFactory, learner, lecturer, librarian
from tests.library.builders import make_case_study, make_document, make_item

pytestmark = pytest.mark.django_db

GUEST, OTHER_UNIT, OWN_UNIT, LIBRARIAN = "guest", "other_unit", "own_unit", "librarian"
READERS = (GUEST, OTHER_UNIT, OWN_UNIT, LIBRARIAN)

# Who may read, per visibility.
MATRIX = {
    Visibility.PUBLIC: {GUEST, OTHER_UNIT, OWN_UNIT, LIBRARIAN},
    Visibility.SIGNED_IN: {OTHER_UNIT, OWN_UNIT, LIBRARIAN},
    Visibility.UNIT: {OWN_UNIT, LIBRARIAN},
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def unit():
    return TrainingUnitFactory(name="Học viện Hành chính Quốc gia")


@pytest.fixture
def readers(unit):
    """The four readers of the matrix (None for the guest)."""
    other = ProfileFactory(user=learner(), unit=TrainingUnitFactory()).user
    own = ProfileFactory(user=learner(), unit=unit).user
    return {GUEST: None, OTHER_UNIT: other, OWN_UNIT: own, LIBRARIAN: librarian()}


def _client_for(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def _assert_refused(response, reader, url):
    """A guest is sent to log in (and back); a signed-in reader gets the 403 page."""
    if reader == GUEST:
        assert response.status_code == 302
        login = resolve_url(settings.LOGIN_URL)
        assert response["Location"].startswith(login)
        assert f"next={quote(url)}" in response["Location"]
    else:
        assert response.status_code == 403
        assert "library/includes/refused.html" in [t.name for t in response.templates]


def _item(unit, visibility, **fields):
    document = make_document("Nghị định 89/2021/NĐ-CP")
    return make_item(document=document, owner_unit=unit, visibility=visibility, **fields)


@pytest.mark.parametrize("visibility", list(MATRIX))
@pytest.mark.parametrize("reader", READERS)
def test_item_page(client, unit, readers, visibility, reader):
    item = _item(unit, visibility)
    response = _client_for(client, readers[reader]).get(item.url)
    if reader in MATRIX[visibility]:
        assert response.status_code == 200
        assert item.title in response.content.decode()
    else:
        _assert_refused(response, reader, item.url)


@pytest.mark.parametrize("visibility", list(MATRIX))
@pytest.mark.parametrize("reader", READERS)
def test_file_url(client, unit, readers, visibility, reader):
    item = _item(unit, visibility)
    url = item.document.url
    response = _client_for(client, readers[reader]).get(url)
    if reader in MATRIX[visibility]:
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    else:
        _assert_refused(response, reader, url)


@pytest.mark.parametrize("visibility", list(MATRIX))
@pytest.mark.parametrize("reader", READERS)
def test_download_view(client, unit, readers, visibility, reader):
    item = _item(unit, visibility)
    url = f"/thu-vien/tai-ve/{item.pk}/"
    response = _client_for(client, readers[reader]).get(url)
    if reader in MATRIX[visibility]:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
    else:
        _assert_refused(response, reader, url)


@pytest.mark.parametrize("visibility", list(MATRIX))
@pytest.mark.parametrize("reader", READERS)
def test_case_study_page(client, unit, readers, visibility, reader):
    case = make_case_study(owner_unit=unit, visibility=visibility)
    response = _client_for(client, readers[reader]).get(case.url)
    if reader in MATRIX[visibility]:
        assert response.status_code == 200
    else:
        _assert_refused(response, reader, case.url)


@pytest.mark.parametrize("reader", READERS)
def test_selectors_follow_the_matrix(unit, readers, reader):
    items = {visibility: make_item(owner_unit=unit, visibility=visibility) for visibility in MATRIX}
    cases = {
        visibility: make_case_study(owner_unit=unit, visibility=visibility) for visibility in MATRIX
    }
    user = readers[reader] or AnonymousUser()
    expected = {visibility for visibility, allowed in MATRIX.items() if reader in allowed}
    visible_items = set(selectors.items_visible_to(user=user))
    visible_cases = set(selectors.case_studies_visible_to(user=user))
    assert visible_items == {items[v] for v in expected}
    assert visible_cases == {cases[v] for v in expected}
    for visibility, item in items.items():
        assert access.page_readable(page=item, user=user) is (visibility in expected)


def test_unit_item_without_owner_unit_is_for_librarians_only(readers):
    item = make_item(owner_unit=None, visibility=Visibility.UNIT)
    assert not access.page_readable(page=item, user=readers[OWN_UNIT])
    assert item not in selectors.items_visible_to(user=readers[OWN_UNIT])
    assert access.page_readable(page=item, user=readers[LIBRARIAN])


def test_learner_without_profile_sees_only_public_and_signed_in(unit):
    user = learner()
    public = make_item(visibility=Visibility.PUBLIC)
    signed_in = make_item(visibility=Visibility.SIGNED_IN)
    make_item(owner_unit=unit, visibility=Visibility.UNIT)
    assert set(selectors.items_visible_to(user=user)) == {public, signed_in}


def test_retired_and_draft_items_are_hidden_from_readers(client, unit, readers):
    retired = make_item(owner_unit=unit, visibility=Visibility.PUBLIC)
    retired.retired_at = timezone.now()
    retired.save(update_fields=["retired_at"])
    draft = make_item(owner_unit=unit, visibility=Visibility.PUBLIC, live=False)
    visible = set(selectors.items_visible_to(user=readers[OWN_UNIT]))
    assert retired not in visible and draft not in visible
    assert retired not in set(selectors.items_visible_to(user=readers[LIBRARIAN]))

    response = _client_for(client, readers[OWN_UNIT]).get(retired.url)
    assert response.status_code == 403
    assert _client_for(client, None).get(retired.url).status_code == 302
    # Librarians still open a retired item to check it.
    assert _client_for(client, readers[LIBRARIAN]).get(retired.url).status_code == 200


def test_editors_read_unit_items_of_other_units(client, unit):
    # Lecturers may edit pages under the library (so they see them in the admin anyway).
    user = ProfileFactory(user=lecturer(), unit=TrainingUnitFactory()).user
    item = _item(unit, Visibility.UNIT)
    assert access.page_readable(page=item, user=user)
    assert item in selectors.items_visible_to(user=user)
    client.force_login(user)
    assert client.get(item.url).status_code == 200
    assert client.get(item.document.url).status_code == 200


def test_the_refusal_names_the_owning_unit(client, unit, readers):
    item = _item(unit, Visibility.UNIT)
    response = _client_for(client, readers[OTHER_UNIT]).get(item.url)
    assert response.status_code == 403
    assert unit.name in response.content.decode()
    assert item.title not in response.content.decode()


def test_a_draft_items_document_is_not_public(client, readers, library_index):
    document = make_document("Dự thảo")
    draft = make_item(document=document, visibility=Visibility.PUBLIC, live=False)
    _assert_refused(_client_for(client, None).get(document.url), GUEST, document.url)
    _assert_refused(
        _client_for(client, readers[OWN_UNIT]).get(document.url), OWN_UNIT, document.url
    )
    assert _client_for(client, readers[LIBRARIAN]).get(document.url).status_code == 200
    # Its editors (here a lecturer, who may edit pages under the library) fetch it.
    assert _client_for(client, lecturer()).get(document.url).status_code == 200
    # The download view of a draft is refused too.
    url = f"/thu-vien/tai-ve/{draft.pk}/"
    _assert_refused(_client_for(client, None).get(url), GUEST, url)


def test_a_new_file_in_an_unpublished_draft_is_not_public(client):
    published = make_document("Bản đã đăng")
    item = make_item(document=published, visibility=Visibility.PUBLIC)
    replacement = make_document("Bản dự thảo")
    item.document = replacement
    item.save_revision()  # a draft, waiting for review: the live page keeps the old file
    _client_for(client, None)
    assert client.get(published.url).status_code == 200
    _assert_refused(client.get(replacement.url), GUEST, replacement.url)


def test_a_document_of_a_public_item_stays_public_when_a_unit_item_shares_it(client, unit):
    document = make_document()
    make_item(document=document, visibility=Visibility.PUBLIC)
    make_item(document=document, owner_unit=unit, visibility=Visibility.UNIT)
    assert _client_for(client, None).get(document.url).status_code == 200


def test_a_document_shared_by_a_lesson_and_a_public_item_is_public(client):
    # The lessons' hook refuses lesson documents to those not enrolled unless a public
    # page also uses the file: a public library item is such a page.
    from lessons.models.pages import EnrolmentPolicy
    from tests.lessons.builders import make_course, make_lesson

    document = make_document()
    course = make_course(title="Quản lý nhà nước", policy=EnrolmentPolicy.SELF)
    block = {"document": document.pk, "caption": "", "show_preview": True}
    make_lesson(course=course, body=[{"type": "document", "value": block}])
    assert _client_for(client, None).get(document.url).status_code == 302  # lesson only
    make_item(document=document, visibility=Visibility.PUBLIC)
    assert _client_for(client, None).get(document.url).status_code == 200


def test_documents_outside_the_library_are_left_alone(client):
    document = make_document("Tài liệu khác")
    assert _client_for(client, None).get(document.url).status_code == 200


def test_download_bad_ids_are_not_found(client, readers):
    case = make_case_study()
    empty = make_item(external_url="")
    client.force_login(readers[LIBRARIAN])
    assert client.get("/thu-vien/tai-ve/999999/").status_code == 404
    assert client.get(f"/thu-vien/tai-ve/{case.pk}/").status_code == 404
    assert client.get(f"/thu-vien/tai-ve/{empty.pk}/").status_code == 404
