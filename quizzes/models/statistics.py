from django.db import models
from django.utils.translation import gettext_lazy as _


class QuizStatistics(models.Model):
    """Item statistics of a quiz, computed in the background and kept until recomputed."""

    quiz = models.OneToOneField(
        "quizzes.QuizPage", on_delete=models.CASCADE, related_name="statistics"
    )
    computed_at = models.DateTimeField(_("computed at"))
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("quiz statistics")
        verbose_name_plural = _("quiz statistics")

    def __str__(self):
        return str(self.quiz)
