"""QuizPage: a test or exam of a course, with its slots."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from lessons.models.pages import TEN_POINT_SCALE
from quizzes.bank.panels import QuizPageForm, QuizTotalMarksPanel
from quizzes.models.bank import Difficulty


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest grade")
    AVERAGE = "average", _("Average grade")
    FIRST = "first", _("First attempt")
    LAST = "last", _("Last attempt")


class Navigation(models.TextChoices):
    FREE = "free", _("Free: questions in any order")
    SEQUENTIAL = "sequential", _("Sequential: no going back")


class OverdueHandling(models.TextChoices):
    AUTOSUBMIT = "autosubmit", _("Submitted automatically with the saved answers")
    GRACE = "grace", _("A grace period in which the learner may only submit")
    ABANDON = "abandon", _("Not counted unless submitted before the deadline")


class QuizPage(Page):
    """A test or exam (bài kiểm tra, bài thi) of a course.

    The published slots are what attempts draw from; each attempt freezes its
    own layout at start, so editing the quiz never changes an attempt in
    progress.
    """

    introduction = RichTextField(_("introduction"), blank=True)
    is_required = models.BooleanField(
        _("required"),
        default=False,
        help_text=_("Passing it counts toward course completion when the course asks for it."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no time limit.")
    )
    overdue_handling = models.CharField(
        _("when time runs out"),
        max_length=12,
        choices=OverdueHandling.choices,
        default=OverdueHandling.AUTOSUBMIT,
    )
    grace_minutes = models.PositiveIntegerField(_("grace period (minutes)"), default=0)
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, help_text=_("0 means unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    pass_mark = models.DecimalField(
        _("pass mark"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=TEN_POINT_SCALE,
        help_text=_("On the 10-point scale. Empty: the program's pass mark."),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(0)],
        help_text=_(
            "Its share in the course grade and, for required quizzes, in the program result."
        ),
    )
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"), default=1, help_text=_("0 puts every question on one page.")
    )
    navigation = models.CharField(
        _("navigation"), max_length=10, choices=Navigation.choices, default=Navigation.FREE
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_answers = models.BooleanField(_("shuffle answer options"), default=True)
    # What the learner sees: during the attempt, right after submitting (until
    # the close date) and after the close date.
    review_marks_during = models.BooleanField(_("marks"), default=False)
    review_answers_during = models.BooleanField(_("right answers"), default=False)
    review_feedback_during = models.BooleanField(_("feedback"), default=False)
    review_marks_after = models.BooleanField(_("marks"), default=True)
    review_answers_after = models.BooleanField(_("right answers"), default=False)
    review_feedback_after = models.BooleanField(_("feedback"), default=False)
    review_marks_closed = models.BooleanField(_("marks"), default=True)
    review_answers_closed = models.BooleanField(_("right answers"), default=True)
    review_feedback_closed = models.BooleanField(_("feedback"), default=True)
    password = models.CharField(
        _("password"),
        max_length=100,
        blank=True,
        help_text=_("Learners must type it to start and to continue an attempt."),
    )
    ip_allowlist = models.TextField(
        _("allowed networks"),
        blank=True,
        help_text=_("One address or network per line (e.g. 10.1.2.0/24). Empty: any network."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("slots", label=_("Questions"), heading=_("Questions")),
        QuizTotalMarksPanel(),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel(
                    [
                        FieldPanel("time_limit_minutes"),
                        FieldPanel("overdue_handling"),
                        FieldPanel("grace_minutes"),
                    ]
                ),
            ],
            heading=_("Timing"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("attempts_allowed"),
                        FieldPanel("grading_method"),
                        FieldPanel("pass_mark"),
                        FieldPanel("weight"),
                    ]
                ),
                FieldPanel("is_required"),
            ],
            heading=_("Grade"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("questions_per_page"), FieldPanel("navigation")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_answers")]),
            ],
            heading=_("Layout"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("review_marks_during"),
                        FieldPanel("review_answers_during"),
                        FieldPanel("review_feedback_during"),
                    ],
                    heading=_("During the attempt"),
                ),
                FieldRowPanel(
                    [
                        FieldPanel("review_marks_after"),
                        FieldPanel("review_answers_after"),
                        FieldPanel("review_feedback_after"),
                    ],
                    heading=_("Right after submitting"),
                ),
                FieldRowPanel(
                    [
                        FieldPanel("review_marks_closed"),
                        FieldPanel("review_answers_closed"),
                        FieldPanel("review_feedback_closed"),
                    ],
                    heading=_("After the close date"),
                ),
            ],
            heading=_("Review options"),
        ),
        MultiFieldPanel(
            [FieldPanel("password"), FieldPanel("ip_allowlist")], heading=_("Extra restrictions")
        ),
        *Page.settings_panels,
    ]
    base_form_class = QuizPageForm
    parent_page_types = ["lessons.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @cached_property
    def course(self):
        """The course this quiz belongs to, looked up once per request."""
        return self.get_parent().specific

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The quiz must close after it opens.")})
        from quizzes.access import parse_networks

        try:
            parse_networks(self.ip_allowlist)
        except ValueError as error:
            raise ValidationError({"ip_allowlist": str(error)}) from error

    def serve(self, request, *args, **kwargs):
        from quizzes.views import quiz_start_page

        return quiz_start_page(request, self)


class SlotKind(models.TextChoices):
    FIXED = "fixed", _("A chosen question")
    RANDOM = "random", _("Random questions from a category")


class QuizSlot(Orderable, ClusterableModel):
    """A place in the quiz: one chosen question, or ``count`` questions drawn at random."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="slots")
    kind = models.CharField(
        _("kind"), max_length=10, choices=SlotKind.choices, default=SlotKind.FIXED
    )
    question = models.ForeignKey(
        "quizzes.Question",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("question"),
    )
    category = models.ForeignKey(
        "quizzes.QuestionCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("category"),
    )
    include_subcategories = models.BooleanField(_("include subcategories"), default=True)
    tags = ParentalManyToManyField("taggit.Tag", blank=True, verbose_name=_("with tags"))
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices, blank=True
    )
    count = models.PositiveSmallIntegerField(
        _("number of questions"), default=1, validators=[MinValueValidator(1)]
    )
    mark = models.DecimalField(
        _("mark per question"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("include_subcategories")]),
        FieldRowPanel([FieldPanel("tags"), FieldPanel("difficulty"), FieldPanel("count")]),
        FieldPanel("mark"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz slot")
        verbose_name_plural = _("quiz slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="fixed", question__isnull=False)
                | Q(kind="random", category__isnull=False),
                name="slot_has_question_or_category",
            )
        ]

    def clean(self):
        super().clean()
        if self.kind == SlotKind.FIXED and self.question_id is None:
            raise ValidationError({"question": _("Choose the question.")})
        if self.kind == SlotKind.RANDOM and self.category_id is None:
            raise ValidationError({"category": _("Choose the category to draw from.")})
