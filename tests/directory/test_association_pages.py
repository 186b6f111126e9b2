"""Association pages: both languages, the French text when the English one is missing, nothing unpublished."""

import pytest

from ..html import html_lang


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


def test_association_not_live_is_not_found(client, content):
    content.ecpat.live = False
    content.ecpat.save()

    assert client.get("/fr/nos-membres/ecpat-france/").status_code == 404
    assert client.get("/en/our-members/ecpat-france/").status_code == 404
    assert client.get("/fr/nos-membres/nexiste-pas/").status_code == 404
