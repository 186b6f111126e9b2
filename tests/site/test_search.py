"""Site search: pages of the visitor's language, associations, and huge queries answered normally."""

import pytest
from django.urls import reverse
from django.utils import translation

from home.core.search import clean_query

from ..html import html_lang


@pytest.mark.parametrize("language", ["fr", "en"])
def test_search_page_renders_and_finds_pages(client, content, language):
    with translation.override(language):
        url = reverse("search")
    expected = content.resource if language == "fr" else content.resource_en
    word = "Convention"

    empty = client.get(url)
    response = client.get(url, {"q": word})

    assert empty.status_code == 200
    assert response.status_code == 200
    assert html_lang(response.text) == language
    assert expected.url in response.text
    other = content.resource_en if language == "fr" else content.resource
    assert other.url not in response.text


def test_search_finds_associations(client, content):
    response = client.get(reverse("search"), {"q": "ECPAT"})

    assert response.status_code == 200
    assert "ECPAT France" in response.text


def test_a_huge_search_query_is_harmless(client, site_tree):
    assert client.get("/fr/recherche/", {"q": "traite " * 7_200}).status_code == 200


# What search backends read as syntax or refuse: quotes (SQLite's full-text search), NUL (PostgreSQL),
# control and format characters, the operators of FTS5 and tsquery.
HOSTILE_QUERIES = [
    '"',
    '""',
    'a"b',
    "\x00",
    "traite\x00",
    "\u202e",
    "\ufeff",
    "*",
    "(",
    ")",
    "NEAR(",
    "-",
    ":",
    "^",
    "'",
    "\\",
    "col:traite",
    "mineur*",
    "AND",
    "NOT",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_a_hostile_search_query_gets_a_normal_answer_in_site_search_and_the_library(client, site_tree, content, query):
    for url in ("/fr/recherche/", "/en/search/", site_tree.fr.library.url, site_tree.en.library.url):
        response = client.get(url, {"q": query})

        assert response.status_code == 200, (url, query)


def test_a_quoted_query_still_finds_its_words(client, content):
    response = client.get("/fr/recherche/", {"q": '"Convention'})

    assert content.resource.url in response.text


def test_clean_query_keeps_words_and_drops_syntax():
    assert clean_query(' "traite\x00 des\u202e êtres"\n humains ') == "traite des êtres humains"
    assert clean_query(None) == ""
