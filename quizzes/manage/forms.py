"""Forms of the lecturers' quiz screens: queue and results filters, marking, overrides."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from quizzes.manage import selectors
from quizzes.qtypes.text import parse_number


class QueueFilterForm(forms.Form):
    """Which answers the grading queue goes through, read from the query string."""

    question = forms.ChoiceField(label=_("Question"), required=False)
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (selectors.PENDING, _("Waiting for grading")),
            (selectors.ALL, _("All answers")),
        ],
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [
            ("", _("All questions")),
            *(
                (
                    f"{item.slot}-{item.question_id}",
                    _("Question %(slot)s: %(name)s (%(pending)s waiting)")
                    % {"slot": item.slot, "name": item.name, "pending": item.pending},
                )
                for item in questions
            ),
        ]

    def filters(self):
        """Keyword arguments for ``selectors.grading_queue``; invalid values do not filter."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        slot = question = None
        if data.get("question"):
            slot, question = (int(part) for part in data["question"].split("-"))
        return {"slot": slot, "question": question, "state": data.get("state") or selectors.PENDING}


class GradeForm(forms.Form):
    """A lecturer's mark (decimal comma or point) and comment on one answer."""

    mark = forms.CharField(
        label=_("Mark"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    comment = forms.CharField(
        label=_("Comment to the learner"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, max_mark, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_mark = max_mark
        self.fields["mark"].help_text = _("From 0 to %(max)s, e.g. 7,5.") % {
            "max": f"{max_mark:.2f}".replace(".", ",")
        }

    def clean_mark(self):
        try:
            mark = parse_number(self.cleaned_data["mark"])
        except ValueError as error:
            raise forms.ValidationError(_("The mark must be a number, e.g. 7,5.")) from error
        if not mark.is_finite():
            raise forms.ValidationError(_("The mark must be a number, e.g. 7,5."))
        return mark


class ResultsFilterForm(forms.Form):
    """The filters of the results table, read from the query string."""

    state = forms.ChoiceField(
        label=_("Attempts"),
        required=False,
        choices=[("", _("All")), *selectors.STATE_CHOICES],
    )
    passed = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("All")), *selectors.PASSED_CHOICES]
    )
    waiting = forms.BooleanField(label=_("Waiting for grading"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Training unit"), queryset=None, required=False, empty_label=_("All")
    )

    def __init__(self, *args, quiz, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.results_units(quiz=quiz)

    def filters(self):
        """Keyword arguments for ``selectors.quiz_learners``; invalid values do not filter."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "state": data.get("state", ""),
            "passed": data.get("passed", ""),
            "waiting": bool(data.get("waiting")),
            "unit": data.get("unit"),
        }


class LearnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        profile = getattr(user, "profile", None)
        name = profile.full_name if profile else user.get_username()
        code = (profile.staff_code if profile else "") or user.get_username()
        return f"{name} ({code})"


class OverrideForm(forms.Form):
    """Other dates, extra time or extra attempts for one learner."""

    learner = LearnerChoiceField(label=_("Learner"), queryset=None)
    opens_at = forms.DateTimeField(
        label=_("Opens at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Empty: the quiz's own date."),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Empty: the quiz's own date."),
    )
    extra_minutes = forms.IntegerField(
        label=_("Extra time (minutes)"), min_value=0, max_value=10_000, required=False
    )
    extra_attempts = forms.IntegerField(
        label=_("Extra attempts"), min_value=0, max_value=100, required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)

    def __init__(self, *args, quiz, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "learner": instance.user_id,
                    "opens_at": instance.opens_at,
                    "closes_at": instance.closes_at,
                    "extra_minutes": instance.extra_minutes,
                    "extra_attempts": instance.extra_attempts,
                    "reason": instance.reason,
                },
            )
        super().__init__(*args, **kwargs)
        self.quiz = quiz
        self.instance = instance
        learner = self.fields["learner"]
        learner.queryset = selectors.override_learners(quiz=quiz)
        if instance is not None:
            learner.disabled = True
            learner.queryset = learner.queryset.model.objects.filter(pk=instance.user_id)

    def clean_learner(self):
        learner = self.cleaned_data["learner"]
        existing = self.quiz.overrides.filter(user=learner)
        if self.instance is not None:
            existing = existing.exclude(pk=self.instance.pk)
        if existing.exists():
            raise forms.ValidationError(
                _("This learner already has an override; change that one instead.")
            )
        return learner
