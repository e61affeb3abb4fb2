from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from lms.models import Profile


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or password is not correct. Both are case-sensitive; "
            "check Caps Lock and your keyboard's input method."
        ),
    }


class ProfileForm(forms.ModelForm):
    """What learners may correct themselves; rank, unit and staff code are the managers'."""

    email = forms.EmailField(label=_("Email"), required=False)

    class Meta:
        model = Profile
        fields = ["family_name", "given_name", "date_of_birth", "agency", "position", "phone"]
        widgets = {"date_of_birth": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = self.instance.user.email


class RegistrationForm(UserCreationForm):
    family_name = forms.CharField(label=_("Family and middle names"), max_length=150)
    given_name = forms.CharField(label=_("Given name"), max_length=50)
    email = forms.EmailField(label=_("Email"))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "email"]
