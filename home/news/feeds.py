"""Atom feed of a news index, in the index's language.

Its links (the index, the feed itself, each item) are under ``SITE_URL`` (``home.core.links``),
never the request's domain that Django's ``Feed`` would add to a relative link.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from home.core.links import page_url
from home.core.tree import live_not_restricted

from .models import NewsPage

FEED_SIZE = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        # Django's Feed reads ``language`` itself (and would otherwise use the active language).
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.index_page

    def title(self, obj):
        return _("%(title)s — Together against trafficking in human beings") % {"title": obj.title}

    def link(self, obj):
        return page_url(obj, self.request)

    def subtitle(self, obj):
        return obj.introduction

    def feed_url(self, obj):
        return page_url(obj, self.request) + obj.reverse_subpage("feed")

    def items(self, obj):
        return live_not_restricted(NewsPage).child_of(obj).order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return page_url(item, self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
