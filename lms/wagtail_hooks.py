from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.certificates import admin as certificates_admin
from lms.cohorts import admin as cohorts_admin
from lms.models import Profile, Rank, TrainingUnit
from lms.reports import admin as reports_admin

# Marks and pass marks are typed with a decimal comma in Vietnamese ("2,5");
# a dot is still accepted because thousands are not grouped in inputs.
register_form_field_override(models.DecimalField, override={"localize": True})


class TrainingUnitViewSet(SnippetViewSet):
    model = TrainingUnit
    icon = "home"
    menu_label = _("Training units")
    list_display = ["name", "short_name", "code", "governing_body"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["name"]


class RankViewSet(SnippetViewSet):
    model = Rank
    icon = "tag"
    menu_label = _("Ranks")
    list_display = ["code", "name", "level"]
    search_fields = ["code", "name"]
    ordering = ["level", "code"]


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = _("People")
    list_display = ["full_name", "staff_code", "unit", "rank", "agency"]
    list_filter = ["unit", "rank"]
    search_fields = ["family_name", "given_name", "staff_code"]
    ordering = ["sort_key", "pk"]
    panels = [
        FieldPanel("user"),
        FieldRowPanel([FieldPanel("family_name"), FieldPanel("given_name")]),
        FieldRowPanel([FieldPanel("date_of_birth"), FieldPanel("staff_code")]),
        MultiFieldPanel(
            [FieldPanel("unit"), FieldPanel("rank"), FieldPanel("agency"), FieldPanel("position")],
            heading=_("Work"),
        ),
        FieldPanel("phone"),
    ]

    def get_queryset(self, request):
        return Profile.objects.select_related("unit", "rank", "user")


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (ProfileViewSet, TrainingUnitViewSet, RankViewSet)
    menu_icon = "group"
    menu_label = _("People and units")
    menu_name = "people"


register_snippet(PeopleViewSetGroup)


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    return [
        *cohorts_admin.admin_urls(),
        *certificates_admin.admin_urls(),
        *reports_admin.admin_urls(),
    ]


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return [*cohorts_admin.viewsets(), *certificates_admin.viewsets(), *reports_admin.viewsets()]


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return reports_admin.menu_item()


@hooks.register("register_page_header_buttons")
def gradebook_header_buttons(page, user, view_name, next_url=None):
    return reports_admin.course_header_buttons(page, user, view_name, next_url)


@hooks.register("register_page_listing_more_buttons")
def gradebook_listing_buttons(page, user, next_url=None):
    return reports_admin.course_listing_buttons(page, user, next_url)


@hooks.register("register_admin_menu_item")
def cohorts_menu_item():
    return cohorts_admin.menu_item()


@hooks.register("register_admin_menu_item")
def certificates_menu_item():
    return certificates_admin.menu_item()
