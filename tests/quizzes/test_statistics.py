"""Item statistics (Moodle's definitions) on small data sets computed by hand, and the page."""

import math

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.services import enrolment_create
from quizzes import services, statistics
from quizzes.models import QuizStatistics
from tests.factories import learner, lecturer, manager
from tests.lessons.builders import make_course
from tests.quizzes.builders import make_category, make_question, make_quiz

pytestmark = pytest.mark.django_db

RIGHT, WRONG = {"choice": "a"}, {"choice": "b"}


def close(value, expected):
    return value is not None and math.isclose(value, expected, abs_tol=1e-6)


# --- The formulas -----------------------------------------------------------------


def test_item_figures_on_a_set_computed_by_hand():
    # Marks out of 2 on the item, and the same four attempts' other marks.
    # mean x = 1, mean y = 1,5; var x = 2/3, var y = 5/3, cov = 1/3;
    # sorted pairs give cov_max = 1.
    figures = statistics.item_figures([2, 1, 0, 1], [3, 1, 2, 0], 2)
    assert figures["count"] == 4
    assert close(figures["facility"], 0.5)
    assert close(figures["sd"], math.sqrt(2 / 3) / 2)  # 0,408248
    assert close(figures["discrimination_index"], 1 / math.sqrt(10))  # 0,316228
    assert close(figures["discriminative_efficiency"], 1 / 3)


def test_item_figures_need_two_attempts_and_some_spread():
    single = statistics.item_figures([1], [2], 1)
    assert close(single["facility"], 1.0) and single["sd"] is None
    assert single["discrimination_index"] is None
    same = statistics.item_figures([1, 1, 1], [0, 1, 2], 1)
    assert close(same["facility"], 1.0) and close(same["sd"], 0.0)
    assert same["discrimination_index"] is None and same["discriminative_efficiency"] is None
    assert statistics.item_figures([], [], 1)["facility"] is None


# --- From attempts ------------------------------------------------------------------


def take(quiz, user, answers):
    enrolment_create(user=user, course=quiz.course)
    attempt = services.attempt_start(user=user, quiz=quiz)
    for slot, answer in answers.items():
        services.attempt_save(attempt=attempt, user=user, slot=slot, answer=answer, sequence=1)
    return services.attempt_submit(attempt=attempt, user=user)


@pytest.fixture
def teacher():
    return lecturer()


@pytest.fixture
def exam(teacher):
    """Three one-mark single-choice questions and a short answer (one mark), four learners.

    right answers:   Q1 Q2 Q3   totals of Q1-Q3
    learner 1         1  1  1   3
    learner 2         1  1  0   2
    learner 3         0  1  0   1
    learner 4         0  0  0   0
    Q4 (short answer) is left unanswered by learners 3 and 4.
    """
    category = make_category()
    questions = [make_question(category=category, name=f"Câu {n}") for n in (1, 2, 3)]
    questions.append(make_question(category=category, qtype="shortanswer", name="Câu 4"))
    quiz = make_quiz(course=make_course(lecturers=[teacher]), questions=questions)
    patterns = [(1, 1, 1), (1, 1, 0), (0, 1, 0), (0, 0, 0)]
    short = [{"text": "Quản lý  nhà nước"}, {"text": "quản lý nhà nước"}, None, None]
    # Q4 is right for learners 1 and 2: the totals on Q1-Q4 are 4, 3, 1, 0.
    for pattern, text in zip(patterns, short, strict=True):
        answers = {slot: RIGHT if right else WRONG for slot, right in enumerate(pattern, 1)}
        if text:
            answers[4] = text
        take(quiz, learner(), answers)
    return quiz


def test_statistics_from_attempts_match_hand_computed_values(exam):
    stats = statistics.quiz_statistics_compute(quiz=exam)
    data = stats.data
    assert stats.attempt_count == 4 and data["attempts"] == 4
    q1, q2, q3, q4 = data["items"]
    # Q1: x = 1,1,0,0; the totals on Q1-Q4 are 4,3,1,0, so y = 3,2,1,0.
    # mean x 0,5, mean y 1,5; var x 1/3, var y 5/3, cov 2/3 -> DI = 2/sqrt(5).
    assert close(q1["facility"], 0.5)
    assert close(q1["sd"], math.sqrt(1 / 3))
    assert close(q1["discrimination_index"], 2 / math.sqrt(5))
    # Sorted x 0,0,1,1 with sorted y 0,1,2,3: the same pairs, so efficiency 100%.
    assert close(q1["discriminative_efficiency"], 1.0)
    # Q2: x = 1,1,1,0; y = 3,2,0,0: mean x 0,75, mean y 1,25;
    # cov = (0,25*1,75 + 0,25*0,75 - 0,25*1,25 + 0,75*1,25) / 3 = 1,25/3;
    # var x = 0,75/3; var y = 6,75/3 -> DI = 1,25 / sqrt(0,75 * 6,75) = 5/9.
    # Sorted: x 0,1,1,1 with y 0,0,2,3: cov_max = (0,75*1,25 + 0,25*(-1,25)
    # + 0,25*0,75 + 0,25*1,75) / 3 = 1,25/3, so efficiency 100%.
    assert close(q2["facility"], 0.75)
    assert close(q2["sd"], 0.5)
    assert close(q2["discrimination_index"], 5 / 9)
    assert close(q2["discriminative_efficiency"], 1.0)
    assert close(q3["facility"], 0.25)
    assert close(q4["facility"], 0.5)
    assert [item["count"] for item in data["items"]] == [4, 4, 4, 4]
    assert data["grade"]["mean"] == 5.0 and data["grade"]["median"] == 5.0


