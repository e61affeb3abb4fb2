"""H5P: package validation and import, the player and its files, xAPI results."""

import base64
import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from lessons.h5p import access
from lessons.h5p.admin import H5PPackageViewSet
from lessons.h5p.services import (
    h5p_orphans_delete,
    h5p_package_create,
    h5p_package_delete,
    h5p_record_result,
)
from lessons.h5p.validation import MESSAGES
from lessons.h5p.views import FRAME_SCRIPT_HASH, PLAYER_POLICY
from lessons.models import CourseCompletion, H5PPackage, LessonProgress
from lessons.models.pages import CompletionMode, EnrolmentPolicy
from lessons.services import enrolment_create, enrolment_remove
from tests.factories import UserFactory, learner, lecturer

from .builders import make_course, make_lesson
from .h5p_packages import (
    H5P_JSON,
    TRUE_FALSE,
    build_zip,
    lying_size_bomb,
    package_with,
    upload,
    valid_files,
    valid_package,
)

pytestmark = pytest.mark.django_db

CSRF_SECRET = "h5pTestCsrfSecret0123456789abcde"  # 32 characters, like Django's own


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test gets its own media folder, so "nothing left in storage" is checkable."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files():
    """Every file under h5p/ in the default storage."""
    found = []

    def walk(path):
        try:
            folders, files = default_storage.listdir(path)
        except FileNotFoundError:
            return
        found.extend(f"{path}/{name}" for name in files)
        for folder in folders:
            walk(f"{path}/{folder}")

    walk("h5p")
    return found


def create(file, title="Hoạt động", owner=None):
    return h5p_package_create(file=file, title=title, owner=owner)


# == Import ==


def test_the_true_false_fixture_imports():
    owner = lecturer()
    with open(TRUE_FALSE, "rb") as handle:
        package = create(File(handle, name="true-false.h5p"), title="", owner=owner)
    package.refresh_from_db()
    assert package.main_library == "H5P.TrueFalse"
    assert package.title == "Hello World"  # from h5p.json when no title is given
    assert package.owner == owner
    assert package.metadata["mainLibrary"] == "H5P.TrueFalse"
    assert package.storage_path == f"h5p/{package.uuid}"
    assert package.file_count == 107  # 133 entries less 26 folders
    assert package.total_size == 1358683
    for name in (
        "h5p.json",
        "content/content.json",
        "H5P.TrueFalse-1.6/library.json",
        "H5P.TrueFalse-1.6/scripts/h5p-true-false.js",
        "FontAwesome-4.5/fontawesome-webfont.woff2",
    ):
        assert default_storage.exists(f"{package.storage_path}/{name}"), name
    assert len(stored_files()) == package.file_count


def test_title_is_stored_in_nfc():
    decomposed = "Bài tập đúng sai".replace("à", "a\u0300")
    package = create(valid_package(), title=f"  {decomposed} ")
    assert package.title == "Bài tập đúng sai"


def test_hidden_files_are_left_out():
    package = create(
        valid_package(**{"__MACOSX/content/._map.png": b"x", "content/.DS_Store": b"x"})
    )
    names = stored_files()
    assert f"{package.storage_path}/content/images/map.png" in names
    assert not [name for name in names if "MACOSX" in name or "DS_Store" in name]


def _duplicate_entry_zip():
    buffer = io.BytesIO()
    with pytest.warns(UserWarning), zipfile.ZipFile(buffer, "w") as archive:
        for name, data in valid_files().items():
            archive.writestr(name, data)
        archive.writestr("content/content.json", b"{}")
    return upload(buffer.getvalue())


def _encrypted_zip():
    data = bytearray(build_zip(valid_files()))
    # Set the "encrypted" flag of every entry in the central directory.
    position = data.find(b"PK\x01\x02")
    while position != -1:
        data[position + 8] |= 0x1
        position = data.find(b"PK\x01\x02", position + 4)
    return upload(bytes(data))


