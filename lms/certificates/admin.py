"""The certificates screens in the Wagtail admin; ``lms/wagtail_hooks.py`` wires them.

- ``admin_urls`` for ``register_admin_urls``: issue, register, printable
  register, detail (revoke / reissue) and PDF under ``/admin/chung-chi/``,
  namespace ``lms_certificates``;
- ``viewsets`` for ``register_admin_viewset``: the units' certificate
  settings (``CertificateSeries``), each manager seeing their own unit's;
- ``menu_item`` for ``register_admin_menu_item``: "Certificates" with the
  register and the settings.
"""

from django.core.exceptions import ValidationError
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lms.certificates import admin_views as views
from lms.models import CertificateSeries, TrainingUnit
from lms.selectors.certificates import may_view_register
from lms.selectors.scope import in_units, units_managed_by

NAMESPACE = "lms_certificates"


def urlpatterns():
    return [
        path("", views.RegisterView.as_view(), name="register"),
        path(
            "so/<int:unit_id>/<int:year>/",
            views.PrintRegisterView.as_view(),
            name="register_print",
        ),
        path(
            "so/<int:unit_id>/<int:year>/xlsx/",
            views.RegisterXlsxView.as_view(),
            name="register_xlsx",
        ),
        path("lop/<int:cohort_id>/cap/", views.IssueView.as_view(), name="issue"),
        path("lop/<int:cohort_id>/pdf/", views.CohortPdfView.as_view(), name="cohort_pdf"),
        path("<int:certificate_id>/", views.DetailView.as_view(), name="detail"),
        path("<int:certificate_id>/thu-hoi/", views.RevokeView.as_view(), name="revoke"),
        path("<int:certificate_id>/cap-lai/", views.ReissueView.as_view(), name="reissue"),
        path("<int:certificate_id>/pdf/", views.PdfView.as_view(), name="pdf"),
    ]


def admin_urls():
    """For ``register_admin_urls``."""
    return [path("chung-chi/", include((urlpatterns(), NAMESPACE), namespace=NAMESPACE))]


class SeriesForm(WagtailAdminModelForm):
    """Certificate settings; the unit list holds only the units the manager may manage."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "unit" in self.fields:
            units = units_managed_by(user=self.for_user)
            self.fields["unit"].queryset = in_units(TrainingUnit.objects.all(), units, field="pk")

    def clean_serial_prefix(self):
        prefix = self.cleaned_data["serial_prefix"]
        others = CertificateSeries.objects.exclude(pk=self.instance.pk)
        if others.filter(serial_prefix=prefix).exists():
            raise ValidationError(
                _("Another training unit uses this prefix: serial numbers must not collide.")
            )
        return prefix


class ScopedQuerysetMixin:
    def get_base_queryset(self):
        return in_units(
            super().get_base_queryset().select_related("unit"),
            units_managed_by(user=self.request.user),
        )


class ScopedObjectMixin:
    def get_queryset(self):
        return in_units(CertificateSeries.objects.all(), units_managed_by(user=self.request.user))


class SeriesIndexView(ScopedQuerysetMixin, generic.IndexView):
    pass


class SeriesEditView(ScopedObjectMixin, generic.EditView):
    pass


class SeriesDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class CertificateSeriesViewSet(ModelViewSet):
    model = CertificateSeries
    icon = "cog"
    name = "certificate_settings"
    menu_label = _("Certificate settings")
    add_to_admin_menu = False
    edit_handler = ObjectList(
        [
            FieldPanel("unit"),
            FieldRowPanel([FieldPanel("serial_prefix"), FieldPanel("serial_digits")]),
            FieldRowPanel([FieldPanel("last_serial"), FieldPanel("register_suffix")]),
            FieldPanel("place"),
            FieldRowPanel([FieldPanel("signer_title"), FieldPanel("signer_name")]),
            FieldPanel("logo"),
        ],
        base_form_class=SeriesForm,
    )
    list_display = ["unit", "serial_prefix", "last_serial", "place", "signer_name"]
    index_view_class = SeriesIndexView
    edit_view_class = SeriesEditView
    delete_view_class = SeriesDeleteView


series_viewset = CertificateSeriesViewSet()


def viewsets():
    """For ``register_admin_viewset``."""
    return [series_viewset]


class CertificatesMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return may_view_register(user=request.user)


class SeriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("lms.change_certificateseries")


def menu_item():
    """For ``register_admin_menu_item``: "Certificates", a submenu (register, settings)."""
    submenu = Menu(
        items=[
            MenuItem(
                _("Certificate register"),
                reverse(f"{NAMESPACE}:register"),
                icon_name="list-ul",
                order=100,
            ),
            SeriesMenuItem(
                _("Certificate settings"),
                reverse(series_viewset.get_url_name("index")),
                icon_name="cog",
                order=200,
            ),
        ]
    )
    return CertificatesMenuItem(_("Certificates"), submenu, icon_name="doc-full", order=320)
