"""Minutes print cleanly (print stylesheet, "Print" button) and download as a PDF, for members only."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from ..factories import MinutesFactory
from ..html import element, elements, hrefs


@pytest.fixture
def minutes(association_a, locales):
    minutes = MinutesFactory(
        meeting__title_fr="Réunion plénière du 29 septembre 2014",
        meeting__title_en="Plenary meeting of 29 September 2014",
        summary_fr="<p>Compte rendu de la réunion.</p>",
        summary_en="<p>Report of the meeting.</p>",
    )
    minutes.items.create(
        title_fr="Déclaration des Balkans",
        title_en="Balkans declaration",
        discussion_fr='<p>Les <a href="https://example.org/balkans">29 recommandations</a> sont relues.</p>',
        discussion_en='<p>The <a href="https://example.org/balkans">29 recommendations</a> are read again.</p>',
    )
    minutes.participants.create(association=association_a, people="Marie Dupont")
    minutes.save()  # modelcluster keeps child objects in memory until the parent is saved
    return minutes


def pdf_url(minutes, language="fr"):
    with translation.override(language):
        return reverse("extranet:minutes_pdf", args=[minutes.pk])


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.parametrize(
    ("language", "title", "item", "absent"),
    [
        ("fr", "Réunion plénière du 29 septembre 2014", "Déclaration des Balkans", "Balkans declaration"),
        ("en", "Plenary meeting of 29 September 2014", "Balkans declaration", "Déclaration des Balkans"),
    ],
)
def test_the_minutes_download_as_a_pdf_in_the_language_asked(client, member_a, minutes, language, title, item, absent):
    client.force_login(member_a)
    response = client.get(pdf_url(minutes, language))
    content = pdf_text(response)
    assert title in content and item in content and absent not in content
    assert "Marie Dupont" in content
    assert "https://example.org/balkans" in content  # links' addresses are written out
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_pdf_is_for_members_only(client, outsider, minutes):
    response = client.get(pdf_url(minutes))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(outsider)
    response = client.get(pdf_url(minutes))
    assert response.status_code == 403 and not response.content.startswith(b"%PDF")


def test_unpublished_minutes_have_no_pdf(client, member_a, minutes):
    minutes.is_published = False
    minutes.save()
    client.force_login(member_a)
    assert client.get(pdf_url(minutes)).status_code == 404
    assert client.get(reverse("extranet:minutes_detail", args=[minutes.pk])).status_code == 404


def test_observers_download_the_pdf(client, observer_user, minutes):
    client.force_login(observer_user)
    assert "Réunion plénière du 29 septembre 2014" in pdf_text(client.get(pdf_url(minutes)))


BUTTONS = [("fr", "Imprimer", "Télécharger en PDF"), ("en", "Print", "Download as PDF")]


@pytest.mark.parametrize(("language", "print_label", "pdf_label"), BUTTONS)
def test_the_minutes_page_prints_and_links_its_pdf(client, member_a, minutes, language, print_label, pdf_label):
    client.force_login(member_a)
    with translation.override(language):
        response = client.get(reverse("extranet:minutes_detail", args=[minutes.pk]))
    page = response.text
    stylesheets = [link for link in elements(page, "link", rel="stylesheet") if "print" in link["href"]]
    assert stylesheets and stylesheets[0]["media"] == "print"
    button = element(page, "button", **{"data-print": ""})
    assert button.get("type") == "button" and print_label in "".join(str(c) for c in button.children)
    assert pdf_url(minutes, language) in hrefs(page)
    assert pdf_label in page


def test_the_print_stylesheet_leaves_out_what_is_not_the_minutes():
    css = open(finders.find("css/print.css"), encoding="utf-8").read()
    for selector in (".site-header", ".site-footer", ".extranet-nav", "button", "form"):
        assert f"{selector}," in css or f"{selector} {{" in css
    assert 'content: " <" attr(href) ">"' in css and "break-inside: avoid" in css
