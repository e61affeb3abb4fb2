from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lessons.manage.imports import MAX_FILE_SIZE, MAX_ROWS, read_staff_codes
from lessons.models import Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lms.models import Rank, TrainingUnit
from lms.selectors.scope import in_units

STATUS_FILTER_CHOICES = [
    *EnrolmentStatus.choices,
    ("current", _("Waiting or enrolled")),
    ("all", _("All, history included")),
]
# Shown when no status is chosen: the waiting requests have their own table above.
DEFAULT_STATUS = EnrolmentStatus.ACTIVE


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name or obj.name


class EnrolmentFilterForm(forms.Form):
    """The filters of a course's enrolment list (GET)."""

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER_CHOICES, required=False)
    unit = UnitChoiceField(
        label=_("Training unit"),
        queryset=TrainingUnit.objects.order_by("name"),
        required=False,
        empty_label=_("All units"),
    )
    rank = forms.ModelChoiceField(
        label=_("Rank"),
        queryset=Rank.objects.order_by("level", "code"),
        required=False,
        empty_label=_("All ranks"),
    )

    def filters(self):
        """``(status, unit, rank)`` for ``course_enrolments``; invalid values are ignored."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or DEFAULT_STATUS
        return ("" if status == "all" else status), data.get("unit"), data.get("rank")


class SelectionForm(forms.Form):
    """Enrolments picked in a list: the ticked boxes, or the one row whose button was pressed."""

    enrolment = forms.ModelMultipleChoiceField(queryset=Enrolment.objects.none(), required=False)
    single = forms.ModelChoiceField(queryset=Enrolment.objects.none(), required=False)

    def __init__(self, *args, course, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        enrolments = in_units(
            Enrolment.objects.filter(course=course), units, field="user__profile__unit"
        )
        self.fields["enrolment"].queryset = enrolments
        self.fields["single"].queryset = enrolments

    def clean(self):
        data = super().clean()
        if data.get("single"):
            data["selected"] = [data["single"]]
        else:
            data["selected"] = list(data.get("enrolment") or [])
        if not data["selected"] and not self.errors:
            raise forms.ValidationError(_("Select at least one person."))
        return data


class RefuseForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The learner sees this reason."),
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or staff code"),
        required=False,
        max_length=100,
        help_text=_("Diacritics may be left out: “nguyen van an” finds Nguyễn Văn An."),
    )


class PickPeopleForm(forms.Form):
    users = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.filter(is_active=True, profile__isnull=False),
        error_messages={"required": _("Select at least one person.")},
    )


class PeopleFilterForm(forms.Form):
    """Who to enrol by unit, rank and agency; at least one of them."""

    unit = UnitChoiceField(
        label=_("Training unit"),
        queryset=TrainingUnit.objects.order_by("name"),
        required=False,
        empty_label=_("Any unit"),
    )
    rank = forms.ModelChoiceField(
        label=_("Rank"),
        queryset=Rank.objects.order_by("level", "code"),
        required=False,
        empty_label=_("Any rank"),
    )
    agency = forms.CharField(
        label=_("Agency"),
        required=False,
        max_length=255,
        help_text=_("Part of the agency's name, for example “Sở Nội vụ”."),
    )
    # The number of people the manager saw before confirming.
    expected = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_agency(self):
        return " ".join(self.cleaned_data["agency"].split())

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("unit") or data.get("rank") or data.get("agency")):
            raise forms.ValidationError(_("Choose a unit, a rank or an agency."))
        return data

    def criteria(self):
        return {key: self.cleaned_data.get(key) for key in ("unit", "rank", "agency")}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File of staff codes"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file; enrol nobody"),
        required=False,
    )

    code_list = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A CSV (UTF-8, comma or semicolon) or XLSX file with a column headed “Mã cán bộ”, "
            "or the staff codes in the first column. At most %(rows)s rows and %(size)s MB."
        ) % {"rows": MAX_ROWS, "size": MAX_FILE_SIZE // 1024 // 1024}

    def clean_file(self):
        file = self.cleaned_data["file"]
        self.code_list = read_staff_codes(file)
        return file
