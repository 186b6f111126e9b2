"""News articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.core.base_page import BasePage
from home.core.blocks import BodyStreamBlock
from home.core.fields import optional_link


class NewsPage(BasePage):
    date = models.DateField(_("date"))
    image = optional_link("wagtailimages.Image", _("image"))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("image")]),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
