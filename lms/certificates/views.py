"""Public certificate verification and the learner's certificates and results.

Verification needs no login and is throttled per IP address (django-ratelimit):
both pages share one counter, so alternating between them does not help a
guesser.
"""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from lms.certificates.forms import VerifyForm
from lms.certificates.pdf import certificate_pdf, pdf_filename
from lms.selectors.certificates import (
    certificate_for_learner,
    certificate_verify,
    certificates_for_learner,
    learner_quiz_grades,
    learner_results,
)

VERIFY_GROUP = "certificate-verify"


def verify_rate(group, request):
    """Verifications allowed per IP address (setting ``CERTIFICATE_VERIFY_RATE``, e.g. 20/m)."""
    return getattr(settings, "CERTIFICATE_VERIFY_RATE", "20/m")


def _throttled(view):
    """Count every request of ``view`` per IP; over the rate, answer 429 with a page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "limited", False):
            return render(request, "lms/certificates/throttled.html", status=429)
        return view(request, *args, **kwargs)

    return ratelimit(group=VERIFY_GROUP, key="ip", rate=verify_rate, block=False)(wrapper)


def _verification(request, *, certificate, searched, form=None):
    return render(
        request,
        "lms/certificates/verify.html",
        {"certificate": certificate, "searched": searched, "form": form or VerifyForm()},
    )


@require_http_methods(["GET", "POST"])
@_throttled
def verify(request):
    """The verification form: a code, or serial + full name + date of birth."""
    if request.method != "POST":
        return _verification(request, certificate=None, searched=False)
    form = VerifyForm(request.POST)
    if not form.is_valid():
        return _verification(request, certificate=None, searched=False, form=form)
    certificate = certificate_verify(**form.cleaned_data)
    return _verification(request, certificate=certificate, searched=True, form=form)


@require_http_methods(["GET"])
@_throttled
def verify_code(request, code):
    """The QR code's target: the certificate with this verification code."""
    certificate = certificate_verify(code=code)
    return _verification(request, certificate=certificate, searched=True)


@login_required
def my_certificates(request):
    """ "Chứng chỉ của tôi": the learner's certificates with their PDFs."""
    certificates = certificates_for_learner(user=request.user)
    return render(request, "lms/certificates/my_certificates.html", {"certificates": certificates})


def pdf_download(content, filename):
    """A PDF as a private download (certificates carry personal data: never cached)."""
    response = HttpResponse(content, "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_response(certificate, request):
    return pdf_download(certificate_pdf(certificate, request=request), pdf_filename(certificate))


@login_required
def my_certificate_pdf(request, certificate_id):
    """The learner's own certificate as a PDF (404 for anyone else's)."""
    certificate = certificate_for_learner(user=request.user, certificate_id=certificate_id)
    return pdf_response(certificate, request)


@login_required
def my_results(request):
    """ "Kết quả học tập": each program's result with its rule and inputs, and quiz grades."""
    return render(
        request,
        "lms/certificates/my_results.html",
        {
            "programs": learner_results(user=request.user),
            "grades": learner_quiz_grades(user=request.user),
        },
    )
