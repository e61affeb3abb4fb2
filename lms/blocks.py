from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "lms/blocks/callout.html"


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Description"), required=False)
    page = blocks.PageChooserBlock(label=_("Linked page"))

    class Meta:
        icon = "link"
        label = _("Link card")
        template = "lms/blocks/link_card.html"


class LinkCardsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(LinkCardBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Link cards")
        template = "lms/blocks/link_cards.html"


class HomeBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), icon="title", template="lms/blocks/heading.html")
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul", "hr", "document-link"],
    )
    image = ImageBlock(label=_("Image"))
    callout = CalloutBlock()
    link_cards = LinkCardsBlock()
