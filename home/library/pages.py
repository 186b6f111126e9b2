"""The library page: the searchable, faceted list of legal resources."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from home.core.base_page import BasePage, SectionPage
from home.core.caching.fragments import deferred

from .facets import library_listing


class LibraryIndexPage(SectionPage):
    """The searchable, faceted list of legal resources."""

    site_section = "library"
    body = RichTextField(_("text above the list"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    subpage_types = ["home.LegalResourcePage"]

    class Meta:
        verbose_name = _("legal library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = deferred(lambda: library_listing(self, request.GET))
        return context
