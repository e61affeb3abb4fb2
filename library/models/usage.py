"""What readers do with the library, kept beside the pages so publishing never resets it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemCounter(models.Model):
    """Views and downloads of a library item, incremented atomically (F expressions).

    Not fields of the page: a page's fields come back from its revision on
    every publish, which would roll the counts back.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="library_counter",
        verbose_name=_("page"),
    )
    views = models.PositiveIntegerField(_("views"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("item counter")
        verbose_name_plural = _("item counters")

    def __str__(self):
        return f"{self.page_id}: {self.views}/{self.downloads}"


class DocumentText(models.Model):
    """The text inside an uploaded PDF or DOCX, extracted in a background task for search."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DONE = "done", _("Extracted")
        EMPTY = "empty", _("No text found")
        FAILED = "failed", _("Could not be read")

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="library_text",
        verbose_name=_("document"),
    )
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # The file the text was taken from: a replaced file is extracted again.
    file_hash = models.CharField(max_length=64, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self):
        return f"{self.document_id}: {self.get_status_display()}"
