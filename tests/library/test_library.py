"""The legal library: combinable facets with counts, full-text search, sorting, pagination."""

import datetime
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict

from home.core.search import MAX_QUERY_LENGTH
from home.library.facets import LIBRARY_PAGE_SIZE, library_listing
from home.models import ResourceType

from ..factories import IssuingBodyFactory, LegalResourcePageFactory, TopicFactory
from ..html import element, elements, hrefs, text


@pytest.fixture
def library(site_tree):
    """Five resources of the French library, spread over every facet (one has no date)."""
    minors = TopicFactory(slug="mineurs", name_fr="Mineurs", name_en="Minors")
    sexual = TopicFactory(slug="exploitation-sexuelle", name_fr="Exploitation sexuelle", name_en="Sexual exploitation")
    labour = TopicFactory(slug="exploitation-travail", name_fr="Exploitation par le travail", name_en="Labour")
    coe = IssuingBodyFactory(slug="conseil-europe", acronym="CoE", name_fr="Conseil de l'Europe")
    eu = IssuingBodyFactory(slug="union-europeenne", acronym="UE", name_fr="Union européenne")
    un = IssuingBodyFactory(slug="onu", acronym="ONU", name_fr="Nations unies")
    miprof = IssuingBodyFactory(slug="miprof", acronym="MIPROF", name_fr="MIPROF")
    parent = site_tree.fr.library
    resources = SimpleNamespace(
        convention=LegalResourcePageFactory(
            parent=parent,
            title="Convention du Conseil de l'Europe",
            issuing_body=coe,
            resource_type=ResourceType.CONVENTION,
            date=datetime.date(2005, 5, 16),
            topics=[minors],
            languages=["fr", "en"],
        ),
        directive=LegalResourcePageFactory(
            parent=parent,
            title="Directive 2011/36/UE",
            issuing_body=eu,
            resource_type=ResourceType.DIRECTIVE,
            date=datetime.date(2011, 4, 5),
            topics=[sexual, minors],
            languages=["fr", "en", "de"],
        ),
        protocol=LegalResourcePageFactory(
            parent=parent,
            title="Protocole additionnel sur la traite des personnes",
            issuing_body=un,
            resource_type=ResourceType.PROTOCOL,
            date=datetime.date(2000, 11, 15),
            summary="<p>Adopté à Palerme pour prévenir, réprimer et punir la traite.</p>",
            topics=[labour],
            languages=["fr", "en", "es"],
        ),
        greta=LegalResourcePageFactory(
            parent=parent,
            title="Rapport du GRETA sur la France",
            issuing_body=coe,
            resource_type=ResourceType.EVALUATION_REPORT,
            date=datetime.date(2013, 1, 28),
            topics=[labour],
            languages=["fr"],
        ),
        guide=LegalResourcePageFactory(
            parent=parent,
            title="Guide MIPROF",
            issuing_body=miprof,
            resource_type=ResourceType.GUIDE,
            date=None,
            topics=[],
            languages=["fr"],
        ),
    )
    return SimpleNamespace(page=parent, r=resources)


def _titles(listing):
    return sorted(resource.title for resource in listing.resources)


def _list(library, query=""):
    return library_listing(library.page, QueryDict(query))


def _counts(listing, facet_name):
    facet = next(facet for facet in listing.facets if facet.name == facet_name)
    return {option.value: option.count for option in facet.options}


def test_unfiltered_library_lists_everything(library):
    listing = _list(library)

    assert len(_titles(listing)) == 5
    assert listing.active_filter_count == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("body=conseil-europe", ["Convention du Conseil de l'Europe", "Rapport du GRETA sur la France"]),
        ("type=directive", ["Directive 2011/36/UE"]),
        ("topic=mineurs", ["Convention du Conseil de l'Europe", "Directive 2011/36/UE"]),
        ("year=2011", ["Directive 2011/36/UE"]),
        ("language=es", ["Protocole additionnel sur la traite des personnes"]),
    ],
)
def test_each_facet_alone(library, query, expected):
    assert _titles(_list(library, query)) == expected


