"""Every public page type renders in French and in English; the contact form works and resists bots."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.forms.models import FormSubmission

from ..html import elements, html_lang


def test_home_page_renders_in_both_languages(client, content):
    french = client.get("/fr/")
    english = client.get("/en/")

    assert french.status_code == 200
    assert english.status_code == 200
    # The home page shows the latest news, the next events and the declarations open for signature.
    assert "Réunion du collectif" in french.text
    assert "Journée européenne" in french.text
    assert "Déclaration des Balkans" in french.text
    assert "Meeting of the collective" in english.text
    assert "Réunion du collectif" not in english.text


@pytest.mark.parametrize(
    ("language", "attribute", "expected_title"),
    [("fr", "standard", "Le collectif"), ("en", "standard", "The collective")],
)
def test_standard_page_renders(client, site_tree, language, attribute, expected_title):
    page = getattr(getattr(site_tree, language), attribute)

    response = client.get(page.url)

    assert response.status_code == 200
    assert expected_title in response.text
    assert "Texte de la page." in response.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_contact_page_shows_the_form(client, site_tree, language):
    response = client.get(getattr(site_tree, language).contact.url)

    assert response.status_code == 200
    assert elements(response.content, "form", method="post")
    assert elements(response.content, "input", name="nom")
    assert elements(response.content, "textarea", name="message")


def _contact_data(**changes):
    data = {"nom": "Marie Curieuse", "courriel": "marie@example.org", "message": "Bonjour, je voudrais adhérer."}
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["fr", "en"])
def test_contact_form_sends_the_message_to_the_coordination(client, site_tree, language):
    response = client.post(getattr(site_tree, language).contact.url, _contact_data())

    assert response.status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [settings.COORDINATION_EMAIL]
    assert "Bonjour, je voudrais adhérer." in mail.outbox[0].body
    assert FormSubmission.objects.count() == 1
    assert "Merci pour votre message." in response.text


def test_contact_form_with_errors_shows_them_and_sends_nothing(client, site_tree):
    response = client.post(site_tree.fr.contact.url, _contact_data(courriel="pas-une-adresse", message=""))

    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in response.text  # Django's French message
    assert elements(response.content, "textarea", name="message", aria_invalid="true")
    assert elements(response.content, "input", name="courriel", aria_invalid="true")
    assert "Marie Curieuse" in response.text  # what was typed is kept
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 0


def test_contact_form_honeypot_sends_and_stores_nothing(client, site_tree):
    response = client.post(site_tree.fr.contact.url, _contact_data(website_url="https://spam.example.com"))

    assert response.status_code == 200
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 0


@pytest.mark.parametrize("language", ["fr", "en"])
def test_members_index_renders(client, content, site_tree, language):
    response = client.get(getattr(site_tree, language).members.url)

    assert response.status_code == 200
    assert "ECPAT France" in response.text
    assert "SOS Esclaves" in response.text


@pytest.mark.parametrize(
    ("url", "lang", "description"),
    [
        ("/fr/nos-membres/ccem/", "fr", "Description française de"),
        ("/en/our-members/ccem/", "en", "English description of"),
    ],
)
def test_association_detail_renders(client, content, url, lang, description):
    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response.content) == lang
    assert "Comité contre l" in response.text
    assert description in response.text
    assert "Paul Public" in response.text


def test_association_detail_falls_back_to_french_when_english_is_empty(client, content):
    content.ecpat.description_en = ""
    content.ecpat.save()

    response = client.get("/en/our-members/ecpat-france/")

    assert response.status_code == 200
    assert "Description française de ECPAT France" in response.text


def test_association_not_live_is_not_found(client, content):
    content.ecpat.live = False
    content.ecpat.save()

    assert client.get("/fr/nos-membres/ecpat-france/").status_code == 404
    assert client.get("/en/our-members/ecpat-france/").status_code == 404
    assert client.get("/fr/nos-membres/nexiste-pas/").status_code == 404


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


@pytest.mark.parametrize("language", ["fr", "en"])
def test_news_index_and_article_render(client, content, site_tree, language):
    article = content.news if language == "fr" else content.news_en

    index = client.get(getattr(site_tree, language).news.url)
    detail = client.get(article.url)

    assert index.status_code == 200
    assert article.title in index.text
    assert detail.status_code == 200
    assert "Corps de l&#x27;article." in detail.text or "Corps de l'article." in detail.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_events_index_and_event_render(client, content, site_tree, language):
    event = content.event if language == "fr" else content.event_en

    index = client.get(getattr(site_tree, language).events.url)
    detail = client.get(event.url)

    assert index.status_code == 200
    assert event.title in index.text
    assert detail.status_code == 200
    assert "Maison des associations" in detail.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_declarations_index_renders(client, content, site_tree, language):
    declaration = content.declaration if language == "fr" else content.declaration_en

    response = client.get(getattr(site_tree, language).declarations.url)

    assert response.status_code == 200
    assert declaration.title in response.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_declaration_page_numbers_its_recommendations(client, content, language):
    declaration = content.declaration if language == "fr" else content.declaration_en

    response = client.get(declaration.url)

    assert response.status_code == 200
    assert declaration.title in response.text
    texts = ("Protéger les victimes.", "Poursuivre les trafiquants.", "Prévenir la traite.")
    ordered_lists = re.findall(r"<ol[ >].*?</ol>", response.text, flags=re.DOTALL)
    assert any(all(text in ordered for text in texts) for ordered in ordered_lists), "recommendations not in an <ol>"
    assert "ECPAT France" in response.text  # the associations that carry it


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
    assert html_lang(response.content) == language
    assert expected.url in response.text
    other = content.resource_en if language == "fr" else content.resource
    assert other.url not in response.text


def test_search_finds_associations(client, content):
    response = client.get(reverse("search"), {"q": "ECPAT"})

    assert response.status_code == 200
    assert "ECPAT France" in response.text
