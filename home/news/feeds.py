"""Atom feed of a news index, in the index's language (links under ``SITE_URL``: ``home.core.feeds``)."""

from django.utils.translation import gettext as _

from home.core.feeds import PageFeed
from home.core.links import page_url
from home.core.tree import live_not_restricted

from .models import NewsPage

FEED_SIZE = 20


class NewsFeed(PageFeed):
    def title(self, obj):
        return _("%(title)s — Together against trafficking in human beings") % {"title": obj.title}

    def feed_url(self, obj):
        return page_url(obj, self.request) + obj.reverse_subpage("feed")

    def items(self, obj):
        return live_not_restricted(NewsPage).child_of(obj).order_by("-date", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return item.introduction
