"""The "Users" admin (login accounts) without a way up: who a training manager may manage.

Wagtail lets anyone holding ``auth.change_user`` tick "Administrator" on an
account, give it any group, or set a new password on a superuser's account.
Training managers hold that permission to open learners' accounts, so here a
user who is not a superuser:

- sees and changes only accounts that are not superusers, hold no role beyond
  ``GRANTABLE`` and no permission of their own, and are filed under one of
  their units (or under none yet, so a new account can be filed), and their
  own (without its roles);
- grants only the roles in ``GRANTABLE`` and never "Administrator";
- gets the same answer from the list, every view of one account and the bulk
  actions (assign role, activate / deactivate).

An account out of reach is "not found", as on the other people screens.
"""

from django.contrib.auth.models import Group
from django.db.models import Q
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users import forms as user_forms
from wagtail.users.views import users as user_views
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from lms import roles
from lms.models import Profile
from lms.selectors.scope import units_managed_by

# The roles someone who is not a superuser may give: never a manager's or an administrator's.
GRANTABLE = (roles.LEARNERS, roles.LECTURERS, roles.LIBRARIANS)


def _ungrantable_groups():
    return Group.objects.exclude(name__in=GRANTABLE)


def accounts_in_reach(*, user, accounts):
    """``accounts`` narrowed to those ``user`` may see and change."""
    if user.is_superuser:
        return accounts
    reachable = (
        accounts.filter(is_superuser=False)
        .exclude(groups__in=_ungrantable_groups())
        .exclude(user_permissions__isnull=False)
    )
    units = units_managed_by(user=user)
    if units is not None:
        filed_elsewhere = Profile.objects.filter(unit__isnull=False).exclude(unit__in=units)
        reachable = reachable.exclude(pk__in=filed_elsewhere.values("user_id"))
    return accounts.filter(Q(pk__in=reachable.values("pk")) | Q(pk=user.pk))


def account_in_reach(*, user, account):
    """Whether ``user`` may see and change the login account ``account``."""
    model = type(account)
    return accounts_in_reach(user=user, accounts=model.objects.filter(pk=account.pk)).exists()


def grantable_groups(*, user):
    """The roles ``user`` may give to an account."""
    groups = Group.objects.order_by("name")
    return groups if user.is_superuser else groups.filter(name__in=GRANTABLE)


class AccountPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions on accounts, narrowed to the accounts in reach."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and account_in_reach(
            user=user, account=instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return accounts_in_reach(user=user, accounts=self.model.objects.all())


class RestrictedAccountFormMixin:
    """Without "Administrator" and with only the grantable roles for a non-superuser.

    The view passes ``for_user``. Accounts in reach hold no other role, so
    saving the form cannot take one away either.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is None or for_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        if self.instance.pk == for_user.pk:
            # Their own roles are not theirs to change (nor to lose by saving).
            self.fields.pop("groups", None)
        elif "groups" in self.fields:
            self.fields["groups"].queryset = grantable_groups(user=for_user)


class AccountCreationForm(RestrictedAccountFormMixin, user_forms.UserCreationForm):
    pass


class AccountEditForm(RestrictedAccountFormMixin, user_forms.UserEditForm):
    pass


class ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class InReachMixin:
    def get_object(self, *args, **kwargs):
        account = super().get_object(*args, **kwargs)
        if not account_in_reach(user=self.request.user, account=account):
            raise Http404
        return account


class AccountIndexView(user_views.IndexView):
    def get_base_queryset(self):
        return accounts_in_reach(user=self.request.user, accounts=super().get_base_queryset())


class AccountCreateView(ForUserFormMixin, user_views.CreateView):
    pass


class AccountEditView(ForUserFormMixin, InReachMixin, user_views.EditView):
    pass


class AccountDeleteView(InReachMixin, user_views.DeleteView):
    pass


class AccountHistoryView(InReachMixin, user_views.HistoryView):
    pass


class AccountViewSet(user_views.UserViewSet):
    index_view_class = AccountIndexView
    add_view_class = AccountCreateView
    edit_view_class = AccountEditView
    delete_view_class = AccountDeleteView
    history_view_class = AccountHistoryView

    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else AccountCreationForm


class InReachBulkMixin:
    def check_perm(self, obj):
        return super().check_perm(obj) and account_in_reach(user=self.request.user, account=obj)


class AccountAssignRoleBulkAction(InReachBulkMixin, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = grantable_groups(user=self.request.user)
        return form


class AccountSetActiveStateBulkAction(InReachBulkMixin, SetActiveStateBulkAction):
    pass
