"""The managers' certificate screens (Wagtail admin): issue, register, detail, PDF.

Reads come from ``lms.selectors.certificates``, writes from
``lms.services.certificates``; every lookup is narrowed to the manager's units
(another unit's cohort or certificate is a 404).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms.certificates.forms import IssueForm, ReasonForm
from lms.certificates.pdf import certificates_pdf, cohort_pdf_filename
from lms.certificates.views import pdf_download, pdf_response
from lms.certificates.xlsx import register_response
from lms.models import Cohort, TrainingUnit
from lms.selectors import certificates as selectors
from lms.selectors.scope import in_units, units_managed_by
from lms.services.certificates import certificate_reissue, certificate_revoke, certificates_issue

PER_PAGE = 50


def _register_url():
    return reverse("lms_certificates:register")


class RegisterAccessMixin:
    """Only users with ``lms.view_certificate`` get past ``dispatch``."""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_view_register(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CertificatesView(RegisterAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": _register_url(), "label": _("Certificate register")},
            {"url": "", "label": self.get_page_title()},
        ]


def _managed_units(user):
    return in_units(TrainingUnit.objects.all(), units_managed_by(user=user), field="pk")


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class RegisterView(CertificatesView):
    """The register (sổ cấp chứng chỉ), searchable and filtered by unit and year."""

    template_name = "lms/certificates/admin/register.html"
    page_title = gettext_lazy("Certificate register")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        units = list(_managed_units(user))
        unit_id = _int_or_none(self.request.GET.get("unit"))
        unit = next((item for item in units if item.pk == unit_id), None)
        year = _int_or_none(self.request.GET.get("year"))
        query = self.request.GET.get("q", "")[:100]
        lines = selectors.certificate_register(user=user, unit=unit, year=year, query=query)
        paginator = WagtailPaginator(lines, PER_PAGE)
        return super().get_context_data(
            units=units,
            unit=unit,
            years=selectors.register_years(user=user),
            year=year,
            query=query,
            lines=paginator.get_page(self.request.GET.get("p")),
            print_units=units if unit is None else [unit],
            **kwargs,
        )


def _register_of(user, *, unit_id, year):
    """``(unit, lines)`` of the register of one of ``user``'s units for ``year`` (else 404)."""
    unit = get_object_or_404(_managed_units(user), pk=unit_id)
    return unit, selectors.certificate_register(user=user, unit=unit, year=year)


class PrintRegisterView(RegisterAccessMixin, TemplateView):
    """The printable register of one unit and one year (no admin chrome, print CSS)."""

    template_name = "lms/certificates/admin/register_print.html"

    def get_context_data(self, **kwargs):
        unit, lines = _register_of(
            self.request.user, unit_id=kwargs["unit_id"], year=kwargs["year"]
        )
        return super().get_context_data(unit=unit, lines=lines, **kwargs)


class RegisterXlsxView(RegisterAccessMixin, View):
    """The same register as an XLSX download."""

    def get(self, request, unit_id, year):
        unit, lines = _register_of(request.user, unit_id=unit_id, year=year)
        return register_response(unit=unit, year=year, lines=lines)


def _cohort_url(cohort):
    try:
        return reverse("lms_cohorts:detail", kwargs={"cohort_id": cohort.pk})
    except NoReverseMatch:
        return None


