import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Crockford's base 32 without look-alikes (0/O, 1/I/L, U): codes are read off paper.
VERIFICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
VERIFICATION_CODE_LENGTH = 12


def new_verification_code():
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_CODE_LENGTH))


class CertificateSeries(models.Model):
    """A unit's certificate settings: its serial sequence, signer, place and logo.

    ``last_serial`` is the last serial number given; issuing locks this row so
    two managers issuing at once take consecutive numbers.
    """

    unit = models.OneToOneField(
        "lms.TrainingUnit",
        on_delete=models.PROTECT,
        related_name="certificate_series",
        verbose_name=_("training unit"),
    )
    serial_prefix = models.CharField(
        _("serial prefix"),
        max_length=20,
        validators=[
            RegexValidator(
                r"^[0-9A-Z/-]*$", _("A prefix holds only capital letters, digits, / and -.")
            )
        ],
        help_text=_("Printed before the number, e.g. HCQG gives HCQG000123."),
    )
    serial_digits = models.PositiveSmallIntegerField(
        _("serial digits"), default=6, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    last_serial = models.PositiveIntegerField(
        _("last serial number issued"),
        default=0,
        help_text=_("Set it once to continue the numbering of paper certificates."),
    )
    register_suffix = models.CharField(
        _("register number suffix"),
        max_length=30,
        blank=True,
        help_text=_("Printed after number/year in the register number, e.g. CC-HCQG."),
    )
    place = models.CharField(
        _("place of issue"), max_length=100, help_text=_("The city printed before the date.")
    )
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_title = models.CharField(
        _("signer's title"), max_length=255, help_text=_("For example: GIÁM ĐỐC")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    def __str__(self):
        return str(self.unit)

    def serial_for(self, number):
        return f"{self.serial_prefix}{number:0{self.serial_digits}d}"


class CertificateRegisterYear(models.Model):
    """The register number counter of one unit in one year (numbers restart each year)."""

    unit = models.ForeignKey(
        "lms.TrainingUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last register number"), default=0)

    class Meta:
        verbose_name = _("register year")
        verbose_name_plural = _("register years")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_register_per_unit_year")
        ]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.last_number}"


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


# The only fields a saved certificate may still change: its revocation.
REVOCATION_FIELDS = frozenset({"revoked_at", "revoked_by", "revocation_reason"})


class Certificate(models.Model):
    """One line of the certificate register (sổ cấp chứng chỉ). Append-only.

    What the certificate shows is copied here when it is issued, so later
    edits of the learner's profile or the program never change a certificate
    already handed out. A correction is a revocation plus a new certificate
    whose ``reissue_of`` points at the revoked one. ``save`` and ``delete``
    refuse anything else, and a database trigger (migration 0010) refuses it
    to queryset updates and raw SQL as well; a model change here must list a
    new column in that trigger.
    """

    unit = models.ForeignKey(
        "lms.TrainingUnit",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("training unit"),
    )
    serial_number = models.PositiveIntegerField(_("serial sequence number"))
    serial = models.CharField(_("serial number"), max_length=40, unique=True)
    register_year = models.PositiveSmallIntegerField(_("register year"))
    register_number = models.PositiveIntegerField(_("register number"))
    register_label = models.CharField(_("register number"), max_length=60)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    full_name = models.CharField(_("full name"), max_length=255)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    program = models.ForeignKey(
        "lessons.ProgramPage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("training program"),
    )
    program_title = models.CharField(_("training program"), max_length=255)
    cohort = models.ForeignKey(
        "lms.Cohort",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("cohort"),
    )
    cohort_code = models.CharField(_("cohort code"), max_length=50, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    grade = models.DecimalField(_("result"), max_digits=4, decimal_places=2, null=True)
    classification = models.CharField(_("classification"), max_length=50, blank=True)
    issue_date = models.DateField(_("issue date"))
    place = models.CharField(_("place of issue"), max_length=100)
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=255)
    verification_code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_verification_code
    )
    issued_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    reissue_of = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reissued_as",
        verbose_name=_("reissue of"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["unit", "register_year", "register_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "serial_number"], name="one_certificate_per_serial"
            ),
            models.UniqueConstraint(
                fields=["unit", "register_year", "register_number"],
                name="one_certificate_per_register_number",
            ),
            models.UniqueConstraint(
                fields=["learner", "program"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_program",
            ),
        ]
        indexes = [models.Index(fields=["issue_date"])]

    def __str__(self):
        return f"{self.serial} – {self.full_name}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (
            update_fields is None or not set(update_fields) <= REVOCATION_FIELDS
        ):
            raise ValidationError(
                _("A certificate in the register cannot be edited; revoke it and reissue.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A certificate in the register cannot be deleted."))

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def register_note(self):
        """The "Notes" column of the register: when revoked, and the reissue links."""
        notes = []
        if self.is_revoked:
            revoked_on = date_format(timezone.localtime(self.revoked_at), "SHORT_DATE_FORMAT")
            notes.append(gettext("Revoked on %(date)s") % {"date": revoked_on})
            reissued = getattr(self, "reissued_as", None)
            if reissued is not None:
                notes.append(gettext("reissued as %(serial)s") % {"serial": reissued.serial})
        if self.reissue_of_id:
            notes.append(gettext("reissue of %(serial)s") % {"serial": self.reissue_of.serial})
        return "; ".join(notes)
