from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ProgramIndexPage(Page):
    """The list of training programs ("Chương trình bồi dưỡng")."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["lms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("program index")
        verbose_name_plural = _("program indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = self.get_children().live().public().specific().order_by("title")
        return context
