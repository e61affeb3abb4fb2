from django import forms
from django.utils.translation import gettext_lazy as _

from lessons.models.enrolment import EnrolmentStatus
from lessons.reports import selectors

STATUS_CHOICES = [
    (selectors.STATUS_CURRENT, _("Current (enrolled or waiting)")),
    *EnrolmentStatus.choices,
    (selectors.STATUS_ALL, _("All, past enrolments included")),
]


class CourseProgressFilterForm(forms.Form):
    """The filters of the course progress report, read from the query string."""

    q = forms.CharField(
        label=_("Name or staff code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Enrolment"), choices=STATUS_CHOICES, required=False)
    completion = forms.ChoiceField(
        label=_("Progress"),
        choices=[("", _("All")), *selectors.COMPLETION_CHOICES],
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("Training unit"), queryset=None, required=False, empty_label=_("All")
    )
    rank = forms.ModelChoiceField(
        label=_("Rank"), queryset=None, required=False, empty_label=_("All")
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        units, ranks = selectors.course_report_filter_choices(course=course)
        self.fields["unit"].queryset = units
        self.fields["rank"].queryset = ranks

    def filters(self):
        """Keyword arguments for ``selectors.course_report_learners``.

        A field with a value that is not allowed is shown with its error and
        does not filter; the valid fields still do.
        """
        self.is_valid()
        data = self.cleaned_data
        return {
            "status": data.get("status") or selectors.STATUS_CURRENT,
            "unit": data.get("unit"),
            "rank": data.get("rank"),
            "completion": data.get("completion", ""),
            "search": data.get("q", "").strip(),
        }