def _damaged_zip():
    files = valid_files()
    files["content/text.txt"] = b"Lorem ipsum dolor sit amet. " * 200
    data = bytearray(build_zip(files))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("content/text.txt")
    start = info.header_offset + 30 + len(info.filename.encode())
    for offset in range(start + 5, start + 25):
        data[offset] ^= 0x5A
    return upload(bytes(data))


H5P_JSON_WITHOUT = {
    key: {k: v for k, v in H5P_JSON.items() if k != key}
    for key in ("mainLibrary", "preloadedDependencies")
}

BAD_PACKAGES = {
    "not a zip": (lambda: upload(b"PK this is not really a zip"), "not_zip"),
    "empty file": (lambda: upload(b""), "not_zip"),
    "missing h5p.json": (lambda: package_with(remove=["h5p.json"]), "missing_h5p_json"),
    "h5p.json not JSON": (lambda: package_with(h5p_json=b"{mainLibrary"), "invalid_h5p_json"),
    "h5p.json a list": (lambda: package_with(h5p_json=b"[]"), "invalid_h5p_json"),
    "no mainLibrary": (
        lambda: package_with(h5p_json=H5P_JSON_WITHOUT["mainLibrary"]),
        "missing_main_library",
    ),
    "no preloadedDependencies": (
        lambda: package_with(h5p_json=H5P_JSON_WITHOUT["preloadedDependencies"]),
        "missing_dependencies",
    ),
    "empty preloadedDependencies": (
        lambda: package_with(h5p_json={**H5P_JSON, "preloadedDependencies": []}),
        "missing_dependencies",
    ),
    "main library not listed": (
        lambda: package_with(h5p_json={**H5P_JSON, "mainLibrary": "H5P.Other"}),
        "main_library_not_listed",
    ),
    "library folder missing": (
        lambda: package_with(remove=["H5P.Demo-1.0/library.json"]),
        "missing_library",
    ),
    "missing content.json": (
        lambda: package_with(remove=["content/content.json"]),
        "missing_content_json",
    ),
    "content.json not JSON": (
        lambda: package_with({"content/content.json": b"{oops"}),
        "invalid_content_json",
    ),
    "php in content": (lambda: package_with({"content/shell.php": b"<?php"}), "forbidden_file"),
    "php in a library": (lambda: package_with({"H5P.Demo-1.0/x.php": b"<?"}), "forbidden_file"),
    "exe": (lambda: package_with({"H5P.Demo-1.0/setup.exe": b"MZ"}), "forbidden_file"),
    "html in content": (lambda: package_with({"content/page.html": b"<p>"}), "forbidden_file"),
    "html at the top": (lambda: package_with({"index.html": b"<script>"}), "forbidden_file"),
    "swf": (lambda: package_with({"content/movie.swf": b"FWS"}), "forbidden_file"),
    "js outside a library": (lambda: package_with({"content/x.js": b"1"}), "forbidden_file"),
    "js at the top": (lambda: package_with({"evil.js": b"1"}), "forbidden_file"),
    "no extension": (lambda: package_with({"content/README": b"1"}), "forbidden_file"),
    "zip-slip ../": (lambda: package_with({"../evil.js": b"1"}), "unsafe_path"),
    "zip-slip nested ..": (
        lambda: package_with({"content/../../evil.json": b"1"}),
        "unsafe_path",
    ),
    "absolute path": (lambda: package_with({"/etc/x": b"1"}), "unsafe_path"),
    "backslash ..": (lambda: package_with({"..\\evil.js": b"1"}), "unsafe_path"),
    "backslash nested": (
        lambda: package_with({"content\\..\\..\\evil.png": b"1"}),
        "unsafe_path",
    ),
    "backslash absolute": (lambda: package_with({"\\windows\\x.png": b"1"}), "unsafe_path"),
    "drive letter": (lambda: package_with({"C:/evil.png": b"1"}), "unsafe_path"),
    "symlink": (
        lambda: package_with(symlinks={"content/passwd.txt": "/etc/passwd"}),
        "link",
    ),
    "symlinked folder": (
        lambda: package_with(symlinks={"H5P.Demo-1.0/up": "../../.."}),
        "link",
    ),
    "duplicate entry": (_duplicate_entry_zip, "duplicate_name"),
    "encrypted": (_encrypted_zip, "encrypted"),
    "damaged data": (_damaged_zip, "corrupt"),
}


