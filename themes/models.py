from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, for example #9d1c20.")
)


@register_setting(icon="image")
class SiteBranding(BaseSiteSetting):
    """Name, logo, colours and footer of one site, so each training unit has its own look."""

    site_name = models.CharField(_("site name"), max_length=255, default="Học tập trực tuyến")
    unit_name = models.CharField(
        _("unit name"),
        max_length=255,
        blank=True,
        help_text=_("Shown beside the logo."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#9d1c20", validators=[hex_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#b8860b", validators=[hex_colour]
    )
    footer_text = models.TextField(_("footer text"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("unit_name"), FieldPanel("logo")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading=_("Colours")
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site branding")
        verbose_name_plural = _("site brandings")
