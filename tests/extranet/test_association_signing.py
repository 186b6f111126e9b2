"""Signing in an association's name asks for confirmation, and the association can withdraw its signature
until the declaration closes."""

import datetime
import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from home.core.caching.generation import current_generation
from home.models import DeclarationPage, MembershipStatus, Signature, SignatureKind

from ..factories import AssociationFactory, MembershipFactory, UserFactory
from ..html import element, text

CONFIRMED = {"confirm": "on"}


def sign_url(declaration, association, language="en"):
    with translation.override(language):
        return reverse("extranet:declaration_sign", args=[declaration.translation_key, association.slug])


def withdraw_url(declaration, association, language="en"):
    with translation.override(language):
        return reverse("extranet:declaration_withdraw", args=[declaration.translation_key, association.slug])


def dashboard(client, language="en"):
    with translation.override(language):
        response = client.get(reverse("extranet:dashboard"))
    assert response.status_code == 200
    return response.text


def public_signatories(declaration) -> str:
    """The signatories on the public page, as an anonymous visitor gets them (cached fragments included)."""
    response = Client().get(declaration.url)
    assert response.status_code == 200
    return text(element(response.text, "section", class_="signatories"))


@pytest.fixture
def former(locales):
    association = AssociationFactory(name="Ancienne association", slug="ancienne", status=MembershipStatus.LEFT)
    user = MembershipFactory(association=association, user=UserFactory(username="ancienne@example.org")).user
    return association, user


# --- The confirmation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "whose", "public"),
    [
        ("en", "in the name of Comité contre l'esclavage moderne", "The signature will be public"),
        ("fr", "au nom de Comité contre l'esclavage moderne", "La signature sera publique"),
    ],
)
def test_the_dashboard_leads_to_a_confirmation_stating_whose_name_and_that_it_is_public(
    client, declarations, member_a, association_a, language, whose, public
):
    client.force_login(member_a)
    page = dashboard(client, language)
    link = element(page, "a", href=sign_url(declarations.open, association_a, language))
    assert link is not None  # a link to the confirmation, no longer a one-click form

    response = client.get(sign_url(declarations.open, association_a, language))

    assert response.status_code == 200
    shown = text(response.text)
    assert whose in shown and public in shown
    assert element(response.text, "input", name="confirm", type="checkbox") is not None
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("en", "Tick the box to confirm: nothing was signed."),
        ("fr", "Cochez la case pour confirmer : rien n’a été signé."),
    ],
)
def test_a_post_without_the_confirmation_signs_nothing(client, declarations, member_a, association_a, language, error):
    client.force_login(member_a)

    response = client.post(sign_url(declarations.open, association_a, language), {})

    assert response.status_code == 200
    assert not Signature.objects.exists()
    field = element(response.text, "input", name="confirm").parent.parent
    assert "field--error" in field.classes and error in text(field)


def test_confirming_signs_once_and_is_logged(client, declarations, member_a, association_a):
    client.force_login(member_a)

    response = client.post(sign_url(declarations.open, association_a), CONFIRMED)

    assert response.status_code == 302 and response["Location"].endswith("#declarations")
    signature = Signature.objects.get()
    assert signature.kind == SignatureKind.ORGANISATION and signature.signed_by == member_a
    assert ModelLogEntry.objects.for_instance(signature).get().action == "extranet.association_sign"
    assert "Comité contre l'esclavage moderne" in public_signatories(declarations.open)
    # Signed: the confirmation page is not offered again.
    again = client.get(sign_url(declarations.open, association_a), follow=True)
    assert "had already signed" in again.text and Signature.objects.count() == 1


def test_a_former_member_cannot_sign(client, declarations, former, caplog):
    association, user = former
    client.force_login(user)
    assert sign_url(declarations.open, association) not in dashboard(client)
    assert "has left the collective" in dashboard(client)
    with caplog.at_level(logging.WARNING, logger="extranet.security"):
        assert client.get(sign_url(declarations.open, association)).status_code == 403
        assert client.post(sign_url(declarations.open, association), CONFIRMED).status_code == 403
    assert f"signing for association {association.pk}" in caplog.text
    assert not Signature.objects.exists()