@pytest.mark.parametrize("make_file, code", BAD_PACKAGES.values(), ids=BAD_PACKAGES.keys())
def test_bad_packages_are_refused_leaving_nothing(make_file, code):
    with pytest.raises(ValidationError) as caught:
        create(make_file())
    assert caught.value.code == code
    assert str(caught.value.messages[0])  # a message, with its parameters filled in
    assert "%(" not in caught.value.messages[0]
    assert not H5PPackage.objects.exists()
    assert stored_files() == []


def test_every_refusal_has_its_own_code_and_message():
    assert len(set(MESSAGES.values())) == len(MESSAGES)
    tested = {code for _make, code in BAD_PACKAGES.values()}
    assert tested | {"too_many_files", "too_large"} == set(MESSAGES)


def test_forbidden_file_message_names_the_file():
    with pytest.raises(ValidationError) as caught:
        create(package_with({"content/shell.php": b"<?php"}))
    assert "content/shell.php" in caught.value.messages[0]


def test_too_many_files(settings):
    settings.H5P_MAX_FILES = 5
    with pytest.raises(ValidationError) as caught:
        create(valid_package())  # six files
    assert caught.value.code == "too_many_files"
    assert stored_files() == [] and not H5PPackage.objects.exists()
    settings.H5P_MAX_FILES = 6
    assert create(valid_package()).file_count == 6


def test_declared_size_over_the_limit(settings):
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 10_000
    with pytest.raises(ValidationError) as caught:
        create(valid_package(**{"content/big.txt": b"A" * 20_000}))
    assert caught.value.code == "too_large"
    assert stored_files() == [] and not H5PPackage.objects.exists()


def test_bomb_lying_about_its_size_is_stopped_while_inflating(settings):
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 50_000
    bomb = lying_size_bomb(real_size=500_000, declared_size=10)
    with pytest.raises(ValidationError) as caught:
        create(bomb)
    assert caught.value.code == "too_large"
    assert stored_files() == [] and not H5PPackage.objects.exists()


def test_lying_size_under_the_limit_is_damaged(settings):
    with pytest.raises(ValidationError) as caught:
        create(lying_size_bomb(real_size=5_000, declared_size=10))
    assert caught.value.code == "corrupt"
    assert stored_files() == []


