"""The admin form for uploading an H5P package."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lessons.h5p.validation import max_uncompressed_bytes
from lessons.models import H5PPackage


def _file_help_text():
    return _(
        "An .h5p file exported from the H5P editor (h5p.org, Moodle, WordPress, Lumi…) with its "
        "libraries included; at most %(size)s once unpacked. It is checked before it is saved."
    ) % {"size": filesizeformat(max_uncompressed_bytes())}


class H5PPackageUploadForm(WagtailAdminModelForm):
    """A title and an .h5p file; the file is checked and unpacked by ``h5p_package_create``."""

    file = forms.FileField(
        label=_("H5P file"),
        help_text=lazy(_file_help_text, str)(),
        validators=[
            FileExtensionValidator(
                ["h5p"],
                message=_(
                    "Choose a file ending in .h5p, as exported from the H5P editor; "
                    "“%(extension)s” files cannot be used."
                ),
            )
        ],
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    class Meta:
        model = H5PPackage
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        title = self.fields["title"]
        title.required = False
        title.help_text = _("Leave empty to use the title stored in the package.")
