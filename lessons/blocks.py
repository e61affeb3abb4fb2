from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from lms.blocks import CalloutBlock

LESSON_RICH_TEXT_FEATURES = [
    "h3", "h4", "bold", "italic", "superscript", "subscript", "strikethrough",
    "ol", "ul", "hr", "link", "document-link", "blockquote",
]  # fmt: skip


class VideoBlock(blocks.StructBlock):
    """A lecture video: an uploaded file (MP4/WebM as a document) or an embed."""

    title = blocks.CharBlock(label=_("Title"), required=False)
    file = DocumentChooserBlock(label=_("Video file"), required=False)
    embed = EmbedBlock(label=_("Embedded video (YouTube, Vimeo…)"), required=False)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=LESSON_RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "lessons/blocks/video.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if bool(value.get("file")) == bool(value.get("embed")):
            raise StructBlockValidationError(
                block_errors={
                    "file": ValidationError(_("Choose either an uploaded video or an embed.")),
                }
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    show_preview = blocks.BooleanBlock(
        label=_("Show a PDF preview in the lesson"), required=False, default=True
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "lessons/blocks/document.html"


class H5PBlock(blocks.StructBlock):
    package = SnippetChooserBlock("lessons.H5PPackage", label=_("H5P activity"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "form"
        label = _("H5P activity")
        template = "lessons/blocks/h5p.html"


class CaseStudyBlock(blocks.StructBlock):
    case = blocks.PageChooserBlock(page_type="library.CaseStudyPage", label=_("Case study"))
    introduction = blocks.TextBlock(label=_("Why read it"), required=False)

    class Meta:
        icon = "doc-empty-inverse"
        label = _("Case study")
        template = "lessons/blocks/case_study.html"


class LegalQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quoted text"))
    source = blocks.CharBlock(
        label=_("Source"), help_text=_("For example: Khoản 2 Điều 5 Nghị định số 89/2021/NĐ-CP")
    )
    link = blocks.URLBlock(label=_("Link to the document"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Legal text")
        template = "lessons/blocks/legal_quote.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), icon="title", template="lms/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Rich text"), features=LESSON_RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Image"))
    video = VideoBlock()
    document = DocumentBlock()
    h5p = H5PBlock()
    case_study = CaseStudyBlock()
    callout = CalloutBlock()
    legal_quote = LegalQuoteBlock()
    table = TableBlock(label=_("Table"), template="lessons/blocks/table.html")
