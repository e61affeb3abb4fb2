"""Who may touch an attempt: its owner only, with the quiz's password and from allowed networks."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from lessons.services import enrolment_create
from quizzes import services
from quizzes.models import Attempt, QuizPage, Response, ResponseFile
from tests.factories import learner
from tests.quizzes.builders import make_question, make_quiz
from tests.quizzes.test_views import answer, attempt_url, quiz_for, started

pytestmark = pytest.mark.django_db


def snapshot(attempt):
    attempt = Attempt.objects.get(pk=attempt.pk)
    responses = list(
        Response.objects.filter(attempt=attempt).values_list("answer", "sequence", "flagged")
    )
    return attempt.state, attempt.current_page, responses, ResponseFile.objects.count()


def every_request(client, attempt):
    """Each learner endpoint of ``attempt``, with the status it answered."""
    json = {"content_type": "application/json"}
    return {
        "page": client.get(attempt_url(attempt)).status_code,
        "form": client.post(
            attempt_url(attempt), {"page": "1", "seq-1": "5", "q1-choice": "b", "nav": "2"}
        ).status_code,
        "save": client.post(
            attempt_url(attempt, "attempt_save"),
            {"slot": 1, "answer": {"choice": "b"}, "sequence": 9},
            **json,
        ).status_code,
        "flag": client.post(
            attempt_url(attempt, "attempt_flag"), {"slot": 1, "flagged": True}, **json
        ).status_code,
        "file": client.post(
            f"/thi/luot/{attempt.pk}/tep/2/",
            {"file-2": SimpleUploadedFile("bai.pdf", b"%PDF-1.4")},
        ).status_code,
        "summary": client.get(attempt_url(attempt, "attempt_summary")).status_code,
        "submit": client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"}).status_code,
        "review": client.get(attempt_url(attempt, "attempt_review")).status_code,
    }


def essay_quiz(**fields):
    return quiz_for(qtypes=("single", "essay"), questions_per_page=0, **fields)


def test_another_learners_attempt_is_refused_everywhere(client):
    quiz, owner = essay_quiz()
    attempt = started(client, quiz, owner)
    before = snapshot(attempt)
    intruder = learner()
    enrolment_create(user=intruder, course=quiz.course)
    client.force_login(intruder)
    statuses = every_request(client, attempt)
    assert set(statuses.values()) == {403}, statuses
    assert snapshot(attempt) == before


def test_unknown_attempts_are_refused(client):
    quiz, user = quiz_for()
    client.force_login(user)
    assert client.get("/thi/luot/999999/").status_code in (403, 404)
    response = client.post(
        "/thi/luot/999999/luu/",
        {"slot": 1, "answer": None, "sequence": 1},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)


def test_anonymous_visitors_are_sent_to_log_in(client):
    quiz, owner = quiz_for()
    attempt = started(client, quiz, owner)
    before = snapshot(attempt)
    anonymous = Client()
    for url in (attempt_url(attempt), attempt_url(attempt, "attempt_summary")):
        assert anonymous.get(url).status_code == 302
    assert anonymous.post(attempt_url(attempt, "attempt_submit")).status_code == 302
    save = anonymous.post(
        attempt_url(attempt, "attempt_save"),
        {"slot": 1, "answer": {"choice": "a"}, "sequence": 1},
        content_type="application/json",
    )
    assert save.status_code == 403
    assert snapshot(attempt) == before


def test_the_password_is_needed_to_start(client):
    quiz, user = quiz_for(password="bi-mat-2026")
    client.force_login(user)
    assert 'name="password"' in client.get(quiz.url).content.decode()
    client.post(quiz.url, {"password": "sai"})
    assert not Attempt.objects.exists()
    started(client, quiz, user, password="bi-mat-2026")
    assert 'name="password"' not in client.get(quiz.url).content.decode()


def test_the_password_is_needed_on_every_request(client):
    quiz, user = essay_quiz(password="bi-mat-2026")
    attempt = started(client, quiz, user, password="bi-mat-2026")
    assert client.get(attempt_url(attempt)).status_code == 200
    before = snapshot(attempt)
    # Another browser of the same learner has not typed the password.
    other = Client()
    other.force_login(user)
    statuses = every_request(other, attempt)
    assert set(statuses.values()) == {403}, statuses
    assert snapshot(attempt) == before
    save = other.post(
        attempt_url(attempt, "attempt_save"),
        {"slot": 1, "answer": {"choice": "a"}, "sequence": 1},
        content_type="application/json",
    )
    assert save.json()["code"] == "password"


def test_changing_the_password_shuts_out_sessions_that_knew_the_old_one(client):
    quiz, user = quiz_for(password="cu")
    attempt = started(client, quiz, user, password="cu")
    QuizPage.objects.filter(pk=quiz.pk).update(password="moi")
    assert client.get(attempt_url(attempt)).status_code == 403
    response = client.post(quiz.url, {"password": "moi"})
    assert response.status_code == 302
    assert client.get(attempt_url(attempt)).status_code == 200


def test_the_network_allow_list_applies_to_every_request(client):
    quiz, user = essay_quiz(ip_allowlist="10.1.2.0/24")
    client.force_login(user)
    assert client.post(quiz.url, REMOTE_ADDR="127.0.0.1").status_code == 403
    assert not Attempt.objects.exists()
    assert client.post(quiz.url, REMOTE_ADDR="10.1.2.3").status_code == 302
    attempt = Attempt.objects.get()
    assert client.get(attempt_url(attempt), REMOTE_ADDR="10.1.2.3").status_code == 200
    before = snapshot(attempt)
    statuses = every_request(client, attempt)  # the test client comes from 127.0.0.1
    assert set(statuses.values()) == {403}, statuses
    assert snapshot(attempt) == before


def test_review_after_the_close_date_needs_no_password(client):
    quiz, user = quiz_for(password="bi-mat")
    attempt = started(client, quiz, user, password="bi-mat")
    services.attempt_submit(attempt=attempt, user=user)
    other = Client()
    other.force_login(user)
    assert other.get(attempt_url(attempt, "attempt_review")).status_code == 403
    QuizPage.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert other.get(attempt_url(attempt, "attempt_review")).status_code == 200


# Attached files ------------------------------------------------------------------


def attachment_quiz(**payload):
    essay = make_question(
        qtype="essay",
        payload={"format": "html", "attachments": 2, "max_bytes": 1000, **payload},
    )
    quiz = make_quiz(questions=[essay])
    user = learner()
    enrolment_create(user=user, course=quiz.course)
    return quiz, user


def upload(client, attempt, name="bai-lam.pdf", content=b"%PDF-1.4 bai lam", **extra):
    return client.post(
        f"/thi/luot/{attempt.pk}/tep/1/",
        {"file-1": SimpleUploadedFile(name, content), "seq-1": "0", "q1-text": "Bài làm", **extra},
    )


def test_a_learner_attaches_and_removes_files(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiz, user = attachment_quiz()
    attempt = started(client, quiz, user)
    response = upload(client, attempt)
    assert response.status_code == 302
    stored = ResponseFile.objects.get()
    assert stored.name == "bai-lam.pdf" and stored.size == len(b"%PDF-1.4 bai lam")
    assert answer(attempt, 1).answer == {"text": "Bài làm"}  # the page's answers are saved too
    assert "bai-lam.pdf" in client.get(attempt_url(attempt)).content.decode()
    client.post(f"/thi/luot/{attempt.pk}/tep/1/", {"delete": str(stored.pk)})
    assert not ResponseFile.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_files_are_checked_before_they_are_stored(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiz, user = attachment_quiz(file_types=[".pdf"])
    attempt = started(client, quiz, user)
    upload(client, attempt, content=b"x" * 2000)
    upload(client, attempt, name="virus.exe")
    upload(client, attempt, content=b"")
    assert not ResponseFile.objects.exists()
    assert not list(tmp_path.rglob("*.*"))
    upload(client, attempt, name="1.pdf")
    upload(client, attempt, name="2.pdf")
    upload(client, attempt, name="3.pdf")
    assert ResponseFile.objects.count() == 2


def test_file_uploads_answer_json_when_asked(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiz, user = attachment_quiz()
    attempt = started(client, quiz, user)
    response = client.post(
        f"/thi/luot/{attempt.pk}/tep/1/",
        {"file": SimpleUploadedFile("a.exe", b"MZ")},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_type"
    response = client.post(
        f"/thi/luot/{attempt.pk}/tep/1/",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF")},
        headers={"accept": "application/json"},
    )
    assert response.json()["files"][0]["name"] == "a.pdf"


def test_a_question_without_attachments_refuses_files(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiz, user = quiz_for(qtypes=("essay",))
    attempt = started(client, quiz, user)
    upload(client, attempt)
    assert not ResponseFile.objects.exists()


def test_files_cannot_change_once_submitted(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiz, user = attachment_quiz()
    attempt = started(client, quiz, user)
    upload(client, attempt)
    stored = ResponseFile.objects.get()
    services.attempt_submit(attempt=attempt, user=user)
    response = upload(client, attempt, name="late.pdf")
    assert response["Location"] == attempt_url(attempt, "attempt_review")
    client.post(f"/thi/luot/{attempt.pk}/tep/1/", {"delete": str(stored.pk)})
    assert list(ResponseFile.objects.values_list("name", flat=True)) == ["bai-lam.pdf"]


def test_files_of_another_learner_cannot_be_removed(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiz, user = attachment_quiz()
    attempt = started(client, quiz, user)
    upload(client, attempt)
    stored = ResponseFile.objects.get()
    # The learner's own second attempt at another quiz cannot name this file either.
    other_quiz, other_user = attachment_quiz()
    other_attempt = started(client, other_quiz, other_user)
    response = client.post(f"/thi/luot/{other_attempt.pk}/tep/1/", {"delete": str(stored.pk)})
    assert response.status_code == 302
    assert ResponseFile.objects.filter(pk=stored.pk).exists()


def test_a_learner_downloads_only_their_own_files(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiz, user = attachment_quiz()
    attempt = started(client, quiz, user)
    upload(client, attempt)
    stored = ResponseFile.objects.get()
    url = f"/thi/luot/{attempt.pk}/tep-dinh-kem/{stored.pk}/"
    assert url in client.get(attempt_url(attempt)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 bai lam"
    assert response["Content-Disposition"].startswith("attachment")
    # Another learner gets nothing, neither through this attempt nor through their own.
    other_quiz, other_user = attachment_quiz()
    other = Client()
    other.force_login(other_user)
    other_attempt = started(other, other_quiz, other_user)
    assert other.get(url).status_code == 403
    own_attempt_url = f"/thi/luot/{other_attempt.pk}/tep-dinh-kem/{stored.pk}/"
    assert other.get(own_attempt_url).status_code == 404
