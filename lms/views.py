from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms import services
from lms.forms import ProfileForm, RegistrationForm


@require_GET
def healthz(request):
    """Liveness probe for load balancers: touches neither the database nor the session."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def profile_view(request):
    profile = services.profile_for(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
            services.profile_update(profile=profile, data=data, email=form.cleaned_data["email"])
            messages.success(request, _("Your profile has been saved."))
            return redirect("profile")
        messages.error(request, _("The profile was not saved. Please correct the errors below."))
    else:
        form = ProfileForm(instance=profile)
    return render(request, "lms/profile.html", {"form": form, "profile": profile})


@never_cache
def register_view(request):
    if not settings.LMS_SELF_REGISTRATION:
        raise Http404
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            user = services.learner_register(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                email=form.cleaned_data["email"],
                family_name=form.cleaned_data["family_name"],
                given_name=form.cleaned_data["given_name"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account has been created."))
            return redirect("profile")
    else:
        form = RegistrationForm()
    return render(request, "registration/register.html", {"form": form})
