"""The Atom feeds of the site: the pages below an index page, in the index's language.

Their links (the index, the feed itself, each item) are under ``SITE_URL`` (``home.core.links``),
never the request's domain that Django's ``Feed`` would add to a relative link. Each domain's feed
(``home.news.feeds``, ``home.library.feeds``) says which pages, titled how.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .links import page_url


class PageFeed(Feed):
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

    def link(self, obj):
        return page_url(obj, self.request)

    def subtitle(self, obj):
        return obj.introduction

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return page_url(item, self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
