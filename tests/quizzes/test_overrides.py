"""Per-learner overrides: other dates, extra time, extra attempts; the screens and the rules."""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lessons.services import enrolment_create
from quizzes import services
from quizzes.manage.services import override_delete, override_save
from quizzes.models import Attempt, QuizOverride
from tests.factories import ProfileFactory, learner, lecturer, manager
from tests.lessons.builders import make_course
from tests.quizzes.builders import make_question, make_quiz

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def teacher():
    return lecturer()


@pytest.fixture
def exam(teacher):
    """A 30-minute quiz with one attempt; An is enrolled."""
    quiz = make_quiz(
        course=make_course(lecturers=[teacher]),
        questions=[make_question()],
        time_limit_minutes=30,
        attempts_allowed=1,
    )
    an = learner()
    ProfileFactory(user=an, family_name="Nguyễn Văn", given_name="An", staff_code="CB-001")
    enrolment_create(user=an, course=quiz.course)
    return quiz, an


def url(name, quiz, *args):
    return reverse(f"quizzes_manage:{name}", args=[quiz.pk, *args])


# --- The rules ------------------------------------------------------------------------


def test_extra_attempt_lets_the_learner_start_again(exam, teacher):
    quiz, an = exam
    services.attempt_submit(attempt=services.attempt_start(user=an, quiz=quiz), user=an)
    with pytest.raises(ValidationError):
        services.attempt_start(user=an, quiz=quiz)
    override_save(quiz=quiz, learner=an, by=teacher, extra_attempts=1, reason="Mất điện")
    assert services.attempt_start(user=an, quiz=quiz).number == 2


def test_extra_time_extends_the_attempt_in_progress(exam, teacher):
    quiz, an = exam
    attempt = services.attempt_start(user=an, quiz=quiz)
    override_save(quiz=quiz, learner=an, by=teacher, extra_minutes=15)
    attempt.refresh_from_db()
    assert attempt.deadline == attempt.started_at + timedelta(minutes=45)
    override_delete(override=QuizOverride.objects.get(quiz=quiz, user=an), by=teacher)
    attempt.refresh_from_db()
    assert attempt.deadline == attempt.started_at + timedelta(minutes=30)


def test_other_dates_open_the_quiz_for_one_learner(exam, teacher):
    quiz, an = exam
    now = timezone.now()
    quiz.closes_at = now - timedelta(days=1)
    quiz.save_revision().publish()
    with pytest.raises(ValidationError):
        services.attempt_start(user=an, quiz=quiz)
    override_save(quiz=quiz, learner=an, by=teacher, closes_at=now + timedelta(days=2))
    assert services.attempt_start(user=an, quiz=quiz).is_open


def test_saving_again_changes_the_same_override(exam, teacher):
    quiz, an = exam
    override_save(quiz=quiz, learner=an, by=teacher, extra_attempts=1)
    override_save(quiz=quiz, learner=an, by=teacher, extra_attempts=2)
    assert QuizOverride.objects.get(quiz=quiz, user=an).extra_attempts == 2


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {
            "opens_at": datetime.datetime(2026, 6, 2, tzinfo=HCM),
            "closes_at": datetime.datetime(2026, 6, 1, tzinfo=HCM),
        },
    ],
)
def test_bad_overrides_are_refused(exam, teacher, fields):
    quiz, an = exam
    with pytest.raises(ValidationError):
        override_save(quiz=quiz, learner=an, by=teacher, **fields)
    assert not QuizOverride.objects.exists()


def test_extra_time_needs_a_time_limit(teacher):
    quiz = make_quiz(course=make_course(lecturers=[teacher]), questions=[make_question()])
    with pytest.raises(ValidationError):
        override_save(quiz=quiz, learner=learner(), by=teacher, extra_minutes=10)


def test_only_the_courses_lecturers_may_give_overrides(exam):
    quiz, an = exam
    make_course(title="Khóa khác", lecturers=[other := lecturer()])
    for user in (other, manager(), an):
        with pytest.raises(PermissionDenied):
            override_save(quiz=quiz, learner=an, by=user, extra_attempts=5)
    assert not QuizOverride.objects.exists()


# --- The screens --------------------------------------------------------------------


