"""The librarians' screens in the Wagtail admin; the "Curation" section of
``library/wagtail_hooks.py`` wires them.

Nothing here registers itself. The hooks module registers

- ``LibraryAdminGroup`` with ``register_snippet``: the "Digital library" menu with the
  review queue, the duplicates list and the snippets (material types, issuing bodies,
  subjects, collections);
- ``register_log_actions`` for the history entries the curation services write;
- ``page_header_buttons`` / ``page_listing_more_buttons`` ("Retire" on library pages);
- ``warn_duplicates`` after creating or editing a page.

The item editor's base form and its duplicates panel are in ``library.forms``, which the
models can import without a cycle.

Views only read requests and render: reads are in ``library.duplicates``, writes in
``library.services``.
"""

from urllib.parse import unquote

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from library import duplicates, services
from library.forms import RetireForm, ReviewForm
from library.models import (
    CaseStudyPage,
    IssuingBody,
    LibraryCollection,
    LibraryCollectionEntry,
    LibraryItemPage,
    MaterialType,
    Subject,
)

NAMESPACE = "library_curation"
QUEUE_PER_PAGE = 50
GROUPS_PER_PAGE = 20


# --- Who may open the screens -----------------------------------------------------------------


class CuratorRequiredMixin:
    """Librarians and superusers only. Wagtail's admin turns ``PermissionDenied`` into a
    redirect to the dashboard with a message."""

    def dispatch(self, request, *args, **kwargs):
        if not duplicates.may_curate(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CuratorMenuItem(MenuItem):
    def is_shown(self, request):
        return duplicates.may_curate(user=request.user)


class CurationView(CuratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:queue"), "label": _("Digital library")},
            {"url": "", "label": self.get_page_title()},
        ]


def _library_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, (LibraryItemPage, CaseStudyPage)):
        raise PermissionDenied
    return page


def _edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


# --- The review queue -----------------------------------------------------------------------


class QueueView(CurationView):
    """Submissions waiting for a librarian, oldest first, duplicates flagged."""

    template_name = "library/admin/queue.html"
    page_title = gettext_lazy("Awaiting review")

    def get_page_title(self):
        return self.page_title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = WagtailPaginator(
            duplicates.review_queue(user=self.request.user), QUEUE_PER_PAGE
        )
        page = paginator.get_page(self.request.GET.get("p"))
        rows = duplicates.queue_rows(page.object_list)
        for row in rows:
            row.review_url = reverse(f"{NAMESPACE}:review", args=[row.page_id])
            row.edit_url = _edit_url(row.page_id)
            row.preview_url = reverse(
                "wagtailadmin_pages:workflow_preview",
                args=[row.page_id, row.task_state.task_id],
            )
        context.update(
            rows=rows,
            items=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
            duplicates_url=reverse(f"{NAMESPACE}:duplicates"),
        )
        return context


