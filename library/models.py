from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class LibraryIndexPage(Page):
    """The shared digital library ("Thư viện số")."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["lms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library index")
        verbose_name_plural = _("library indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = (
            self.get_children().live().public().specific().order_by("-first_published_at")[:20]
        )
        return context
