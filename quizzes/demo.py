"""Demo question bank, quizzes and attempts for `manage.py seed_demo`.

The bank (``quizzes.demo_data.questions``) is a tree of categories of the demo
training unit with questions of every type. Two demo courses get a practice quiz
(unlimited attempts, answers and feedback right after submitting) and a timed final
exam (30 minutes, one attempt, questions drawn at random from the categories). The
demo learners have finished attempts, made through the attempt services with
moments in the past, so the results and grading screens have something to show:
one essay is graded by the demo lecturer, another waits for grading.

Each part is recognised by a stable key — a question's or category's ``idnumber``
("demo-…"), a quiz's slug under its course, a learner's attempts at a quiz — so a
second run creates and changes nothing.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from lessons.models import CoursePage
from library.demo_data.case_studies import QUIZ_CASE
from library.models import CaseStudyPage
from lms.models import TrainingUnit
from quizzes import services
from quizzes.bank.services import category_create, question_create
from quizzes.demo_data import questions as data
from quizzes.models import Attempt, Question, QuestionCategory, QuizOverride, QuizPage, QuizSlot
from quizzes.models.pages import GradingMethod, OverdueHandling, SlotKind

LECTURER = "giangvien"
UNIT_CODE = "hoc-vien-hanh-chinh"
COURSE_QLNN = "tong-quan-ve-quan-ly-nha-nuoc"
COURSE_CDS = "chuyen-doi-so-trong-co-quan-hanh-chinh-nha-nuoc"
# The case analysis is about the library demo's case study of the same situation (leaked
# personal data at a ward), built before the quizzes.
CASE_STUDY_SLUG = QUIZ_CASE.slug
PRACTICE_SLUG = "bai-kiem-tra-luyen-tap"
EXAM_SLUG = "bai-thi-cuoi-khoa"
# The final exams close this long after the demo is built, so "answers after the close
# date" can be seen by moving the date in the admin.
EXAM_OPEN_DAYS = 60


@dataclass(frozen=True)
class DemoQuiz:
    course_slug: str
    slug: str
    title: str
    introduction: str
    fixed: list[tuple[str, str]] = field(default_factory=list)  # (question idnumber, mark)
    random: list[tuple[str, int, str]] = field(default_factory=list)  # (category, count, mark)
    exam: bool = False


PRACTICE_SETTINGS = {
    "attempts_allowed": 0,
    "grading_method": GradingMethod.HIGHEST,
    "questions_per_page": 4,
    "shuffle_answers": True,
    "review_marks_after": True,
    "review_answers_after": True,
    "review_feedback_after": True,
    "is_required": False,
}

EXAM_SETTINGS = {
    "time_limit_minutes": 30,
    "overdue_handling": OverdueHandling.AUTOSUBMIT,
    "attempts_allowed": 1,
    "grading_method": GradingMethod.HIGHEST,
    "questions_per_page": 3,
    "shuffle_questions": True,
    "shuffle_answers": True,
    "review_marks_after": True,
    "review_answers_after": False,
    "review_feedback_after": False,
    "review_marks_closed": True,
    "review_answers_closed": True,
    "review_feedback_closed": True,
    "is_required": True,
}

PRACTICE_INTRO = (
    "<p>Bài luyện tập giúp anh/chị tự kiểm tra kiến thức sau khi học. Không giới hạn thời gian "
    "và số lần làm bài; điểm cao nhất được ghi nhận. Ngay sau khi nộp bài, anh/chị xem được "
    "điểm, đáp án và nhận xét của từng câu.</p>"
)
EXAM_INTRO = (
    "<p>Bài thi cuối khóa gồm các câu trắc nghiệm rút ngẫu nhiên từ ngân hàng câu hỏi và một "
    "câu tự luận. Thời gian làm bài 30 phút, mỗi học viên làm một lần; hết giờ, bài được nộp "
    "tự động với các câu trả lời đã lưu. Điểm được công bố sau khi giảng viên chấm phần tự "
    "luận; đáp án được công bố sau khi bài thi đóng.</p>"
)

QUIZZES = [
    DemoQuiz(
        COURSE_QLNN,
        PRACTICE_SLUG,
        "Bài kiểm tra luyện tập",
        PRACTICE_INTRO,
        fixed=[
            (idnumber, "1")
            for idnumber in (
                "demo-mo-ta-qlnn",
                "demo-bm-01",
                "demo-bm-02",
                "demo-bm-05",
                "demo-cv-01",
                "demo-cv-04",
                "demo-cv-05",
                "demo-cc-04",
                "demo-vb-02",
                "demo-vb-04",
                "demo-vb-06",
            )
        ],
    ),
    DemoQuiz(
        COURSE_QLNN,
        EXAM_SLUG,
        "Bài thi cuối khóa",
        EXAM_INTRO,
        random=[
            (data.BO_MAY, 3, "0.8"),
            (data.CONG_VU, 3, "0.8"),
            (data.CCHC, 2, "0.8"),
            (data.VAN_BAN, 2, "0.8"),
        ],
        fixed=[("demo-tl-01", "2")],
        exam=True,
    ),
    DemoQuiz(
        COURSE_CDS,
        PRACTICE_SLUG,
        "Bài kiểm tra luyện tập",
        PRACTICE_INTRO,
        fixed=[
            (idnumber, "1")
            for idnumber in (
                "demo-mo-ta-cds",
                "demo-cps-01",
                "demo-cps-02",
                "demo-cps-05",
                "demo-cps-07",
                "demo-dl-02",
                "demo-dl-03",
                "demo-at-02",
                "demo-at-03",
                "demo-at-04",
            )
        ],
    ),
    DemoQuiz(
        COURSE_CDS,
        EXAM_SLUG,
        "Bài thi cuối khóa",
        EXAM_INTRO,
        random=[
            (data.CHINH_PHU_SO, 4, "0.8"),
            (data.DU_LIEU, 3, "0.8"),
            (data.ATTT, 3, "0.8"),
        ],
        fixed=[(data.CASE_QUESTION, "2")],
        exam=True,
    ),
]


@dataclass(frozen=True)
class DemoAttempt:
    """A finished attempt; ``pattern`` says per question in order: 1 right, 0 wrong, - blank."""

    username: str
    course_slug: str
    quiz_slug: str
    days_ago: int
    at: str  # local time "HH:MM" the attempt starts
    minutes: int  # until it is submitted
    pattern: str
    essay: str = ""
    grade: tuple[str, str] | None = None  # the lecturer's (mark, comment) for the essay


ESSAY_HOCVIEN = (
    "<p>Thứ nhất, khi tiếp nhận hồ sơ tôi kiểm tra toàn bộ thành phần hồ sơ ngay từ đầu và "
    "hướng dẫn người dân bổ sung một lần, bằng phiếu hướng dẫn, để họ không phải đi lại nhiều "
    "lần.</p><p>Thứ hai, tôi rà soát các biểu mẫu của Sở và đề xuất bỏ hai giấy tờ mà cơ quan đã "
    "có trong cơ sở dữ liệu, thay bằng việc khai thác dữ liệu dân cư.</p><p>Thứ ba, tôi hướng "
    "dẫn người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia và theo dõi để hồ sơ "
    "được giải quyết đúng hạn.</p>"
)
ESSAY_HOCVIEN2 = (
    "<p>Công chức cần nâng cao tinh thần trách nhiệm, niềm nở với người dân và giải quyết hồ sơ "
    "đúng hạn. Ở xã tôi, nhiều người cao tuổi chưa quen nộp hồ sơ trực tuyến, nên tôi thường "
    "ngồi cùng họ để hướng dẫn từng bước trên điện thoại.</p>"
)

ATTEMPTS = [
    DemoAttempt("hocvien", COURSE_QLNN, PRACTICE_SLUG, 12, "09:00", 14, "1101101011"),
    DemoAttempt("hocvien", COURSE_QLNN, PRACTICE_SLUG, 10, "20:15", 11, "1111111101"),
    DemoAttempt("hocvien2", COURSE_QLNN, PRACTICE_SLUG, 6, "10:00", 18, "10110-1101"),
    DemoAttempt(
        "hocvien",
        COURSE_QLNN,
        EXAM_SLUG,
        5,
        "14:00",
        24,
        "11110111011",
        essay=ESSAY_HOCVIEN,
        grade=(
            "1.5",
            "Ba việc làm cụ thể, khả thi và gắn với vị trí công tác. Cần phân tích rõ hơn kết "
            "quả mong đợi của từng việc.",
        ),
    ),
    DemoAttempt(
        "hocvien2",
        COURSE_QLNN,
        EXAM_SLUG,
        4,
        "08:30",
        28,
        "10110101101",
        essay=ESSAY_HOCVIEN2,
    ),
    DemoAttempt("hocvien", COURSE_CDS, PRACTICE_SLUG, 3, "21:00", 12, "1110111011"),
]

# One more attempt at the final exam for the second learner, whose first sitting was
# interrupted; managers give such extra attempts per learner in the admin.
OVERRIDES = [
    (
        "hocvien2",
        COURSE_QLNN,
        EXAM_SLUG,
        "Lượt thi đầu bị gián đoạn do mất kết nối mạng (dữ liệu mẫu).",
    ),
]


# --- Builders -------------------------------------------------------------------------


def seed_quizzes_demo(*, stdout):
    """Create the demo bank, quizzes and attempts; parts that already exist are left alone."""
    unit = TrainingUnit.objects.filter(code=UNIT_CODE).first()
    users = {user.username: user for user in get_user_model().objects.all()}
    lecturer = users.get(LECTURER)
    if unit is None or lecturer is None:
        stdout.write("Thiếu đơn vị hoặc giảng viên mẫu: bỏ qua ngân hàng câu hỏi mẫu.")
        return
    categories = _categories(unit)
    questions = _questions(categories, unit=unit, lecturer=lecturer, stdout=stdout)
    quizzes = {}
    for demo_quiz in QUIZZES:
        quiz = _quiz(demo_quiz, categories=categories, questions=questions, stdout=stdout)
        if quiz is not None:
            quizzes[demo_quiz.course_slug, demo_quiz.slug] = quiz
    for username, course_slug, quiz_slug, reason in OVERRIDES:
        quiz = quizzes.get((course_slug, quiz_slug))
        if quiz is not None and username in users:
            QuizOverride.objects.get_or_create(
                quiz=quiz, user=users[username], defaults={"extra_attempts": 1, "reason": reason}
            )
    _attempts(quizzes, users=users, lecturer=lecturer, stdout=stdout)


def _categories(unit):
    """The demo categories by idnumber, created where missing (parents come first)."""
    existing = {
        category.idnumber: category
        for category in QuestionCategory.objects.filter(
            unit=unit, idnumber__in=[c.idnumber for c in data.CATEGORIES]
        )
    }
    for demo in data.CATEGORIES:
        if demo.idnumber in existing:
            continue
        parent = existing[demo.parent] if demo.parent else None
        existing[demo.idnumber] = category_create(
            name=demo.name,
            parent=parent,
            unit=unit,
            description=demo.description,
            idnumber=demo.idnumber,
        )
    return existing


def _questions(categories, *, unit, lecturer, stdout):
    """The demo questions by idnumber, created where missing."""
    existing = {
        question.idnumber: question
        for question in Question.objects.filter(
            category__unit=unit, idnumber__in=[q.idnumber for q in data.QUESTIONS]
        )
    }
    case_study = CaseStudyPage.objects.filter(slug=CASE_STUDY_SLUG).first()
    created = 0
    for demo in data.QUESTIONS:
        if demo.idnumber in existing:
            continue
        payload = demo.payload
        if demo.qtype == "case":
            if case_study is None:
                continue  # no page to analyse without the library demo
            payload = {**payload, "case_page": case_study.pk}
        existing[demo.idnumber] = question_create(
            category=categories[demo.category],
            qtype=demo.qtype,
            name=demo.name,
            text=demo.text,
            payload=payload,
            general_feedback=demo.general_feedback,
            difficulty=demo.difficulty,
            status=demo.status,
            tags=demo.tags,
            idnumber=demo.idnumber,
            user=lecturer,
        )
        created += 1
    if created:
        stdout.write(
            f"Đã tạo ngân hàng câu hỏi mẫu: {created} câu hỏi trong "
            f"{len(data.CATEGORIES)} danh mục."
        )
    return existing


def _closing_time():
    day = timezone.localdate() + datetime.timedelta(days=EXAM_OPEN_DAYS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))


def _quiz(demo, *, categories, questions, stdout):
    """The demo quiz under its course: built and published once, else the existing one."""
    course = CoursePage.objects.filter(slug=demo.course_slug).first()
    if course is None:
        return None
    quiz = QuizPage.objects.child_of(course).filter(slug=demo.slug).first()
    if quiz is not None:
        return quiz.specific
    settings = dict(EXAM_SETTINGS if demo.exam else PRACTICE_SETTINGS)
    if demo.exam:
        settings["closes_at"] = _closing_time()
    quiz = QuizPage(title=demo.title, slug=demo.slug, introduction=demo.introduction, **settings)
    for category, count, mark in demo.random:
        quiz.slots.add(
            QuizSlot(
                kind=SlotKind.RANDOM,
                category=categories[category],
                count=count,
                mark=Decimal(mark),
            )
        )
    for idnumber, mark in demo.fixed:
        if idnumber in questions:
            quiz.slots.add(
                QuizSlot(kind=SlotKind.FIXED, question=questions[idnumber], mark=Decimal(mark))
            )
    course.add_child(instance=quiz)
    quiz.save_revision().publish()
    stdout.write(f"Đã tạo “{quiz.title}” trong khóa học “{course.title}”.")
    return quiz


def _attempts(quizzes, *, users, lecturer, stdout):
    """Make the demo attempts of each learner at each quiz they have not attempted yet."""
    planned = defaultdict(list)
    for demo in ATTEMPTS:
        quiz = quizzes.get((demo.course_slug, demo.quiz_slug))
        if quiz is not None and demo.username in users:
            planned[quiz, users[demo.username]].append(demo)
    made = 0
    for (quiz, user), demos in planned.items():
        if Attempt.objects.filter(quiz=quiz, user=user).exists():
            continue  # the learner has attempts of their own (or the demo ones): keep them
        for demo in demos:
            _attempt(demo, quiz=quiz, user=user, lecturer=lecturer)
            made += 1
    if made:
        stdout.write(f"Đã tạo {made} lượt làm bài mẫu.")


def _moment(days_ago, at):
    hour, minute = (int(part) for part in at.split(":"))
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _attempt(demo, *, quiz, user, lecturer):
    started = _moment(demo.days_ago, demo.at)
    attempt = services.attempt_start(user=user, quiz=quiz, now=started)
    responses = list(attempt.responses.select_related("question_version").order_by("slot"))
    step = datetime.timedelta(minutes=demo.minutes) / (len(responses) + 1)
    for index, response in enumerate(responses):
        mode = demo.pattern[index % len(demo.pattern)]
        answer = demo_answer(response.question_version, right=mode == "1", essay=demo.essay)
        if answer is None or mode == "-":
            continue
        services.attempt_save(
            attempt=attempt,
            user=user,
            slot=response.slot,
            answer=answer,
            sequence=1,
            now=started + step * (index + 1),
        )
    finished = started + datetime.timedelta(minutes=demo.minutes)
    attempt = services.attempt_submit(attempt=attempt, user=user, now=finished)
    if demo.grade:
        mark, comment = demo.grade
        for response in attempt.responses.filter(needs_grading=True):
            services.response_grade_manual(
                response=response, grader=lecturer, mark=mark, comment=comment
            )
    return attempt


def demo_answer(version, *, right, essay=""):
    """An answer to ``version``: its right answer, or a plausible wrong one; None for none."""
    payload, qtype = version.payload, version.qtype
    if qtype in ("essay", "case"):
        return {"text": essay} if essay else None
    builder = _ANSWERS.get(qtype)
    return builder(payload, right) if builder else None


def _single(payload, right):
    options = sorted(payload["options"], key=lambda option: Decimal(option["fraction"]))
    return {"choice": options[-1]["key"] if right else options[0]["key"]}


def _multiple(payload, right):
    positive = [o["key"] for o in payload["options"] if Decimal(o["fraction"]) > 0]
    negative = [o["key"] for o in payload["options"] if Decimal(o["fraction"]) < 0]
    return {"choices": positive if right else positive[:1] + negative[:1]}


def _truefalse(payload, right):
    return {"value": payload["correct"] if right else not payload["correct"]}


def _shortanswer(payload, right):
    if not right:
        return {"text": "Tôi không nhớ"}
    best = max(payload["answers"], key=lambda answer: Decimal(answer["fraction"]))
    # A wildcard answer is written without its stars; "\*" is a literal star.
    return {"text": re.sub(r"(?<!\\)\*", "", best["text"]).replace("\\*", "*").strip()}


def _numerical(payload, right):
    if not right:
        return {"number": "9999"}
    best = max(payload["answers"], key=lambda answer: Decimal(answer["fraction"]))
    return {"number": best.get("value", best.get("min")).replace(".", ",")}


def _matching(payload, right):
    pairs = {item["key"]: item["option"] for item in payload["items"]}
    if not right:
        first, second = payload["items"][:2]
        pairs[first["key"]], pairs[second["key"]] = second["option"], first["option"]
    return {"pairs": pairs}


_ANSWERS = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
}
