"""The library page: the searchable, faceted list of legal resources, and the Atom feed of any view of it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from home.core.base_page import BasePage, SectionPage
from home.core.caching.fragments import deferred

from .facets import FILTER_PARAMETERS, filter_querystring, library_listing
from .feeds import LibraryFeed


class LibraryIndexPage(RoutablePageMixin, SectionPage):
    """The searchable, faceted list of legal resources."""

    site_section = "library"
    body = RichTextField(_("text above the list"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    subpage_types = ["home.LegalResourcePage"]
    # What the language switcher keeps of the query string: facet values (slugs, codes, years) and
    # the sort are the same in both languages; the search words are kept as typed.
    language_switch_parameters = (*FILTER_PARAMETERS, "sort")

    class Meta:
        verbose_name = _("legal library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = deferred(lambda: library_listing(self, request.GET))
        query = filter_querystring(request.GET)
        context["feed_query"] = f"?{query}" if query else ""  # after the feed's URL
        return context

    @path("")
    def library(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def feed(self, request):
        return LibraryFeed(self, self.reverse_subpage("feed"))(request)
