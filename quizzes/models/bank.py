"""The question bank: a tree of categories holding questions with immutable versions."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from treebeard.mp_tree import MP_Node

from quizzes.qtypes import QUESTION_TYPE_CHOICES


class QuestionCategory(MP_Node):
    """A folder of the question bank, owned by a training unit or a course.

    A category is visible to its owner and to the units it is shared with;
    sharing a category shares its subcategories.
    """

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    idnumber = models.CharField(
        _("ID number"),
        max_length=100,
        blank=True,
        help_text=_("An identifier from another system, e.g. Moodle's category ID number."),
    )
    unit = models.ForeignKey(
        "lms.TrainingUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="question_categories",
        verbose_name=_("owning training unit"),
    )
    course = models.ForeignKey(
        "lessons.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="question_categories",
        verbose_name=_("owning course"),
    )
    shared_with = models.ManyToManyField(
        "lms.TrainingUnit",
        blank=True,
        related_name="shared_question_categories",
        verbose_name=_("shared with"),
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        permissions = [("manage_all_banks", _("Can manage every unit's question banks"))]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.unit_id is None and self.course_id is None:
            raise ValidationError(_("A category belongs to a training unit or to a course."))


class QuestionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


class QuestionTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "quizzes.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(models.Model):
    """The stable identity of a question; its content lives in versions.

    ``current_version`` and the denormalised ``qtype``/``search_text`` let the
    bank list and filter 10,000 questions without reading every version.
    """

    category = models.ForeignKey(
        QuestionCategory,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("category"),
    )
    name = models.CharField(_("name"), max_length=255)
    qtype = models.CharField(_("type"), max_length=20, choices=QUESTION_TYPE_CHOICES)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.READY
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    idnumber = models.CharField(_("ID number"), max_length=100, blank=True)
    tags = TaggableManager(through=QuestionTag, blank=True, verbose_name=_("tags"))
    current_version = models.ForeignKey(
        "quizzes.QuestionVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    # Name, text and options folded (no diacritics, lower case) for search.
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions_created",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["category", "status", "qtype"]),
            # The bank lists the most recently changed questions first.
            models.Index(fields=["-updated_at", "-id"], name="question_recent_first"),
        ]

    def __str__(self):
        return self.name


class QuestionVersion(models.Model):
    """One immutable state of a question: what attempts are given and graded against."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="versions", verbose_name=_("question")
    )
    number = models.PositiveIntegerField(_("version"))
    qtype = models.CharField(_("type"), max_length=20, choices=QUESTION_TYPE_CHOICES)
    text = models.TextField(_("question text"))
    general_feedback = models.TextField(_("general feedback"), blank=True)
    default_mark = models.DecimalField(
        _("default mark"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Type-specific content: options with keys and fractions, accepted
    # answers, pairs, essay settings. ``quizzes.qtypes`` validates it.
    payload = models.JSONField(_("content"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="one_number_per_version"),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_number_positive"),
        ]

    def __str__(self):
        return f"{self.question} (v{self.number})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(_("A question version cannot be changed; save a new one."))
        super().save(*args, **kwargs)

    @property
    def type(self):
        from quizzes.qtypes import question_type

        return question_type(self.qtype)
