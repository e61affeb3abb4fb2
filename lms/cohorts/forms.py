from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lessons.manage.forms import UnitChoiceField, UploadForm
from lessons.models import ProgramPage
from lms import roles
from lms.models import AttendanceSession, Cohort, TrainingUnit
from lms.selectors.scope import in_units

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def staff_users():
    """Active lecturers, managers and superusers: who may teach or lead a cohort."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=[roles.LECTURERS, roles.MANAGERS]) | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .select_related("profile")
        .order_by("profile__sort_key", "username")
    )


class StaffLabelMixin:
    def label_from_instance(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.full_name if profile else obj.get_full_name() or obj.get_username()


class StaffChoiceField(StaffLabelMixin, forms.ModelChoiceField):
    pass


class StaffMultipleChoiceField(StaffLabelMixin, forms.ModelMultipleChoiceField):
    pass


class CohortForm(forms.ModelForm):
    """A cohort's settings; ``units`` (from ``units_managed_by``) narrows the unit choices."""

    homeroom_manager = StaffChoiceField(
        label=_("Homeroom manager"), queryset=get_user_model().objects.none(), required=False
    )
    lecturers = StaffMultipleChoiceField(
        label=_("Lecturers"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Cohort
        fields = [
            "code",
            "name",
            "program",
            "unit",
            "starts_on",
            "ends_on",
            "place",
            "homeroom_manager",
            "lecturers",
        ]
        field_classes = {"unit": UnitChoiceField}
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = in_units(
            TrainingUnit.objects.order_by("name"), units, field="pk"
        )
        self.fields["program"].queryset = ProgramPage.objects.order_by("title")
        self.fields["homeroom_manager"].queryset = staff_users()
        self.fields["lecturers"].queryset = staff_users()

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


class CohortFilterForm(forms.Form):
    """The filters of the cohort list (GET)."""

    q = forms.CharField(label=_("Code or name"), required=False, max_length=100)
    program = forms.ModelChoiceField(
        label=_("Training program"),
        queryset=ProgramPage.objects.order_by("title"),
        required=False,
        empty_label=_("All programs"),
    )
    unit = UnitChoiceField(
        label=_("Training unit"),
        queryset=TrainingUnit.objects.order_by("name"),
        required=False,
        empty_label=_("All units"),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def filters(self):
        """Keyword arguments for ``cohort_list``; invalid values are ignored."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q") or "",
            "program": data.get("program"),
            "unit": data.get("unit"),
            "year": data.get("year"),
        }


class SessionForm(forms.ModelForm):
    class Meta:
        model = AttendanceSession
        fields = ["date", "topic", "periods"]
        widgets = {"date": DATE_WIDGET}


class MembersUploadForm(UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dry_run"].label = _("Only check the file; add nobody")


class MemberSelectionForm(forms.Form):
    """Members ticked in the cohort page, or the one whose button was pressed."""

    users = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        error_messages={"required": _("Select at least one person.")},
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = get_user_model().objects.filter(
            cohort_memberships__cohort=cohort
        )
