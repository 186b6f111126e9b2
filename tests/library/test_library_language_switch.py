"""Switching language on a filtered library keeps its search, filters and sort (facet values are the
same in both languages: slugs, codes, years), and drops the page number and anything else."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from home.models import ResourceType

from ..factories import IssuingBodyFactory, LegalResourcePageFactory, TopicFactory
from ..html import elements


@pytest.fixture
def library(site_tree):
    minors = TopicFactory(slug="minors", name_fr="Mineurs", name_en="Minors")
    greta = IssuingBodyFactory(slug="greta", name_fr="GRETA (Conseil de l'Europe)", name_en="GRETA")
    LegalResourcePageFactory(
        parent=site_tree.fr.library,
        title="Rapport du GRETA",
        issuing_body=greta,
        resource_type=ResourceType.EVALUATION_REPORT,
        date=datetime.date(2013, 1, 28),
        topics=[minors],
        languages=["fr"],
    )
    return site_tree


def _switch_links(html) -> dict[str, str]:
    [nav] = elements(html, "nav", class_="lang-switcher")
    return {link.get("hreflang"): link.get("href") for link in elements(nav, "a")}


def test_language_switch_keeps_the_search_filters_and_sort(client, library):
    query = {
        "q": "exploitation des mineurs",
        "body": "greta",
        "topic": ["minors", "labour-exploitation"],
        "type": "evaluation_report",
        "year": "2013",
        "language": "fr",
        "sort": "title",
        "page": "2",
        "utm_source": "elsewhere",
    }
    html = client.get(library.fr.library.url, query).text

    english = urlsplit(_switch_links(html)["en"])
    assert english.path == "/en/law/"
    assert parse_qs(english.query) == {
        "q": ["exploitation des mineurs"],
        "body": ["greta"],
        "topic": ["minors", "labour-exploitation"],
        "type": ["evaluation_report"],
        "year": ["2013"],
        "language": ["fr"],
        "sort": ["title"],
    }
    # The English library understands them: the same filters are chosen there.
    response = client.get(_switch_links(html)["en"])
    assert response.status_code == 200
    for name, value in (("topic", "minors"), ("body", "greta"), ("type", "evaluation_report")):
        [chosen] = elements(response.text, "input", name=name, value=value)
        assert "checked" in chosen, (name, value)


def test_language_switch_back_to_french_keeps_the_filters(client, library):
    html = client.get(library.en.library.url, {"topic": "minors", "q": "report"}).text

    french = urlsplit(_switch_links(html)["fr"])
    assert (french.path, parse_qs(french.query)) == ("/fr/droit/", {"q": ["report"], "topic": ["minors"]})


def test_other_pages_switch_language_without_a_query(client, library):
    html = client.get(library.fr.news.url, {"topic": "minors"}).text

    assert _switch_links(html)["en"] == library.en.news.url