def test_option_and_answer_counts(exam):
    data = statistics.quiz_statistics_compute(quiz=exam).data
    [q1] = data["items"][0]["questions"]
    counts = {answer["key"]: answer["count"] for answer in q1["answers"]}
    assert counts == {"a": 2, "b": 2, "c": 0}
    assert [answer["text"] for answer in q1["answers"]] == ["Hà Nội", "Huế", "Đà Nẵng"]
    assert q1["answers"][0]["fraction"] == "1"
    [q4] = data["items"][3]["questions"]
    # Spacing and case do not make another answer.
    assert [(answer["count"], answer["fraction"]) for answer in q4["answers"]] == [(2, "1")]
    assert q4["unanswered"] == 2


def test_attempts_waiting_for_grading_are_left_out(teacher):
    essay = make_question(qtype="essay", payload={"format": "html"})
    quiz = make_quiz(course=make_course(lecturers=[teacher]), questions=[make_question(), essay])
    take(quiz, learner(), {1: RIGHT, 2: {"text": "<p>Bài</p>"}})
    graded = take(quiz, learner(), {1: WRONG, 2: {"text": "<p>Bài</p>"}})
    services.response_grade_manual(response=graded.responses.get(slot=2), grader=teacher, mark="1")
    data = statistics.quiz_statistics_compute(quiz=quiz).data
    assert data["attempts"] == 1
    assert close(data["items"][0]["facility"], 0.0) and close(data["items"][1]["facility"], 1.0)


def test_recompute_replaces_the_stored_figures(exam):
    first = statistics.quiz_statistics_compute(quiz=exam, now=timezone.now())
    take(exam, learner(), {1: RIGHT, 2: RIGHT, 3: RIGHT, 4: {"text": "quản lý nhà nước"}})
    second = statistics.quiz_statistics_compute(quiz=exam)
    assert second.pk == first.pk and second.attempt_count == 5
    assert QuizStatistics.objects.filter(quiz=exam).count() == 1


class QueueSpy:
    """Stands in for the task: records what would be queued for the worker."""

    def __init__(self, queued):
        self.queued = queued

    def enqueue(self, *args):
        self.queued.append(args)


def test_large_quizzes_go_to_the_task(exam, monkeypatch):
    queued = []
    monkeypatch.setattr(statistics, "INLINE_ATTEMPTS", 2)
    monkeypatch.setattr(statistics, "quiz_statistics_task", QueueSpy(queued))
    assert statistics.quiz_statistics_refresh(quiz=exam) is None
    assert queued == [(exam.pk,)]
    assert not QuizStatistics.objects.filter(quiz=exam).exists()


def test_the_task_computes_and_stores(exam):
    result = statistics.quiz_statistics_task.enqueue(exam.pk)  # immediate backend in tests
    assert result.return_value == 4
    assert QuizStatistics.objects.get(quiz=exam).attempt_count == 4
    assert statistics.quiz_statistics_task.enqueue(999999).return_value is None


# --- The page -----------------------------------------------------------------------


def stats_url(quiz):
    return reverse("quizzes_manage:statistics", args=[quiz.pk])


def test_page_computes_a_small_quiz_and_shows_the_figures(client, exam, teacher):
    client.force_login(teacher)
    response = client.get(stats_url(exam))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-computed-at" in html
    assert "<td data-facility>50,00%</td>" in html
    assert "<td data-facility>75,00%</td>" in html
    assert "<td data-di>89,44%</td>" in html  # 2/sqrt(5)
    assert "<td data-di>55,56%</td>" in html  # 5/9
    assert 'data-answers-for="1-' in html
    assert QuizStatistics.objects.filter(quiz=exam).exists()


def test_page_shows_stored_figures_until_recomputed(client, exam, teacher):
    stored = statistics.quiz_statistics_compute(quiz=exam)
    QuizStatistics.objects.filter(pk=stored.pk).update(data={**stored.data, "items": []})
    client.force_login(teacher)
    assert "data-facility" not in client.get(stats_url(exam)).content.decode()
    recomputed = client.post(stats_url(exam))
    assert recomputed.status_code == 302
    assert "data-facility" in client.get(stats_url(exam)).content.decode()


def test_page_of_a_large_quiz_says_it_is_being_computed(client, exam, teacher, monkeypatch):
    monkeypatch.setattr(statistics, "INLINE_ATTEMPTS", 0)
    monkeypatch.setattr(statistics, "quiz_statistics_task", QueueSpy([]))
    client.force_login(teacher)
    html = client.get(stats_url(exam)).content.decode()
    assert "data-pending" in html and "data-recompute" in html


def test_page_is_refused_to_outsiders(client, exam):
    make_course(title="Khóa khác", lecturers=[other := lecturer()])
    client.force_login(other)
    for response in (client.get(stats_url(exam)), client.post(stats_url(exam))):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert not QuizStatistics.objects.filter(quiz=exam).exists()
    client.force_login(manager())
    assert client.get(stats_url(exam)).status_code == 200
