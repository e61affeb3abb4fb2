"""An uploaded question file between its preview and its import."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def question_import_path(instance, filename):
    # The author's file name may hold anything; the stored name is random and unguessable.
    return f"question-imports/{uuid.uuid4().hex}"


class QuestionImport(models.Model):
    """A file a lecturer uploaded to import questions into a category.

    The file is kept from the upload until the import runs (the preview
    reads it again); then it is deleted and only the report stays.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="question_imports",
        verbose_name=_("owner"),
    )
    category = models.ForeignKey(
        "quizzes.QuestionCategory",
        on_delete=models.CASCADE,
        related_name="imports",
        verbose_name=_("category"),
    )
    file_format = models.CharField(_("format"), max_length=20)
    all_or_nothing = models.BooleanField(_("all or nothing"), default=True)
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=question_import_path, max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question import")
        verbose_name_plural = _("question imports")

    def __str__(self):
        return self.filename

    @property
    def finished(self):
        return self.finished_at is not None
