"""Attempts, their per-slot responses, per-learner overrides and quiz grades."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

OPEN_STATES = ("in_progress", "overdue")


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", pgettext_lazy("attempt state", "In progress")
    OVERDUE = "overdue", pgettext_lazy("attempt state", "Overdue: may only be submitted")
    FINISHED = "finished", pgettext_lazy("attempt state", "Submitted")
    ABANDONED = "abandoned", pgettext_lazy("attempt state", "Never submitted")


class AttemptQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def finished(self):
        return self.filter(state=AttemptState.FINISHED)


class Attempt(models.Model):
    """One learner's attempt at a quiz, with a layout frozen when it starts."""

    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("quiz"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("learner"),
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    state = models.CharField(
        _("state"), max_length=12, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started at"))
    # Computed once at start from the time limit, the close date and any
    # override; the timer in the page counts down to it.
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    grace_ends_at = models.DateTimeField(_("grace period ends"), null=True, blank=True)
    finished_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(_("pages"), default=1)
    # The furthest page reached, which sequential navigation never goes back from.
    current_page = models.PositiveSmallIntegerField(_("current page"), default=1)
    max_marks = models.DecimalField(_("maximum marks"), max_digits=9, decimal_places=2)
    marks = models.DecimalField(_("marks"), max_digits=9, decimal_places=2, null=True, blank=True)
    grade = models.DecimalField(_("grade"), max_digits=5, decimal_places=2, null=True, blank=True)
    needs_grading = models.BooleanField(_("waiting for manual grading"), default=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="one_attempt_per_number"
            ),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_attempt_per_quiz",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self):
        return f"{self.quiz} – {self.user} #{self.number}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES


class Response(models.Model):
    """A learner's answer to one slot of an attempt, and its marks."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="responses", verbose_name=_("attempt")
    )
    slot = models.PositiveSmallIntegerField(_("question number"))
    page = models.PositiveSmallIntegerField(_("page"))
    question_version = models.ForeignKey(
        "quizzes.QuestionVersion",
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("question version"),
    )
    max_mark = models.DecimalField(_("maximum mark"), max_digits=7, decimal_places=2)
    # The option keys (and for matching the item keys) in this learner's order.
    option_order = models.JSONField(default=list, blank=True)
    item_order = models.JSONField(default=list, blank=True)
    answer = models.JSONField(_("answer"), null=True, blank=True)
    # Raised by every accepted save; a save carrying an older number is stale.
    sequence = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    flagged = models.BooleanField(_("flagged"), default=False)
    fraction = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    mark = models.DecimalField(_("mark"), max_digits=7, decimal_places=2, null=True, blank=True)
    needs_grading = models.BooleanField(_("waiting for grading"), default=False)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("graded by"),
    )
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["attempt", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "slot"], name="one_response_per_slot")
        ]
        indexes = [models.Index(fields=["needs_grading", "question_version"])]

    def __str__(self):
        return f"{self.attempt} – {self.slot}"


def response_file_path(instance, filename):
    return f"quiz_attempts/{instance.response.attempt_id}/{instance.response.slot}/{filename}"


class ResponseFile(models.Model):
    """A file a learner attached to an essay answer."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=response_file_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self):
        return self.name


class QuizOverride(models.Model):
    """Other dates, extra time or extra attempts for one learner."""

    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        on_delete=models.CASCADE,
        related_name="overrides",
        verbose_name=_("quiz"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_overrides",
        verbose_name=_("learner"),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    extra_minutes = models.PositiveIntegerField(_("extra time (minutes)"), default=0)
    extra_attempts = models.PositiveSmallIntegerField(_("extra attempts"), default=0)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("learner override")
        verbose_name_plural = _("learner overrides")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user"], name="one_override_per_learner")
        ]

    def __str__(self):
        return f"{self.quiz} – {self.user}"


class QuizGrade(models.Model):
    """A learner's grade for a quiz, from their finished attempts by the grading method."""

    quiz = models.ForeignKey(
        "quizzes.QuizPage", on_delete=models.CASCADE, related_name="grades", verbose_name=_("quiz")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_grades",
        verbose_name=_("learner"),
    )
    grade = models.DecimalField(_("grade"), max_digits=5, decimal_places=2, null=True)
    passed = models.BooleanField(_("passed"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quiz grade")
        verbose_name_plural = _("quiz grades")
        constraints = [models.UniqueConstraint(fields=["quiz", "user"], name="one_grade_per_quiz")]

    def __str__(self):
        return f"{self.quiz} – {self.user}: {self.grade}"
