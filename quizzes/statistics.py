"""Item statistics of a quiz, with Moodle's definitions, kept in ``QuizStatistics``.

Computed from the submitted, fully graded attempts. Per question number
(slot), with n the attempts, x an attempt's mark on the slot and y the rest of
its marks (its total minus x):

- facility index: the mean of x as a fraction of the slot's mark (Moodle's
  "Facility index"; a high value is an easy question);
- standard deviation: the sample standard deviation of x (n - 1), as a fraction
  of the slot's mark;
- discrimination index: the correlation of x with y,
  cov(x, y) / sqrt(var(x) var(y)), with sample (n - 1) variances;
- discriminative efficiency: cov(x, y) / cov_max(x, y), where cov_max pairs
  the sorted values of x with the sorted values of y: the highest covariance
  these marks could have (Moodle's "Discriminative efficiency").

Statistics that need two attempts, or some spread of marks, are None. Per
question drawn in the slot, the answers are counted: each option of choice
questions, each answer text of short-answer and numerical questions.

Large quizzes are computed by a background task (``quiz_statistics_task``);
the statistics page shows what was stored and when.
"""

import math
import statistics as pystats
from collections import Counter, defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django_tasks import task

from quizzes.models import Attempt, QuestionVersion, QuizStatistics, Response

# Up to this many attempts the statistics are computed within the request;
# beyond it the task worker does it.
INLINE_ATTEMPTS = 200
# Distinct typed answers kept per short-answer question; the rest are "other".
MAX_TEXT_ANSWERS = 50
PLACES = 6

CHOICE_TYPES = ("single", "multiple")
TEXT_TYPES = ("shortanswer", "numerical")


def _round(value):
    return None if value is None else round(value, PLACES)


def _mean(values):
    return sum(values) / len(values) if values else None


def _covariance(xs, ys, mean_x, mean_y):
    """The sample covariance (n - 1) of paired values."""
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / (len(xs) - 1)


def item_figures(marks, rest, max_mark):
    """Facility, SD, discrimination index and efficiency of one item (see the module doc).

    ``marks`` are the attempts' marks on the item, ``rest`` the same attempts'
    other marks, ``max_mark`` the item's mark.
    """
    count = len(marks)
    figures = {
        "count": count,
        "facility": None,
        "sd": None,
        "discrimination_index": None,
        "discriminative_efficiency": None,
    }
    if not count or not max_mark:
        return figures
    mean_x, mean_y = _mean(marks), _mean(rest)
    figures["facility"] = _round(mean_x / max_mark)
    if count < 2:
        return figures
    var_x = _covariance(marks, marks, mean_x, mean_x)
    var_y = _covariance(rest, rest, mean_y, mean_y)
    cov = _covariance(marks, rest, mean_x, mean_y)
    cov_max = _covariance(sorted(marks), sorted(rest), mean_x, mean_y)
    figures["sd"] = _round(math.sqrt(var_x) / max_mark)
    if var_x * var_y > 0:
        figures["discrimination_index"] = _round(cov / math.sqrt(var_x * var_y))
    if cov_max:
        figures["discriminative_efficiency"] = _round(cov / cov_max)
    return figures


def _answer_key(qtype, answer):
    """What counts as "the same answer" for the per-answer counts, or None."""
    if qtype == "single":
        return [answer["choice"]]
    if qtype == "multiple":
        return list(answer["choices"])
    if qtype == "truefalse":
        return ["true" if answer["value"] else "false"]
    if qtype == "shortanswer":
        return [" ".join(answer["text"].split()).casefold()]
    if qtype == "numerical":
        return [answer["number"].strip()]
    return []


def _shown_text(qtype, answer):
    if qtype == "shortanswer":
        return " ".join(answer["text"].split())
    if qtype == "numerical":
        return answer["number"].strip()
    return ""


def _choice_options(versions, counts):
    """The options of the latest version first, then options only older versions had."""
    labels, order, fractions = {}, [], {}
    for version in sorted(versions, key=lambda v: v.pk, reverse=True):
        for option in version.payload.get("options", []):
            if option["key"] not in labels:
                labels[option["key"]] = strip_tags(option["text"]).strip()
                fractions[option["key"]] = option["fraction"]
                order.append(option["key"])
    return [
        {"key": key, "text": labels[key], "fraction": fractions[key], "count": counts[key]}
        for key in order
    ]


