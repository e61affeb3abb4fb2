from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lessons.documents import document_access_denied
from lessons.h5p.admin import H5PPackageDeleteBulkAction, H5PPackageViewSet
from lessons.manage import admin as enrolment_admin
from lessons.models import ProgramKind
from lessons.reports import admin as reports_admin


class ProgramKindViewSet(SnippetViewSet):
    model = ProgramKind
    icon = "list-ul"
    menu_label = _("Program kinds")
    list_display = ["name", "code", "sort_order"]
    ordering = ["sort_order", "name"]
    add_to_settings_menu = True


register_snippet(ProgramKindViewSet)


register_snippet(H5PPackageViewSet)
# order=1 so it replaces Wagtail's generic bulk delete, which would leave the files behind.
hooks.register("register_bulk_action", H5PPackageDeleteBulkAction, order=1)


@hooks.register("register_admin_urls")
def register_course_progress_urls():
    return reports_admin.admin_urlpatterns()


@hooks.register("register_page_header_buttons")
def course_progress_header_buttons(page, user, view_name, next_url=None):
    return reports_admin.page_header_buttons(page, user, view_name, next_url)


@hooks.register("register_page_listing_more_buttons")
def course_progress_listing_buttons(page, user, next_url=None):
    return reports_admin.page_listing_more_buttons(page, user, next_url)


@hooks.register("register_admin_urls")
def register_enrolment_admin_urls():
    return enrolment_admin.admin_urls()


@hooks.register("register_page_header_buttons")
def enrolment_page_header_buttons(page, user, view_name, next_url=None):
    return enrolment_admin.course_header_buttons(page, user, view_name, next_url)


@hooks.register("register_page_listing_more_buttons")
def enrolment_page_listing_more_buttons(page, user, next_url=None):
    return enrolment_admin.course_listing_buttons(page, user, next_url)


@hooks.register("register_admin_menu_item")
def enrolment_menu_item():
    return enrolment_admin.enrolments_menu_item()


@hooks.register("before_serve_document")
def restrict_lesson_documents(document, request):
    return document_access_denied(request=request, document=document)
