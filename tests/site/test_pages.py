"""The home page and standard pages render in French and in English."""

import pytest


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
