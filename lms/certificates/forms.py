"""Forms of the certificate screens: verification, issuing, revoking and reissuing."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class VerifyForm(forms.Form):
    """Check a certificate by its verification code, or by serial + full name + date of birth."""

    code = forms.CharField(
        label=_("Verification code"),
        required=False,
        max_length=40,
        help_text=_("Printed under the QR code of the certificate."),
    )
    serial = forms.CharField(label=_("Serial number"), required=False, max_length=40)
    full_name = forms.CharField(label=_("Full name"), required=False, max_length=255)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y"),
    )

    def clean(self):
        data = super().clean()
        if data.get("code"):
            return data
        if not (data.get("serial") and data.get("full_name") and data.get("date_of_birth")):
            raise forms.ValidationError(
                _("Enter the verification code, or the serial number, full name and date of birth.")
            )
        return data


class IssueForm(forms.Form):
    """The members chosen on the issue screen and the date printed on their certificates."""

    learners = forms.TypedMultipleChoiceField(label=_("Learners"), coerce=int, choices=())
    issue_date = forms.DateField(
        label=_("Issue date"), input_formats=DATE_FORMATS, widget=forms.DateInput(format="%d/%m/%Y")
    )
    confirm = forms.BooleanField(
        label=_("I have checked the list: the register numbers cannot be taken back."),
    )

    def __init__(self, *args, learner_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learners"].choices = [(pk, pk) for pk in learner_ids]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
