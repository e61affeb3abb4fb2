"""Forms of the question import and export screens."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quizzes.bank import listing
from quizzes.bank.forms import CategoryChoiceField
from quizzes.interchange.services import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    MAX_IMPORT_BYTES,
    import_file_read,
    import_format_guess,
)
from quizzes.models import QuestionCategory

AUTO = "auto"
ALL_OR_NOTHING = "all"
VALID_ONLY = "valid"
MODE_CHOICES = [
    (ALL_OR_NOTHING, _("All or nothing: if any question has an error, nothing is imported")),
    (VALID_ONLY, _("Import the valid questions and skip the others")),
]
ACCEPTED_FILES = ".txt,.gift,.xml,.xlsx"


class ImportForm(forms.Form):
    """Step 1 of an import: the file, its format, the target category and the mode.

    A valid form has read the file: ``data_bytes`` holds its bytes and
    ``file_format`` the format, guessed from the name when asked to.
    """

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    file_format = forms.ChoiceField(label=_("Format"), initial=AUTO)
    category = CategoryChoiceField(
        QuestionCategory.objects.none(),
        label=_("Import into category"),
        empty_label=_("Choose a category"),
        help_text=_("Categories named in the file are created under this one."),
    )
    mode = forms.ChoiceField(
        label=_("When some questions have errors"),
        choices=MODE_CHOICES,
        initial=ALL_OR_NOTHING,
        widget=forms.RadioSelect,
    )

    data_bytes = b""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = listing.editable_categories(user=user)
        self.fields["file_format"].choices = [
            (AUTO, _("Detect from the file name")),
            *IMPORT_FORMATS.items(),
        ]
        self.fields["file"].help_text = _(
            "GIFT or Aiken (.txt), Moodle XML (.xml) or Excel (.xlsx, from the template). "
            "At most %(size)s MB."
        ) % {"size": MAX_IMPORT_BYTES // 1024 // 1024}

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size is not None and file.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB; split it into several files.")
                % {"size": MAX_IMPORT_BYTES // 1024 // 1024}
            )
        return file

    def clean(self):
        data = super().clean()
        file, file_format = data.get("file"), data.get("file_format")
        if not file or not file_format:
            return data
        file.seek(0)
        content = file.read(MAX_IMPORT_BYTES + 1)
        if file_format == AUTO:
            file_format = import_format_guess(filename=self.filename, data=content)
            if file_format is None:
                self.add_error(
                    "file_format",
                    _("The format cannot be told from the file name; choose it."),
                )
                return data
        try:
            import_file_read(data=content, file_format=file_format)
        except ValidationError as error:
            self.add_error("file", error)
            return data
        self.data_bytes = content
        data["file_format"] = file_format
        return data

    @property
    def filename(self):
        file = self.cleaned_data.get("file")
        return PurePath(file.name or "").name[:255] if file else ""

    @property
    def all_or_nothing(self):
        return self.cleaned_data["mode"] == ALL_OR_NOTHING


class ExportForm(forms.Form):
    category = CategoryChoiceField(
        QuestionCategory.objects.none(),
        label=_("Category"),
        empty_label=_("Choose a category"),
    )
    recursive = forms.BooleanField(label=_("Include subcategories"), required=False, initial=True)
    file_format = forms.ChoiceField(label=_("Format"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = listing.visible_categories(user=user)
        self.fields["file_format"].choices = list(EXPORT_FORMATS.items())