class _Question:
    """The answers to one question within one slot."""

    def __init__(self, question, qtype):
        self.question = question
        self.qtype = qtype
        self.versions = {}
        self.fractions = []
        self.counts = Counter()
        self.texts = {}
        self.text_fractions = {}
        self.unanswered = 0

    def add(self, version, answer, mark, max_mark):
        self.versions[version.pk] = version
        self.fractions.append(mark / max_mark)
        if answer is None:
            self.unanswered += 1
            return
        keys = _answer_key(self.qtype, answer)
        self.counts.update(keys)
        if self.qtype in TEXT_TYPES and keys and keys[0] not in self.texts:
            self.texts[keys[0]] = _shown_text(self.qtype, answer)
            grading = version.type.grade(version.payload, answer)
            self.text_fractions[keys[0]] = str(grading.fraction)

    def as_data(self):
        data = {
            "id": self.question.pk,
            "name": self.question.name,
            "qtype": self.qtype,
            "count": len(self.fractions),
            "facility": _round(_mean(self.fractions)),
            "unanswered": self.unanswered,
            "answers": [],
            "other": 0,
        }
        if self.qtype in CHOICE_TYPES:
            data["answers"] = _choice_options(self.versions.values(), self.counts)
        elif self.qtype == "truefalse":
            right = next(iter(self.versions.values())).payload.get("correct")
            data["answers"] = [
                {
                    "key": key,
                    "text": "",
                    "fraction": "1" if (key == "true") == right else "0",
                    "count": self.counts[key],
                }
                for key in ("true", "false")
            ]
        elif self.qtype in TEXT_TYPES:
            common = self.counts.most_common()
            data["answers"] = [
                {
                    "key": key,
                    "text": self.texts[key],
                    "fraction": self.text_fractions[key],
                    "count": count,
                }
                for key, count in common[:MAX_TEXT_ANSWERS]
            ]
            data["other"] = sum(count for _key, count in common[MAX_TEXT_ANSWERS:])
        return data


def _graded_attempts(quiz):
    return Attempt.objects.finished().filter(quiz=quiz, needs_grading=False)


def _load(quiz):
    """(grades by attempt, responses as tuples, versions by id) in three queries."""
    grades = dict(_graded_attempts(quiz).values_list("pk", "grade"))
    rows = list(
        Response.objects.filter(attempt__in=_graded_attempts(quiz).values("pk"), max_mark__gt=0)
        .order_by("slot", "attempt_id")
        .values_list("attempt_id", "slot", "mark", "max_mark", "answer", "question_version_id")
    )
    versions = QuestionVersion.objects.filter(pk__in={row[5] for row in rows}).select_related(
        "question"
    )
    return grades, rows, {version.pk: version for version in versions}


def _grade_figures(grades):
    values = [float(grade) for grade in grades if grade is not None]
    if not values:
        return {"mean": None, "median": None, "sd": None}
    return {
        "mean": _round(pystats.fmean(values)),
        "median": _round(pystats.median(values)),
        "sd": _round(pystats.stdev(values)) if len(values) > 1 else None,
    }


def compute_statistics(quiz):
    """The statistics of ``quiz`` as the JSON stored in ``QuizStatistics.data``."""
    grades, rows, versions = _load(quiz)
    totals = defaultdict(float)
    for attempt_id, _slot, mark, *_rest in rows:
        totals[attempt_id] += float(mark or 0)
    by_slot = defaultdict(list)
    for row in rows:
        by_slot[row[1]].append(row)
    items = []
    for slot, slot_rows in sorted(by_slot.items()):
        marks = [float(mark or 0) for _a, _s, mark, *_r in slot_rows]
        rest = [totals[row[0]] - mark for row, mark in zip(slot_rows, marks, strict=True)]
        max_mark = max(float(row[3]) for row in slot_rows)
        questions = {}
        for _attempt, _slot, mark, row_max, answer, version_id in slot_rows:
            version = versions[version_id]
            question = questions.setdefault(
                version.question_id, _Question(version.question, version.qtype)
            )
            question.add(version, answer, float(mark or 0), float(row_max))
        items.append(
            {
                "slot": slot,
                "max_mark": max_mark,
                **item_figures(marks, rest, max_mark),
                "questions": [question.as_data() for question in questions.values()],
            }
        )
    return {
        "attempts": len(grades),
        "grade": _grade_figures(grades.values()),
        "items": items,
    }


@transaction.atomic
def quiz_statistics_compute(*, quiz, now=None):
    """Compute the quiz's statistics now and store them; return the ``QuizStatistics``."""
    data = compute_statistics(quiz)
    stats, _created = QuizStatistics.objects.update_or_create(
        quiz=quiz,
        defaults={
            "computed_at": now or timezone.now(),
            "attempt_count": data["attempts"],
            "data": data,
        },
    )
    return stats


@task()
def quiz_statistics_task(quiz_id):
    """Recompute the statistics of the quiz ``quiz_id`` (gone quizzes are skipped)."""
    from quizzes.models import QuizPage

    quiz = QuizPage.objects.filter(pk=quiz_id).first()
    if quiz is None:
        return None
    return quiz_statistics_compute(quiz=quiz).attempt_count


def quiz_statistics_refresh(*, quiz):
    """Recompute now when the quiz is small, else queue the task; return the stored stats
    when computed now, None when queued."""
    if _graded_attempts(quiz).count() <= INLINE_ATTEMPTS:
        return quiz_statistics_compute(quiz=quiz)
    quiz_statistics_task.enqueue(quiz.pk)
    return None
