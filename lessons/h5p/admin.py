"""H5P packages in the Wagtail admin, as a snippet with an upload form.

The viewset is defined here and registered in ``lessons/wagtail_hooks.py``.
Adding a package means uploading an .h5p file: ``h5p_package_create``
validates it and unpacks it, and its refusals appear on the file field.
Deleting a package (one or many) also deletes its unpacked files.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.snippets import CreateView, DeleteView, SnippetViewSet

from lessons.h5p.forms import H5PPackageUploadForm
from lessons.h5p.services import h5p_package_create, h5p_package_delete
from lessons.models import H5PPackage


class H5PPackageCreateView(CreateView):
    """Upload form: the service validates and stores; errors go back to the form."""

    def save_instance(self):
        data = self.form.cleaned_data
        instance = h5p_package_create(
            file=data["file"], title=data.get("title") or "", owner=self.request.user
        )
        log(instance=instance, action="wagtail.create", user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error("file", error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class H5PPackageDeleteView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete", user=self.request.user, deleted=True)
            h5p_package_delete(package=self.object)


class H5PPackageDeleteBulkAction(DeleteBulkAction):
    """Bulk delete for H5P packages that also removes their files.

    Register it with ``order=1`` so it replaces Wagtail's generic snippet bulk
    delete (registered with order 0) for this model.
    """

    models = [H5PPackage]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        with transaction.atomic():
            for package in objects:
                log(instance=package, action="wagtail.delete", user=user, deleted=True)
                h5p_package_delete(package=package)
        return len(objects), 0


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "form"
    menu_label = _("H5P activities")
    add_item_label = _("Upload an H5P activity")
    list_display = ["title", "main_library", "created_at", "owner"]
    list_filter = ["main_library"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "main_library",
        "file_count",
        "total_size",
        "owner",
        "created_at",
    ]
    add_view_class = H5PPackageCreateView
    delete_view_class = H5PPackageDeleteView
    # After upload only the title can change; a new version is a new upload.
    panels = [FieldPanel("title")]

    def get_upload_panel(self):
        return ObjectList(
            [FieldPanel("file"), FieldPanel("title")], base_form_class=H5PPackageUploadForm
        ).bind_to_model(self.model)

    def get_add_view_kwargs(self, **kwargs):
        panel = self.get_upload_panel()
        kwargs = super().get_add_view_kwargs(**kwargs)
        kwargs.update(panel=panel, form_class=panel.get_form_class())
        return kwargs

    def get_queryset(self, request):
        return H5PPackage.objects.select_related("owner")
