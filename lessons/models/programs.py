from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgramKind(models.Model):
    """A kind of training program (theo tiêu chuẩn ngạch, lãnh đạo cấp phòng, …).

    Kept as data: the legal basis of civil-service training changes and with it
    the kinds of program units must run.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("program kind")
        verbose_name_plural = _("program kinds")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
