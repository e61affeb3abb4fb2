"""Kinds of data that describe library materials, kept as data so librarians can extend them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MaterialType(models.Model):
    """A kind of material: Luật, Nghị định, giáo trình, bài báo, …"""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_legal = models.BooleanField(
        _("legal document"),
        default=False,
        help_text=_("Legal documents have a number, an issuing body and an in-force status."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("material type")
        verbose_name_plural = _("material types")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class IssuingBody(models.Model):
    """Who issued or published a material: Quốc hội, Chính phủ, Bộ Nội vụ, a school, …"""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Subject(models.Model):
    """A subject of the library's taxonomy; a subject may sit under a broader one."""

    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader subject"),
    )

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_subject_per_parent"),
        ]

    def __str__(self):
        return f"{self.parent} › {self.name}" if self.parent_id else self.name
