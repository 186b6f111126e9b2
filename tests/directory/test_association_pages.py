"""Association pages: both languages, the French text when the English one is missing, nothing unpublished."""

import pytest

from home.directory.queries import public_reports
from home.models import AssociationReport

from ..factories import AssociationContactFactory, DocumentFactory
from ..html import element, elements, html_lang, text, texts


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
    assert html_lang(response.text) == lang
    assert "Comité contre l" in response.text
    assert description in response.text
    assert "Paul Public" in response.text


def test_association_detail_falls_back_to_french_when_english_is_empty(client, content):
    content.ecpat.description_en = ""
    content.ecpat.save()

    response = client.get("/en/our-members/ecpat-france/")

    assert response.status_code == 200
    assert "Description française de ECPAT France" in response.text


def test_a_french_fallback_on_the_english_page_is_marked_french_on_its_own_element(client, content):
    content.ecpat.description_en = ""
    content.ecpat.network_name = "ECPAT International"
    content.ecpat.network_description_fr = "Réseau mondial contre l'exploitation sexuelle des enfants."
    content.ecpat.network_description_en = ""
    content.ecpat.save()
    AssociationContactFactory(
        association=content.ecpat, name="Rita Role", role_fr="Présidente", role_en="", is_public=True
    )

    response = client.get("/en/our-members/ecpat-france/")

    assert element(response.text, "main").get("lang") is None  # never the whole page
    description = element(response.text, "div", class_="rich-text")
    assert description["lang"] == "fr"
    network = element(response.text, "p", lang="fr")
    assert "Réseau mondial" in text(network)
    role = element(response.text, "p", class_="contact__role")
    assert role["lang"] == "fr" and text(role) == "Présidente"
    notices = elements(response.text, "span", class_="fallback-notice")
    assert len(notices) == 3
    assert set(texts(response.text, "span", class_="fallback-notice")) == {"(in French only)"}
    assert {notice["lang"] for notice in notices} == {"en"}


def test_an_english_fallback_on_the_french_page_is_marked_english(client, content):
    content.ecpat.summary_fr = ""
    content.ecpat.summary_en = "Against the sexual exploitation of children."
    content.ecpat.save()

    response = client.get("/fr/nos-membres/ecpat-france/")

    lead = element(response.text, "p", class_="lead")
    assert lead["lang"] == "en" and "sexual exploitation" in text(lead)
    notice = element(response.text, "span", class_="fallback-notice")
    assert text(notice) == "(uniquement en anglais)" and notice["lang"] == "fr"


def test_a_text_in_the_reader_language_carries_no_notice(client, content):
    response = client.get("/en/our-members/ccem/")

    assert elements(response.text, "span", class_="fallback-notice") == []
    assert element(response.text, "div", class_="rich-text").get("lang") is None


def test_association_not_live_is_not_found(client, content):
    content.ecpat.live = False
    content.ecpat.save()

    assert client.get("/fr/nos-membres/ecpat-france/").status_code == 404
    assert client.get("/en/our-members/ecpat-france/").status_code == 404
    assert client.get("/fr/nos-membres/nexiste-pas/").status_code == 404


def test_a_report_awaiting_approval_is_not_on_the_profile_until_published(client, content):
    """A public report a member uploaded waits unpublished (``live`` False) until a coordinator approves it."""
    report = AssociationReport.objects.create(
        association=content.ccem, year=2024, title_fr="Rapport en attente", document=DocumentFactory(), live=False
    )
    report.save_revision()

    assert "Rapport en attente" not in client.get("/fr/nos-membres/ccem/").text
    assert public_reports(content.ccem) == []

    report.get_latest_revision().publish()
    assert "Rapport en attente" in client.get("/fr/nos-membres/ccem/").text
    assert public_reports(content.ccem) == [report]
