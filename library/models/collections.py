"""Curated collections: ordered lists of library pages with an introduction."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable


class LibraryCollection(ClusterableModel):
    """A librarian's selection, e.g. "Văn bản về chuyển đổi số", shown on the library home."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    introduction = models.TextField(_("introduction"), blank=True)
    featured = models.BooleanField(_("show on the library home"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("featured"),
        FieldPanel("sort_order"),
        InlinePanel("entries", label=_("Items"), heading=_("Items, in order")),
    ]

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class LibraryCollectionEntry(Orderable):
    collection = ParentalKey(LibraryCollection, on_delete=models.CASCADE, related_name="entries")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("item")
    )

    panels = [PageChooserPanel("page", ["library.LibraryItemPage", "library.CaseStudyPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")
