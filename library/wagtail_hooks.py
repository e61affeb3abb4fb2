"""Admin wiring of the library: snippets, the curation screens and the reading hooks."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from library import admin as curation_admin

# --- Curation: snippets (types, issuing bodies, subjects, collections), review screens ---

# "Thư viện số" in the admin menu: review queue, duplicates, taxonomy snippets, collections.
register_snippet(curation_admin.LibraryAdminGroup)


@hooks.register("register_log_actions")
def register_curation_log_actions(actions):
    curation_admin.register_log_actions(actions)


@hooks.register("register_page_header_buttons")
def curation_page_header_buttons(page, user, view_name, next_url=None):
    return curation_admin.page_header_buttons(page, user, view_name, next_url)


@hooks.register("register_page_listing_more_buttons")
def curation_page_listing_more_buttons(page, user, next_url=None):
    return curation_admin.page_listing_more_buttons(page, user, next_url)


@hooks.register("after_create_page")
def curation_warn_duplicates_on_create(request, page):
    curation_admin.warn_duplicates(request, page)


@hooks.register("after_edit_page")
def curation_warn_duplicates_on_edit(request, page):
    curation_admin.warn_duplicates(request, page)


# --- Reading: who may read a page or fetch its file ---
@hooks.register("before_serve_page")
def restrict_library_pages(page, request, serve_args, serve_kwargs):
    """Refuse a library item or case study to who may not read it; count the readings.

    Admin previews do not pass through this hook, so editors still preview drafts.
    """
    from library import access, counters
    from library.models import CaseStudyPage, LibraryItemPage

    if not isinstance(page, (LibraryItemPage, CaseStudyPage)):
        return None
    refusal = access.page_refusal(request=request, page=page)
    if refusal is not None:
        return refusal
    if request.method == "GET":
        counters.count_view(page=page)
    return None


@hooks.register("before_serve_document")
def restrict_library_documents(document, request):
    """Refuse the file of a library item to who may not read the item (see library.access)."""
    from library import access

    return access.document_refusal(request=request, document=document)
