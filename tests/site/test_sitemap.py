"""sitemap.xml (both languages, hreflang alternates, nothing private or unpublished) and robots.txt."""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

from ..factories import StandardPageFactory

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ET.fromstring(response.text)  # noqa: S314 (our own response)


def _locations(tree):
    return {loc.text for loc in tree.findall("sm:url/sm:loc", NS)}


def test_sitemap_lists_pages_of_both_languages(client, content):
    locations = _locations(_sitemap(client))

    for url in (
        "/fr/",
        "/en/",
        "/fr/droit/",
        "/en/law/",
        content.resource.url,
        content.resource_en.url,
        content.news.url,
        content.news_en.url,
        content.declaration_en.url,
    ):
        assert f"http://testserver{url}" in locations


def test_sitemap_lists_association_profiles(client, content):
    locations = _locations(_sitemap(client))

    assert "http://testserver/fr/nos-membres/ccem/" in locations
    assert "http://testserver/en/our-members/ccem/" in locations


def test_sitemap_has_hreflang_alternates(client, content):
    tree = _sitemap(client)

    entry = next(
        url
        for url in tree.findall("sm:url", NS)
        if url.find("sm:loc", NS).text == f"http://testserver{content.resource.url}"
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("xhtml:link", NS)}
    assert alternates == {
        "fr": f"http://testserver{content.resource.url}",
        "en": f"http://testserver{content.resource_en.url}",
    }


def test_sitemap_excludes_unpublished_and_private_pages(client, content, site_tree):
    draft = StandardPageFactory(parent=site_tree.fr.home, title="Brouillon", slug="brouillon", publish=False)
    private = StandardPageFactory(parent=site_tree.fr.home, title="Réservé", slug="reserve")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    content.ecpat.live = False
    content.ecpat.save()

    locations = _locations(_sitemap(client))

    assert "http://testserver/fr/brouillon/" not in locations
    assert "http://testserver/fr/reserve/" not in locations
    assert "http://testserver/fr/nos-membres/ecpat-france/" not in locations
    assert draft.live is False


def test_robots_txt_points_to_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text.splitlines()
    assert "Disallow: /admin/" in response.text
