from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cohort(models.Model):
    """A class (lớp bồi dưỡng): one run of a program with its dates and members."""

    code = models.CharField(
        _("cohort code"), max_length=50, unique=True, help_text=_("For example: CVC-K12-2026.")
    )
    name = models.CharField(_("name"), max_length=255)
    program = models.ForeignKey(
        "lessons.ProgramPage",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("training program"),
    )
    unit = models.ForeignKey(
        "lms.TrainingUnit",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("training unit"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    homeroom_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homeroom_cohorts",
        verbose_name=_("homeroom manager"),
    )
    lecturers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="teaching_cohorts",
        verbose_name=_("lecturers"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="lms.CohortMember",
        through_fields=("cohort", "user"),
        related_name="cohorts",
        verbose_name=_("learners"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "code"]
        permissions = [
            (
                "manage_all_units",
                _("Can manage learners, cohorts and certificates of every training unit"),
            )
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"


class CohortMember(models.Model):
    """A learner's place in a cohort."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cohort")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cohort_memberships",
        verbose_name=_("learner"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_membership_per_cohort")
        ]

    def __str__(self):
        return f"{self.cohort.code} – {self.user}"


class AttendanceSession(models.Model):
    """A class session (buổi học) whose attendance is taken."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort")
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=255)
    periods = models.PositiveSmallIntegerField(
        _("periods"), default=4, help_text=_("In periods (tiết); one day is 8 periods.")
    )
    # Set when attendance is first saved: only taken sessions count in percentages.
    taken_at = models.DateTimeField(_("attendance taken at"), null=True, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendance taken by"),
    )

    class Meta:
        verbose_name = _("class session")
        verbose_name_plural = _("class sessions")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.cohort.code} – {self.date:%d/%m/%Y} – {self.topic}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused absence")


class AttendanceRecord(models.Model):
    """One member's attendance at one session."""

    session = models.ForeignKey(
        AttendanceSession,
        on_delete=models.CASCADE,
        related_name="records",
        verbose_name=_("class session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attendance_records",
        verbose_name=_("learner"),
    )
    status = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_record_per_session")
        ]

    def __str__(self):
        return f"{self.session} – {self.user}: {self.status}"
