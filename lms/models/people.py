from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from lms.text import nfc, person_sort_key


class TrainingUnit(models.Model):
    """A training institution (Học viện, trường chính trị tỉnh, trường của bộ)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    code = models.SlugField(_("unit code"), max_length=50, unique=True)
    governing_body = models.CharField(_("governing body"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("training unit")
        verbose_name_plural = _("training units")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Rank(models.Model):
    """A civil-service rank (ngạch), e.g. 01.003 chuyên viên."""

    code = models.CharField(
        _("rank code"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z.]+$", _("A rank code holds only letters, digits and dots.")
            )
        ],
    )
    name = models.CharField(_("rank name"), max_length=255)
    level = models.PositiveSmallIntegerField(
        _("level"), default=0, help_text=_("1 is the highest rank; used for sorting.")
    )

    class Meta:
        verbose_name = _("rank")
        verbose_name_plural = _("ranks")
        ordering = ["level", "code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class ProfileQuerySet(models.QuerySet):
    def in_vietnamese_order(self):
        return self.order_by("sort_key", "pk")


class Profile(index.Indexed, models.Model):
    """What the training system knows of a person besides the login account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("account"),
    )
    family_name = models.CharField(_("family and middle names"), max_length=150)
    given_name = models.CharField(_("given name"), max_length=50)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    staff_code = models.CharField(
        _("staff code"),
        max_length=30,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The staff code given by the managing agency."),
    )
    unit = models.ForeignKey(
        TrainingUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("training unit"),
    )
    agency = models.CharField(_("agency"), max_length=255, blank=True)
    rank = models.ForeignKey(
        Rank,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("rank"),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9 .()-]{8,20}$",
                _("A phone number holds only digits, spaces and + . ( ) -."),
            )
        ],
    )
    sort_key = models.CharField(max_length=400, editable=False, db_index=True, default="")

    objects = ProfileQuerySet.as_manager()

    search_fields = [
        index.SearchField("family_name"),
        index.SearchField("given_name"),
        index.SearchField("staff_code"),
        index.AutocompleteField("given_name"),
        index.FilterField("unit"),
        index.FilterField("rank"),
    ]

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["sort_key", "pk"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.family_name = " ".join(nfc(self.family_name).split())
        self.given_name = " ".join(nfc(self.given_name).split())
        self.sort_key = person_sort_key(given_name=self.given_name, family_name=self.family_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"family_name", "given_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.family_name} {self.given_name}".strip()
