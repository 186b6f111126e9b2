"""Signing a declaration as a person: the form, the confirmation email, its links, withdrawal, purge."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.html import escape

from home.core.text import CONTROL_CHARACTERS_MESSAGE
from home.declarations import signing
from home.declarations.forms import CONSENT_TEXT
from home.declarations.models import CONFIRMATION_LIFETIME
from home.declarations.pages import SIGNATURE_PENDING_MESSAGE
from home.declarations.signing import CONSENT_VERSION
from home.models import DeclarationPage, Signature, SignatureStatus

from ..factories import SignatureFactory
from ..html import element, elements, html_lang, markup, text


def _page(content, language):
    return content.declaration if language == "fr" else content.declaration_en


def _data(**changes):
    data = {
        "first_name": "Marie",
        "last_name": "Curieuse",
        "email": "marie@example.org",
        "organisation": "Les Amis",
        "country": "FR",
        "consent": "on",
        "show_publicly": "on",
        "website_url": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def _in(language, text) -> str:
    """``text`` as the site shows it in ``language`` (escaped as in the HTML)."""
    with translation.override(language):
        return escape(translation.gettext(text) if isinstance(text, str) else str(text))


def _token(email_message, route="confirm") -> str:
    return re.search(rf"/{route}/([^/\s]+)/", email_message.body).group(1)


def _link(page, route="confirm", message=None) -> str:
    """The path of a link of the (first) signature email, under ``page``."""
    return f"{page.url}{route}/{_token(message or mail.outbox[0], route)}/"


def _sign(client, page, **changes):
    return client.post(page.url, _data(**changes), follow=True)


def _messages(page: str) -> str:
    """The messages shown at the top of a page."""
    return markup(element(page, "div", class_="container messages", role="status"))


def _count_on(client, page) -> int:
    return int(text(element(client.get(page.url).text, class_="signature-count__number")))


def _errors(response, field: str) -> str:
    """The errors shown next to a field of the signature form."""
    return text(element(response.text, "ul", class_="field__errors", id=f"id_{field}_error"))


def _set_declaration(content, **fields):
    DeclarationPage.objects.filter(translation_key=content.declaration.translation_key).update(**fields)


# --- Signing -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_signing_records_a_pending_signature_and_emails_the_signer_in_the_page_language(client, content, language):
    page = _page(content, language)

    response = client.post(page.url, _data())

    assert response.status_code == 302
    assert response["Location"] == page.url
    signature = Signature.objects.get()
    assert signature.status == SignatureStatus.PENDING
    assert signature.language == language
    assert signature.declaration_key == content.declaration.translation_key
    assert (signature.first_name, signature.country.code, signature.show_publicly) == ("Marie", "FR", True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["marie@example.org"]
    assert page.title in message.subject
    assert "\n" not in message.subject
    with translation.override(language):
        assert str(translation.gettext("To withdraw your signature and erase your personal data, at any time:")) in (
            message.body
        )
    # Absolute links under the page's own language, plain text (nothing escaped).
    assert f"http://testserver{page.url}confirm/" in message.body
    assert f"http://testserver{page.url}withdraw/" in message.body
    assert "&" not in message.body and "&#" not in message.subject
    # Not counted before confirmation.
    assert _count_on(client, page) == 0


def test_the_confirmation_email_is_english_for_the_english_page(client, content):
    client.post(content.declaration_en.url, _data())

    message = mail.outbox[0]
    assert message.subject == "Please confirm your signature: Balkans declaration"
    assert message.body.startswith("Hello “Marie”,")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_signer_is_told_to_check_their_email(client, content, language):
    from home.declarations.pages import SIGNATURE_PENDING_MESSAGE

    response = _sign(client, _page(content, language))

    assert html_lang(response.text) == language
    assert _in(language, SIGNATURE_PENDING_MESSAGE) in response.text


def test_the_pending_message_reads_in_english_under_en(client, content):
    response = _sign(client, content.declaration_en)

    assert "Thank you! We have sent you an email: please follow the link in it" in response.text


def test_consent_text_and_version_are_stored(client, content):
    client.post(content.declaration_en.url, _data())

    signature = Signature.objects.get()
    with translation.override("en"):
        assert signature.consent_text == str(CONSENT_TEXT)
    assert signature.consent_text.startswith("I agree that the collective")
    assert signature.consent_version == CONSENT_VERSION


# --- Validation ------------------------------------------------------------------------


def test_an_invalid_email_is_refused_next_to_the_field_and_the_typed_data_kept(client, content):
    response = client.post(content.declaration_en.url, _data(email="marie-at-example"))

    assert response.status_code == 200
    assert "Enter a valid email address" in _errors(response, "email")
    assert elements(response.text, "input", name="first_name", value="Marie")
    assert elements(response.text, "input", name="email", value="marie-at-example")
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_consent_is_required(client, content):
    response = client.post(content.declaration_en.url, _data(consent=None))

    assert response.status_code == 200
    assert "only be recorded with your agreement" in _errors(response, "consent")
    assert not Signature.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_a_500_character_name_gets_a_clear_error(client, content, field):
    response = client.post(content.declaration_en.url, _data(**{field: "A" * 500}))

    assert response.status_code == 200
    assert "This is too long: 100 characters at most (you typed 500)." in _errors(response, field)
    assert not Signature.objects.exists()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("field", ["first_name", "last_name", "organisation"])
@pytest.mark.parametrize(
    "typed", ["Marie\nBonjour, cliquez ici", "Ma\x00rie", "Marie\u202eeirаM", "Ma\trie", "Ma\u200brie"]
)
def test_control_characters_in_a_name_get_a_clear_error_and_nothing_is_saved(client, content, language, field, typed):
    response = client.post(_page(content, language).url, _data(**{field: typed}))

    assert response.status_code == 200
    with translation.override(language):
        assert str(CONTROL_CHARACTERS_MESSAGE) in _errors(response, field)
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_names_with_accents_hyphens_and_apostrophes_are_accepted(client, content):
    client.post(
        content.declaration.url, _data(first_name="Zoé-Anaïs", last_name="N’Diaye O'Brien", organisation="Ça ira & Co.")
    )

    assert Signature.objects.get().last_name == "N’Diaye O'Brien"


@pytest.mark.parametrize(("language", "quoted"), [("fr", "Bonjour « Marie-Léa »,"), ("en", "Hello “Marie-Léa”,")])
def test_the_confirmation_email_shows_the_name_only_quoted(client, content, language, quoted):
    client.post(
        _page(content, language).url, _data(first_name="Marie-Léa", last_name="Curieuse", organisation="Les Amis")
    )

    [message] = mail.outbox
    assert message.body.startswith(quoted + "\n")
    assert message.body.count("Marie-Léa") == 1
    assert "Curieuse" not in message.body and "Les Amis" not in message.body


def test_a_name_stored_with_a_newline_reaches_the_email_on_one_line_and_quoted(content):
    from home.declarations.emails import send_already_signed_email

    signature = SignatureFactory(
        declaration=content.declaration,
        first_name="Marie\n\nYour account is blocked: http://evil.example",
        language="en",
    )
    send_already_signed_email(declaration=content.declaration_en, signature=signature)

    [message] = mail.outbox
    first_line = message.body.split("\n")[0]
    assert first_line == "Hello “Marie Your account is blocked: http://evil.example”,"
    assert "\nYour account" not in message.body


def test_a_filled_honeypot_pretends_success_but_stores_and_sends_nothing(client, content):
    response = _sign(client, content.declaration_en, website_url="http://spam.example")

    assert "Thank you! We have sent you an email" in response.text
    assert not Signature.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_rate_limit_stops_repeated_signing(client, content, settings, language):
    settings.SIGNATURE_RATE_LIMITS = {"ip": 2, "email": 5}
    page = _page(content, language)

    _sign(client, page, email="one@example.org")
    _sign(client, page, email="two@example.org")
    response = _sign(client, page, email="three@example.org")

    assert Signature.objects.count() == 2
    assert not Signature.objects.filter(email="three@example.org").exists()
    assert len(mail.outbox) == 2
    assert html_lang(response.text) == language
    expected = "Too many signatures were sent from here or for this email address. Please try again later."
    assert _in(language, expected) in response.text
    if language == "en":
        assert expected in response.text


def test_behind_a_proxy_each_visitor_has_a_rate_limit_of_their_own(client, content, settings):
    """Every request comes from the proxy: the visitor's address is the one the proxy appended."""
    settings.SIGNATURE_RATE_LIMITS = {"ip": 2, "email": 5}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    page = content.declaration

    def sign_from(forwarded_for, email):
        return client.post(page.url, _data(email=email), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)

    for n in range(2):
        sign_from("203.0.113.7", f"first-{n}@example.org")
        sign_from("198.51.100.9", f"second-{n}@example.org")
    assert Signature.objects.count() == 4  # two visitors, two signatures each: nobody limited

    # A visitor who makes up an address of their own is still known by the one the proxy saw.
    sign_from("192.0.2.1, 203.0.113.7", "third@example.org")
    assert not Signature.objects.filter(email="third@example.org").exists()


