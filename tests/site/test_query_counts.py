"""Public pages run a bounded number of SQL queries, whatever the amount of content."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from home.core.caching.generation import invalidate
from home.models import (
    Association,
    Signature,
    SignatureKind,
    SignatureStatus,
)

from ..factories import EventPageFactory

# The target of issue #6: at most 12 queries to render any public page, the same number whatever
# the amount of content, counted once a worker has read the content generation (the site's skeleton,
# the library's index, the page of the URL and its links); and (issue #17) at most 12 as well for
# the first rendering after a change, that every worker of every host pays, with the caches emptied.
MAX_QUERIES = 12


def _urls(content, site_tree):
    return [
        "/fr/",
        "/en/",
        site_tree.fr.members.url,
        site_tree.fr.members.url + "?status=member&field=mineurs",
        "/fr/nos-membres/ccem/",
        "/en/our-members/ccem/",
        site_tree.fr.library.url,
        site_tree.fr.library.url + "?body=conseil-europe&topic=mineurs&language=fr&type=convention",
        site_tree.fr.library.url + "?q=convention",
        site_tree.fr.library.url + "?q=convention&body=conseil-europe&sort=title&page=2",
        site_tree.en.library.url,
        content.resource.url,
        site_tree.fr.news.url,
        content.news.url,
        site_tree.fr.events.url,
        content.event.url,
        site_tree.fr.declarations.url,
        content.declaration.url,
        content.declaration_en.url,
    ]


def _query_counts(client, urls) -> dict[str, int]:
    """Queries of each page once rendered before (the site's skeleton and the library index are read)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for url in urls:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured)
    return counts


@pytest.fixture(autouse=True)
def _render_every_page(full_rendering):
    """These tests count the queries of rendering a whole page, not of serving it or its fragments from the cache."""


def test_public_pages_have_bounded_queries(client, content, site_tree):
    counts = _query_counts(client, _urls(content, site_tree))
    assert {url: n for url, n in counts.items() if n > MAX_QUERIES} == {}


def _like_the_demo(content, site_tree):
    """What the demo has and the smallest fixture lacks: a past event, signatories of both kinds."""
    now = timezone.now()
    EventPageFactory(parent=site_tree.fr.events, start=now - datetime.timedelta(days=400), end=None)
    Signature.objects.create(
        declaration_key=content.declaration.translation_key,
        kind=SignatureKind.PERSON,
        status=SignatureStatus.CONFIRMED,
        first_name="Ada",
        last_name="Publique",
        email="ada@example.org",
        country="FR",
        show_publicly=True,
        confirmed_at=now,
    )
    Signature.objects.create(
        declaration_key=content.declaration.translation_key,
        kind=SignatureKind.ORGANISATION,
        status=SignatureStatus.CONFIRMED,
        association=content.ccem,
        confirmed_at=now,
    )


def test_query_counts_are_the_same_on_ten_times_the_demo_content(client, content, site_tree, add_ten_times_the_demo):
    """Every list of every page has something in it at both sizes: empty lists skip their query."""
    _like_the_demo(content, site_tree)
    urls = _urls(content, site_tree)
    demo = _query_counts(client, urls)
    add_ten_times_the_demo()
    assert Association.objects.count() >= 140
    assert Signature.objects.confirmed().count() >= 600
    ten_times = _query_counts(client, urls)
    assert ten_times == demo
    assert max(ten_times.values()) <= MAX_QUERIES


def _first_rendering_counts(client, urls) -> dict[str, int]:
    """Queries of each page rendered right after a change, with every cache emptied (Wagtail's too)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for url in urls:
        assert client.get(url).status_code == 200, url
        invalidate()
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_the_first_rendering_after_a_change_stays_bounded(client, content, site_tree):
    """Reading the site's skeleton, the page of the URL and the library's index again costs a few queries."""
    counts = _first_rendering_counts(client, _urls(content, site_tree))
    assert {url: n for url, n in counts.items() if n > MAX_QUERIES} == {}


def test_the_first_rendering_costs_the_same_on_ten_times_the_demo_content(
    client, content, site_tree, add_ten_times_the_demo
):
    _like_the_demo(content, site_tree)
    urls = _urls(content, site_tree)
    demo = _first_rendering_counts(client, urls)
    add_ten_times_the_demo()
    ten_times = _first_rendering_counts(client, urls)
    assert ten_times == demo
    assert max(ten_times.values()) <= MAX_QUERIES
