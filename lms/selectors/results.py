"""Program results: course completions, required exam grades and attendance, combined.

The rule, per program (its settings on ``ProgramPage``):

- every live course of the program is completed;
- every required quiz (``QuizPage.is_required``) has a grade, and none is
  below that quiz's pass mark (the program's when the quiz has none);
- the final result is the weighted mean of the required quizzes' grades
  (``QuizPage.weight``), on the 10-point scale, at least the program's pass
  mark; its classification uses the program's bands;
- attendance over the cohort's taken sessions is at least the program's
  minimum (a cohort with no session taken studies online: no minimum applies).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lessons.models import CourseCompletion, CoursePage
from lms.selectors.attendance import NO_SESSIONS, AttendanceSummary, cohort_attendance
from quizzes.grading import TWO_PLACES, Bands, classify
from quizzes.models import QuizGrade, QuizPage


@dataclass(frozen=True)
class CourseInput:
    course: CoursePage
    completed: bool


@dataclass(frozen=True)
class ExamInput:
    quiz: QuizPage
    course: CoursePage
    weight: Decimal
    pass_mark: Decimal
    grade: Decimal | None

    @property
    def passed(self):
        return self.grade is not None and self.grade >= self.pass_mark


@dataclass(frozen=True)
class ProgramRule:
    """The program's settings that decide a result, shown beside every result."""

    pass_mark: Decimal
    min_attendance_percent: int
    bands: Bands


@dataclass
class ProgramResult:
    """One learner's result in one program, with every input it was drawn from."""

    user_id: int
    rule: ProgramRule
    courses: list = field(default_factory=list)
    exams: list = field(default_factory=list)
    attendance: AttendanceSummary = NO_SESSIONS
    grade: Decimal | None = None
    reasons: list = field(default_factory=list)

    @property
    def passed(self):
        return not self.reasons

    @property
    def classification(self):
        if not self.passed:
            return _("Fail")
        if self.grade is None:
            return _("Pass")
        return classify(self.grade, self.rule.bands)

    @property
    def courses_completed(self):
        return sum(1 for item in self.courses if item.completed)


def program_rule(program):
    return ProgramRule(
        pass_mark=program.pass_mark,
        min_attendance_percent=program.min_attendance_percent,
        bands=Bands(
            excellent=program.excellent_mark,
            good=program.good_mark,
            fair=program.fair_mark,
            passing=program.pass_mark,
        ),
    )


def _weighted_mean(exams):
    weighted = [(exam.grade, exam.weight) for exam in exams if exam.weight > 0]
    total_weight = sum(weight for _grade, weight in weighted)
    if not weighted or any(grade is None for grade, _weight in weighted):
        return None
    if not total_weight:
        return None
    value = sum(grade * weight for grade, weight in weighted) / total_weight
    return value.quantize(TWO_PLACES, ROUND_HALF_UP)


def _reasons(result):
    rule = result.rule
    reasons = [
        _("Course “%(course)s” is not completed.") % {"course": item.course.title}
        for item in result.courses
        if not item.completed
    ]
    for exam in result.exams:
        if exam.grade is None:
            reasons.append(_("“%(quiz)s” has no grade yet.") % {"quiz": exam.quiz.title})
        elif not exam.passed:
            reasons.append(
                _("“%(quiz)s”: %(grade)s is below the pass mark %(pass_mark)s.")
                % {
                    "quiz": exam.quiz.title,
                    "grade": _number(exam.grade),
                    "pass_mark": _number(exam.pass_mark),
                }
            )
    if result.grade is not None and result.grade < rule.pass_mark:
        reasons.append(
            _("The final result %(grade)s is below the pass mark %(pass_mark)s.")
            % {"grade": _number(result.grade), "pass_mark": _number(rule.pass_mark)}
        )
    percent = result.attendance.percent
    if percent is not None and percent < rule.min_attendance_percent:
        reasons.append(
            _("Attendance %(percent)s%% is below the minimum %(minimum)s%%.")
            % {"percent": _number(percent), "minimum": rule.min_attendance_percent}
        )
    return reasons


def _number(value):
    return number_format(value, use_l10n=True)


def program_structure(*, program):
    """The program's live courses and required quizzes, in tree order (two queries)."""
    courses = list(CoursePage.objects.child_of(program).live().order_by("path"))
    quizzes = list(
        QuizPage.objects.descendant_of(program).live().filter(is_required=True).order_by("path")
    )
    return courses, quizzes


def program_results(*, program, users, cohort=None):
    """``{user_id: ProgramResult}`` for ``users`` (users or ids) in ``program``.

    Constant number of queries whatever the number of learners, courses or
    quizzes. Attendance comes from ``cohort`` when given.
    """
    user_ids = [getattr(user, "pk", user) for user in users]
    rule = program_rule(program)
    courses, quizzes = program_structure(program=program)
    course_by_path = {course.path: course for course in courses}
    completed = set(
        CourseCompletion.objects.filter(user_id__in=user_ids, course__in=courses).values_list(
            "user_id", "course_id"
        )
    )
    grades = defaultdict(dict)
    rows = QuizGrade.objects.filter(user_id__in=user_ids, quiz__in=quizzes).values_list(
        "user_id", "quiz_id", "grade"
    )
    for user_id, quiz_id, grade in rows:
        grades[user_id][quiz_id] = grade
    attendance = cohort_attendance(cohort=cohort, user_ids=user_ids) if cohort else {}

    results = {}
    for user_id in user_ids:
        result = ProgramResult(
            user_id=user_id,
            rule=rule,
            courses=[
                CourseInput(course=course, completed=(user_id, course.pk) in completed)
                for course in courses
            ],
            exams=[
                ExamInput(
                    quiz=quiz,
                    course=course_by_path.get(quiz.path[: len(quiz.path) - QuizPage.steplen]),
                    weight=quiz.weight,
                    pass_mark=quiz.pass_mark if quiz.pass_mark is not None else rule.pass_mark,
                    grade=grades[user_id].get(quiz.pk),
                )
                for quiz in quizzes
            ],
            attendance=attendance[user_id] if cohort else NO_SESSIONS,
        )
        result.grade = _weighted_mean(result.exams)
        result.reasons = _reasons(result)
        results[user_id] = result
    return results
