"""StreamField blocks for page bodies; each renders with templates/blocks/<name>.html."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A section title, in the outline of the page")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it; leave empty if it is decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    source = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), required=False, help_text=_("Defaults to the document's title."))
    language = blocks.ChoiceBlock(
        label=_("Language of the document"),
        required=False,
        choices=[("fr", _("French")), ("en", _("English")), ("other", _("Other"))],
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an external link."))}
            )
        return value


class RecommendationBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "list-ol"
        label = _("Recommendation")
        template = "blocks/recommendation_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    link = LinkBlock()

    class Meta:
        label = _("Body")


# The path the migrations know ParagraphBlock by (Wagtail reads this name when it deconstructs a block).
DECONSTRUCT_ALIASES = {ParagraphBlock: "home.blocks.ParagraphBlock"}
