"""The site's own content: standard pages, the contact form's fields, the collective's settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.core.base_page import BasePage
from home.core.blocks import BodyStreamBlock
from home.core.fields import optional_link


class StandardPage(BasePage):
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.ContactPage"]

    class Meta:
        verbose_name = _("standard page")


class FormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("home.ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")


@register_setting(icon="site")
class CollectiveSettings(BaseGenericSetting):
    """Settings editors change in the admin."""

    coordination_email = models.EmailField(
        _("coordination email"), blank=True, help_text=_("Public address of the collective's coordination.")
    )
    coordination_name = models.CharField(_("coordinating association"), max_length=200, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    privacy_page = optional_link(
        "wagtailcore.Page",
        _("privacy page"),
        help_text=_("Linked from the footer of every page, in the visitor's language."),
    )

    panels = [
        FieldPanel("coordination_email"),
        FieldPanel("coordination_name"),
        FieldPanel("postal_address"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("collective settings")
