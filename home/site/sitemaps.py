"""sitemap.xml: every live public page of both languages, with hreflang alternates.

Every location is under ``SITE_URL`` (``home.core.links.page_url``): Django's sitemap view would take
the protocol and domain from the request (``django.contrib.sites`` is not installed), Wagtail's from
the Site's ``root_url``.
"""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from home.core.links import page_url
from home.core.tree import tree


class BilingualSitemap(Sitemap):
    def items(self):
        locale_roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        condition = Page.objects.none()
        for locale_root in locale_roots:
            condition = condition | Page.objects.descendant_of(locale_root, inclusive=True)
        return (
            condition.live()
            .filter(tree().not_restricted_q())
            .filter(alias_of__isnull=True)  # untranslated mirrors are not pages of their own
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        language_of = dict(Locale.objects.values_list("pk", "language_code"))
        translations = defaultdict(list)
        for item in items:
            translations[item.translation_key].append(item)

        urls = []
        last_mods = set()
        for item in items:
            location = page_url(item, self.request)
            siblings = translations[item.translation_key]
            for url_info in item.get_sitemap_urls(self.request):
                url_info = dict(url_info)
                if len(siblings) > 1 and url_info["location"] == location:
                    url_info["alternates"] = [
                        {"location": page_url(sibling, self.request), "lang_code": language_of[sibling.locale_id]}
                        for sibling in siblings
                    ]
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
