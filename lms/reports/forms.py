"""The filters of the reports, read from the query string.

Choices are limited to what the user may see: a manager of one unit is offered
only that unit and its cohorts. A value that is not allowed (or a date that
does not exist) is shown with its error and does not filter; the valid fields
still do.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from lessons.models import ProgramPage
from lms.models import Cohort, TrainingUnit
from lms.selectors.scope import in_units, units_managed_by

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off"}
)


def _unit_field():
    return forms.ModelChoiceField(
        label=_("Training unit"), queryset=TrainingUnit.objects.none(), required=False
    )


def _cohort_field():
    return forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none(), required=False)


class ScopedFilterForm(forms.Form):
    """Units and cohorts offered within ``units`` (from ``units_managed_by``; None: all)."""

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = in_units(
            TrainingUnit.objects.order_by("name"), units, field="pk"
        )
        self.fields["unit"].empty_label = (
            _("All") if units is None else _("All my units") if units else "—"
        )
        self.fields["cohort"].queryset = in_units(
            Cohort.objects.select_related("program").order_by("-starts_on", "code"), units
        )
        self.fields["cohort"].empty_label = _("All")

    def filters(self):
        """The valid filters as keyword arguments (invalid ones are left out)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class DashboardFilterForm(ScopedFilterForm):
    unit = _unit_field()
    program = forms.ModelChoiceField(
        label=_("Training program"),
        queryset=ProgramPage.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    cohort = _cohort_field()
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, units=units_managed_by(user=user), **kwargs)
        self.fields["program"].queryset = ProgramPage.objects.live().order_by("title")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period cannot be before its start."))
        return cleaned


class GradebookFilterForm(ScopedFilterForm):
    unit = _unit_field()
    cohort = _cohort_field()

    def __init__(self, *args, units, course, **kwargs):
        super().__init__(*args, units=units, **kwargs)
        program_path = course.path[: -Page.steplen]
        self.fields["cohort"].queryset = self.fields["cohort"].queryset.filter(
            program__path=program_path
        )