def test_without_a_trusted_proxy_forwarded_addresses_are_not_believed(client, content, settings):
    settings.SIGNATURE_RATE_LIMITS = {"ip": 2, "email": 5}
    page = content.declaration
    for n in range(3):
        client.post(page.url, _data(email=f"v{n}@example.org"), HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert Signature.objects.count() == 2


# --- Confirmation ---------------------------------------------------------------------


def test_get_on_the_confirmation_link_does_not_confirm(client, content):
    client.post(content.declaration.url, _data())
    response = client.get(_link(content.declaration))

    assert response.status_code == 200
    assert elements(response.text, "form", method="post")
    assert Signature.objects.get().status == SignatureStatus.PENDING
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_confirming_by_post_counts_once_in_both_languages(client, content):
    client.post(content.declaration.url, _data())
    response = client.post(_link(content.declaration))

    assert response.status_code == 200
    assert Signature.objects.get().status == SignatureStatus.CONFIRMED
    assert _count_on(client, content.declaration) == 1
    assert _count_on(client, content.declaration_en) == 1


def test_the_confirmation_page_thanks_in_english_under_en(client, content):
    client.post(content.declaration_en.url, _data())
    response = client.post(_link(content.declaration_en))

    assert html_lang(response.text) == "en"
    assert "Thank you: your signature is confirmed" in response.text
    assert "The declaration now has 1 confirmed signature." in response.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_reused_link_says_so_and_counts_once(client, content, language):
    page = _page(content, language)
    client.post(page.url, _data())
    url = _link(page)
    client.post(url)

    again = client.post(url)
    on_get = client.get(url)

    assert again.status_code == 200
    assert html_lang(again.text) == language
    assert _in(language, "Your signature was already confirmed") in again.text
    assert _in(language, "Your signature was already confirmed") in on_get.text
    if language == "en":
        assert "This link was used before: your signature is counted, once." in again.text
    assert Signature.objects.confirmed().count() == 1
    assert _count_on(client, page) == 1


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_expired_link_says_so_and_invites_to_sign_again(client, content, language):
    page = _page(content, language)
    client.post(page.url, _data())
    url = _link(page)
    Signature.objects.update(created_at=timezone.now() - CONFIRMATION_LIFETIME - datetime.timedelta(minutes=1))

    shown = client.get(url)
    assert Signature.objects.count() == 1  # the GET changed nothing
    response = client.post(url)

    assert _in(language, "This confirmation link has expired") in shown.text
    assert response.status_code == 200
    assert html_lang(response.text) == language
    assert _in(language, "This confirmation link has expired") in response.text
    assert _in(language, "Sign again") in response.text
    if language == "en":
        assert "You are welcome to sign again." in response.text
    assert not Signature.objects.exists()
    assert _count_on(client, page) == 0


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_unknown_token_is_a_404_with_a_clear_message(client, content, method, language):
    page = _page(content, language)

    response = getattr(client, method)(f"{page.url}confirm/not-a-real-token/")

    assert response.status_code == 404
    assert html_lang(response.text) == language
    assert _in(language, "This link is not valid") in response.text
    if language == "en":
        assert "We could not find a signature behind this link." in response.text


def test_confirming_after_the_deadline_is_refused(client, content):
    client.post(content.declaration_en.url, _data())
    url = _link(content.declaration_en)
    _set_declaration(content, signature_deadline=timezone.localdate() - datetime.timedelta(days=1))

    response = client.post(url)

    assert "Signing is closed" in response.text
    assert not Signature.objects.confirmed().exists()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_signing_again_with_a_confirmed_email_changes_nothing_and_reveals_nothing(client, content, language):
    page = _page(content, language)
    client.post(page.url, _data())
    client.post(_link(page))
    mail.outbox.clear()
    before = list(Signature.objects.values_list("pk", "first_name", "status"))
    new_signer = _sign(client, page, email="someone.new@example.org")
    mail.outbox.clear()

    response = _sign(client, page, first_name="Autre", email="MARIE@example.org")

    after = Signature.objects.exclude(email="someone.new@example.org")
    assert list(after.values_list("pk", "first_name", "status")) == before
    # The page answers exactly as for an address that never signed: who signed is not public.
    assert _in(language, SIGNATURE_PENDING_MESSAGE) in response.text
    assert _messages(response.text) == _messages(new_signer.text)
    assert html_lang(response.text) == language
    # The mailbox of that address learns it, with no link that would change anything.
    [message] = mail.outbox
    assert message.to == ["marie@example.org"]
    with translation.override(language):
        assert message.subject == translation.gettext("Your signature is already counted: %(title)s") % {
            "title": page.title
        }
        assert translation.gettext("Hello “%(name)s”,") % {"name": "Marie"} in message.body
    assert "/confirm/" not in message.body
    assert "/withdraw/" not in message.body


def test_asking_again_and_again_for_a_signed_address_is_rate_limited(client, content, settings):
    settings.SIGNATURE_RATE_LIMITS = {"ip": 100, "email": 2}
    page = content.declaration
    client.post(page.url, _data())
    client.post(_link(page))
    mail.outbox.clear()
    for _attempt in range(4):
        _sign(client, page)
    assert len(mail.outbox) == 1  # the first signing and one more attempt fit in the limit of 2


@pytest.mark.parametrize("language", ["fr", "en"])
def test_after_the_deadline_the_form_is_gone_and_posts_are_refused(client, content, language):
    page = _page(content, language)
    _set_declaration(content, signature_deadline=timezone.localdate() - datetime.timedelta(days=1))

    shown = client.get(page.url)
    response = _sign(client, page)

    assert not elements(shown.text, "input", name="email")
    closed = "Signing is closed: this declaration no longer takes signatures. Thank you to everyone who signed."
    assert _in(language, closed) in shown.text
    assert not Signature.objects.exists()
    assert not mail.outbox
    assert html_lang(response.text) == language
    expected = "This declaration is no longer open for signature: nothing was recorded."
    assert _in(language, expected) in response.text
    if language == "en":
        assert expected in response.text


def _close(content, closing):
    """The declaration closed by its switch or by a deadline passed; the page as it is now."""
    if closing == "closed":
        _set_declaration(content, signatures_open=False)
    else:
        _set_declaration(content, signature_deadline=timezone.localdate() - datetime.timedelta(days=1))
    return DeclarationPage.objects.get(pk=content.declaration.pk)


@pytest.mark.parametrize("closing", ["closed", "deadline passed"])
def test_the_signing_service_itself_refuses_a_closed_declaration(content, closing):
    """The page refuses first; a declaration closed meanwhile is refused by the service too."""
    declaration = _close(content, closing)

    result = signing.sign(
        declaration=declaration,
        first_name="Marie",
        last_name="Curieuse",
        email="marie@example.org",
        organisation="",
        country="FR",
        show_publicly=True,
        consent_text=str(CONSENT_TEXT),
        language="fr",
        ip_address="192.0.2.1",
    )

    assert result.outcome == signing.SigningOutcome.CLOSED
    assert result.signature is None and not result.raw_token
    assert not Signature.objects.exists()


@pytest.mark.parametrize("closing", ["closed", "deadline passed"])
def test_the_confirming_service_itself_refuses_a_closed_declaration(content, closing):
    pending = SignatureFactory(declaration=content.declaration, status=SignatureStatus.PENDING)
    declaration = _close(content, closing)

    outcome = signing.confirm(declaration=declaration, raw_token=pending.raw_token)

    assert outcome == signing.ConfirmOutcome.CLOSED
    pending.refresh_from_db()
    assert pending.status == SignatureStatus.PENDING and pending.confirmed_at is None


def test_the_deadline_day_itself_is_still_open(client, content):
    _set_declaration(content, signature_deadline=timezone.localdate())

    response = client.get(content.declaration_en.url)

    assert elements(response.text, "input", name="email")


# --- Withdrawal ---------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_withdrawing_erases_the_signature_and_uncounts_it(client, content, language):
    page = _page(content, language)
    client.post(page.url, _data(email="retire@example.org", last_name="Retirée"))
    message = mail.outbox[0]
    client.post(_link(page, message=message))
    assert _count_on(client, page) == 1
    withdraw_url = _link(page, "withdraw", message)

    asked = client.get(withdraw_url)
    assert elements(asked.text, "form", method="post")
    assert Signature.objects.count() == 1  # GET only asks
    response = client.post(withdraw_url)

    assert response.status_code == 200
    assert html_lang(response.text) == language
    assert _in(language, "Your signature has been withdrawn") in response.text
    assert not Signature.objects.exists()
    assert not Signature.objects.filter(email="retire@example.org").exists()
    assert not Signature.objects.filter(last_name="Retirée").exists()
    assert _count_on(client, page) == 0
    assert _count_on(client, content.declaration_en) == 0
    assert client.post(withdraw_url).status_code == 404


def test_a_pending_signature_can_be_withdrawn_too(client, content):
    client.post(content.declaration_en.url, _data())

    response = client.post(_link(content.declaration_en, "withdraw"))

    assert "Your signature has been withdrawn" in response.text
    assert not Signature.objects.exists()


# --- Purge ---------------------------------------------------------------------------


def test_the_purge_command_deletes_only_expired_pending_signatures(content):
    key = content.declaration.translation_key
    old = timezone.now() - CONFIRMATION_LIFETIME - datetime.timedelta(hours=1)
    expired = Signature.objects.create(declaration_key=key, email="old@example.org", created_at=old)
    fresh = Signature.objects.create(declaration_key=key, email="new@example.org")
    confirmed = Signature.objects.create(
        declaration_key=key,
        email="kept@example.org",
        created_at=old,
        status=SignatureStatus.CONFIRMED,
        confirmed_at=old,
    )
    out = StringIO()

    call_command("purge_unconfirmed_signatures", stdout=out)

    assert set(Signature.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not Signature.objects.filter(pk=expired.pk).exists()
    assert out.getvalue().startswith("1 ")
