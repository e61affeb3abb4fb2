"""Public views of the library besides its Wagtail pages."""

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail import hooks

from library import access, counters
from library.models import LibraryItemPage, Visibility


@require_safe
def download(request, page_id: int):
    """The material of a library item, as a download: its file, or its external link.

    Refused like the item page is (guests to the login page, others a 403 page).
    The file goes through the same ``before_serve_document`` hooks as Wagtail's own
    document URL, so every rule on documents applies here too. Each GET counts one
    download.
    """
    item = get_object_or_404(
        LibraryItemPage.objects.select_related("document", "owner_unit"), pk=page_id
    )
    if not access.page_readable(page=item, user=request.user):
        return access.refusal_response(request=request, page=item)
    document = item.document
    if document is None:
        if not item.external_url:
            raise Http404
        if request.method == "GET":
            counters.count_download(page=item)
        return HttpResponseRedirect(item.external_url)
    for hook in hooks.get_hooks("before_serve_document"):
        refusal = hook(document, request)
        if isinstance(refusal, HttpResponse):
            return refusal
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    if request.method == "GET":
        counters.count_download(page=item)
    response = FileResponse(handle, as_attachment=True, filename=document.filename)
    if item.visibility != Visibility.PUBLIC or not item.live:
        # Shared caches must not hand a restricted file to the next reader.
        patch_cache_control(response, private=True)
    return response
