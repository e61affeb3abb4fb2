import io
import json
import re
import unicodedata
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from lessons.models import CoursePage
from library.models import CaseStudyPage
from quizzes import demo, services
from quizzes.demo_data import questions as data
from quizzes.models import (
    Attempt,
    Question,
    QuestionCategory,
    QuestionVersion,
    QuizGrade,
    QuizOverride,
    QuizPage,
    Response,
)
from quizzes.qtypes import QUESTION_TYPES, question_type

pytestmark = pytest.mark.django_db

# Old-style tone placement ("hoá", "khoẻ", "tuỳ"); the project writes "hóa", "khỏe", "tùy".
OLD_STYLE_TONE = re.compile(r"(?:o[áàảãạ]|o[éèẻẽẹ]|(?<!q)u[ýỳỷỹỵ])(?!\w)", re.IGNORECASE)


@pytest.fixture
def output():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _demo_questions():
    return Question.objects.filter(idnumber__startswith="demo-").select_related("current_version")


def _quiz(course_slug, slug):
    return QuizPage.objects.child_of(CoursePage.objects.get(slug=course_slug)).get(slug=slug)


def test_the_bank_has_every_type_and_at_least_forty_questions(output):
    questions = list(_demo_questions())
    assert len(questions) == len(data.QUESTIONS) >= 40
    assert "ngân hàng câu hỏi mẫu" in output
    types = Counter(question.qtype for question in questions)
    assert set(types) == set(QUESTION_TYPES)
    assert {"draft", "ready"} == {question.status for question in questions}
    assert {"easy", "medium", "hard"} == {question.difficulty for question in questions}
    assert all(question.tags.exists() for question in questions if question.qtype != "description")
    assert all(question.created_by.username == "giangvien" for question in questions)


def test_every_stored_payload_is_valid_and_clean():
    call_command("seed_demo", stdout=io.StringIO())
    for question in _demo_questions():
        version = question.current_version
        assert version.number == 1
        assert question_type(version.qtype).clean_payload(version.payload) == version.payload
        text = json.dumps(
            [version.text, version.payload, version.general_feedback, question.name],
            ensure_ascii=False,
        )
        assert unicodedata.is_normalized("NFC", text), question.idnumber
        assert not OLD_STYLE_TONE.search(text), (question.idnumber, OLD_STYLE_TONE.search(text))


def test_the_special_cases_are_covered():
    call_command("seed_demo", stdout=io.StringIO())
    payloads = {q.idnumber: q.current_version.payload for q in _demo_questions()}
    kinds = {q.idnumber: q.qtype for q in _demo_questions()}

    def of(qtype):
        return [payload for idnumber, payload in payloads.items() if kinds[idnumber] == qtype]

    assert any(Decimal(o["fraction"]) < 0 for p in of("multiple") for o in p["options"])
    assert any(p["accent_insensitive"] for p in of("shortanswer"))
    assert any("*" in a["text"] for p in of("shortanswer") for a in p["answers"])
    assert any(a.get("tolerance") not in (None, "0") for p in of("numerical") for a in p["answers"])
    assert any("min" in a for p in of("numerical") for a in p["answers"])
    assert any(len(p["options"]) > len(p["items"]) for p in of("matching"))
    assert all(p["grader_info"] for p in of("essay") + of("case"))
    (case,) = of("case")
    page = Page.objects.get(pk=case["case_page"]).specific
    assert isinstance(page, CaseStudyPage) and page.slug == demo.CASE_STUDY_SLUG


def test_answers_graded_right_by_each_type():
    """The demo's own right answers must grade as right, or the demo attempts lie."""
    call_command("seed_demo", stdout=io.StringIO())
    for question in _demo_questions().exclude(qtype__in=["essay", "case", "description"]):
        version = question.current_version
        kind = version.type
        right = kind.clean_answer(version.payload, demo.demo_answer(version, right=True))
        wrong = kind.clean_answer(version.payload, demo.demo_answer(version, right=False))
        assert kind.grade(version.payload, right).state == "right", question.idnumber
        assert kind.grade(version.payload, wrong).state != "right", question.idnumber


def test_categories_form_a_tree_under_the_demo_unit():
    call_command("seed_demo", stdout=io.StringIO())
    categories = QuestionCategory.objects.filter(idnumber__startswith="demo-cat-")
    assert categories.count() == len(data.CATEGORIES)
    assert {c.unit.code for c in categories} == {demo.UNIT_CODE}
    cong_vu = categories.get(idnumber=data.CONG_VU)
    assert cong_vu.get_parent().name == "Quản lý nhà nước"
    assert cong_vu.questions.count() >= 5


