"""The "People and units" admin menu: profiles, training units and ranks.

A training manager sees and edits only the profiles of the units they manage
(``lms.selectors.scope``), as on every other screen with learners on it: the
list, every view of one profile and the snippet bulk actions all go through
the same scope, and a profile of another unit is "not found" rather than
"forbidden", so its existence is not revealed either.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.models import Profile, Rank, TrainingUnit
from lms.people.accounts import accounts_in_reach
from lms.selectors.scope import in_units, units_managed_by


def profile_in_scope(*, user, profile):
    """Whether ``profile`` belongs to a unit ``user`` manages."""
    units = units_managed_by(user=user)
    return units is None or profile.unit_id in units


class ProfilePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the profiles of the user's units."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and profile_in_scope(
            user=user, profile=instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Profile.objects.none()
        return in_units(Profile.objects.all(), units_managed_by(user=user))


class ProfileAdminForm(WagtailAdminModelForm):
    """A manager of one unit files people only under the units they manage.

    The account a profile belongs to is chosen among the accounts in reach
    (``lms.people.accounts``), so no superuser's or other unit's account is listed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser:
            return
        if "user" in self.fields:
            accounts = self.fields["user"].queryset
            self.fields["user"].queryset = accounts_in_reach(user=user, accounts=accounts)
        units = units_managed_by(user=user)
        if units is not None and "unit" in self.fields:
            self.fields["unit"].queryset = TrainingUnit.objects.filter(pk__in=units)
            self.fields["unit"].required = True


class ScopedProfileMixin:
    """Someone of a unit the user does not manage is not found (404)."""

    def get_object(self, *args, **kwargs):
        profile = super().get_object(*args, **kwargs)
        if not profile_in_scope(user=self.request.user, profile=profile):
            raise Http404
        return profile


def _scoped(view_class):
    return type(f"Scoped{view_class.__name__}", (ScopedProfileMixin, view_class), {})


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = _("People")
    list_display = ["full_name", "staff_code", "unit", "rank", "agency"]
    list_filter = ["unit", "rank"]
    search_fields = ["family_name", "given_name", "staff_code"]
    ordering = ["sort_key", "pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldRowPanel([FieldPanel("family_name"), FieldPanel("given_name")]),
            FieldRowPanel([FieldPanel("date_of_birth"), FieldPanel("staff_code")]),
            MultiFieldPanel(
                [
                    FieldPanel("unit"),
                    FieldPanel("rank"),
                    FieldPanel("agency"),
                    FieldPanel("position"),
                ],
                heading=_("Work"),
            ),
            FieldPanel("phone"),
        ],
        base_form_class=ProfileAdminForm,
    )
    edit_view_class = _scoped(snippet_views.EditView)
    copy_view_class = _scoped(snippet_views.CopyView)
    delete_view_class = _scoped(snippet_views.DeleteView)
    usage_view_class = _scoped(snippet_views.UsageView)
    history_view_class = _scoped(snippet_views.HistoryView)
    inspect_view_class = _scoped(snippet_views.InspectView)

    def get_queryset(self, request):
        profiles = Profile.objects.select_related("unit", "rank", "user")
        return in_units(profiles, units_managed_by(user=request.user))


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


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (ProfileViewSet, TrainingUnitViewSet, RankViewSet)
    menu_icon = "group"
    menu_label = _("People and units")
    menu_name = "people"