def test_values_of_one_facet_are_alternatives(library):
    listing = _list(library, "body=conseil-europe&body=onu")

    assert _titles(listing) == [
        "Convention du Conseil de l'Europe",
        "Protocole additionnel sur la traite des personnes",
        "Rapport du GRETA sur la France",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("body=conseil-europe&topic=mineurs", ["Convention du Conseil de l'Europe"]),
        ("body=conseil-europe&topic=exploitation-travail&language=fr", ["Rapport du GRETA sur la France"]),
        ("type=directive&year=2011&language=de&topic=mineurs", ["Directive 2011/36/UE"]),
        ("type=directive&year=2005", []),
    ],
)
def test_facets_combine(library, query, expected):
    assert _titles(_list(library, query)) == expected


def test_facet_combined_with_full_text_search(library):
    assert _titles(_list(library, "q=rapport")) == ["Rapport du GRETA sur la France"]
    assert _titles(_list(library, "q=convention&body=conseil-europe")) == ["Convention du Conseil de l'Europe"]
    assert _titles(_list(library, "q=convention&body=onu")) == []


def test_search_matches_a_word_of_the_summary(library):
    listing = _list(library, "q=Palerme")

    assert _titles(listing) == ["Protocole additionnel sur la traite des personnes"]
    assert listing.query == "Palerme"


def test_counts_reflect_the_other_filters(library):
    listing = _list(library, "body=conseil-europe")

    # Other facets count within the chosen body only.
    assert _counts(listing, "topic") == {"mineurs": 1, "exploitation-travail": 1}
    assert _counts(listing, "type") == {"convention": 1, "evaluation_report": 1}
    assert _counts(listing, "year") == {"2005": 1, "2013": 1}
    assert _counts(listing, "language") == {"fr": 2, "en": 1}
    # The body facet ignores its own choice: the other bodies still show what they would add.
    assert _counts(listing, "body") == {"conseil-europe": 2, "union-europeenne": 1, "onu": 1, "miprof": 1}


def test_counts_follow_the_search_query(library):
    listing = _list(library, "q=rapport")

    assert _counts(listing, "body") == {"conseil-europe": 1}


def test_unknown_facet_values_are_ignored(library):
    listing = _list(library, "body=nope&type=poem&topic=nothing&year=1789&language=xx&sort=chaos")

    assert len(_titles(listing)) == 5
    assert listing.active_filter_count == 0
    assert listing.sort == "-date"
    assert not any(option.selected for facet in listing.facets for option in facet.options)


def test_sort_newest_first_puts_missing_dates_last(library):
    listing = _list(library, "sort=-date")

    assert [resource.title for resource in listing.resources] == [
        "Rapport du GRETA sur la France",
        "Directive 2011/36/UE",
        "Convention du Conseil de l'Europe",
        "Protocole additionnel sur la traite des personnes",
        "Guide MIPROF",
    ]


def test_sort_oldest_first_puts_missing_dates_last(library):
    listing = _list(library, "sort=date")

    assert [resource.title for resource in listing.resources] == [
        "Protocole additionnel sur la traite des personnes",
        "Convention du Conseil de l'Europe",
        "Directive 2011/36/UE",
        "Rapport du GRETA sur la France",
        "Guide MIPROF",
    ]


def test_sort_by_title(library):
    listing = _list(library, "sort=title")

    titles = [resource.title for resource in listing.resources]
    assert titles == sorted(titles)


def test_library_only_lists_its_own_locale(library, site_tree):
    assert _titles(library_listing(site_tree.en.library, QueryDict())) == []


def test_library_excludes_drafts(library, site_tree):
    LegalResourcePageFactory(parent=library.page, title="Brouillon de texte", publish=False)

    assert "Brouillon de texte" not in _titles(_list(library))


