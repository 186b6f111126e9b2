"""Open data: the declarations' counts as JSON, and the counter other sites may frame."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from home.declarations.signing import sign_as_association
from home.models import SignatureStatus
from site_cms.middleware import parse_policy

from ..factories import DeclarationPageFactory, SignatureFactory

JSON_URL = "/api/declarations.json"


# What signers typed: never in the open data.
PERSONAL_DATA = {"first_name": "Alice", "last_name": "Secret", "organisation": "Paroisse", "show_publicly": True}


@pytest.fixture
def signed(content):
    """The Balkans declaration (goal 100, deadline in a month): 2 people and 1 association confirmed, 1 pending."""
    declaration = content.declaration
    declaration.signature_goal = 100
    declaration.signature_deadline = timezone.localdate() + datetime.timedelta(days=30)
    declaration.save_revision().publish()
    SignatureFactory(declaration=declaration, email="alice@example.org", **PERSONAL_DATA)
    SignatureFactory(declaration=declaration, email="bob@example.org", **PERSONAL_DATA)
    SignatureFactory(
        declaration=declaration, email="pending@example.org", status=SignatureStatus.PENDING, **PERSONAL_DATA
    )
    sign_as_association(declaration=declaration, association=content.ccem, user=None)
    return declaration


def embed_url(language, translation_key):
    with translation.override(language):
        return reverse("declaration_counter", args=[translation_key])


# --- JSON ------------------------------------------------------------------------------------


def test_json_lists_each_declaration_once_with_both_languages_and_counts(client, signed, content, site_tree):
    closed = DeclarationPageFactory(
        parent=site_tree.fr.declarations, title="Appel clos", slug="appel-clos", signatures_open=False
    )
    DeclarationPageFactory(parent=site_tree.fr.declarations, title="Brouillon", slug="brouillon", publish=False)

    response = client.get(JSON_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] in ("public, max-age=60", "max-age=60, public")
    assert response["Access-Control-Allow-Origin"] == "*"
    entries = {entry["translation_key"]: entry for entry in response.json()["declarations"]}
    assert set(entries) == {str(signed.translation_key), str(closed.translation_key)}

    balkans = entries[str(signed.translation_key)]
    assert balkans["title"] == {"fr": "Déclaration des Balkans", "en": "Balkans declaration"}
    assert balkans["url"] == {
        "fr": "http://testserver/fr/declarations/declaration-balkans/",
        "en": "http://testserver/en/declarations/balkans-declaration/",
    }
    assert balkans["open"] is True
    assert balkans["goal"] == 100
    assert balkans["deadline"] == signed.signature_deadline.isoformat()
    assert balkans["signatures"] == {"confirmed": 3, "of_which_associations": 1}

    assert entries[str(closed.translation_key)]["open"] is False
    assert entries[str(closed.translation_key)]["title"] == {"fr": "Appel clos", "en": None}
    assert entries[str(closed.translation_key)]["signatures"] == {"confirmed": 0, "of_which_associations": 0}


def test_json_has_no_personal_data(client, signed):
    body = client.get(JSON_URL).text
    for personal in ("@example.org", "Alice", "Secret", "Paroisse"):
        assert personal not in body


def test_json_is_served_outside_the_language_prefixes(client, signed):
    assert client.get("/fr/api/declarations.json").status_code == 404
    assert client.post(JSON_URL).status_code == 405


def test_json_queries_are_bounded_with_twenty_declarations(client, site_tree, django_assert_max_num_queries):
    for n in range(20):
        declaration = DeclarationPageFactory(parent=site_tree.fr.declarations, title=f"Déclaration {n}", slug=f"d-{n}")
        SignatureFactory(declaration=declaration, email=f"signer{n}@example.org", **PERSONAL_DATA)
    client.get(JSON_URL)  # warm Wagtail's site cache
    with django_assert_max_num_queries(8):
        response = client.get(JSON_URL)
    assert len(response.json()["declarations"]) == 20
    assert all(entry["signatures"]["confirmed"] == 1 for entry in response.json()["declarations"])


# --- Embeddable counter -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "sign_url"),
    [
        ("fr", "Déclaration des Balkans", "http://testserver/fr/declarations/declaration-balkans/"),
        ("en", "Balkans declaration", "http://testserver/en/declarations/balkans-declaration/"),
    ],
)
def test_embed_shows_title_count_progress_and_a_link_to_sign(client, signed, language, title, sign_url):
    response = client.get(embed_url(language, signed.translation_key))
    html = response.text

    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert title in html
    assert "<strong>3</strong>" in html
    assert '<progress id="progress" class="counter__progress" max="100" value="3">' in html
    assert f'href="{sign_url}" target="_blank" rel="noopener"' in html
    with translation.override(language):
        assert f">{gettext('Sign')}</a>" in html
    assert "/static/css/embed.css" in html
    assert "<script" not in html and "style=" not in html and "<style" not in html
    assert "@example.org" not in html and "Secret" not in html


def test_only_the_embed_may_be_framed(client, signed):
    embed = client.get(embed_url("fr", signed.translation_key))
    assert "X-Frame-Options" not in embed.headers
    assert parse_policy(embed["Content-Security-Policy"])["frame-ancestors"] == "*"

    for url in ("/fr/declarations/declaration-balkans/", "/en/", JSON_URL, "/fr/extranet/"):
        assert client.get(url).headers.get("X-Frame-Options") == "DENY", url


def test_embed_of_a_page_not_yet_translated_falls_back_to_french_with_a_notice(client, site_tree):
    declaration = DeclarationPageFactory(parent=site_tree.fr.declarations, title="Appel pour les mineurs", slug="appel")
    html = client.get(embed_url("en", declaration.translation_key)).text
    assert '<html lang="en">' in html
    assert "not been translated yet" in html
    assert '<h1 class="counter__title" lang="fr">Appel pour les mineurs</h1>' in html


def test_embed_of_a_closed_declaration_says_so(client, site_tree):
    declaration = DeclarationPageFactory(
        parent=site_tree.fr.declarations, title="Appel clos", slug="appel-clos", signatures_open=False
    )
    html = client.get(embed_url("en", declaration.translation_key)).text
    assert "Signatures are closed." in html
    assert ">Sign</a>" not in html


def test_embed_of_an_unknown_or_unpublished_declaration_is_a_404(client, site_tree, content):
    draft = DeclarationPageFactory(parent=site_tree.fr.declarations, title="Brouillon", slug="brouillon", publish=False)
    unpublished = content.declaration
    unpublished.unpublish()
    content.declaration_en.unpublish()
    for key in (uuid.uuid4(), draft.translation_key, unpublished.translation_key):
        for language in ("fr", "en"):
            assert client.get(embed_url(language, key)).status_code == 404
    assert client.get("/fr/embed/declarations/not-a-uuid/").status_code == 404