class ReviewView(CurationView):
    """One submission: its metadata as submitted, its duplicates, and the decision."""

    template_name = "library/admin/review.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not duplicates.may_curate(user=request.user):
            raise PermissionDenied
        self.page = _library_page(kwargs["page_id"])
        self.task_state = self.page.current_workflow_task_state
        if self.task_state is None:
            messages.warning(
                request,
                _("“%(title)s” is not waiting for review.")
                % {"title": self.page.get_admin_display_title()},
            )
            return redirect(f"{NAMESPACE}:queue")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Review")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    @cached_property
    def draft(self):
        # What the librarian approves: the revision under review, not the live page.
        return self.task_state.revision.as_object()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = self.draft
        is_item = isinstance(draft, LibraryItemPage)
        same_number = list(duplicates.items_with_same_number(page=draft)) if is_item else []
        for item in same_number:
            item.merge_url = reverse(f"{NAMESPACE}:merge", args=[self.page.pk, item.pk])
        workflow_state = self.task_state.workflow_state
        context.update(
            page=self.page,
            draft=draft,
            is_item=is_item,
            same_number=same_number,
            submitter=workflow_state.requested_by,
            submitted_at=self.task_state.started_at,
            form=kwargs.get("form") or ReviewForm(),
            edit_url=_edit_url(self.page.pk),
            preview_url=reverse(
                "wagtailadmin_pages:workflow_preview",
                args=[self.page.pk, self.task_state.task_id],
            ),
            history_url=reverse("wagtailadmin_pages:workflow_history", args=[self.page.pk]),
            queue_url=reverse(f"{NAMESPACE}:queue"),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        action = form.cleaned_data["action"]
        comment = form.cleaned_data["comment"]
        title = self.page.get_admin_display_title()
        try:
            if action == ReviewForm.APPROVE:
                page = services.item_approve(page=self.page, user=request.user, comment=comment)
                message = _("“%(title)s” approved and published.")
            elif action == ReviewForm.REQUEST_CHANGES:
                page = services.item_request_changes(
                    page=self.page, user=request.user, comment=comment
                )
                message = _("“%(title)s” sent back to its author with your comment.")
            else:
                page = services.item_retire(page=self.page, user=request.user, reason=comment)
                message = _("“%(title)s” rejected; it will not be published.")
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
            return self.render_to_response(self.get_context_data(form=form))
        buttons = []
        if action == ReviewForm.APPROVE and page.url:
            buttons.append(messages.button(page.url, _("View live"), new_window=True))
        messages.success(request, message % {"title": title}, buttons=buttons)
        return redirect(f"{NAMESPACE}:queue")


# --- Duplicates and merging -----------------------------------------------------------------


class DuplicatesView(CurationView):
    """Items sharing a document number, by group, each with a merge action."""

    template_name = "library/admin/duplicates.html"
    header_icon = "copy"

    def get_page_title(self):
        return _("Same document number")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = WagtailPaginator(duplicates.duplicate_groups(), GROUPS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        keys = [group["document_number_key"] for group in page.object_list]
        by_key = {}
        for item in duplicates.items_for_keys(keys=keys):
            by_key.setdefault(item.document_number_key, []).append(item)
        groups = []
        for key in keys:
            items = by_key.get(key, [])
            if len(items) < 2:
                continue
            # The first published (else the oldest) is proposed as the one to keep.
            keep = next((item for item in items if item.live), items[0])
            for item in items:
                item.edit_url = _edit_url(item.pk)
                item.is_keep = item.pk == keep.pk
                item.merge_url = (
                    "" if item.is_keep else reverse(f"{NAMESPACE}:merge", args=[item.pk, keep.pk])
                )
            groups.append({"number": keep.document_number, "keep": keep, "items": items})
        context.update(
            groups=groups,
            items=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
        )
        return context


class MergeView(CurationView):
    """Confirm merging one item into another, then merge."""

    template_name = "library/admin/merge.html"
    header_icon = "copy"

    def dispatch(self, request, *args, **kwargs):
        if not duplicates.may_curate(user=request.user):
            raise PermissionDenied
        self.duplicate = get_object_or_404(LibraryItemPage, pk=kwargs["duplicate_id"])
        self.keep = get_object_or_404(LibraryItemPage, pk=kwargs["keep_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Merge duplicates")

    def back_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(f"{NAMESPACE}:duplicates")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        duplicate, keep = self.duplicate, self.keep
        through = CaseStudyPage.related_items.through
        parts = duplicate.get_url_parts()
        context.update(
            keep=keep,
            duplicate=duplicate,
            entries=LibraryCollectionEntry.objects.filter(page=duplicate).count(),
            case_studies=through.objects.filter(libraryitempage=duplicate).count(),
            replacing=LibraryItemPage.objects.filter(replaced_by=duplicate).count(),
            old_path=unquote(parts[2]) if parts else "",
            swap_url=reverse(f"{NAMESPACE}:merge", args=[keep.pk, duplicate.pk]),
            back_url=self.back_url(),
            errors=kwargs.get("errors", []),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            keep = services.items_merge(keep=self.keep, duplicate=self.duplicate, user=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages))
        messages.success(
            request,
            _("“%(duplicate)s” merged into “%(keep)s”; its address now leads there.")
            % {"duplicate": self.duplicate.title, "keep": keep.title},
            buttons=[messages.button(_edit_url(keep.pk), _("Edit"))],
        )
        return redirect(self.back_url())


# --- Retiring -------------------------------------------------------------------------------


class RetireView(CurationView):
    """Ask for a reason, then retire a library item or case study."""

    template_name = "library/admin/retire.html"
    header_icon = "no-view"

    def dispatch(self, request, *args, **kwargs):
        if not duplicates.may_curate(user=request.user):
            raise PermissionDenied
        self.page = _library_page(kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Retire")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def back_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(
            "wagtailadmin_explore", args=[self.page.get_parent().pk]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            form=kwargs.get("form") or RetireForm(),
            back_url=self.back_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = RetireForm(request.POST)
        if form.is_valid():
            try:
                services.item_retire(
                    page=self.page, user=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(None, text)
            else:
                messages.success(
                    request,
                    _("“%(title)s” retired: readers no longer find it.")
                    % {"title": self.page.get_admin_display_title()},
                )
                return redirect(self.back_url())
        return self.render_to_response(self.get_context_data(form=form))


# --- Menu: the curation screens beside the snippets ------------------------------------------


class CurationViewSet(ViewSet):
    """The review queue and the duplicates screens, under ``/admin/library/curation/``."""

    name = NAMESPACE
    url_prefix = "library/curation"
    icon = "tasks"
    menu_label = gettext_lazy("Awaiting review")
    menu_name = "library-review"
    menu_item_class = CuratorMenuItem

    def get_urlpatterns(self):
        return [
            path("", QueueView.as_view(), name="queue"),
            path("<int:page_id>/", ReviewView.as_view(), name="review"),
            path("<int:page_id>/retire/", RetireView.as_view(), name="retire"),
            path("duplicates/", DuplicatesView.as_view(), name="duplicates"),
            path(
                "duplicates/<int:duplicate_id>/into/<int:keep_id>/",
                MergeView.as_view(),
                name="merge",
            ),
        ]


class DuplicatesMenu(ViewSet):
    """Only a menu entry: the duplicates screen belongs to ``CurationViewSet``'s URLs."""

    name = "library_duplicates"
    icon = "copy"
    menu_label = gettext_lazy("Same document number")
    menu_name = "library-duplicates"
    menu_item_class = CuratorMenuItem

    @cached_property
    def menu_url(self):
        return reverse(f"{NAMESPACE}:duplicates")


class MaterialTypeViewSet(SnippetViewSet):
    model = MaterialType
    icon = "tag"
    menu_label = gettext_lazy("Material types")
    list_display = ["name", "code", "is_legal", "sort_order"]
    list_filter = ["is_legal"]
    search_fields = ["name", "code"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "site"
    menu_label = gettext_lazy("Issuing bodies")
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]
    search_backend_name = None
    ordering = ["name"]


class SubjectViewSet(SnippetViewSet):
    model = Subject
    icon = "list-ul"
    menu_label = gettext_lazy("Subjects")
    list_display = ["name", "parent"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["parent__name", "name"]

    def get_queryset(self, request):
        return Subject.objects.select_related("parent__parent")


class LibraryCollectionViewSet(SnippetViewSet):
    model = LibraryCollection
    icon = "list-ol"
    # Not "Collections": Wagtail's own menu uses that word for folders of images and files.
    menu_label = gettext_lazy("Curated collections")
    list_display = ["title", "featured", "sort_order"]
    list_filter = ["featured"]
    search_fields = ["title", "introduction"]
    search_backend_name = None
    ordering = ["sort_order", "title"]


class LibraryAdminGroup(SnippetViewSetGroup):
    """ "Thư viện số" in the admin menu; each entry shows only to those who may use it."""

    menu_label = gettext_lazy("Digital library")
    menu_icon = "folder-open-inverse"
    menu_name = "library"
    menu_order = 270
    items = (
        CurationViewSet,
        DuplicatesMenu,
        MaterialTypeViewSet,
        IssuingBodyViewSet,
        SubjectViewSet,
        LibraryCollectionViewSet,
    )


# --- History entries ------------------------------------------------------------------------


class RetireLogFormatter(LogFormatter):
    label = gettext_lazy("Retire from the library")

    def format_message(self, log_entry):
        return _("Retired from the library")

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


class MergeLogFormatter(LogFormatter):
    label = gettext_lazy("Merge duplicates")

    def format_message(self, log_entry):
        duplicate = log_entry.data.get("duplicate") or {}
        return _("“%(title)s” (%(id)s) merged into this item") % {
            "title": duplicate.get("title", ""),
            "id": duplicate.get("id", ""),
        }


def register_log_actions(actions):
    """For ``register_log_actions``: how the history shows retiring and merging."""
    actions.register_action("library.retire")(RetireLogFormatter)
    actions.register_action("library.merge")(MergeLogFormatter)


# --- The item editor: duplicates panel and warning --------------------------------------------


def warn_duplicates(request, page):
    """For ``after_create_page`` / ``after_edit_page``: a warning naming items with the
    same document number. Saving goes ahead: a librarian merges or corrects later."""
    page = page.specific
    if not isinstance(page, LibraryItemPage):
        return
    same = list(duplicates.items_with_same_number(page=page.get_latest_revision_as_object())[:5])
    if not same:
        return
    titles = ", ".join(f"“{item.title}”" for item in same)
    messages.warning(
        request,
        _("Other items have the same document number: %(titles)s.") % {"titles": titles},
    )


# --- Buttons on library pages ---------------------------------------------------------------


class RetireMenuItem(PageMenuItem):
    label = gettext_lazy("Retire")
    icon_name = "no-view"

    def is_shown(self, user):
        page = self.page
        return (
            issubclass(page.specific_class or type(page), (LibraryItemPage, CaseStudyPage))
            and getattr(page, "retired_at", None) is None
            and duplicates.may_curate(user=user)
        )

    @property
    def url(self):
        return reverse(f"{NAMESPACE}:retire", args=[self.page.pk])


def page_header_buttons(page, user, view_name, next_url=None):
    """For ``register_page_header_buttons``: "Retire" beside a library page's title."""
    yield RetireMenuItem(page=page, priority=60)


def page_listing_more_buttons(page, user, next_url=None):
    """For ``register_page_listing_more_buttons``: "Retire" in a library page's "…" menu."""
    yield RetireMenuItem(page=page, priority=65)