def test_add_list_change_and_remove_through_the_screens(client, exam, teacher):
    quiz, an = exam
    client.force_login(teacher)
    assert "data-empty" in client.get(url("overrides", quiz)).content.decode()
    form = client.get(url("override_add", quiz)).content.decode()
    assert "Nguyễn Văn An (CB-001)" in form
    added = client.post(
        url("override_add", quiz),
        {
            "learner": an.pk,
            "closes_at": "25/12/2026 14:30",
            "extra_minutes": "10",
            "extra_attempts": "1",
            "reason": "Ốm",
        },
    )
    assert added.status_code == 302 and added["Location"] == url("overrides", quiz)
    override = QuizOverride.objects.get(quiz=quiz, user=an)
    assert override.closes_at == datetime.datetime(2026, 12, 25, 14, 30, tzinfo=HCM)
    assert (override.extra_minutes, override.extra_attempts, override.reason) == (10, 1, "Ốm")
    listing = client.get(url("overrides", quiz)).content.decode()
    assert f'data-override="{override.pk}"' in listing and "25/12/2026 14:30" in listing
    changed = client.post(
        url("override_edit", quiz, override.pk),
        {"learner": learner().pk, "extra_attempts": "3", "reason": "Ốm dài ngày"},
    )
    assert changed.status_code == 302
    override.refresh_from_db()
    assert override.user == an  # the learner cannot be swapped
    assert (override.closes_at, override.extra_minutes, override.extra_attempts) == (None, 0, 3)
    assert client.get(url("override_delete", quiz, override.pk)).status_code == 200
    removed = client.post(url("override_delete", quiz, override.pk))
    assert removed.status_code == 302
    assert not QuizOverride.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"extra_attempts": "1"},  # no learner
        {"learner": "LEARNER"},  # nothing given
        {"learner": "LEARNER", "extra_attempts": "-1"},
        {"learner": "LEARNER", "closes_at": "31/02/2026 10:00"},
        {"learner": "LEARNER", "opens_at": "02/06/2026 08:00", "closes_at": "01/06/2026 08:00"},
    ],
)
def test_bad_input_is_refused_with_the_form(client, exam, teacher, data):
    quiz, an = exam
    client.force_login(teacher)
    data = {key: an.pk if value == "LEARNER" else value for key, value in data.items()}
    response = client.post(url("override_add", quiz), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "w-field--error" in html or "data-form-errors" in html
    assert not QuizOverride.objects.exists()


def test_a_second_override_for_the_same_learner_is_refused(client, exam, teacher):
    quiz, an = exam
    override_save(quiz=quiz, learner=an, by=teacher, extra_attempts=1)
    client.force_login(teacher)
    response = client.post(url("override_add", quiz), {"learner": an.pk, "extra_attempts": "4"})
    assert response.status_code == 400
    assert QuizOverride.objects.get(quiz=quiz, user=an).extra_attempts == 1


def test_someone_outside_the_course_cannot_be_chosen(client, exam, teacher):
    quiz, _an = exam
    client.force_login(teacher)
    response = client.post(
        url("override_add", quiz), {"learner": learner().pk, "extra_attempts": "1"}
    )
    assert response.status_code == 400
    assert not QuizOverride.objects.exists()


def test_override_of_another_quiz_is_not_found(client, exam, teacher):
    quiz, an = exam
    override = override_save(quiz=quiz, learner=an, by=teacher, extra_attempts=1)
    elsewhere = make_quiz(course=make_course(lecturers=[teacher]), questions=[make_question()])
    client.force_login(teacher)
    assert client.get(url("override_edit", elsewhere, override.pk)).status_code == 404
    assert client.post(url("override_delete", elsewhere, override.pk)).status_code == 404
    assert QuizOverride.objects.filter(pk=override.pk).exists()


@pytest.mark.parametrize("name", ["overrides", "override_add"])
def test_screens_are_refused_to_outsiders(client, exam, name):
    quiz, an = exam
    make_course(title="Khóa khác", lecturers=[other := lecturer()])
    for user in (other, manager()):
        client.force_login(user)
        response = client.get(url(name, quiz))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.force_login(an)
    assert client.get(url(name, quiz))["Location"].startswith(reverse("wagtailadmin_login"))


def test_outsiders_cannot_change_or_remove(client, exam, teacher):
    quiz, an = exam
    override = override_save(quiz=quiz, learner=an, by=teacher, extra_attempts=1)
    make_course(title="Khóa khác", lecturers=[other := lecturer()])
    client.force_login(other)
    client.post(url("override_edit", quiz, override.pk), {"extra_attempts": "9"})
    client.post(url("override_delete", quiz, override.pk))
    override.refresh_from_db()
    assert override.extra_attempts == 1


def test_open_attempt_keeps_its_state_after_an_override_for_a_finished_one(exam, teacher):
    quiz, an = exam
    services.attempt_submit(attempt=services.attempt_start(user=an, quiz=quiz), user=an)
    override_save(quiz=quiz, learner=an, by=teacher, extra_minutes=5)
    assert Attempt.objects.get(quiz=quiz, user=an).state == "finished"


def test_extra_time_reopens_an_attempt_in_its_grace_period(teacher):
    quiz = make_quiz(
        course=make_course(lecturers=[teacher]),
        questions=[make_question()],
        time_limit_minutes=30,
        overdue_handling="grace",
        grace_minutes=60,
    )
    an = learner()
    enrolment_create(user=an, course=quiz.course)
    started = timezone.now() - timedelta(minutes=40)
    attempt = services.attempt_start(user=an, quiz=quiz, now=started)
    services.attempt_close_if_overdue(attempt=attempt)
    assert attempt.state == "overdue"
    override_save(quiz=quiz, learner=an, by=teacher, extra_minutes=30)
    attempt.refresh_from_db()
    assert attempt.state == "in_progress"
    assert attempt.deadline == started + timedelta(minutes=60)
    assert attempt.grace_ends_at == started + timedelta(minutes=120)