@pytest.fixture
def many_resources(site_tree):
    topic = TopicFactory(slug="mineurs", name_fr="Mineurs")
    body = IssuingBodyFactory(slug="onu", name_fr="Nations unies")
    for number in range(LIBRARY_PAGE_SIZE + 5):
        LegalResourcePageFactory(
            parent=site_tree.fr.library,
            title=f"Résolution {number:02d}",
            issuing_body=body,
            topics=[topic],
            languages=["fr"],
            date=datetime.date(2000 + number, 1, 1),
            revision=False,
        )
    LegalResourcePageFactory(parent=site_tree.fr.library, title="Hors sujet", revision=False)
    return site_tree.fr.library


def test_pagination_keeps_the_filters(client, many_resources):
    listing = library_listing(many_resources, QueryDict("topic=mineurs&page=2"))

    assert listing.resources.number == 2
    assert len(listing.resources) == 5
    assert parse_qs(listing.querystring_without_page) == {"topic": ["mineurs"]}

    response = client.get(many_resources.url, {"topic": "mineurs"})

    assert response.status_code == 200
    next_pages = [parse_qs(urlsplit(href).query) for href in hrefs(response.text) if "page=2" in href]
    assert {"topic": ["mineurs"], "page": ["2"]} in next_pages

    second = client.get(many_resources.url, {"topic": "mineurs", "page": "2"})
    assert second.status_code == 200
    assert "Résolution 00" in second.text  # newest first: the oldest five are on page 2
    assert "Hors sujet" not in second.text


def _facet_count(html: str, label: str) -> str:
    """The number a facet's option shows next to ``label`` (the one sighted readers see)."""
    [option] = [found for found in elements(html, "label") if label in text(found)]
    return text(element(element(option, "span", class_="facet__count"), "span", aria_hidden="true"))


def test_library_page_renders_filters_and_counts(client, library):
    response = client.get(library.page.url, {"body": "conseil-europe"})

    assert response.status_code == 200
    assert "Rapport du GRETA sur la France" in response.text
    assert "Directive 2011/36/UE" not in response.text
    # The chosen value is checked, so the filtered list can be shared and refined.
    chosen = elements(response.text, "input", name="body", value="conseil-europe")
    assert chosen and "checked" in chosen[0]
    # Another body is still offered with the number of results it would add.
    assert _facet_count(response.text, "Nations unies") == "1"
    # Topics are counted within the chosen body: sexual exploitation has no result there.
    assert _facet_count(response.text, "Mineurs") == "1"
    assert not elements(response.text, "input", name="topic", value="exploitation-sexuelle")


def test_library_page_with_search_and_facet(client, library):
    response = client.get(library.page.url, {"q": "convention", "body": "conseil-europe"})

    assert response.status_code == 200
    assert "Convention du Conseil de l&#x27;Europe" in response.text
    assert "Rapport du GRETA sur la France" not in response.text


def test_huge_search_query_gets_a_normal_answer(client, library):
    huge = "traite " * 7143  # 50,001 characters

    response = client.get(library.page.url, {"q": huge[:50_000]})

    assert response.status_code == 200
    assert len(library_listing(library.page, QueryDict(f"q={huge[:50_000]}")).query) <= MAX_QUERY_LENGTH


@pytest.mark.parametrize("language", ["fr", "en"])
def test_library_index_renders(client, content, site_tree, language):
    response = client.get(getattr(site_tree, language).library.url)

    assert response.status_code == 200
    expected = content.resource.title if language == "fr" else content.resource_en.title
    assert expected.replace("'", "&#x27;") in response.text


@pytest.mark.parametrize(
    ("attribute", "title"), [("resource", "Convention du Conseil"), ("resource_en", "Council of Europe")]
)
def test_legal_resource_renders(client, content, attribute, title):
    response = client.get(getattr(content, attribute).url)

    assert response.status_code == 200
    assert title in response.text
    assert "Résumé du texte." in response.text
