from django.contrib.auth import get_user_model
from django.db import models
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from lms.certificates import admin as certificates_admin
from lms.cohorts import admin as cohorts_admin
from lms.models import Profile
from lms.people import accounts
from lms.people.admin import PeopleViewSetGroup, ProfilePermissionPolicy
from lms.reports import admin as reports_admin

# Marks and pass marks are typed with a decimal comma in Vietnamese ("2,5");
# a dot is still accepted because thousands are not grouped in inputs.
register_form_field_override(models.DecimalField, override={"localize": True})


# Before the viewset registers a plain model policy for profiles.
register_permission_policy(Profile, ProfilePermissionPolicy(Profile))
register_permission_policy(get_user_model(), accounts.AccountPermissionPolicy(get_user_model()))
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


# After wagtail.users' own (order 0): the same action types, replaced by these.
hooks.register("register_bulk_action", accounts.AccountAssignRoleBulkAction, order=100)
hooks.register("register_bulk_action", accounts.AccountSetActiveStateBulkAction, order=100)
