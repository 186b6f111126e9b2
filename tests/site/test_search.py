"""Site search: pages of the visitor's language, associations, and huge queries answered normally."""

import pytest
from django.urls import reverse
from django.utils import translation

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
