"""The Atom feed of a filtered view of the library: exactly the resources the view shows, newest additions first."""

import datetime
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.http import QueryDict

from home.library.facets import filtered_resource_ids, library_listing
from home.models import LegalResourcePage, ResourceType

from ..factories import IssuingBodyFactory, LegalResourcePageFactory, TopicFactory
from ..html import element, elements, text

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def library(site_tree, translate):
    minors = TopicFactory(slug="minors", name_fr="Mineurs", name_en="Minors")
    labour = TopicFactory(slug="labour-exploitation", name_fr="Exploitation par le travail", name_en="Labour")
    greta = IssuingBodyFactory(slug="greta", acronym="GRETA", name_fr="GRETA (Conseil de l'Europe)", name_en="GRETA")
    eu = IssuingBodyFactory(slug="eu", acronym="UE", name_fr="Union européenne", name_en="European Union")
    parent = site_tree.fr.library
    resources = SimpleNamespace(
        greta_minors=LegalResourcePageFactory(
            parent=parent,
            title="Rapport du GRETA sur les mineurs",
            issuing_body=greta,
            resource_type=ResourceType.EVALUATION_REPORT,
            date=datetime.date(2013, 1, 28),
            topics=[minors],
            languages=["fr"],
        ),
        greta_labour=LegalResourcePageFactory(
            parent=parent,
            title="Rapport du GRETA sur le travail forcé",
            issuing_body=greta,
            resource_type=ResourceType.EVALUATION_REPORT,
            date=datetime.date(2017, 6, 1),
            topics=[labour],
            languages=["fr", "en"],
        ),
        directive=LegalResourcePageFactory(
            parent=parent,
            title="Directive 2011/36/UE",
            issuing_body=eu,
            resource_type=ResourceType.DIRECTIVE,
            date=datetime.date(2011, 4, 5),
            topics=[minors, labour],
            languages=["fr", "en"],
        ),
        old_greta=LegalResourcePageFactory(
            parent=parent,
            title="Premier rapport du GRETA sur les mineurs",
            issuing_body=greta,
            resource_type=ResourceType.EVALUATION_REPORT,
            date=datetime.date(2010, 3, 1),
            topics=[minors],
            languages=["fr"],
        ),
    )
    english = translate(
        resources.greta_minors, site_tree.en.locale, title="GRETA report on minors", slug="greta-minors"
    )
    return SimpleNamespace(page=parent, en_page=site_tree.en.library, r=resources, english=english)


def _feed(client, url, params=""):
    response = client.get(f"{url}feed/{params}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def _entry_titles(feed) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]


@pytest.mark.parametrize(
    "query",
    ["", "body=greta", "body=greta&topic=minors", "topic=minors&q=rapport", "type=directive&year=2011", "year=1999"],
)
def test_filtered_feed_holds_exactly_the_filtered_resources(client, library, query):
    feed = _feed(client, library.page.url, f"?{query}" if query else "")

    listed = {resource.title for resource in library_listing(library.page, QueryDict(query)).resources}
    assert sorted(_entry_titles(feed)) == sorted(listed)
    assert len(_entry_titles(feed)) == len(filtered_resource_ids(library.page, QueryDict(query)))


def test_feed_puts_the_latest_additions_first_and_links_back_to_the_filtered_view(client, library):
    # Added last, though the oldest text: a follower must see it at the top.
    library.r.old_greta.save_revision().publish()
    feed = _feed(client, library.page.url, "?body=greta&topic=minors")

    expected = LegalResourcePage.objects.filter(pk__in=[library.r.old_greta.pk, library.r.greta_minors.pk])
    assert _entry_titles(feed) == [page.title for page in expected.order_by("-first_published_at")]
    assert _entry_titles(feed)[0] == "Premier rapport du GRETA sur les mineurs"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["alternate"] == f"{settings.SITE_URL}/fr/droit/?body=greta&topic=minors"
    assert links["self"] == f"{settings.SITE_URL}/fr/droit/feed/?body=greta&topic=minors"


def test_feed_title_names_the_filters_in_the_readers_language(client, library):
    french = _feed(client, library.page.url, "?body=greta&topic=minors&q=rapport")
    english = _feed(client, library.en_page.url, "?body=greta&topic=minors")

    assert french.find(f"{ATOM}title").text == (
        "Droit : GRETA (Conseil de l'Europe), Mineurs, « rapport » — Ensemble contre la traite des êtres humains"
    )
    assert english.find(f"{ATOM}title").text == "Law: GRETA, Minors — Together against trafficking in human beings"
    assert _entry_titles(english) == ["GRETA report on minors"]
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_library_page_links_the_feed_of_its_current_filters(client, library):
    html = client.get(library.page.url, {"body": "greta", "topic": "minors", "page": "1", "sort": "title"}).text

    [alternate] = elements(html, "link", type="application/atom+xml")
    assert alternate.get("href") == "/fr/droit/feed/?body=greta&topic=minors"
    visible = element(html, "a", class_="link-feed")
    assert visible.get("href") == "/fr/droit/feed/?body=greta&topic=minors"
    assert text(visible) == "Suivre ces résultats (flux Atom)"

    unfiltered = element(client.get(library.page.url).text, "a", class_="link-feed")
    assert unfiltered.get("href") == "/fr/droit/feed/"
