"""Finding the page of a URL: deep and long paths answer 404 at once, real deep pages still resolve."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..factories import StandardPageFactory
from ..html import element, html_lang


def _queries(client, url):
    client.get("/fr/")  # the site's skeleton is read once per content generation
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/fr/" + "a/" * 2000,
        "/en/" + "a/" * 2000,
        "/fr/" + "a/" * (80),
        "/fr/" + "a" * (1001) + "/",
        "/fr/agenda/" + "a/" * 2000 + "event.ics",
    ],
)
def test_a_path_deeper_or_longer_than_any_page_is_a_404_at_once_in_the_site_layout(client, site_tree, url):
    response, queries = _queries(client, url)

    assert response.status_code == 404
    assert html_lang(response.text) == url[1:3]
    assert element(response.text, "main") is not None  # the site's layout, not a bare error
    assert queries <= 1  # the content generation; no page lookup (4 queries before the bound)


def test_a_deep_page_still_resolves(client, site_tree):
    parent = site_tree.fr.standard
    for level in range(12):
        parent = StandardPageFactory(parent=parent, title=f"Niveau {level}", slug=f"niveau-{level}")

    response = client.get(parent.url)

    assert response.status_code == 200
    assert "Niveau 11" in response.text
    assert parent.url.count("/") > 12
    assert client.get(parent.url + "nexiste-pas/").status_code == 404


def test_the_skeleton_finds_the_site_and_its_root_paths_as_wagtail_does(rf, site_tree):
    """The skeleton reads the sites and the roots itself (no query of Wagtail's): the same answers."""
    from django.core.cache import cache
    from wagtail.models import Site

    from home.site.skeleton import build

    other = Site.objects.create(hostname="other.example", port=8080, root_page=site_tree.fr.news, is_default_site=False)
    for host in ("testserver", "other.example:8080", "other.example", "unknown.example"):
        request = rf.get("/", HTTP_HOST=host)
        expected_site = Site._find_for_request(rf.get("/", HTTP_HOST=host))
        cache.clear()
        expected_paths = Site.get_site_root_paths()
        cache.clear()
        skeleton = build(request)
        assert skeleton.site == expected_site, host
        assert skeleton.site_root_paths == expected_paths
        assert request._wagtail_cached_site_root_paths == expected_paths
        assert [tuple(path) for path in Site.get_site_root_paths()] == [tuple(path) for path in expected_paths]
    assert other.pk in {path.site_id for path in expected_paths}