def test_the_confirmation_of_a_closed_declaration_says_it_is_closed(client, declarations, member_a, association_a):
    client.force_login(member_a)
    response = client.get(sign_url(declarations.closed, association_a), follow=True)
    assert "This declaration no longer takes signatures." in response.text
    assert not Signature.objects.exists()


# --- Withdrawing ---------------------------------------------------------------------------------------------


@pytest.fixture
def signed(client, declarations, member_a, association_a):
    client.force_login(member_a)
    client.post(sign_url(declarations.open, association_a), CONFIRMED)
    return Signature.objects.get()


def test_the_association_withdraws_its_signature_and_the_public_page_follows(
    client, declarations, association_a, member_a, signed
):
    assert "Comité contre l'esclavage moderne" in public_signatories(declarations.open)  # now cached
    generation = current_generation()
    page = dashboard(client)
    assert element(page, "form", action=withdraw_url(declarations.open, association_a)) is not None

    response = client.post(withdraw_url(declarations.open, association_a), follow=True)

    assert "The signature of Comité contre l&#x27;esclavage moderne was withdrawn" in response.text
    assert not Signature.objects.exists()
    assert current_generation() != generation  # what signing invalidates, withdrawing invalidates
    assert "Comité contre l'esclavage moderne" not in public_signatories(declarations.open)
    assert "Comité contre l'esclavage moderne" not in public_signatories(declarations.open_en)
    entry = ModelLogEntry.objects.filter(action="extranet.association_withdraw").get()
    assert entry.user_id == member_a.pk and entry.object_id == str(signed.pk)
    # And it can sign again (with the confirmation).
    assert element(dashboard(client), "a", href=sign_url(declarations.open, association_a)) is not None


def test_withdrawing_in_french(client, declarations, association_a, signed):
    response = client.post(withdraw_url(declarations.open, association_a, "fr"), follow=True)
    assert "La signature de Comité contre l&#x27;esclavage moderne a été retirée" in response.text


def test_withdrawing_is_refused_once_the_declaration_is_closed(client, declarations, association_a, signed):
    DeclarationPage.objects.filter(translation_key=declarations.open.translation_key).update(
        signature_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )

    response = client.post(withdraw_url(declarations.open, association_a), follow=True)

    assert "is closed: the signature of Comité contre l&#x27;esclavage moderne can no longer be withdrawn" in (
        response.text
    )
    assert Signature.objects.get() == signed
    assert not ModelLogEntry.objects.filter(action="extranet.association_withdraw").exists()


def test_another_association_cannot_withdraw_it(client, declarations, association_a, member_b, signed, caplog):
    client.force_login(member_b)
    with caplog.at_level(logging.WARNING, logger="extranet.security"):
        assert client.post(withdraw_url(declarations.open, association_a)).status_code == 403
    assert "refused" in caplog.text
    assert Signature.objects.get() == signed


def test_anonymous_visitors_cannot_withdraw(declarations, association_a, signed):
    response = Client().post(withdraw_url(declarations.open, association_a))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert Signature.objects.get() == signed


def test_withdrawing_is_post_only(client, declarations, association_a, signed):
    assert client.get(withdraw_url(declarations.open, association_a)).status_code == 405
    assert Signature.objects.get() == signed


def test_a_former_member_cannot_withdraw(client, declarations, association_a, signed, former):
    association, user = former
    Signature.objects.create(
        declaration_key=declarations.open.translation_key,
        kind=SignatureKind.ORGANISATION,
        association=association,
        status=signed.status,
        confirmed_at=timezone.now(),
    )
    client.force_login(user)
    assert client.post(withdraw_url(declarations.open, association)).status_code == 403
    assert Signature.objects.filter(association=association).exists()


def test_withdrawing_without_a_signature_changes_nothing(client, declarations, member_a, association_a):
    client.force_login(member_a)
    response = client.post(withdraw_url(declarations.open, association_a), follow=True)
    assert "had not signed" in response.text
    assert not ModelLogEntry.objects.filter(action="extranet.association_withdraw").exists()
