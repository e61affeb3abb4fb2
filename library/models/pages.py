"""The library's pages: its home, one page per material, and case studies."""

import re

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from library.forms import DuplicatesPanel, LibraryItemPageForm
from lms.text import fold

WORD_RE = re.compile(r"[^\W_]+")
CASE_RICH_TEXT = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    SIGNED_IN = "signed_in", _("Signed-in users")
    UNIT = "unit", _("The owning unit only")


class LegalStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    PARTLY = "partly", _("Partly in force")
    REPLACED = "replaced", _("Replaced")
    EXPIRED = "expired", _("No longer in force")


class Licence(models.TextChoices):
    # Legal documents are not protected by copyright in Việt Nam (Luật Sở hữu trí tuệ, Điều 15).
    PUBLIC_DOMAIN = "public_domain", _("Not protected (legal document, public domain)")
    CC_BY = "cc_by", _("Creative Commons Attribution (CC BY)")
    CC_BY_SA = "cc_by_sa", _("Creative Commons Attribution-ShareAlike (CC BY-SA)")
    INTERNAL = "internal", _("For training within the civil service only")
    ALL_RIGHTS = "all_rights", _("All rights reserved")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("other", _("Other")),
]


class LibraryIndexPage(Page):
    """The shared digital library ("Thư viện số")."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["lms.HomePage"]
    subpage_types = ["library.LibraryItemPage", "library.CaseStudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library index")
        verbose_name_plural = _("library indexes")


class LibraryItemTag(TaggedItemBase):
    content_object = ParentalKey(
        "library.LibraryItemPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class VisibleItem(Page):
    """What library items and case studies share: an owner, a visibility and subjects."""

    owner_unit = models.ForeignKey(
        "lms.TrainingUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owning unit"),
    )
    visibility = models.CharField(
        _("who may read it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def folded_text(self):
        """Title and description without diacritics: what folded queries match.

        Followed by the same text split into plain words, because PostgreSQL's
        parser keeps "101/2017/nd-cp" as one token that "101" would not match.
        """
        folded = fold(" ".join(text for text in self.search_texts() if text))
        words = WORD_RE.findall(folded)
        return " ".join([folded, *words])

    def search_texts(self):
        return [self.title]


class LibraryItemPage(VisibleItem):
    """One material of the library: a document, a link or an embed, and its metadata."""

    summary = models.TextField(_("summary"), blank=True)
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
        help_text=_("PDF, Word, PowerPoint, Excel, audio or video."),
    )
    external_url = models.URLField(_("external link"), blank=True)
    embed_url = models.URLField(
        _("embedded media"), blank=True, help_text=_("A YouTube or Vimeo address, shown in place.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover image"),
    )
    material_type = models.ForeignKey(
        "library.MaterialType",
        on_delete=models.PROTECT,
        null=True,
        related_name="items",
        verbose_name=_("type"),
    )
    document_number = models.CharField(
        _("document number"), max_length=100, blank=True, help_text=_("For example 89/2021/NĐ-CP.")
    )
    # The number folded and stripped of spaces: "89/2021/nđ-cp " and "89/2021/ND-CP" match.
    document_number_key = models.CharField(
        max_length=100, blank=True, editable=False, db_index=True
    )
    issuing_body = models.ForeignKey(
        "library.IssuingBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("issuing body"),
    )
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGES, default="vi")
    subjects = ParentalManyToManyField(
        "library.Subject", blank=True, related_name="items", verbose_name=_("subjects")
    )
    tags = ClusterTaggableManager(through=LibraryItemTag, blank=True, verbose_name=_("keywords"))
    audience_ranks = ParentalManyToManyField(
        "lms.Rank", blank=True, related_name="+", verbose_name=_("for ranks")
    )
    audience_programs = ParentalManyToManyField(
        "lessons.ProgramPage", blank=True, related_name="+", verbose_name=_("for programs")
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, blank=True)
    legal_status = models.CharField(
        _("legal status"), max_length=10, choices=LegalStatus.choices, blank=True
    )
    replaced_by = models.ForeignKey(
        "library.LibraryItemPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )

    base_form_class = LibraryItemPageForm

    content_panels = [
        DuplicatesPanel(),
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("document"),
                FieldPanel("external_url"),
                FieldPanel("embed_url"),
                FieldPanel("cover_image"),
            ],
            heading=_("Material"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("material_type"), FieldPanel("document_number")]),
                FieldPanel("issuing_body"),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date")]),
                FieldRowPanel([FieldPanel("legal_status"), FieldPanel("replaced_by")]),
            ],
            heading=_("Legal document"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("year")]),
                FieldRowPanel([FieldPanel("language"), FieldPanel("licence")]),
            ],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("subjects"),
                FieldPanel("tags"),
                FieldPanel("audience_ranks"),
                FieldPanel("audience_programs"),
            ],
            heading=_("Subjects and audience"),
        ),
        MultiFieldPanel([FieldPanel("owner_unit"), FieldPanel("visibility")], heading=_("Access")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("document_number", boost=3),
        index.SearchField("authors"),
        index.SearchField("folded_text"),
        index.SearchField("document_full_text"),
        index.SearchField("folded_full_text"),
        index.AutocompleteField("title"),
        index.FilterField("material_type"),
        index.FilterField("issuing_body"),
        index.FilterField("year"),
        index.FilterField("visibility"),
        index.FilterField("owner_unit"),
        index.FilterField("retired_at"),
        index.FilterField("issue_date"),
    ]

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")

    def save(self, *args, **kwargs):
        self.document_number_key = document_number_key(self.document_number)
        super().save(*args, **kwargs)

    def search_texts(self):
        # The number's parts as words too: PostgreSQL keeps "89/2021/nd-cp" as one token.
        number_parts = " ".join(WORD_RE.findall(self.document_number))
        return [
            self.title,
            self.summary,
            self.document_number,
            number_parts,
            self.authors,
            self.publisher,
        ]

    def document_full_text(self):
        """The text extracted from the attached file, once the background task has run."""
        text = getattr(getattr(self.document, "library_text", None), "text", "")
        return text or ""

    def folded_full_text(self):
        return fold(self.document_full_text())


def document_number_key(number):
    """A document number as duplicates are compared: folded, without spaces, lower case."""
    return "".join(fold(number or "").split())


class CaseStudyPage(VisibleItem):
    """A case study ("Tình huống") for discussion in lessons and for case-analysis questions."""

    situation = RichTextField(_("situation"), features=CASE_RICH_TEXT)
    context = RichTextField(_("context"), blank=True, features=CASE_RICH_TEXT)
    discussion_questions = RichTextField(
        _("questions for discussion"), blank=True, features=CASE_RICH_TEXT
    )
    suggested_analysis = RichTextField(
        _("suggested analysis"),
        blank=True,
        features=CASE_RICH_TEXT,
        help_text=_("Shown to lecturers only, never to learners."),
    )
    related_items = ParentalManyToManyField(
        "library.LibraryItemPage",
        blank=True,
        related_name="case_studies",
        verbose_name=_("related legal documents"),
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    subjects = ParentalManyToManyField(
        "library.Subject", blank=True, related_name="case_studies", verbose_name=_("subjects")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("situation"),
        FieldPanel("context"),
        FieldPanel("discussion_questions"),
        FieldPanel("suggested_analysis"),
        FieldPanel("related_items"),
        FieldRowPanel([FieldPanel("difficulty"), FieldPanel("subjects")]),
        MultiFieldPanel([FieldPanel("owner_unit"), FieldPanel("visibility")], heading=_("Access")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("situation"),
        index.SearchField("context"),
        index.SearchField("discussion_questions"),
        index.SearchField("folded_text"),
        index.AutocompleteField("title"),
        index.FilterField("visibility"),
        index.FilterField("owner_unit"),
        index.FilterField("retired_at"),
        index.FilterField("difficulty"),
    ]

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def search_texts(self):
        return [
            self.title,
            strip_tags(self.situation),
            strip_tags(self.context),
            strip_tags(self.discussion_questions),
        ]
