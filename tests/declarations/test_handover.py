"""The handover pack of a declaration: its public signatories as a PDF and a CSV for editors, and the
signatures by country on the page."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import GroupPagePermission

from home.declarations.signing import sign_as_association
from home.models import SignatureStatus

from ..factories import SignatureFactory, UserFactory, enrol_authenticator_app
from ..html import body, element, text, texts


@pytest.fixture
def signed(content):
    """Two associations and four people on the Balkans declaration: two named, one not, one unconfirmed;
    someone on no declaration of ours would not count (another declaration is never mixed in)."""
    declaration = content.declaration
    sign_as_association(declaration=declaration, association=content.sos, user=None)
    sign_as_association(declaration=declaration, association=content.ccem, user=None)
    SignatureFactory(
        declaration=declaration, first_name="Élodie", last_name="Zola", show_publicly=True, organisation="=HYPERLINK()"
    )
    SignatureFactory(declaration=declaration, first_name="Adam", last_name="Brun", country="BE", show_publicly=True)
    SignatureFactory(declaration=declaration, first_name="Carl", last_name="Caché", show_publicly=False)
    SignatureFactory(
        declaration=declaration,
        first_name="Pierre",
        last_name="Pending",
        show_publicly=True,
        status=SignatureStatus.PENDING,
    )
    return declaration


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_handover_pdf_lists_exactly_the_public_signatories(client, coordinator, signed, content):
    client.force_login(coordinator)
    response = client.get(reverse("declaration_handover_pdf", args=[signed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="signataires-declaration-balkans-')
    text = " ".join(pdf_text(response).split())
    assert "Déclaration des Balkans" in text
    assert "Texte intégral." in text and "Protéger les victimes." in text  # the text signed
    # Associations first, in French order (accents and case ignored), then people by last name.
    names = ["Comité contre l'esclavage moderne", content.sos.name, "Adam Brun", "Élodie Zola"]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Caché" not in text and "Pending" not in text  # not named / not confirmed
    assert "signer" not in text and "@example.org" not in text  # never an email
    assert "Signataires au" in text  # the date, in the declaration's language
    assert "5 signatures confirmées" in text  # 2 associations + 3 confirmed people
    assert "France 2" in text and "Belgique 1" in text  # people by country, named or not


def test_the_english_declaration_hands_over_in_english(client, coordinator, signed, content):
    client.force_login(coordinator)
    response = client.get(reverse("declaration_handover_pdf", args=[content.declaration_en.pk]))
    text = " ".join(pdf_text(response).split())
    assert "Balkans declaration" in text and "Signatories as of" in text
    assert "5 confirmed signatures" in text and "Belgium 1" in text
    assert "Adam Brun" in text and "Caché" not in text  # the same signatures: they count in both languages


def test_the_csv_lists_the_public_signatories_without_formulas(client, coordinator, signed, content):
    client.force_login(coordinator)
    response = client.get(reverse("declaration_handover_csv", args=[signed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Type", "Nom", "Organisation", "Pays", "Confirmée le"]
    assert [row[1] for row in rows[1:]] == [
        "Comité contre l'esclavage moderne",
        content.sos.name,
        "Adam Brun",
        "Élodie Zola",
    ]
    assert rows[4][2] == "'=HYPERLINK()"  # a signer's text never runs as a formula
    assert rows[3][3] == "Belgique"


def test_only_those_who_may_edit_the_declaration_download_it(client, signed, content):
    url = reverse("declaration_handover_pdf", args=[signed.pk])
    assert client.get(url).status_code == 302  # to the login form

    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    reader = UserFactory(username="reader@example.org")
    reader.groups.add(group)
    enrol_authenticator_app(reader)
    client.force_login(reader)
    for refused in (client.get(url), client.get(reverse("declaration_handover_csv", args=[signed.pk]))):
        assert refused.status_code == 302  # Wagtail's answer to a refusal: its dashboard, with a message
        assert refused["Location"] == reverse("wagtailadmin_home")

    GroupPagePermission.objects.create(group=group, page=signed, permission_type="change")
    assert client.get(url).status_code == 200


def test_the_edit_view_offers_the_pack(client, coordinator, signed):
    client.force_login(coordinator)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[signed.pk]))
    assert reverse("declaration_handover_pdf", args=[signed.pk]) in page.content.decode()
    assert reverse("declaration_handover_csv", args=[signed.pk]) in page.content.decode()


def test_the_page_shows_the_signatures_by_country_in_both_languages(client, signed, content):
    french = body(client.get(signed.url))
    table = element(french, "table", class_="country-counts__table")
    rows = texts(element(table, "tbody"), "tr")
    assert rows[0].startswith("France 2") and rows[1].startswith("Belgique 1")
    assert "(et 2 associations membres)" in text(element(table, "caption"))
    english = body(client.get(content.declaration_en.url))
    rows = texts(element(element(english, "table", class_="country-counts__table"), "tbody"), "tr")
    assert rows[0].startswith("France 2") and rows[1].startswith("Belgium 1")