def test_practice_quizzes_and_final_exams_with_slots():
    call_command("seed_demo", stdout=io.StringIO())
    for course_slug in (demo.COURSE_QLNN, demo.COURSE_CDS):
        practice = _quiz(course_slug, demo.PRACTICE_SLUG)
        assert practice.live and practice.title == "Bài kiểm tra luyện tập"
        assert practice.attempts_allowed == 0 and practice.grading_method == "highest"
        assert practice.review_answers_after and practice.review_feedback_after
        assert practice.slots.filter(kind="fixed").count() >= 9
        assert not practice.slots.filter(kind="random").exists()

        exam = _quiz(course_slug, demo.EXAM_SLUG)
        assert exam.live and exam.title == "Bài thi cuối khóa"
        assert exam.time_limit_minutes == 30 and exam.attempts_allowed == 1
        assert exam.is_required and exam.shuffle_questions and exam.shuffle_answers
        assert exam.overdue_handling == "autosubmit"
        assert exam.review_marks_after and not exam.review_answers_after
        assert exam.review_answers_closed and exam.closes_at is not None
        assert exam.slots.filter(kind="random").count() >= 3
        assert exam.slots.filter(kind="fixed", question__qtype__in=["essay", "case"]).exists()
        # Every random slot can be filled: an attempt can always start.
        for slot in exam.slots.filter(kind="random"):
            drawable = Question.objects.filter(
                category__path__startswith=slot.category.path, status="ready"
            ).exclude(qtype__in=["description", "essay", "case"])
            assert drawable.count() >= slot.count


def test_finished_attempts_fill_the_reports():
    call_command("seed_demo", stdout=io.StringIO())
    practice = _quiz(demo.COURSE_QLNN, demo.PRACTICE_SLUG)
    exam = _quiz(demo.COURSE_QLNN, demo.EXAM_SLUG)
    attempts = Attempt.objects.filter(quiz__in=[practice, exam])
    assert attempts.count() == 5
    assert set(attempts.values_list("state", flat=True)) == {"finished"}
    assert set(attempts.values_list("user__username", flat=True)) == {"hocvien", "hocvien2"}
    assert all(a.started_at < a.finished_at < timezone.now() for a in attempts)
    assert Response.objects.filter(attempt__in=attempts, answer__isnull=False).count() > 20

    graded = Response.objects.get(
        attempt__quiz=exam, attempt__user__username="hocvien", question_version__qtype="essay"
    )
    assert graded.graded_by.username == "giangvien" and graded.mark is not None
    assert Attempt.objects.get(quiz=exam, user__username="hocvien").grade is not None
    waiting = Attempt.objects.get(quiz=exam, user__username="hocvien2")
    assert waiting.needs_grading and waiting.grade is None
    assert waiting.responses.filter(needs_grading=True).count() == 1
    assert QuizGrade.objects.filter(quiz=practice).count() == 2

    override = QuizOverride.objects.get(quiz=exam)
    assert override.user.username == "hocvien2" and override.extra_attempts == 1
    assert Attempt.objects.filter(quiz=_quiz(demo.COURSE_CDS, demo.PRACTICE_SLUG)).count() == 1


def _counts():
    return {
        "questions": Question.objects.count(),
        "versions": QuestionVersion.objects.count(),
        "categories": QuestionCategory.objects.count(),
        "quizzes": QuizPage.objects.count(),
        "attempts": Attempt.objects.count(),
        "responses": Response.objects.count(),
        "overrides": QuizOverride.objects.count(),
        "grades": QuizGrade.objects.count(),
        "revisions": Revision.objects.count(),
        "latest revision": Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }


def test_seeding_twice_creates_and_changes_nothing(output):
    first = _counts()
    responses = list(Response.objects.order_by("pk").values())
    again = io.StringIO()
    call_command("seed_demo", stdout=again)
    assert _counts() == first
    assert list(Response.objects.order_by("pk").values()) == responses
    assert "ngân hàng câu hỏi mẫu" not in again.getvalue()
    assert "lượt làm bài mẫu" not in again.getvalue()


def test_a_learners_own_attempts_are_kept():
    """Demo attempts are only made for a learner who has none at that quiz."""
    call_command("seed_demo", stdout=io.StringIO())
    practice = _quiz(demo.COURSE_CDS, demo.PRACTICE_SLUG)
    Attempt.objects.filter(quiz=practice).delete()
    own = services.attempt_start(
        user=get_user_model().objects.get(username="hocvien"), quiz=practice
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert list(Attempt.objects.filter(quiz=practice)) == [own]
    own.refresh_from_db()
    assert own.state == "in_progress"
