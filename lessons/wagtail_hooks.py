from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lessons.models import H5PPackage, ProgramKind


class ProgramKindViewSet(SnippetViewSet):
    model = ProgramKind
    icon = "list-ul"
    menu_label = _("Program kinds")
    list_display = ["name", "code", "sort_order"]
    ordering = ["sort_order", "name"]
    add_to_settings_menu = True


register_snippet(ProgramKindViewSet)


register_snippet(H5PPackage)
