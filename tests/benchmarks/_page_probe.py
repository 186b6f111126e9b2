"""Run by bench_pages.py with the benchmark's settings and database: the pages to measure, and
the SQL queries of one anonymous request to each (after one warm-up request), as JSON on stdout.

The page cache is off here (``PAGE_CACHE=0`` in the environment) so that the queries counted
are those of rendering the page: once the worker has read the content generation (what every
page shares, the page of the URL), and right after a content change (``first``).
"""

import json
import sys
from collections import Counter

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from home.core.caching import generation as page_cache  # noqa: E402
from home.models import (  # noqa: E402
    Association,
    DeclarationPage,
    EventPage,
    HomePage,
    LegalResourcePage,
    LibraryIndexPage,
    MembersIndexPage,
    NewsPage,
    Signature,
)

SEARCH_WORD = {"fr": "traite", "en": "trafficking"}


def pages(language: str) -> dict[str, str]:
    """{label: path} of the pages to measure in ``language``."""
    locale = Locale.objects.get(language_code=language)
    home = HomePage.objects.live().get(locale=locale)
    members = MembersIndexPage.objects.live().get(locale=locale)
    association = Association.objects.filter(live=True, slug="ccem").first() or Association.objects.filter(live=True)[0]
    library = LibraryIndexPage.objects.live().get(locale=locale)
    resources = LegalResourcePage.objects.live().child_of(library)
    # A couple of facets that select something: the commonest topic, then the commonest type among its resources.
    topic = resources.values("topics__slug").annotate(n=Count("pk")).order_by("-n", "topics__slug")[0]["topics__slug"]
    kind = (
        resources.filter(topics__slug=topic)
        .values("resource_type")
        .annotate(n=Count("pk"))
        .order_by("-n", "resource_type")[0]["resource_type"]
    )
    declaration = DeclarationPage.objects.live().filter(locale=locale).order_by("path")[0]
    suffix = f" ({language})"
    return {
        "home" + suffix: home.url,
        "members" + suffix: members.url,
        "association" + suffix: members.url + members.reverse_subpage("association_detail", args=[association.slug]),
        "library" + suffix: library.url,
        "library filtered" + suffix: f"{library.url}?topic={topic}&type={kind}",
        "library searched" + suffix: f"{library.url}?q={SEARCH_WORD[language]}",
        "declaration" + suffix: declaration.url,
    }


def content() -> dict[str, int]:
    french = {"live": True, "locale__language_code": "fr"}
    return {
        "associations": Association.objects.filter(live=True).count(),
        "legal resources": LegalResourcePage.objects.filter(**french).count(),
        "news": NewsPage.objects.filter(**french).count(),
        "events": EventPage.objects.filter(**french).count(),
        "confirmed signatures": Signature.objects.confirmed().count(),
    }


def query_count(path: str) -> dict:
    """The status, the queries and the most repeated query shapes of an anonymous GET after a
    warm-up one, and the queries of the first GET after a content change (``first``: the worker
    reads the site's skeleton, the page of the URL and its links again)."""
    Client(HTTP_HOST=settings.ALLOWED_HOSTS[0]).get(path)
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])  # no cookie from the warm-up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    shapes = Counter(query["sql"].split(" WHERE ")[0][:160] for query in queries.captured_queries)
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as first:
        Client(HTTP_HOST=settings.ALLOWED_HOSTS[0]).get(path)
    return {
        "status": response.status_code,
        "queries": len(queries),
        "first": len(first),
        "repeated": [(n, sql) for sql, n in shapes.most_common(3) if n > 1],
    }


def main() -> None:
    languages = sys.argv[1:] or ["fr"]
    urls = {}
    for language in languages:
        urls.update(pages(language))
    urls["static file"] = static("css/site.css")
    counts = {}
    for label, path in urls.items():
        counts[label] = query_count(path)
    json.dump({"urls": urls, "queries": counts, "content": content()}, sys.stdout)


if __name__ == "__main__":
    main()
