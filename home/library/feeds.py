"""Atom feed of a filtered view of the library: its search and facets are the feed's query string.

A researcher follows "GRETA + minors" as the library shows it (``facets.library_selection``), the
resources last added first, so that a text added today is at the top whatever its own date. Its
links are under ``SITE_URL`` (``home.core.feeds``), as the news feed's are.
"""

from django.utils.translation import gettext as _

from home.core.feeds import PageFeed
from home.core.links import page_url

from .facets import filter_querystring, library_selection, selection_labels
from .models import LegalResourcePage

FEED_SIZE = 50


class LibraryFeed(PageFeed):
    def __init__(self, index_page, feed_subpath: str):
        super().__init__(index_page)
        self.feed_subpath = feed_subpath

    def __call__(self, request, *args, **kwargs):
        self.selection = library_selection(self.index_page, request.GET)
        query = filter_querystring(request.GET)
        self.query = f"?{query}" if query else ""
        return super().__call__(request, *args, **kwargs)

    def title(self, obj):
        labels = selection_labels(self.selection)
        if not labels:
            return _("%(title)s — Together against trafficking in human beings") % {"title": obj.title}
        return _("%(title)s: %(filters)s — Together against trafficking in human beings") % {
            "title": obj.title,
            "filters": ", ".join(labels),
        }

    def link(self, obj):
        return super().link(obj) + self.query

    def feed_url(self, obj):
        return page_url(obj, self.request) + self.feed_subpath.lstrip("/") + self.query

    def items(self, obj):
        ids = self.selection.sorted_ids()
        return list(
            LegalResourcePage.objects.filter(pk__in=ids)
            .select_related("issuing_body")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_description(self, item):
        facts = [str(item.issuing_body.name), item.get_resource_type_display()]
        if item.date:
            facts.append(str(item.date.year))
        description = " · ".join(facts)
        return f"{description}. {item.introduction}" if item.introduction else description
