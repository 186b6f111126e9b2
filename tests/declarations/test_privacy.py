"""Signers' personal data: retention, access and erasure from the email's link."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from home.declarations.models import SignatureKind
from home.declarations.signing import CONSENT_VERSION, signature_count
from home.models import Signature, SignatureStatus

from ..factories import SignatureFactory

NOW = timezone.make_aware(datetime.datetime(2030, 6, 1, 12, 0))


def _signature(declaration, *, email, confirmed_days_ago=None, created_days_ago=0):
    """Marie Curieuse's signature made ``created_days_ago`` before NOW, pending unless confirmed; and its token."""
    signature = SignatureFactory(
        declaration=declaration,
        status=SignatureStatus.PENDING if confirmed_days_ago is None else SignatureStatus.CONFIRMED,
        confirmed_at=None if confirmed_days_ago is None else NOW - datetime.timedelta(days=confirmed_days_ago),
        first_name="Marie",
        last_name="Curieuse",
        email=email,
        organisation="Les Amis",
        show_publicly=True,
        consent_text="I agree.",
        consent_version=CONSENT_VERSION,
        created_at=NOW - datetime.timedelta(days=created_days_ago),
    )
    return signature, signature.raw_token


# --- Retention -------------------------------------------------------------------------


def test_old_confirmed_signatures_are_anonymised_and_still_counted(content, settings):
    settings.SIGNATURE_RETENTION_DAYS = 1095
    old_one, _ = _signature(
        content.declaration, email="old1@example.org", confirmed_days_ago=1096, created_days_ago=1100
    )
    old_two, _ = _signature(
        content.declaration, email="old2@example.org", confirmed_days_ago=2000, created_days_ago=2000
    )
    recent, _ = _signature(
        content.declaration, email="recent@example.org", confirmed_days_ago=1094, created_days_ago=1094
    )
    stale_pending, _ = _signature(content.declaration, email="pending@example.org", created_days_ago=8)
    fresh_pending, _ = _signature(content.declaration, email="fresh@example.org", created_days_ago=1)
    out = StringIO()

    call_command("anonymise_old_signatures", "--now", NOW.isoformat(), stdout=out)

    assert "2 signature(s) anonymised" in out.getvalue()
    assert "1 unconfirmed signature(s) deleted" in out.getvalue()
    for signature in (old_one, old_two):
        signature.refresh_from_db()
        assert (signature.first_name, signature.last_name, signature.email, signature.organisation) == ("", "", "", "")
        assert signature.token_hash is None
        assert not signature.show_publicly
        assert signature.country == "FR"
        assert signature.status == SignatureStatus.CONFIRMED
        assert signature.confirmed_at is not None
    recent.refresh_from_db()
    assert recent.email == "recent@example.org" and recent.token_hash
    assert not Signature.objects.filter(pk=stale_pending.pk).exists()
    assert Signature.objects.filter(pk=fresh_pending.pk).exists()
    assert signature_count(content.declaration) == 3


def test_anonymising_twice_changes_nothing_more(content):
    _signature(content.declaration, email="old@example.org", confirmed_days_ago=5000, created_days_ago=5000)
    call_command("anonymise_old_signatures", "--now", NOW.isoformat(), stdout=StringIO())
    out = StringIO()

    call_command("anonymise_old_signatures", "--now", NOW.isoformat(), stdout=out)

    assert "0 signature(s) anonymised" in out.getvalue()


def test_the_retention_period_follows_the_setting(content, settings, monkeypatch):
    settings.SIGNATURE_RETENTION_DAYS = 30
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    signature, _ = _signature(content.declaration, email="a@example.org", confirmed_days_ago=31, created_days_ago=31)

    call_command("anonymise_old_signatures", stdout=StringIO())

    signature.refresh_from_db()
    assert signature.email == ""


def test_association_signatures_are_not_anonymised(content, settings):
    settings.SIGNATURE_RETENTION_DAYS = 1
    Signature.objects.create(
        declaration_key=content.declaration.translation_key,
        kind=SignatureKind.ORGANISATION,
        association=content.ccem,
        status=SignatureStatus.CONFIRMED,
        confirmed_at=NOW - datetime.timedelta(days=100),
    )

    call_command("anonymise_old_signatures", "--now", NOW.isoformat(), stdout=StringIO())

    assert Signature.objects.get(kind=SignatureKind.ORGANISATION).association == content.ccem


# --- Access from the withdrawal link ----------------------------------------------------


def test_the_withdrawal_page_shows_the_data_held_and_a_download_link(client, content):
    signature, token = _signature(content.declaration, email="marie@example.org", confirmed_days_ago=2)
    withdraw_url = f"{content.declaration.url}withdraw/{token}/"

    response = client.get(withdraw_url)

    assert response.status_code == 200
    for shown in ("Marie", "Curieuse", "marie@example.org", "Les Amis", "France", "I agree.", CONSENT_VERSION):
        assert shown in response.text
    assert f'href="{withdraw_url}?format=json"' in response.text
    assert Signature.objects.filter(pk=signature.pk).exists()  # GET erases nothing


def test_the_signer_downloads_their_data_as_json(client, content):
    _signature(content.declaration, email="marie@example.org", confirmed_days_ago=2)
    _other, token = _signature(content.declaration, email="paul@example.org", confirmed_days_ago=3)

    response = client.get(f"{content.declaration_en.url}withdraw/{token}/?format=json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    data = response.json()["signature"]
    assert data["email"] == "paul@example.org"
    assert (data["first_name"], data["organisation"], data["country"]) == ("Marie", "Les Amis", "FR")
    assert data["shown_publicly"] is True
    assert data["consent_text"] == "I agree." and data["consent_version"] == CONSENT_VERSION
    assert data["confirmed_at"] == (NOW - datetime.timedelta(days=3)).isoformat()
    assert "marie@example.org" not in response.text


def test_no_data_behind_an_unknown_or_erased_link(client, content):
    _signature_obj, token = _signature(content.declaration, email="marie@example.org", confirmed_days_ago=2)
    client.post(f"{content.declaration.url}withdraw/{token}/")

    assert client.get(f"{content.declaration.url}withdraw/{token}/?format=json").status_code == 404
    assert client.get(f"{content.declaration.url}withdraw/not-a-token/?format=json").status_code == 404
    assert not Signature.objects.exists()


def test_the_confirmation_email_says_the_link_also_gives_the_data(client, content, mailoutbox):
    client.post(
        content.declaration_en.url,
        {
            "first_name": "Marie",
            "last_name": "Curieuse",
            "email": "marie@example.org",
            "country": "FR",
            "consent": "on",
            "website_url": "",
        },
    )

    assert "shows the data we hold about you" in mailoutbox[0].body