def test_storage_failure_half_way_removes_what_was_written(monkeypatch):
    original = default_storage.save
    calls = []

    def failing_save(name, content, *args, **kwargs):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return original(name, content, *args, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    with pytest.raises(ValidationError) as caught:
        create(valid_package())
    assert caught.value.code == "storage_failed"
    assert len(calls) == 3
    assert stored_files() == [] and not H5PPackage.objects.exists()


def test_delete_removes_the_files_after_commit(django_capture_on_commit_callbacks):
    package = create(valid_package())
    assert stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        h5p_package_delete(package=package)
    assert stored_files() == []
    assert not H5PPackage.objects.exists()


def test_orphaned_folders_are_removed():
    kept = create(valid_package())
    gone = create(valid_package())
    H5PPackage.objects.filter(pk=gone.pk).delete()  # as a bulk delete would
    assert h5p_orphans_delete() == [str(gone.uuid)]
    assert all(name.startswith(kept.storage_path) for name in stored_files())
    assert stored_files()


# == Lessons with an activity ==


def h5p_lesson(*, course=None, package=None, mode=CompletionMode.H5P, **course_fields):
    course = course or make_course(**course_fields)
    package = package or create(valid_package())
    lesson = make_lesson(
        course=course, mode=mode, body=[("h5p", {"package": package, "caption": "Thử sức"})]
    )
    return lesson, package


@pytest.fixture
def activity():
    lesson, package = h5p_lesson()
    return lesson, package


@pytest.fixture
def student(activity):
    user = learner()
    enrolment_create(user=user, course=activity[0].get_parent().specific)
    return user


def statement(*, raw=1, max_score=1, success=True, verb="answered", **extra):
    result = {"score": {"min": 0, "raw": raw, "max": max_score}, "completion": True}
    if success is not None:
        result["success"] = success
    return {
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": "http://testserver/bai#h5p"},
        "result": result,
        **extra,
    }


def xapi_url(lesson, package):
    return reverse("h5p_xapi", args=[lesson.pk, package.uuid])


def post_statement(client, lesson, package, payload, **headers):
    body = payload if isinstance(payload, str | bytes) else json.dumps({"statement": payload})
    return client.post(xapi_url(lesson, package), body, content_type="application/json", **headers)


# == xAPI results ==


def test_anonymous_results_are_refused(client, activity):
    lesson, package = activity
    response = post_statement(client, lesson, package, statement())
    assert response.status_code in (302, 403)
    assert not LessonProgress.objects.exists()


def test_results_need_the_csrf_token(activity, student):
    lesson, package = activity
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    assert post_statement(client, lesson, package, statement()).status_code == 403
    assert not LessonProgress.objects.exists()
    client.cookies["csrftoken"] = CSRF_SECRET
    response = post_statement(client, lesson, package, statement(), HTTP_X_CSRFTOKEN=CSRF_SECRET)
    assert response.status_code == 200, response.content


def test_learner_outside_the_course_records_nothing(client, activity):
    lesson, package = activity
    client.force_login(learner())
    response = post_statement(client, lesson, package, statement())
    assert response.status_code == 403
    assert "error" in response.json()
    assert not LessonProgress.objects.exists()


def test_passing_result_completes_an_h5p_lesson(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    response = post_statement(client, lesson, package, statement(raw=1, max_score=1))
    assert response.status_code == 200
    assert response.json() == {
        "recorded": True,
        "completed": True,
        "score": "1.00",
        "max_score": "1.00",
    }
    progress = LessonProgress.objects.get(user=student, lesson=lesson)
    assert (progress.h5p_score, progress.h5p_max_score) == (Decimal("1"), Decimal("1"))
    assert progress.completed_at is not None
    # The course's only lesson is done, so the course is too.
    assert CourseCompletion.objects.filter(user=student).exists()


def test_completed_verb_is_recorded_too(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    post_statement(client, lesson, package, statement(verb="completed", raw=3, max_score=4))
    progress = LessonProgress.objects.get(user=student, lesson=lesson)
    assert progress.h5p_score == Decimal("3") and progress.h5p_max_score == Decimal("4")


def test_failed_result_is_recorded_without_completing(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    response = post_statement(client, lesson, package, statement(raw=0, success=False))
    assert response.json()["completed"] is False
    progress = LessonProgress.objects.get(user=student, lesson=lesson)
    assert progress.h5p_score == 0 and progress.completed_at is None


def test_best_result_is_kept(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    post_statement(client, lesson, package, statement(raw=1, max_score=2, success=False))
    post_statement(client, lesson, package, statement(raw=0, max_score=2, success=False))
    progress = LessonProgress.objects.get(user=student, lesson=lesson)
    assert progress.h5p_score == 1
    post_statement(client, lesson, package, statement(raw=2, max_score=2, success=True))
    progress.refresh_from_db()
    assert progress.h5p_score == 2 and progress.completed_at is not None
    completed_at = progress.completed_at
    post_statement(client, lesson, package, statement(raw=0, max_score=2, success=False))
    progress.refresh_from_db()
    assert progress.completed_at == completed_at and progress.h5p_score == 2


def test_without_a_success_flag_the_pass_score_decides(client, settings, activity, student):
    lesson, package = activity
    client.force_login(student)
    post_statement(client, lesson, package, statement(raw=3, max_score=4, success=None))
    assert LessonProgress.objects.get(user=student).completed_at is None  # default: all points
    settings.H5P_PASS_SCORE = 0.5
    post_statement(client, lesson, package, statement(raw=3, max_score=4, success=None))
    assert LessonProgress.objects.get(user=student).completed_at is not None


def test_scores_do_not_complete_lessons_with_another_mode(client):
    lesson, package = h5p_lesson(mode=CompletionMode.MANUAL)
    user = learner()
    enrolment_create(user=user, course=lesson.get_parent().specific)
    client.force_login(user)
    assert post_statement(client, lesson, package, statement()).json()["completed"] is False
    progress = LessonProgress.objects.get(user=user)
    assert progress.h5p_score == 1 and progress.completed_at is None


@pytest.mark.parametrize(
    "payload",
    [
        statement(verb="attempted"),
        statement(verb="interacted"),
        {"verb": {"id": "http://adlnet.gov/expapi/verbs/answered"}, "object": {"id": "x"}},
        statement(context={"contextActivities": {"parent": [{"id": "http://x"}]}}),
        statement(
            object={
                "id": "x",
                "definition": {"extensions": {"http://h5p.org/x-api/h5p-subContentId": "1"}},
            }
        ),
    ],
    ids=["attempted", "interacted", "no result", "child activity", "sub-content"],
)
def test_statements_that_do_not_count_are_ignored(client, activity, student, payload):
    lesson, package = activity
    client.force_login(student)
    response = post_statement(client, lesson, package, payload)
    assert response.status_code == 200
    assert response.json() == {"recorded": False}
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        b"\xff\xfe",
        json.dumps([1, 2]),
        json.dumps({"something": "else"}),
        json.dumps({"statement": "answered"}),
        json.dumps({"statement": {"verb": "answered"}}),
        json.dumps({"statement": statement(raw=5, max_score=1)}),
        json.dumps({"statement": statement(raw=-1, max_score=1)}),
        json.dumps({"statement": statement(raw="1", max_score=1)}),
        json.dumps({"statement": statement(raw=True, max_score=1)}),
        json.dumps({"statement": statement(success="yes")}),
        json.dumps({"statement": {**statement(), "result": "passed"}}),
        json.dumps({"statement": {**statement(), "result": {"score": {"raw": 1}}}}),
    ],
    ids=[
        "not json",
        "not utf-8",
        "a list",
        "no statement",
        "statement a string",
        "verb a string",
        "score over max",
        "negative score",
        "score a string",
        "score a boolean",
        "success a string",
        "result a string",
        "score without max",
    ],
)
def test_malformed_results_get_400_with_a_message(client, activity, student, body):
    lesson, package = activity
    client.force_login(student)
    response = post_statement(client, lesson, package, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not LessonProgress.objects.exists()


def test_results_for_a_package_not_in_the_lesson_are_refused(client, activity, student):
    lesson, _package = activity
    other = create(valid_package())
    client.force_login(student)
    response = post_statement(client, lesson, other, statement())
    assert response.status_code == 400
    assert not LessonProgress.objects.exists()


def test_results_are_throttled(client, settings, activity, student):
    settings.H5P_XAPI_RATE = 3
    lesson, package = activity
    client.force_login(student)
    for _ in range(3):
        assert post_statement(client, lesson, package, statement()).status_code == 200
    response = post_statement(client, lesson, package, statement())
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["error"]


def test_record_result_service_checks_permission(activity):
    lesson, _package = activity
    with pytest.raises(PermissionDenied):
        h5p_record_result(user=learner(), lesson=lesson, statement=statement())
    assert not LessonProgress.objects.exists()


def test_record_result_service_needs_an_h5p_block():
    lesson = make_lesson(course=make_course(policy=EnrolmentPolicy.OPEN))
    with pytest.raises(ValidationError):
        h5p_record_result(user=learner(), lesson=lesson, statement=statement())


def test_results_for_an_unpublished_lesson_are_not_recorded(client, activity, student):
    lesson, package = activity
    lesson.unpublish()
    client.force_login(student)
    assert post_statement(client, lesson, package, statement()).status_code == 400
    assert not LessonProgress.objects.filter(h5p_score__isnull=False).exists()


# == Player page ==


def embed_url(lesson, package):
    return reverse("h5p_embed", args=[lesson.pk, package.uuid])


def player_config(response):
    html = response.content.decode()
    start = html.index('<script id="h5p-config" type="application/json">')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def test_embed_plays_for_an_enrolled_learner(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    response = client.get(embed_url(lesson, package))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "nonce-" not in policy
    config = player_config(response)
    assert config["h5pJsonPath"].startswith("/h5p/noi-dung/")
    assert config["frameJs"].endswith("h5p-standalone/frame.bundle.js")
    assert config["parentOrigin"] == "http://testserver"
    assert "lessons/js/h5p-player.js" in response.content.decode()


def test_embed_refuses_a_learner_outside_the_course(client, activity):
    lesson, package = activity
    client.force_login(learner())
    response = client.get(embed_url(lesson, package))
    assert response.status_code == 403
    assert "h5p-config" not in response.content.decode()


def test_embed_refuses_anonymous_visitors(client, activity):
    lesson, package = activity
    assert client.get(embed_url(lesson, package)).status_code == 403


def test_embed_refuses_a_package_from_another_lesson(client, activity, student):
    lesson, _package = activity
    other = create(valid_package())
    client.force_login(student)
    assert client.get(embed_url(lesson, other)).status_code == 403


def test_course_lecturer_may_play_any_package_of_the_course(client):
    teacher = lecturer()
    lesson, _package = h5p_lesson(lecturers=[teacher])
    draft_package = create(valid_package())
    client.force_login(teacher)
    assert client.get(embed_url(lesson, draft_package)).status_code == 200


def test_lesson_page_frames_the_player_and_stays_strict(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'src="{embed_url(lesson, package)}"' in html
    assert 'sandbox="allow-scripts allow-same-origin"' in html
    assert 'loading="lazy"' in html
    assert 'title="' in html and package.title in html
    assert f'data-h5p-xapi-url="{xapi_url(lesson, package)}"' in html
    assert "lessons/js/h5p-lesson.js" in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_player_page_allows_no_inline_or_eval_script(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    policy = client.get(embed_url(lesson, package))["Content-Security-Policy"]
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_the_frame_script_hash_matches_the_vendored_player():
    with open(finders.find("vendor/h5p-standalone/frame.bundle.js"), encoding="utf-8") as handle:
        source = handle.read()
    scripts = re.findall(r'"<script>([^"<]*)<\\/script>"', source)
    assert len(scripts) == 1, scripts
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" == FRAME_SCRIPT_HASH
    assert FRAME_SCRIPT_HASH in PLAYER_POLICY["script-src"]


# == Package files ==


def content_url(token, path):
    return reverse("h5p_content", args=[token, path])


def token_for(user, lesson, package, origin="http://testserver"):
    return access.Grant(
        user_id=user.pk, lesson_id=lesson.pk, package_uuid=str(package.uuid), parent_origin=origin
    ).token()


def test_files_are_served_to_the_player(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    base = player_config(client.get(embed_url(lesson, package)))["h5pJsonPath"]
    response = client.get(f"{base}/h5p.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert json.loads(b"".join(response.streaming_content))["mainLibrary"] == "H5P.Demo"
    script = client.get(f"{base}/H5P.Demo-1.0/demo.js")
    assert script["Content-Type"].startswith("text/javascript")
    assert client.get(f"{base}/content/images/map.png")["Content-Type"] == "image/png"
    assert client.get(f"{base}/H5P.Demo-1.0/demo.css")["Content-Type"].startswith("text/css")


def test_files_refuse_users_who_may_not_study_the_lesson(client, activity, student):
    lesson, package = activity
    outsider = learner()
    client.force_login(outsider)
    # Their own token (which the embed view would never give them) opens nothing…
    assert (
        client.get(content_url(token_for(outsider, lesson, package), "h5p.json")).status_code == 403
    )
    # …and neither does a learner's token used from another session.
    assert (
        client.get(content_url(token_for(student, lesson, package), "h5p.json")).status_code == 403
    )
    client.logout()
    assert (
        client.get(content_url(token_for(student, lesson, package), "h5p.json")).status_code == 403
    )


def test_files_stop_when_the_learner_leaves_the_course(client, activity, student):
    lesson, package = activity
    client.force_login(student)
    url = content_url(token_for(student, lesson, package), "h5p.json")
    assert client.get(url).status_code == 200
    enrolment_remove(user=student, course=lesson.get_parent().specific, by=student)
    cache.clear()  # the access cache keeps a yes for a minute
    assert client.get(url).status_code == 403


def test_forged_or_expired_tokens_open_nothing(client, settings, activity, student):
    lesson, package = activity
    client.force_login(student)
    token = token_for(student, lesson, package)
    assert client.get(content_url(token[:-2] + "xx", "h5p.json")).status_code == 403
    settings.H5P_TOKEN_MAX_AGE = -1
    assert client.get(content_url(token, "h5p.json")).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "../../../lms/settings/base.py",
        "content/../../h5p.json",
        "%2e%2e/%2e%2e/db.sqlite3",
        "content/..%2f..%2fh5p.json",
        "..%5c..%5ch5p.json",
        "/etc/passwd",
        "content/missing.png",
        "content/",
        "content",
        "__MACOSX/x.png",
        "H5P.Demo-1.0/library.php",
    ],
)
def test_file_paths_cannot_escape_the_package(client, activity, student, path):
    lesson, package = activity
    client.force_login(student)
    token = token_for(student, lesson, package)
    response = client.get(f"/h5p/noi-dung/{token}/{path}")
    assert response.status_code == 404


def test_package_files_cost_few_queries(client, activity, student, django_assert_max_num_queries):
    lesson, package = activity
    client.force_login(student)
    base = player_config(client.get(embed_url(lesson, package)))["h5pJsonPath"]
    client.get(f"{base}/h5p.json")
    for name in ("content/content.json", "H5P.Demo-1.0/demo.js", "H5P.Demo-1.0/demo.css"):
        with django_assert_max_num_queries(2):  # the session and the user; access is cached
            assert client.get(f"{base}/{name}").status_code == 200


# == Separate content origin ==


@pytest.fixture
def content_origin(settings):
    settings.H5P_CONTENT_ORIGIN = "http://h5p.testserver"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "h5p.testserver"]
    return "http://h5p.testserver"


def test_content_origin_plays_with_a_token_and_no_cookies(
    client, content_origin, activity, student
):
    lesson, package = activity
    client.force_login(student)
    response = client.get(embed_url(lesson, package))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{content_origin}/h5p/phat/{lesson.pk}/{package.uuid}/?t=")

    remote = Client(HTTP_HOST="h5p.testserver")  # no session on the other origin
    page = remote.get(location.removeprefix(content_origin))
    assert page.status_code == 200
    assert "X-Frame-Options" not in page
    assert "frame-ancestors 'self' http://testserver" in page["Content-Security-Policy"]
    config = player_config(page)
    assert config["parentOrigin"] == "http://testserver"
    assert remote.get(f"{config['h5pJsonPath']}/h5p.json").status_code == 200


def test_content_origin_refuses_without_a_valid_token(content_origin, activity):
    lesson, package = activity
    remote = Client(HTTP_HOST="h5p.testserver")
    player = reverse("h5p_player", args=[lesson.pk, package.uuid])
    assert remote.get(player).status_code == 403
    assert remote.get(f"{player}?t=forged").status_code == 403
    other_lesson, other_package = h5p_lesson()
    token = token_for(learner(), other_lesson, other_package)
    assert remote.get(f"{player}?t={token}").status_code == 403


def test_main_origin_never_serves_package_code_with_a_content_origin(
    client, content_origin, activity, student
):
    lesson, package = activity
    client.force_login(student)
    token = token_for(student, lesson, package)
    assert client.get(content_url(token, "H5P.Demo-1.0/demo.js")).status_code == 404
    player = reverse("h5p_player", args=[lesson.pk, package.uuid])
    assert client.get(f"{player}?t={token}").status_code == 404
    remote = Client(HTTP_HOST="h5p.testserver")
    remote.force_login(student)
    assert remote.get(embed_url(lesson, package)).status_code == 404


# == Admin ==


@pytest.fixture
def admin_registered():
    # Snippets are registered when the admin URLs load, so look only then.
    reverse("wagtailadmin_home")
    if not isinstance(getattr(H5PPackage, "snippet_viewset", None), H5PPackageViewSet):
        pytest.skip("H5PPackageViewSet is not registered in lessons/wagtail_hooks.py yet")


@pytest.fixture
def admin_client(client, admin_registered):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def admin_url(name, *args):
    return reverse(H5PPackage.snippet_viewset.get_url_name(name), args=args)


def test_admin_uploads_a_package(admin_client):
    with open(TRUE_FALSE, "rb") as handle:
        response = admin_client.post(admin_url("add"), {"title": "Đúng hay sai", "file": handle})
    assert response.status_code == 302, response.content.decode()[:2000]
    package = H5PPackage.objects.get()
    assert package.title == "Đúng hay sai" and package.main_library == "H5P.TrueFalse"
    listing = admin_client.get(admin_url("list")).content.decode()
    assert "Đúng hay sai" in listing and "H5P.TrueFalse" in listing


def test_admin_shows_why_a_package_is_refused(admin_client):
    bad = package_with({"content/shell.php": b"<?php"})
    response = admin_client.post(admin_url("add"), {"title": "Xấu", "file": bad})
    assert response.status_code == 200
    assert "content/shell.php" in response.content.decode()
    assert not H5PPackage.objects.exists() and stored_files() == []


def test_admin_refuses_files_that_are_not_h5p(admin_client):
    response = admin_client.post(
        admin_url("add"), {"title": "Xấu", "file": upload(b"x", name="bai.docx")}
    )
    assert response.status_code == 200
    assert not H5PPackage.objects.exists()


def test_admin_delete_removes_the_files(admin_client, django_capture_on_commit_callbacks):
    package = create(valid_package())
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(admin_url("delete", package.pk))
    assert response.status_code == 302
    assert not H5PPackage.objects.exists() and stored_files() == []


def test_admin_upload_form_asks_for_an_h5p_file(admin_client):
    html = admin_client.get(admin_url("add")).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'accept=".h5p"' in html


def test_admin_edits_only_the_title(admin_client):
    package = create(valid_package())
    response = admin_client.post(admin_url("edit", package.pk), {"title": "Tên mới"})
    assert response.status_code == 302
    package.refresh_from_db()
    assert package.title == "Tên mới" and package.main_library == "H5P.Demo"


def test_admin_inspect_shows_what_was_imported(admin_client):
    package = create(valid_package())
    html = admin_client.get(admin_url("inspect", package.pk)).content.decode()
    assert "H5P.Demo" in html and package.title in html


def _bulk_delete_registered():
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    from lessons.h5p.admin import H5PPackageDeleteBulkAction

    action = bulk_action_registry.get_bulk_action_class("lessons", "h5ppackage", "delete")
    return action is H5PPackageDeleteBulkAction


def test_admin_bulk_delete_removes_the_files(admin_client, django_capture_on_commit_callbacks):
    if not _bulk_delete_registered():
        pytest.skip("H5PPackageDeleteBulkAction is not registered in lessons/wagtail_hooks.py yet")
    first, second = create(valid_package()), create(valid_package())
    url = (
        reverse("wagtail_bulk_action", args=["lessons", "h5ppackage", "delete"])
        + f"?id={first.pk}&id={second.pk}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302
    assert not H5PPackage.objects.exists() and stored_files() == []
