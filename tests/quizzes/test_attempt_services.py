"""Attempts: starting (frozen layout, random draws, restrictions), saving, submitting, closing."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from quizzes import selectors, services
from quizzes.bank.services import question_update
from quizzes.models import (
    Attempt,
    QuizGrade,
    QuizOverride,
    QuizPage,
    QuizSlot,
    Response,
)
from quizzes.services import AttemptClosed, StaleSequence
from tests.factories import learner, lecturer
from tests.lessons.builders import make_course
from tests.quizzes.builders import (
    enrolled_learner,
    make_category,
    make_question,
    make_quiz,
    take_quiz,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
MINUTE = timedelta(minutes=1)
SECOND = timedelta(seconds=1)


def make_questions(count, *, category=None, qtype="single", **fields):
    category = category or make_category()
    return [make_question(category=category, qtype=qtype, **fields) for _ in range(count)]


def drawn(attempt):
    """The question ids of an attempt in slot order."""
    return list(
        attempt.responses.order_by("slot").values_list("question_version__question", flat=True)
    )


def start(quiz, user, **kwargs):
    return services.attempt_start(user=user, quiz=quiz, **{"now": NOW, **kwargs})


def save(attempt, user, slot, answer, sequence=1, now=NOW):
    return services.attempt_save(
        attempt=attempt, user=user, slot=slot, answer=answer, sequence=sequence, now=now
    )


def stored(attempt, slot=1):
    return Response.objects.values("answer", "sequence").get(attempt=attempt, slot=slot)


def add_slot_tags(quiz, *names):
    # Straight onto the published slot, so the test does not depend on the page editor.
    slot = quiz.slots.get(kind="random")
    for name in names:
        QuizSlot.tags.through.objects.create(quizslot=slot, tag=Tag.objects.get(name=name))


# --- the frozen layout ------------------------------------------------------------


def test_start_freezes_versions_question_order_and_option_order():
    questions = make_questions(3)
    quiz = make_quiz(questions=questions, mark=Decimal("2"), shuffle_answers=True)
    user = enrolled_learner(quiz)
    attempt = start(quiz, user)
    responses = list(attempt.responses.order_by("slot"))
    assert [r.slot for r in responses] == [1, 2, 3]
    assert [r.page for r in responses] == [1, 2, 3]
    assert [r.question_version_id for r in responses] == [q.current_version_id for q in questions]
    assert all(sorted(r.option_order) == ["a", "b", "c"] for r in responses)
    assert all(r.max_mark == Decimal("2") for r in responses)
    assert (attempt.page_count, attempt.max_marks, attempt.number) == (3, Decimal("6"), 1)
    assert attempt.started_at == NOW
    layout = selectors.attempt_layout(attempt=attempt, user=user)
    for entry, response in zip(layout, responses, strict=True):
        assert [option["key"] for option in entry["options"]] == response.option_order


def test_every_question_on_one_page_when_asked():
    quiz = make_quiz(questions=make_questions(3), questions_per_page=0)
    attempt = start(quiz, enrolled_learner(quiz))
    assert set(attempt.responses.values_list("page", flat=True)) == {1}
    assert attempt.page_count == 1


def test_without_shuffling_the_author_order_stays():
    quiz = make_quiz(questions=make_questions(2), shuffle_answers=False)
    attempt = start(quiz, enrolled_learner(quiz))
    assert [r.option_order for r in attempt.responses.all()] == [["a", "b", "c"]] * 2


def test_answers_are_shuffled_per_attempt():
    quiz = make_quiz(questions=make_questions(1), shuffle_answers=True, attempts_allowed=0)
    user = enrolled_learner(quiz)
    orders = set()
    for _ in range(12):
        attempt = take_quiz(quiz, user, now=NOW)
        orders.add(tuple(attempt.responses.get().option_order))
    assert len(orders) >= 2
    assert all(sorted(order) == ["a", "b", "c"] for order in orders)


def test_questions_are_shuffled_per_attempt_when_asked():
    questions = make_questions(4, qtype="truefalse")
    quiz = make_quiz(questions=questions, shuffle_questions=True, attempts_allowed=0)
    user = enrolled_learner(quiz)
    orders = {tuple(drawn(take_quiz(quiz, user, now=NOW))) for _ in range(8)}
    assert len(orders) >= 2
    assert all(sorted(order) == sorted(q.pk for q in questions) for order in orders)


def test_an_edit_after_start_keeps_the_old_version_for_that_attempt():
    (question,) = make_questions(1)
    quiz = make_quiz(questions=[question])
    early, late = enrolled_learner(quiz), enrolled_learner(quiz)
    before = start(quiz, early)
    question_update(
        question=question,
        user=None,
        text="<p>Câu hỏi đã sửa</p>",
        payload={
            "options": [
                {"key": "a", "text": "Hà Nội", "fraction": "0"},
                {"key": "b", "text": "Huế", "fraction": "1"},
            ]
        },
    )
    question.refresh_from_db()
    after = start(quiz, late)
    assert before.responses.get().question_version.number == 1
    assert after.responses.get().question_version_id == question.current_version_id
    assert (
        selectors.attempt_layout(attempt=before, user=early)[0]["text"] != "<p>Câu hỏi đã sửa</p>"
    )
    assert selectors.attempt_layout(attempt=after, user=late)[0]["text"] == "<p>Câu hỏi đã sửa</p>"
    # Each attempt is graded by its own version: "a" was right, now "b" is.
    save(before, early, 1, {"choice": "a"})
    save(after, late, 1, {"choice": "a"})
    assert services.attempt_submit(attempt=before, user=early, now=NOW).grade == Decimal("10.00")
    assert services.attempt_submit(attempt=after, user=late, now=NOW).grade == Decimal("0.00")


# --- random slots ------------------------------------------------------------------


def test_random_slot_draws_distinct_ready_questions_from_its_category():
    category = make_category()
    ready = make_questions(4, category=category, qtype="truefalse")
    make_questions(3, category=category, qtype="truefalse", status="draft")
    make_questions(3, category=make_category(name="Khác"), qtype="truefalse")
    quiz = make_quiz(random_slots=[(category, 3)], attempts_allowed=0)
    user = enrolled_learner(quiz)
    seen = set()
    for _ in range(6):
        questions = drawn(take_quiz(quiz, user, now=NOW))
        assert len(questions) == len(set(questions)) == 3
        assert set(questions) <= {q.pk for q in ready}
        seen.update(questions)
    assert len(seen) == 4  # 6 draws of 3 from 4 miss one question with odds of 1 in 4**5


def test_random_slot_with_and_without_subcategories():
    parent = make_category(name="Cha")
    child = make_category(name="Con", parent=parent)
    (own,) = make_questions(1, category=parent, qtype="truefalse")
    nested = make_questions(2, category=child, qtype="truefalse")
    course = make_course()

    only_own = make_quiz(
        course=course,
        random_slots=[{"category": parent, "count": 1, "include_subcategories": False}],
    )
    assert drawn(start(only_own, enrolled_learner(only_own))) == [own.pk]

    everything = make_quiz(course=course, random_slots=[(parent, 3)])
    got = drawn(start(everything, enrolled_learner(everything)))
    assert sorted(got) == sorted([own.pk, *(q.pk for q in nested)])

    too_many = make_quiz(
        course=course,
        random_slots=[{"category": parent, "count": 2, "include_subcategories": False}],
    )
    with pytest.raises(ValidationError):
        start(too_many, enrolled_learner(too_many))


def test_random_slot_filters_by_every_tag_and_by_difficulty():
    category = make_category()
    law_hard = make_question(category=category, qtype="truefalse", tags=["luật"], difficulty="hard")
    make_question(category=category, qtype="truefalse", tags=["luật"], difficulty="easy")
    both_hard = make_question(
        category=category, qtype="truefalse", tags=["luật", "hiến pháp"], difficulty="hard"
    )
    make_question(category=category, qtype="truefalse", difficulty="hard")
    course = make_course()

    hard_law = make_quiz(
        course=course, random_slots=[{"category": category, "count": 2, "difficulty": "hard"}]
    )
    add_slot_tags(hard_law, "luật")
    assert sorted(drawn(start(hard_law, enrolled_learner(hard_law)))) == sorted(
        [law_hard.pk, both_hard.pk]
    )

    two_tags = make_quiz(course=course, random_slots=[(category, 1)])
    add_slot_tags(two_tags, "luật", "hiến pháp")
    assert drawn(start(two_tags, enrolled_learner(two_tags))) == [both_hard.pk]

    too_many = make_quiz(
        course=course, random_slots=[{"category": category, "count": 3, "difficulty": "hard"}]
    )
    add_slot_tags(too_many, "luật")
    with pytest.raises(ValidationError):
        start(too_many, enrolled_learner(too_many))


def test_slot_tags_survive_publishing_the_quiz():
    category = make_category()
    make_question(category=category, tags=["luật"])
    quiz = make_quiz(
        random_slots=[{"category": category, "count": 1, "tags": [Tag.objects.get(name="luật")]}]
    )
    slot = QuizPage.objects.get(pk=quiz.pk).slots.get()
    assert [tag.name for tag in slot.tags.all()] == ["luật"]


def test_random_draws_repeat_no_fixed_question_and_no_other_slot():
    category = make_category()
    questions = make_questions(4, category=category, qtype="truefalse")
    course = make_course()
    with_fixed = make_quiz(course=course, questions=[questions[0]], random_slots=[(category, 3)])
    two_slots = make_quiz(
        course=course, random_slots=[(category, 2), (category, 2)], attempts_allowed=0
    )
    got = drawn(start(with_fixed, enrolled_learner(with_fixed)))
    assert got[0] == questions[0].pk
    assert sorted(got) == sorted(q.pk for q in questions)
    user = enrolled_learner(two_slots)
    for _ in range(4):
        assert sorted(drawn(take_quiz(two_slots, user, now=NOW))) == sorted(q.pk for q in questions)


def test_not_enough_questions_refuses_the_start_and_creates_nothing():
    category = make_category()
    make_questions(2, category=category, qtype="truefalse")
    make_questions(1, category=category, qtype="description")  # never drawn
    quiz = make_quiz(random_slots=[(category, 3)])
    user = enrolled_learner(quiz)
    with pytest.raises(ValidationError):
        start(quiz, user)
    assert not Attempt.objects.exists()
    assert not Response.objects.exists()


def test_a_quiz_without_questions_cannot_start():
    quiz = make_quiz()
    with pytest.raises(ValidationError):
        start(quiz, enrolled_learner(quiz))
    assert not Attempt.objects.exists()


# --- one open attempt ------------------------------------------------------------


def test_the_database_allows_one_open_attempt_per_learner_and_quiz():
    quiz = make_quiz(questions=make_questions(1), attempts_allowed=0)
    user = enrolled_learner(quiz)
    start(quiz, user)
    for state in ("in_progress", "overdue"):
        with pytest.raises(IntegrityError), transaction.atomic():
            Attempt.objects.create(
                quiz=quiz, user=user, number=2, state=state, started_at=NOW, max_marks=1
            )
    # Closed attempts do not count, nor do other learners' attempts.
    Attempt.objects.create(
        quiz=quiz, user=user, number=2, state="finished", started_at=NOW, max_marks=1
    )
    Attempt.objects.create(quiz=quiz, user=learner(), number=1, started_at=NOW, max_marks=1)


def test_starting_again_returns_the_open_attempt_with_its_answers():
    quiz = make_quiz(questions=make_questions(2), attempts_allowed=0, shuffle_answers=True)
    user = enrolled_learner(quiz)
    first = start(quiz, user)
    save(first, user, 1, {"choice": "b"})
    orders = list(first.responses.values_list("option_order", flat=True))
    again = start(quiz, user, now=NOW + MINUTE)
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1
    assert Response.objects.count() == 2
    assert list(again.responses.values_list("option_order", flat=True)) == orders
    assert stored(again)["answer"] == {"choice": "b"}


# --- who may start, and when ---------------------------------------------------------


def test_attempts_allowed_with_extra_attempts_from_an_override():
    quiz = make_quiz(questions=make_questions(1), attempts_allowed=2)
    user = enrolled_learner(quiz)
    take_quiz(quiz, user, now=NOW)
    take_quiz(quiz, user, now=NOW)
    with pytest.raises(ValidationError):
        start(quiz, user)
    assert Attempt.objects.count() == 2
    QuizOverride.objects.create(quiz=quiz, user=user, extra_attempts=1)
    assert take_quiz(quiz, user, now=NOW).number == 3
    with pytest.raises(ValidationError):
        start(quiz, user)
    # Another learner's override gives this one nothing.
    other = enrolled_learner(quiz)
    take_quiz(quiz, other, now=NOW)
    take_quiz(quiz, other, now=NOW)
    with pytest.raises(ValidationError):
        start(quiz, other)


def test_the_open_and_close_dates_and_their_overrides():
    quiz = make_quiz(questions=make_questions(1), opens_at=NOW + 60 * MINUTE)
    user = enrolled_learner(quiz)
    with pytest.raises(ValidationError):
        start(quiz, user)
    QuizOverride.objects.create(quiz=quiz, user=user, opens_at=NOW - MINUTE)
    assert start(quiz, user)

    closed = make_quiz(questions=make_questions(1), closes_at=NOW - SECOND)
    user = enrolled_learner(closed)
    with pytest.raises(ValidationError):
        start(closed, user)
    with pytest.raises(ValidationError):
        start(closed, user, now=NOW - SECOND)  # the close moment itself is closed
    QuizOverride.objects.create(quiz=closed, user=user, closes_at=NOW + 60 * MINUTE)
    assert start(closed, user).deadline == NOW + 60 * MINUTE


@pytest.mark.parametrize(
    "limit, closes, extra, override_closes, expected",
    [
        (30, 60, 0, None, 30),
        (30, 10, 0, None, 10),
        (None, 10, 0, None, 10),
        (None, None, 0, None, None),
        (30, None, 15, None, 45),
        (30, 40, 15, None, 40),
        (None, 60, 0, 20, 20),
        (30, 35, 0, 90, 30),
    ],
)
def test_deadline_is_the_time_limit_or_the_close_whichever_comes_first(
    limit, closes, extra, override_closes, expected
):
    quiz = make_quiz(
        questions=make_questions(1),
        time_limit_minutes=limit,
        closes_at=NOW + closes * MINUTE if closes else None,
    )
    user = enrolled_learner(quiz)
    if extra or override_closes:
        QuizOverride.objects.create(
            quiz=quiz,
            user=user,
            extra_minutes=extra,
            closes_at=NOW + override_closes * MINUTE if override_closes else None,
        )
    attempt = start(quiz, user)
    assert attempt.deadline == (NOW + expected * MINUTE if expected else None)
    assert attempt.grace_ends_at is None


def test_grace_period_ends_after_the_deadline():
    quiz = make_quiz(
        questions=make_questions(1),
        time_limit_minutes=10,
        overdue_handling="grace",
        grace_minutes=5,
    )
    attempt = start(quiz, enrolled_learner(quiz))
    assert attempt.grace_ends_at == NOW + 15 * MINUTE


def test_password():
    quiz = make_quiz(questions=make_questions(1), password="Bí mật 2026")
    user = enrolled_learner(quiz)
    for wrong in (None, "", "bí mật 2026"):
        with pytest.raises(ValidationError) as error:
            start(quiz, user, password=wrong)
        assert error.value.code == "password"
    assert not Attempt.objects.exists()
    assert start(quiz, user, password="Bí mật 2026")


def test_ip_allow_list():
    quiz = make_quiz(
        questions=make_questions(1),
        ip_allowlist="10.1.2.0/24  # phòng máy\n\n192.0.2.5\n",
        attempts_allowed=0,
    )
    user = enrolled_learner(quiz)
    for refused in ("10.1.3.1", "192.0.2.6", None, "không phải IP"):
        with pytest.raises(PermissionDenied):
            start(quiz, user, ip=refused)
    assert not Attempt.objects.exists()
    first = start(quiz, user, ip="10.1.2.77")
    services.attempt_submit(attempt=first, user=user, now=NOW)
    assert start(quiz, user, ip="192.0.2.5").number == 2


def test_only_enrolled_learners_start():
    quiz = make_quiz(questions=make_questions(1))
    with pytest.raises(PermissionDenied):
        start(quiz, learner())
    assert not Attempt.objects.exists()


def test_anonymous_users_do_not_start():
    quiz = make_quiz(questions=make_questions(1))
    with pytest.raises(PermissionDenied):
        start(quiz, AnonymousUser())


# --- saving ----------------------------------------------------------------------------


@pytest.fixture
def open_attempt():
    quiz = make_quiz(questions=make_questions(2), time_limit_minutes=10)
    user = enrolled_learner(quiz)
    return start(quiz, user), user


def test_someone_elses_save_changes_nothing(open_attempt):
    attempt, _owner = open_attempt
    for intruder in (learner(), lecturer(), AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            save(attempt, intruder, 1, {"choice": "a"})
    assert stored(attempt) == {"answer": None, "sequence": 0}


def test_an_older_sequence_is_stale_and_keeps_the_stored_answer(open_attempt):
    attempt, user = open_attempt
    save(attempt, user, 1, {"choice": "a"}, sequence=2)
    with pytest.raises(StaleSequence) as error:
        save(attempt, user, 1, {"choice": "b"}, sequence=1)
    assert error.value.code == "stale"
    assert stored(attempt) == {"answer": {"choice": "a"}, "sequence": 2}


def test_the_same_save_twice_is_harmless(open_attempt):
    attempt, user = open_attempt
    first = save(attempt, user, 1, {"choice": "a"}, sequence=3)
    again = save(attempt, user, 1, {"choice": "a"}, sequence=3, now=NOW + MINUTE)
    assert (again.answer, again.sequence, again.saved_at) == ({"choice": "a"}, 3, first.saved_at)


def test_the_same_sequence_with_another_answer_is_stale(open_attempt):
    attempt, user = open_attempt
    save(attempt, user, 1, {"choice": "a"}, sequence=3)
    with pytest.raises(StaleSequence):
        save(attempt, user, 1, {"choice": "c"}, sequence=3)
    assert stored(attempt) == {"answer": {"choice": "a"}, "sequence": 3}


def test_a_newer_sequence_replaces_the_answer_and_slots_are_independent(open_attempt):
    attempt, user = open_attempt
    save(attempt, user, 1, {"choice": "a"}, sequence=1)
    saved = save(attempt, user, 1, {"choice": "b"}, sequence=5, now=NOW + MINUTE)
    assert saved.saved_at == NOW + MINUTE
    save(attempt, user, 2, {"choice": "c"}, sequence=1)
    assert stored(attempt, 1) == {"answer": {"choice": "b"}, "sequence": 5}
    assert stored(attempt, 2) == {"answer": {"choice": "c"}, "sequence": 1}


@pytest.mark.parametrize(
    "slot, answer, sequence",
    [
        (1, {"choice": "z"}, 2),  # not an option of the question
        (1, "a", 2),
        (9, {"choice": "a"}, 2),  # no such slot
        (1, {"choice": "a"}, "hai"),
        (1, {"choice": "a"}, None),
    ],
)
def test_bad_saves_change_nothing(open_attempt, slot, answer, sequence):
    attempt, user = open_attempt
    save(attempt, user, 1, {"choice": "b"}, sequence=1)
    with pytest.raises(ValidationError):
        save(attempt, user, slot, answer, sequence=sequence)
    assert stored(attempt) == {"answer": {"choice": "b"}, "sequence": 1}


def test_saves_close_five_seconds_after_the_deadline(open_attempt):
    attempt, user = open_attempt
    deadline = NOW + 10 * MINUTE
    assert attempt.deadline == deadline
    save(attempt, user, 1, {"choice": "a"}, sequence=1, now=deadline + 5 * SECOND)
    with pytest.raises(AttemptClosed):
        save(attempt, user, 1, {"choice": "b"}, sequence=2, now=deadline + 6 * SECOND)
    assert stored(attempt) == {"answer": {"choice": "a"}, "sequence": 1}


def test_no_saves_after_submitting(open_attempt):
    attempt, user = open_attempt
    attempt = services.attempt_submit(attempt=attempt, user=user, now=NOW)
    with pytest.raises(AttemptClosed):
        save(attempt, user, 1, {"choice": "a"})
    assert stored(attempt)["answer"] is None


def test_a_save_racing_a_submit_changes_nothing(open_attempt):
    attempt, user = open_attempt
    loaded_before_submit = Attempt.objects.get(pk=attempt.pk)
    services.attempt_submit(attempt=attempt, user=user, now=NOW)
    with pytest.raises(AttemptClosed):
        save(loaded_before_submit, user, 1, {"choice": "a"})
    assert stored(attempt)["answer"] is None


def test_sequential_navigation_refuses_other_pages():
    quiz = make_quiz(questions=make_questions(3), navigation="sequential")
    user = enrolled_learner(quiz)
    attempt = start(quiz, user)
    with pytest.raises(ValidationError):
        save(attempt, user, 2, {"choice": "a"})
    assert stored(attempt, 2)["answer"] is None
    # Sequential quizzes move one page at a time, forward only.
    assert services.attempt_go_to_page(attempt=attempt, user=user, page=3) == 2
    save(attempt, user, 2, {"choice": "a"})
    with pytest.raises(ValidationError):
        save(attempt, user, 1, {"choice": "a"})
    with pytest.raises(ValidationError):
        services.attempt_go_to_page(attempt=attempt, user=user, page=1)
    assert Attempt.objects.get(pk=attempt.pk).current_page == 2


def test_free_navigation_saves_any_page():
    quiz = make_quiz(questions=make_questions(3))
    user = enrolled_learner(quiz)
    attempt = start(quiz, user)
    save(attempt, user, 3, {"choice": "a"})
    save(attempt, user, 1, {"choice": "a"})
    assert services.attempt_go_to_page(attempt=attempt, user=user, page=3) == 3
    assert services.attempt_go_to_page(attempt=attempt, user=user, page=1) == 1
    with pytest.raises(PermissionDenied):
        services.attempt_go_to_page(attempt=attempt, user=learner(), page=2)


def test_flagging_is_for_the_owner_only(open_attempt):
    attempt, user = open_attempt
    with pytest.raises(PermissionDenied):
        services.response_flag(attempt=attempt, user=learner(), slot=1, flagged=True)
    services.response_flag(attempt=attempt, user=user, slot=2, flagged=True)
    assert list(attempt.responses.order_by("slot").values_list("flagged", flat=True)) == [
        False,
        True,
    ]


# --- submitting ----------------------------------------------------------------------


def test_submit_grades_the_saved_answers(open_attempt):
    attempt, user = open_attempt
    save(attempt, user, 1, {"choice": "a"})
    save(attempt, user, 2, {"choice": "b"})
    finished = services.attempt_submit(attempt=attempt, user=user, now=NOW + MINUTE)
    assert (finished.state, finished.finished_at) == ("finished", NOW + MINUTE)
    assert (finished.marks, finished.grade, finished.needs_grading) == (
        Decimal("1"),
        Decimal("5.00"),
        False,
    )
    marks = list(attempt.responses.order_by("slot").values_list("fraction", "mark"))
    assert marks == [(Decimal("1"), Decimal("1")), (Decimal("0"), Decimal("0"))]


def test_submitting_twice_changes_nothing(open_attempt):
    attempt, user = open_attempt
    save(attempt, user, 1, {"choice": "a"})
    first = services.attempt_submit(attempt=attempt, user=user, now=NOW + MINUTE)
    again = services.attempt_submit(attempt=attempt, user=user, now=NOW + 2 * MINUTE)
    assert again.pk == first.pk
    assert (again.state, again.grade, again.finished_at) == (
        "finished",
        first.grade,
        NOW + MINUTE,
    )
    assert Attempt.objects.filter(state="finished").count() == 1
    assert QuizGrade.objects.filter(user=user).count() == 1
    assert QuizGrade.objects.get(user=user).grade == Decimal("5.00")


def test_someone_else_cannot_submit(open_attempt):
    attempt, _user = open_attempt
    with pytest.raises(PermissionDenied):
        services.attempt_submit(attempt=attempt, user=learner(), now=NOW)
    assert Attempt.objects.get(pk=attempt.pk).state == "in_progress"
    assert not QuizGrade.objects.exists()


# --- running out of time ----------------------------------------------------------


def timed_quiz(handling, **fields):
    return make_quiz(
        questions=make_questions(2),
        time_limit_minutes=10,
        overdue_handling=handling,
        attempts_allowed=0,
        **fields,
    )


def test_autosubmit_finishes_overdue_attempts_with_their_saved_answers():
    quiz = timed_quiz("autosubmit")
    early, early_too, late = (enrolled_learner(quiz) for _ in range(3))
    first = start(quiz, early)
    save(first, early, 1, {"choice": "a"})
    second = start(quiz, early_too)
    third = start(quiz, late, now=NOW + 9 * MINUTE)
    assert services.attempts_close_overdue(now=NOW + 10 * MINUTE + 4 * SECOND) == 0
    assert services.attempts_close_overdue(now=NOW + 15 * MINUTE) == 2
    first.refresh_from_db()
    assert (first.state, first.finished_at, first.grade) == (
        "finished",
        NOW + 10 * MINUTE,
        Decimal("5.00"),
    )
    assert Attempt.objects.get(pk=second.pk).state == "finished"
    assert Attempt.objects.get(pk=third.pk).state == "in_progress"
    assert QuizGrade.objects.get(user=early).grade == Decimal("5.00")
    assert services.attempts_close_overdue(now=NOW + 15 * MINUTE) == 0


def test_a_late_submit_under_autosubmit_counts_at_the_deadline():
    quiz = timed_quiz("autosubmit")
    user = enrolled_learner(quiz)
    attempt = start(quiz, user)
    save(attempt, user, 1, {"choice": "a"})
    finished = services.attempt_submit(attempt=attempt, user=user, now=NOW + 30 * MINUTE)
    assert (finished.state, finished.finished_at) == ("finished", NOW + 10 * MINUTE)


def test_grace_period_allows_only_submitting_then_abandons():
    quiz = timed_quiz("grace", grace_minutes=5)
    user, slow = enrolled_learner(quiz), enrolled_learner(quiz)
    attempt = start(quiz, user)
    forgotten = start(quiz, slow)
    save(attempt, user, 1, {"choice": "a"})
    in_grace = NOW + 11 * MINUTE
    assert services.attempts_close_overdue(now=in_grace) == 2
    assert set(Attempt.objects.values_list("state", flat=True)) == {"overdue"}
    assert services.attempts_close_overdue(now=in_grace) == 0  # already overdue
    attempt.refresh_from_db()
    with pytest.raises(AttemptClosed):
        save(attempt, user, 2, {"choice": "a"}, now=in_grace)
    finished = services.attempt_submit(attempt=attempt, user=user, now=in_grace + MINUTE)
    assert (finished.state, finished.grade) == ("finished", Decimal("5.00"))
    assert services.attempts_close_overdue(now=NOW + 16 * MINUTE) == 1
    assert Attempt.objects.get(pk=forgotten.pk).state == "abandoned"
    assert not QuizGrade.objects.filter(user=slow).exists()


def test_attempt_close_if_overdue_moves_into_grace_then_abandons():
    quiz = timed_quiz("grace", grace_minutes=5)
    attempt = start(quiz, enrolled_learner(quiz))
    deadline = NOW + 10 * MINUTE
    assert not services.attempt_close_if_overdue(attempt=attempt, now=deadline + 5 * SECOND)
    assert services.attempt_close_if_overdue(attempt=attempt, now=deadline + 6 * SECOND)
    assert attempt.state == "overdue"
    assert not services.attempt_close_if_overdue(attempt=attempt, now=deadline + MINUTE)
    assert services.attempt_close_if_overdue(attempt=attempt, now=deadline + 6 * MINUTE)
    assert attempt.state == "abandoned"


@pytest.mark.parametrize("handling", ["grace", "abandon"])
def test_a_submit_too_late_leaves_the_attempt_abandoned(handling):
    quiz = timed_quiz(handling, grace_minutes=5)
    user = enrolled_learner(quiz)
    attempt = start(quiz, user)
    with pytest.raises(AttemptClosed):
        services.attempt_submit(attempt=attempt, user=user, now=NOW + 20 * MINUTE)
    assert Attempt.objects.get(pk=attempt.pk).state == "abandoned"


def test_a_submit_too_late_is_refused_and_grades_nothing():
    quiz = timed_quiz("abandon")
    user = enrolled_learner(quiz)
    attempt = start(quiz, user)
    save(attempt, user, 1, {"choice": "a"})
    with pytest.raises(AttemptClosed):
        services.attempt_submit(attempt=attempt, user=user, now=NOW + 11 * MINUTE)
    assert Attempt.objects.get(pk=attempt.pk).state != "finished"
    assert not QuizGrade.objects.exists()


def test_abandon_closes_overdue_attempts_without_a_grade():
    quiz = timed_quiz("abandon")
    user = enrolled_learner(quiz)
    attempt = start(quiz, user)
    save(attempt, user, 1, {"choice": "a"})
    # Just in time: a submit within the network allowance still counts.
    other = enrolled_learner(quiz)
    punctual = start(quiz, other)
    services.attempt_submit(attempt=punctual, user=other, now=NOW + 10 * MINUTE + 4 * SECOND)
    assert services.attempts_close_overdue(now=NOW + 11 * MINUTE) == 1
    attempt.refresh_from_db()
    assert (attempt.state, attempt.grade) == ("abandoned", None)
    with pytest.raises(AttemptClosed):
        services.attempt_submit(attempt=attempt, user=user, now=NOW + 12 * MINUTE)
    assert not QuizGrade.objects.filter(user=user).exists()
    assert QuizGrade.objects.get(user=other).grade == Decimal("0.00")


def test_starting_again_closes_an_overdue_attempt_first():
    quiz = timed_quiz("autosubmit")
    user = enrolled_learner(quiz)
    first = start(quiz, user)
    save(first, user, 1, {"choice": "a"})
    second = start(quiz, user, now=NOW + 30 * MINUTE)
    assert second.pk != first.pk
    assert second.number == 2
    first.refresh_from_db()
    assert (first.state, first.grade) == ("finished", Decimal("5.00"))


def test_an_overdue_attempt_is_closed_on_touch_even_without_attempts_left():
    quiz = make_quiz(
        questions=make_questions(1), time_limit_minutes=10, overdue_handling="autosubmit"
    )
    user = enrolled_learner(quiz)
    first = start(quiz, user)
    with pytest.raises(ValidationError):
        start(quiz, user, now=NOW + 30 * MINUTE)
    assert Attempt.objects.get(pk=first.pk).state == "finished"


# --- what a learner reads -------------------------------------------------------------


def test_someone_else_cannot_read_the_layout_or_the_result(open_attempt):
    attempt, user = open_attempt
    attempt = services.attempt_submit(attempt=attempt, user=user, now=NOW)
    other = enrolled_learner(attempt.quiz)
    with pytest.raises(PermissionDenied):
        selectors.attempt_layout(attempt=attempt, user=other)
    with pytest.raises(PermissionDenied):
        selectors.attempt_result(attempt=attempt, user=other)
    with pytest.raises(PermissionDenied):
        selectors.attempt_for(attempt_id=attempt.pk, user=other)
    with pytest.raises(PermissionDenied):
        selectors.attempt_for(attempt_id=attempt.pk + 1000, user=user)
    assert selectors.attempt_for(attempt_id=attempt.pk, user=user) == attempt
    assert selectors.attempt_result(attempt=attempt, user=user).grade == Decimal("0.00")


def test_the_course_lecturer_reads_the_result():
    teacher = lecturer()
    course = make_course(lecturers=[teacher])
    quiz = make_quiz(course=course, questions=make_questions(1))
    user = enrolled_learner(quiz)
    attempt = take_quiz(quiz, user, {1: {"choice": "a"}}, now=NOW)
    assert selectors.attempt_result(attempt=attempt, user=teacher).grade == Decimal("10.00")
    # The layout (what is being answered) is the learner's alone.
    with pytest.raises(PermissionDenied):
        selectors.attempt_layout(attempt=attempt, user=teacher)


SECRET = "BÍMẬT"


def secret_questions():
    category = make_category()
    feedback = {"correct": f"{SECRET}-c", "partial": f"{SECRET}-p", "incorrect": f"{SECRET}-i"}
    choice = {
        "options": [
            {"key": "a", "text": "Một", "fraction": "1", "feedback": f"{SECRET}-1"},
            {"key": "b", "text": "Hai", "fraction": "0", "feedback": f"{SECRET}-2"},
        ],
        "feedback": feedback,
    }
    payloads = {
        "single": choice,
        "multiple": {
            **choice,
            "options": [*choice["options"], {"key": "c", "text": "Ba", "fraction": "-1"}],
        },
        "truefalse": {"correct": True, "feedback_true": f"{SECRET}-t"},
        "shortanswer": {"answers": [{"text": "đápánẩn", "fraction": "1"}]},
        "numerical": {"answers": [{"value": "98765,4321", "tolerance": "0,5", "fraction": "1"}]},
        "matching": {
            "items": [{"text": "Luật", "option": "o1"}, {"text": "Nghị định", "option": "o2"}],
            "options": [{"text": "Quốc hội"}, {"text": "Chính phủ"}],
            "feedback": feedback,
        },
        "essay": {"grader_info": f"{SECRET}-g"},
        "case": {"case_page": 4242, "grader_info": f"{SECRET}-g"},
        "description": {},
    }
    return [
        make_question(
            category=category,
            qtype=qtype,
            payload=payload,
            general_feedback=f"<p>{SECRET}-chung</p>",
        )
        for qtype, payload in payloads.items()
    ]


def test_the_layout_never_shows_right_answers_or_feedback():
    quiz = make_quiz(questions=secret_questions(), shuffle_answers=True)
    user = enrolled_learner(quiz)
    attempt = start(quiz, user)
    layout = selectors.attempt_layout(attempt=attempt, user=user)
    assert [entry["type"] for entry in layout] == [
        "single",
        "multiple",
        "truefalse",
        "shortanswer",
        "numerical",
        "matching",
        "essay",
        "case",
        "description",
    ]
    dumped = json.dumps(layout, cls=DjangoJSONEncoder, ensure_ascii=False)
    for hidden in (SECRET, "fraction", "feedback", "grader_info", "correct", "đápánẩn", "98765"):
        assert hidden not in dumped, hidden
    matching = layout[5]
    assert all(set(item) == {"key", "text"} for item in matching["items"])


# --- query counts ------------------------------------------------------------------------


def count_queries(size):
    quiz = make_quiz(questions=make_questions(size), shuffle_answers=True)
    user = enrolled_learner(quiz)
    counts = {}
    with CaptureQueriesContext(connection) as queries:
        attempt = start(quiz, user)
    counts["start"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        selectors.attempt_layout(attempt=attempt, user=user)
    counts["layout"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        services.attempt_submit(attempt=attempt, user=user, now=NOW)
    counts["submit"] = len(queries)
    return counts


def test_queries_do_not_grow_with_the_number_of_questions():
    small, large = count_queries(3), count_queries(25)
    for step in small:
        assert large[step] <= small[step], (step, small, large)
