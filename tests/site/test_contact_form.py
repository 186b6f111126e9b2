"""The contact form: shown in both languages, sent to the coordination, errors next to the fields, bots ignored."""

import pytest
from django.conf import settings
from django.core import mail
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
