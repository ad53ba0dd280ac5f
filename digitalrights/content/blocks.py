from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("un", _("United Nations")),
            ("network", _("City network")),
            ("civil", _("Civil society")),
            ("research", _("Research")),
        ],
    )
    website = blocks.URLBlock(label=_("Website"), required=False)
    description = blocks.TextBlock(label=_("Description"))

    class Meta:
        icon = "group"
        template = "content/blocks/partner.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        choices = dict(self.child_blocks["kind"].field.choices)
        context["kind_label"] = choices.get(value["kind"], "")
        return context


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        template="content/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageBlock(label=_("Image"))
    quote = blocks.StructBlock(
        [
            ("text", blocks.TextBlock(label=_("Quote"))),
            ("source", blocks.CharBlock(label=_("Source"), required=False)),
        ],
        label=_("Quote"),
        icon="openquote",
        template="content/blocks/quote.html",
    )
