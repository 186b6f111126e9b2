"""Request bodies over the limit are refused from their declared length, before anything reads them
(issue 16, finding 8): Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count a multipart body's files."""

import io

import pytest
from django.core import mail
from django.test import override_settings

from extranet.forms import MAX_LOGO_SIZE
from home.core.uploads import MAX_DOCUMENT_SIZE, MAX_IMAGE_SIZE
from home.declarations.pages import DeclarationPage
from home.models import Signature
from home.site.pages import ContactPage

from ..factories import SIGNATURE_FORM as SIGNATURE

HUGE = 200 * 1024 * 1024


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = readinto = read


def huge_post(client, url, **extra):
    """A POST that declares 200 MB (never sent): Content-Length only, the body unreadable."""
    return client.generic(
        "POST",
        url,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": UnreadableBody(), "CONTENT_LENGTH": str(HUGE), **extra},
    )


@pytest.fixture
def views_called(monkeypatch):
    """The page views that ran."""
    called = []
    for page_class in (DeclarationPage, ContactPage):
        original = page_class.serve

        def serve(self, request, *args, _original=original, **kwargs):
            called.append(type(self).__name__)
            return _original(self, request, *args, **kwargs)

        monkeypatch.setattr(page_class, "serve", serve)
    return called


@pytest.mark.parametrize(("language", "text"), [("fr", "Requête trop volumineuse"), ("en", "Request too large")])
def test_a_huge_signature_is_refused_unread(client, content, views_called, language, text):
    page = content.declaration if language == "fr" else content.declaration_en
    response = huge_post(client, page.url)
    assert response.status_code == 413
    assert text in response.text
    assert f'<html lang="{language}"' in response.text
    assert "25" in response.text  # the limit, in the reader's units
    assert views_called == []
    assert not Signature.objects.exists()


def test_a_huge_contact_message_is_refused_unread(client, site_tree, views_called):
    response = huge_post(client, site_tree.fr.contact.url)
    assert response.status_code == 413
    assert views_called == []
    assert mail.outbox == []


def test_the_refusal_carries_the_security_headers(client, content):
    response = huge_post(client, content.declaration.url)
    assert response.status_code == 413
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_chunked_body_without_a_length_is_refused(client, content, views_called):
    response = client.generic(
        "POST",
        content.declaration_en.url,
        content_type="application/x-www-form-urlencoded",
        **{"wsgi.input": UnreadableBody(), "CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked"},
    )
    assert response.status_code == 411
    assert "Length of the request required" in response.text
    assert views_called == []


def test_normal_posts_still_work(client, content, site_tree, views_called):
    response = client.post(content.declaration.url, SIGNATURE)
    assert response.status_code == 302
    assert Signature.objects.count() == 1
    response = client.post(
        site_tree.fr.contact.url, {"nom": "Marie", "courriel": "marie@example.org", "message": "Bonjour."}
    )
    assert response.status_code in (200, 302)
    assert len(mail.outbox) == 2  # the signature's confirmation, the contact message
    assert views_called == ["DeclarationPage", "ContactPage"]


@override_settings(REQUEST_BODY_MAX_BYTES=1000)
def test_the_limit_is_a_setting_and_counts_the_files(client, content):
    upload = io.BytesIO(b"x" * 2000)
    upload.name = "big.txt"
    response = client.post(content.declaration.url, {**SIGNATURE, "attachment": upload})
    assert response.status_code == 413
    assert client.post(content.declaration.url, SIGNATURE).status_code == 302


@override_settings(REQUEST_BODY_MAX_BYTES=1000, REQUEST_BODY_MAX_BYTES_ADMIN=10_000)
def test_the_admin_has_its_own_limit(client, content):
    assert huge_post(client, "/admin/documents/multiple/add/").status_code == 413
    response = client.post("/admin/login/", {"field": "x" * 2000})
    assert response.status_code != 413
    assert client.post("/fr/comptes/login/", {"field": "x" * 2000}).status_code == 413


def test_every_upload_limit_fits_below_the_body_limit(settings):
    form_room = 1024 * 1024  # the form's other fields and the multipart framing
    for upload_limit in (MAX_DOCUMENT_SIZE, MAX_IMAGE_SIZE, MAX_LOGO_SIZE):
        assert upload_limit + form_room <= settings.REQUEST_BODY_MAX_BYTES
    for upload_limit in (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE):
        assert upload_limit + form_room <= settings.REQUEST_BODY_MAX_BYTES_ADMIN
