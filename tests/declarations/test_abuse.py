"""Abuse stays cheap to handle: signatures invalidated in bulk by a rule, previewed, applied and undone;
bursts from one address range or email domain shown in the signature admin."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from home.declarations import abuse
from home.declarations.signing import signature_count
from home.models import Signature, SignatureInvalidation, SignatureStatus

from ..factories import SignatureFactory, UserFactory, enrol_authenticator_app
from ..html import element, text, texts

NOW = timezone.now()


def signed(declaration, count, *, domain="example.org", network="198.51.100.0/24", at=None, **fields):
    at = at or NOW
    return [
        SignatureFactory(
            declaration=declaration,
            email=f"bot{index}-{network[:3]}@{domain}",
            network=network,
            created_at=at,
            **fields,
        )
        for index in range(count)
    ]


@pytest.fixture
def spam(content):
    """Twenty-five signatures from one range and domain within an hour, three genuine ones elsewhere."""
    hour = NOW.replace(minute=5, second=0, microsecond=0) - datetime.timedelta(hours=2)
    bots = signed(content.declaration, 25, domain="spam.test", at=hour)
    genuine = [
        SignatureFactory(declaration=content.declaration, email="marie@example.org", network="203.0.113.0/24"),
        SignatureFactory(declaration=content.declaration, email="paul@example.fr", network="192.0.2.0/24"),
        SignatureFactory(
            declaration=content.declaration,
            email="pending@spam.test",
            network="203.0.113.0/24",
            status=SignatureStatus.PENDING,
        ),
    ]
    return bots, genuine


def test_signing_records_the_address_range_never_the_address(client, content):
    client.post(
        content.declaration.url,
        {
            "first_name": "Marie",
            "last_name": "Curieuse",
            "email": "marie@example.org",
            "country": "FR",
            "consent": "on",
            "website_url": "",
        },
        REMOTE_ADDR="198.51.100.77",
    )
    signature = Signature.objects.get(email="marie@example.org")
    assert signature.network == "198.51.100.0/24"
    assert "198.51.100.77" not in str(Signature.objects.filter(pk=signature.pk).values().first())
    assert abuse.network_of("2001:db8:1:2::5") == "2001:db8:1::/48"
    assert abuse.network_of("not an address") == ""


def test_preview_apply_and_undo(admin_client, content, spam):
    bots, genuine = spam
    url = reverse("signatures:invalidate")
    key = str(content.declaration.translation_key)
    assert signature_count(content.declaration) == 27

    preview = admin_client.post(url, {"declaration": key, "email_domain": "spam.test", "preview": "1"})
    assert preview.status_code == 200
    assert "26 signatures correspondent" in text(element(preview.text, "h2", id="preview-title"))
    assert "25 d'entre elles sont confirmées" in preview.text
    assert signature_count(content.declaration) == 27  # a preview changes nothing

    applied = admin_client.post(
        url, {"declaration": key, "email_domain": "spam.test", "reason": "Robots", "apply": "1"}
    )
    assert applied.status_code == 302
    batch = SignatureInvalidation.objects.get()
    assert batch.count == 26 and batch.reason == "Robots"
    assert signature_count(content.declaration) == 2
    assert Signature.objects.filter(status=SignatureStatus.INVALIDATED).count() == 26
    assert int(text(element(admin_client.get(content.declaration.url).text, class_="signature-count__number"))) == 2

    listing = admin_client.get(reverse("signatures:invalidations"))
    assert "domaine de messagerie spam.test" in listing.text
    undone = admin_client.post(reverse("signatures:undo_invalidation", args=[batch.pk]), follow=True)
    assert "26 signatures rétablies." in undone.text
    assert signature_count(content.declaration) == 27
    assert Signature.objects.get(email="pending@spam.test").status == SignatureStatus.PENDING  # as it was
    batch.refresh_from_db()
    assert batch.is_undone and batch.restored == 26
    # Undoing twice restores nothing more.
    admin_client.post(reverse("signatures:undo_invalidation", args=[batch.pk]))
    assert signature_count(content.declaration) == 27


def test_undo_keeps_a_signature_whose_address_signed_again(content, spam):
    bots, _genuine = spam
    batch = abuse.invalidate_signatures(
        abuse.Rule(content.declaration.translation_key, email_domain="spam.test"), reason="Robots"
    )
    SignatureFactory(declaration=content.declaration, email=bots[0].email)  # the same person signed again
    result = abuse.undo(batch)
    assert (result.restored, result.kept) == (25, 1)  # 24 robots and the pending one; the re-signed one stays
    assert signature_count(content.declaration) == 27


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"network": "198.51.100.0/24"}, 25),
        ({"network": "198.51.100.9"}, 25),  # an address: its recorded range
        ({"network": "198.51.0.0/16"}, 25),  # a wider range covers the recorded ones inside it
        ({"network": "203.0.113.0/24"}, 2),
        ({"email_domain": "example.org"}, 1),
        ({"email_domain": "spam.test", "network": "203.0.113.0/24"}, 1),  # every rule must match
        ({"starts_at": NOW - datetime.timedelta(minutes=30)}, 3),
        ({"ends_at": NOW - datetime.timedelta(minutes=30)}, 25),
    ],
)
def test_rules(content, spam, rule, expected):
    assert abuse.preview(abuse.Rule(content.declaration.translation_key, **rule)).total == expected


def test_other_declarations_and_associations_are_never_touched(content, spam, site_tree):
    from home.declarations.signing import sign_as_association

    sign_as_association(declaration=content.declaration, association=content.ccem, user=None)
    found = abuse.preview(abuse.Rule(content.declaration.translation_key, starts_at=NOW - datetime.timedelta(days=1)))
    assert found.total == 28  # people only: the association's signature is its own decision


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, None, "Indiquez au moins une règle"),
        ({"network": "not-a-range"}, "network", "Saisissez une adresse ou une plage"),
        ({"network": "10.0.0.0/4"}, "network", "Saisissez une adresse ou une plage"),  # too wide
        ({"email_domain": "someone@spam.test"}, "email_domain", "Saisissez un domaine"),
        (
            {"starts_at": "2026-12-02T10:00", "ends_at": "2026-12-02T09:00"},
            "ends_at",
            "La fin de la période doit venir après son début.",
        ),
    ],
)
def test_a_bad_rule_gets_a_translated_error_next_to_it(admin_client, content, data, field, message):
    data = {"declaration": str(content.declaration.translation_key), "preview": "1", **data}
    response = admin_client.post(reverse("signatures:invalidate"), data)
    assert response.status_code == 200
    where = text(element(response.text, id=f"id_{field}-errors")) if field else response.text
    assert message in where
    assert not SignatureInvalidation.objects.exists()


def test_applying_needs_a_reason(admin_client, content, spam):
    data = {"declaration": str(content.declaration.translation_key), "email_domain": "spam.test", "apply": "1"}
    response = admin_client.post(reverse("signatures:invalidate"), data)
    assert "Indiquez pourquoi" in text(element(response.text, id="id_reason-errors"))
    assert signature_count(content.declaration) == 27


def test_an_invalidated_link_confirms_nothing(client, content):
    pending = SignatureFactory(declaration=content.declaration, email="later@spam.test", status=SignatureStatus.PENDING)
    abuse.invalidate_signatures(abuse.Rule(content.declaration.translation_key, email_domain="spam.test"), reason="x")
    client.get(f"{content.declaration.url}confirm/{pending.raw_token}/")
    client.post(f"{content.declaration.url}confirm/{pending.raw_token}/")
    assert Signature.objects.get(pk=pending.pk).status == SignatureStatus.INVALIDATED
    assert signature_count(content.declaration) == 0


def test_the_signature_admin_shows_bursts_with_a_link_to_preview(admin_client, content, spam):
    listing = admin_client.get(reverse("signatures:index"))
    rows = texts(element(listing.text, "section", aria_labelledby="signature-bursts-title"), "tr")
    assert any("198.51.100.0/24" in row and "25" in row for row in rows)
    assert any("spam.test" in row and "25" in row for row in rows)
    assert not any("203.0.113.0/24" in row for row in rows)  # two signatures are no burst
    assert f"{reverse('signatures:invalidate')}?declaration=" in listing.text


def test_only_those_who_may_delete_signatures_invalidate_them(client, content, spam):
    group = Group.objects.create(name="Viewers")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    group.permissions.add(Permission.objects.get(content_type__app_label="home", codename="view_signature"))
    viewer = UserFactory(username="viewer@example.org")
    viewer.groups.add(group)
    enrol_authenticator_app(viewer)
    client.force_login(viewer)
    data = {
        "declaration": str(content.declaration.translation_key),
        "email_domain": "spam.test",
        "reason": "x",
        "apply": "1",
    }
    assert client.post(reverse("signatures:invalidate"), data).status_code == 302
    assert reverse("signatures:invalidate") not in client.get(reverse("signatures:index")).text
    assert signature_count(content.declaration) == 27
    assert not mail.outbox
    assert not PageLogEntry.objects.filter(action="home.invalidate_signatures").exists()
