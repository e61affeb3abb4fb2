import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class H5PPackage(index.Indexed, models.Model):
    """A validated, unpacked H5P package; the lesson's H5P block plays it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    main_library = models.CharField(_("main library"), max_length=255, editable=False)
    # h5p.json as uploaded, after validation.
    metadata = models.JSONField(_("package metadata"), default=dict, editable=False)
    # Folder under the storage root holding the unpacked files.
    storage_path = models.CharField(max_length=255, editable=False)
    file_count = models.PositiveIntegerField(default=0, editable=False)
    total_size = models.PositiveBigIntegerField(default=0, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="h5p_packages",
        verbose_name=_("owner"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("H5P activity")
        verbose_name_plural = _("H5P activities")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
