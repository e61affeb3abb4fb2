"""Forms and panels of the library's admin: the item editor's base form and duplicates panel,
and the curation screens' forms.

``library.models`` imports ``LibraryItemPageForm`` and ``DuplicatesPanel`` from here, so
this module must not import ``library.models`` (or anything that does) at its top: those
imports are made inside the functions that need them.
"""

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel

MATERIAL_FIELDS = ("document", "external_url", "embed_url")


class LibraryItemPageForm(WagtailAdminPageForm):
    """The editor of a library item (``LibraryItemPage.base_form_class``).

    A new item belongs to the author's unit unless they choose another, and an item must
    carry its material: a file, a link or an embed. Drafts may be saved without it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("owner_unit")
        if field is not None and self.instance.pk is None and not self.instance.owner_unit_id:
            profile = getattr(self.for_user, "profile", None)
            unit_id = getattr(profile, "unit_id", None)
            # model_to_dict() put the empty unit of the new page in initial already.
            if unit_id and not self.initial.get("owner_unit"):
                self.initial["owner_unit"] = unit_id

    def clean(self):
        from library.models import Visibility

        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data
        if all(name in self.fields for name in MATERIAL_FIELDS) and not any(
            cleaned_data.get(name) for name in MATERIAL_FIELDS
        ):
            self.add_error(
                "document",
                _("Attach a file, or give an external link or the address of an embedded media."),
            )
        if (
            "visibility" in self.fields
            and "owner_unit" in self.fields
            and cleaned_data.get("visibility") == Visibility.UNIT
            and not cleaned_data.get("owner_unit")
        ):
            self.add_error("owner_unit", _("Choose the unit that may read this material."))
        return cleaned_data


class DuplicatesPanel(Panel):
    """Lists the other items with the same document number; hidden when there are none.

    Goes first in ``LibraryItemPage.content_panels``. It shows the numbers of the revision
    being edited; after a save, ``library.admin.warn_duplicates`` also says it in a message.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Same document number"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "duplicates"

    class BoundPanel(Panel.BoundPanel):
        template_name = "library/admin/duplicates_panel.html"

        @cached_property
        def duplicates(self):
            from library.duplicates import items_with_same_number
            from library.models import LibraryItemPage

            if not isinstance(self.instance, LibraryItemPage):
                return []
            return list(items_with_same_number(page=self.instance))

        def is_shown(self):
            return bool(self.duplicates) and super().is_shown()

        def get_context_data(self, parent_context=None):
            from library.duplicates import may_curate

            context = super().get_context_data(parent_context)
            for item in self.duplicates:
                item.edit_url = reverse("wagtailadmin_pages:edit", args=[item.pk])
            context.update(
                duplicates=self.duplicates,
                may_merge=may_curate(user=getattr(self.request, "user", None)),
                duplicates_url=reverse("library_curation:duplicates"),
            )
            return context


class ReviewForm(forms.Form):
    """A librarian's decision on a submission; a comment is needed to send it back.

    The decision comes from the button pressed (``name="action"``).
    """

    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"
    ACTIONS = (APPROVE, REQUEST_CHANGES, REJECT)

    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Shown to the author in the page's history. Required to ask for changes or to reject."
        ),
    )
    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])

    def clean(self):
        cleaned_data = super().clean()
        action = cleaned_data.get("action")
        if (
            action in (self.REQUEST_CHANGES, self.REJECT)
            and not cleaned_data.get("comment", "").strip()
        ):
            self.add_error("comment", _("Say why, so the author knows what to do."))
        return cleaned_data


class RetireForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example: replaced by a newer document, or no longer used in training."
        ),
    )
