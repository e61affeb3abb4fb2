from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lessons.blocks import LessonBodyBlock

TEN_POINT_SCALE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))]


class ProgramIndexPage(Page):
    """The list of training programs ("Chương trình bồi dưỡng")."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["lms.HomePage"]
    subpage_types = ["lessons.ProgramPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("program index")
        verbose_name_plural = _("program indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = (
            ProgramPage.objects.child_of(self).live().public().select_related("kind")
        )
        return context


class ProgramPage(Page):
    """A training program: the legal frame for its courses and results."""

    kind = models.ForeignKey(
        "lessons.ProgramKind",
        on_delete=models.PROTECT,
        null=True,
        related_name="programs",
        verbose_name=_("kind"),
    )
    unit = models.ForeignKey(
        "lms.TrainingUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("training unit"),
    )
    target_ranks = ParentalManyToManyField(
        "lms.Rank", blank=True, related_name="programs", verbose_name=_("target ranks")
    )
    target_positions = models.TextField(
        _("target positions"),
        blank=True,
        help_text=_("Leadership positions, professional titles or job positions, one per line."),
    )
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_("For example: Nghị định số 89/2021/NĐ-CP; Thông tư số …"),
    )
    periods = models.PositiveIntegerField(
        _("length (periods)"), default=0, help_text=_("In periods (tiết); one day is 8 periods.")
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    pass_mark = models.DecimalField(
        _("pass mark"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=TEN_POINT_SCALE,
        help_text=_("On the 10-point scale."),
    )
    excellent_mark = models.DecimalField(
        _("excellent from"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("9.00"),
        validators=TEN_POINT_SCALE,
    )
    good_mark = models.DecimalField(
        _("good from"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("8.00"),
        validators=TEN_POINT_SCALE,
    )
    fair_mark = models.DecimalField(
        _("fair from"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("7.00"),
        validators=TEN_POINT_SCALE,
        help_text=_("From the pass mark up to this grade the classification is “average”."),
    )
    certificate_wording = models.CharField(
        _("certificate wording"),
        max_length=255,
        default="Đã hoàn thành chương trình bồi dưỡng",
        help_text=_("Printed on the certificate before the program's name."),
    )
    description = RichTextField(_("description"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("unit"), FieldPanel("legal_basis")],
            heading=_("Program"),
        ),
        MultiFieldPanel(
            [FieldPanel("target_ranks"), FieldPanel("target_positions")], heading=_("Audience")
        ),
        FieldRowPanel(
            [FieldPanel("periods"), FieldPanel("min_attendance_percent"), FieldPanel("pass_mark")],
            heading=_("Rules"),
        ),
        FieldRowPanel(
            [FieldPanel("excellent_mark"), FieldPanel("good_mark"), FieldPanel("fair_mark")],
            heading=_("Classification"),
        ),
        FieldPanel("certificate_wording"),
        FieldPanel("description"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("legal_basis"),
        index.FilterField("unit"),
    ]
    parent_page_types = ["lessons.ProgramIndexPage"]
    subpage_types = ["lessons.CoursePage"]

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")

    def clean(self):
        super().clean()
        if not self.pass_mark <= self.fair_mark <= self.good_mark <= self.excellent_mark:
            raise ValidationError(
                _("The pass mark and the bands must rise: pass ≤ fair ≤ good ≤ excellent.")
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public()
        return context


class EnrolmentPolicy(models.TextChoices):
    OPEN = "open", _("Open to every signed-in user")
    SELF = "self", _("Learners enrol themselves")
    APPROVAL = "approval", _("Enrolment on approval")
    MANAGERS = "managers", _("Enrolled by managers only")


class CompletionRule(models.TextChoices):
    REQUIRED_LESSONS = "lessons", _("All required lessons completed")
    LESSONS_AND_QUIZZES = "lessons_quizzes", _("All required lessons and quizzes passed")


class CoursePage(Page):
    """A course (khóa học, chuyên đề) of a program; its lessons are its children."""

    summary = models.TextField(_("summary"), blank=True)
    objectives = RichTextField(_("objectives"), blank=True, features=["bold", "italic", "ol", "ul"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    enrolment_policy = models.CharField(
        _("enrolment"),
        max_length=20,
        choices=EnrolmentPolicy.choices,
        default=EnrolmentPolicy.SELF,
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.REQUIRED_LESSONS,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("image"),
        InlinePanel("lecturers", label=_("Lecturers")),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("enrolment_policy"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("completion_rule"),
            ],
            heading=_("Enrolment and completion"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["lessons.ProgramPage"]
    subpage_types = ["lessons.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The course cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        from lessons.views import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(request, self))
        return context


class LecturerKind(models.TextChoices):
    STAFF = "staff", _("Staff lecturer")
    PART_TIME = "part_time", _("Part-time lecturer")
    VISITING = "visiting", _("Visiting lecturer")
    SPEAKER = "speaker", _("Guest speaker")


class CourseLecturer(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="lecturers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="courses_taught",
        verbose_name=_("lecturer"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=LecturerKind.choices, default=LecturerKind.STAFF
    )

    panels = [FieldPanel("user"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = _("course lecturer")
        verbose_name_plural = _("course lecturers")


class CompletionMode(models.TextChoices):
    VIEW = "view", _("Completed when viewed")
    MANUAL = "manual", _("The learner marks it done")
    H5P = "h5p", _("The H5P activity is passed")
    TIME = "time", _("A minimum time is spent")


class LessonPage(Page):
    """An e-lecture (bài giảng điện tử)."""

    body = StreamField(LessonBodyBlock(), blank=True, verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    is_required = models.BooleanField(_("required"), default=True)
    completion_mode = models.CharField(
        _("completion"), max_length=10, choices=CompletionMode.choices, default=CompletionMode.VIEW
    )
    min_minutes = models.PositiveSmallIntegerField(
        _("minimum minutes"),
        default=0,
        help_text=_(
            "For completion by time spent: the minutes a learner must spend on the lesson."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
                FieldRowPanel([FieldPanel("completion_mode"), FieldPanel("min_minutes")]),
            ],
            heading=_("Study"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["lessons.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def course(self):
        """The course this lesson belongs to, looked up once per request."""
        return self.get_parent().specific

    def clean(self):
        super().clean()
        if self.completion_mode == CompletionMode.TIME and not self.min_minutes:
            raise ValidationError(
                {"min_minutes": _("Give the minutes a learner must spend on the lesson.")}
            )
        if self.completion_mode == CompletionMode.H5P and not any(
            block.block_type == "h5p" for block in self.body
        ):
            raise ValidationError(
                {"completion_mode": _("Add an H5P activity to the lesson or choose another mode.")}
            )

    def get_context(self, request, *args, **kwargs):
        from lessons.views import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        """Only learners who may study the course see the lesson; their visit is recorded."""
        from lessons import services
        from lessons.views import lesson_refusal

        refusal = lesson_refusal(request, self)
        if refusal is not None:
            return refusal
        services.lesson_mark_viewed(user=request.user, lesson=self)
        return super().serve(request, *args, **kwargs)
