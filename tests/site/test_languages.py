"""Both languages: <html lang>, hreflang alternates, the language switcher, redirects, untranslated pages, 404s."""

import pytest

from ..factories import StandardPageFactory
from ..html import elements, hrefs, html_lang


@pytest.mark.parametrize(("url", "lang"), [("/fr/", "fr"), ("/en/", "en"), ("/fr/droit/", "fr"), ("/en/law/", "en")])
def test_html_lang_follows_the_url_language(client, site_tree, url, lang):
    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response.text) == lang


def test_hreflang_alternates_point_to_the_translation(client, content):
    response = client.get(content.resource.url)

    alternates = {link["hreflang"]: link["href"] for link in elements(response.text, "link", rel="alternate")}
    assert alternates == {
        "fr": f"http://testserver{content.resource.url}",
        "en": f"http://testserver{content.resource_en.url}",
    }


def test_language_switcher_on_a_legal_resource_leads_to_its_translation(client, content):
    french = client.get(content.resource.url)
    english = client.get(content.resource_en.url)

    assert content.resource_en.url == "/en/law/warsaw-convention/"
    assert content.resource_en.url in hrefs(french.text)
    assert content.resource.url in hrefs(english.text)


def test_language_switcher_on_an_association_leads_to_the_same_association(client, content):
    french = client.get("/fr/nos-membres/ecpat-france/")
    english = client.get("/en/our-members/ecpat-france/")

    assert "/en/our-members/ecpat-france/" in hrefs(french.text)
    assert "/fr/nos-membres/ecpat-france/" in hrefs(english.text)
    alternates = {link["hreflang"]: link["href"] for link in elements(french.text, "link", rel="alternate")}
    assert alternates["en"] == "http://testserver/en/our-members/ecpat-france/"


@pytest.mark.parametrize(("accept_language", "expected"), [("en-GB,en;q=0.9", "/en/"), ("fr-FR,fr;q=0.9", "/fr/")])
def test_root_redirects_by_browser_language(client, site_tree, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_redirects_to_french_by_default(client, site_tree):
    response = client.get("/", headers={"accept-language": "de-DE"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_untranslated_page_shows_a_notice_in_english(client, site_tree):
    french = StandardPageFactory(parent=site_tree.fr.home, title="Mentions légales", slug="mentions-legales")
    alias = french.copy_for_translation(site_tree.en.locale, alias=True)

    response = client.get(alias.url)
    french_response = client.get(french.url)

    assert response.status_code == 200
    assert html_lang(response.text) == "en"
    assert "This page has not been translated yet" in response.text
    assert elements(response.text, "main", lang="fr")  # the French text is marked as French
    assert "This page has not been translated yet" not in french_response.text


def test_french_404(client, site_tree):
    response = client.get("/fr/nexiste-pas/")

    assert response.status_code == 404
    assert html_lang(response.text) == "fr"


def test_english_404(client, site_tree):
    response = client.get("/en/does-not-exist/")

    assert response.status_code == 404
    assert html_lang(response.text) == "en"
    assert "Page not found" in response.text


def test_404_french_text(client, site_tree):
    """Needs locale/fr/LC_MESSAGES/django.mo with the 404 page's strings translated."""
    response = client.get("/fr/nexiste-pas/")

    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_a_huge_accept_language_header_is_harmless(client, site_tree):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB," + "x" * 10_000).status_code in (200, 302)