class CohortManagerMixin:
    """A cohort of the manager's units (404 otherwise), for those who may issue."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("lms.add_certificate"):
            raise PermissionDenied
        cohorts = in_units(
            Cohort.objects.select_related("program", "unit"), units_managed_by(user=request.user)
        )
        self.cohort = get_object_or_404(cohorts, pk=kwargs["cohort_id"])
        return super().dispatch(request, *args, **kwargs)


class IssueView(CohortManagerMixin, CertificatesView):
    """Who in a cohort may get a certificate (and why not), and issuing them in one batch."""

    template_name = "lms/certificates/admin/issue.html"
    page_title = gettext_lazy("Issue certificates")

    def get_page_subtitle(self):
        return str(self.cohort)

    def _form(self, rows, data=None):
        eligible = [row.user.pk for row in rows if row.eligible]
        return IssueForm(
            data,
            learner_ids=eligible,
            initial={"issue_date": timezone.localdate(), "learners": eligible},
        )

    def get_context_data(self, **kwargs):
        rows = kwargs.pop("rows", None) or selectors.cohort_eligibility(cohort=self.cohort)
        return super().get_context_data(
            cohort=self.cohort,
            cohort_url=_cohort_url(self.cohort),
            rows=rows,
            form=kwargs.pop("form", None) or self._form(rows),
            eligible_count=sum(1 for row in rows if row.eligible),
            certified_count=sum(1 for row in rows if row.certificate),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        rows = selectors.cohort_eligibility(cohort=self.cohort)
        form = self._form(rows, request.POST)
        if form.is_valid() and self._issue(rows, form.cleaned_data):
            return redirect("lms_certificates:issue", cohort_id=self.cohort.pk)
        return self.render_to_response(self.get_context_data(rows=rows, form=form))

    def _issue(self, rows, data):
        """Issue for the chosen rows; report the serials (or the refusal) as a message."""
        chosen = set(data["learners"])
        try:
            issued = certificates_issue(
                cohort=self.cohort,
                learners=[row.user for row in rows if row.user.pk in chosen],
                issued_by=self.request.user,
                issue_date=data["issue_date"],
            )
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return False
        message = ngettext(
            "%(count)d certificate issued: %(serials)s.",
            "%(count)d certificates issued: %(serials)s.",
            len(issued),
        )
        serials = ", ".join(certificate.serial for certificate in issued)
        messages.success(self.request, message % {"count": len(issued), "serials": serials})
        return True


class CohortPdfView(CohortManagerMixin, RegisterAccessMixin, View):
    """Every valid certificate of the cohort in one PDF, a page each, to print the class."""

    def get(self, request, cohort_id):
        certificates = selectors.cohort_certificates(cohort=self.cohort)
        if not certificates:
            raise Http404
        title = _("Certificates of cohort %(code)s") % {"code": self.cohort.code}
        content = certificates_pdf(certificates, title=title, request=request)
        return pdf_download(content, cohort_pdf_filename(self.cohort))


class CertificateMixin:
    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_view_register(user=request.user):
            raise PermissionDenied
        self.certificate = selectors.certificate_for_manager(
            user=request.user, certificate_id=kwargs["certificate_id"]
        )
        return super().dispatch(request, *args, **kwargs)


class DetailView(CertificateMixin, CertificatesView):
    """One certificate: its details, its correction history, and revoke / reissue forms."""

    template_name = "lms/certificates/admin/detail.html"
    page_title = gettext_lazy("Certificate")

    def get_page_subtitle(self):
        return str(self.certificate)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            certificate=self.certificate,
            history=selectors.certificate_history(certificate=self.certificate),
            may_change=user.has_perm("lms.change_certificate"),
            revoke_form=kwargs.pop("revoke_form", None) or ReasonForm(prefix="revoke"),
            reissue_form=kwargs.pop("reissue_form", None) or ReasonForm(prefix="reissue"),
            **kwargs,
        )


class ChangeView(CertificateMixin, View):
    """POST only: revoke or reissue with a reason, then back to the detail page."""

    prefix = ""

    def change(self, reason):
        raise NotImplementedError

    def post(self, request, certificate_id):
        form = ReasonForm(request.POST, prefix=self.prefix)
        if not form.is_valid():
            messages.error(request, _("Give the reason."))
            return redirect("lms_certificates:detail", certificate_id=certificate_id)
        try:
            target = self.change(form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            target = self.certificate
        return redirect("lms_certificates:detail", certificate_id=target.pk)


class RevokeView(ChangeView):
    prefix = "revoke"

    def change(self, reason):
        certificate = certificate_revoke(
            certificate=self.certificate, by=self.request.user, reason=reason
        )
        messages.success(
            self.request, _("Certificate %(serial)s revoked.") % {"serial": certificate.serial}
        )
        return certificate


class ReissueView(ChangeView):
    prefix = "reissue"

    def change(self, reason):
        certificate = certificate_reissue(
            certificate=self.certificate, by=self.request.user, reason=reason
        )
        messages.success(
            self.request,
            _("Certificate %(old)s revoked and reissued as %(new)s.")
            % {"old": self.certificate.serial, "new": certificate.serial},
        )
        return certificate


class PdfView(CertificateMixin, View):
    def get(self, request, certificate_id):
        return pdf_response(self.certificate, request)
