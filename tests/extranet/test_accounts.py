"""Accounts: invitation-only, login by email, no sign-up, no admin for associations."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from extranet.models import Invitation, Membership
from extranet.services import invitations

from ..factories import PASSWORD, InvitationFactory

User = get_user_model()
GOOD_PASSWORD = "Traite-Jamais-2014!"


def invitation_link(message) -> str:
    match = re.search(r"http://testserver(/\S+/extranet/invitation/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def invitation(association_a):
    return InvitationFactory(email="nouvelle@example.org", association=association_a, language="fr")


@pytest.fixture
def sent_link(invitation):
    invitations.send_invitation(invitation=invitation)
    return invitation_link(mail.outbox[-1])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_invitation_email_carries_a_link_in_the_invitees_language(association_a, language):
    invitation = InvitationFactory(association=association_a, language=language)
    invitations.send_invitation(invitation=invitation)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [invitation.email]
    link = invitation_link(message)
    assert link.startswith(f"/{language}/extranet/invitation/")
    assert association_a.name in message.subject + message.body
    # Only the hash of the token is stored.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in Invitation.objects.get().token_hash


def test_the_link_opens_the_set_password_form(client, sent_link, invitation):
    response = client.get(sent_link)
    assert response.status_code == 200
    body = response.text
    assert 'name="password1"' in body and invitation.email in body
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "password1,password2",
    [("password", "password"), ("12345678901234", "12345678901234"), (GOOD_PASSWORD, GOOD_PASSWORD + "x")],
    ids=["common", "digits", "mismatch"],
)
def test_weak_or_mismatched_password_creates_nothing(client, sent_link, password1, password2):
    response = client.post(sent_link, {"password1": password1, "password2": password2})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.filter(email="nouvelle@example.org").exists()
    assert not Membership.objects.exists()
    assert "_auth_user_id" not in client.session


def test_accepting_creates_a_verified_member_who_is_logged_in(client, sent_link, association_a):
    response = client.post(
        sent_link, {"first_name": "Nadia", "last_name": "N.", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/extranet/"
    user = User.objects.get(email="nouvelle@example.org")
    assert user.check_password(GOOD_PASSWORD)
    assert not user.is_staff and not user.is_superuser
    assert EmailAddress.objects.get(user=user).verified
    assert Membership.objects.filter(user=user, association=association_a).exists()
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get("/fr/extranet/").status_code == 200
    assert Invitation.objects.get().accepted_at is not None


def test_a_used_link_answers_410(client, sent_link):
    client.post(sent_link, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    other = client.__class__()
    assert other.get(sent_link).status_code == 410
    response = other.post(sent_link, {"password1": "Autre-Mot-de-passe-99", "password2": "Autre-Mot-de-passe-99"})
    assert response.status_code == 410
    assert User.objects.get(email="nouvelle@example.org").check_password(GOOD_PASSWORD)


def test_an_expired_link_answers_410(client, sent_link, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(sent_link).status_code == 410
    assert client.post(sent_link, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}).status_code == 410
    assert not User.objects.filter(email="nouvelle@example.org").exists()


def test_a_made_up_token_answers_410(client, invitation):
    assert client.get(reverse("extranet:accept_invitation", args=["made-up-token"])).status_code == 410


def test_sending_again_invalidates_the_previous_link(client, invitation, sent_link):
    invitations.send_invitation(invitation=invitation)
    assert client.get(sent_link).status_code == 410
    assert client.get(invitation_link(mail.outbox[-1])).status_code == 200


@pytest.mark.parametrize("state", ["accepted", "expired"])
def test_the_accepting_service_itself_refuses_an_unusable_invitation(invitation, state):
    """The view looks the invitation up first; one used or expired meanwhile is refused by the service too."""
    invitations.send_invitation(invitation=invitation)
    changes = (
        {"accepted_at": timezone.now()}
        if state == "accepted"
        else {"expires_at": timezone.now() - timedelta(minutes=1)}
    )
    Invitation.objects.filter(pk=invitation.pk).update(**changes)

    with pytest.raises(ValueError, match="no longer usable"):
        invitations.accept_invitation(invitation=invitation, password=GOOD_PASSWORD)  # as the view found it

    assert not User.objects.filter(email="nouvelle@example.org").exists()
    assert not Membership.objects.exists()


def test_the_accepting_service_itself_wants_a_password_for_a_new_account(invitation):
    """The view asks for a password unless the invitee has an account: the service refuses one without."""
    invitations.send_invitation(invitation=invitation)

    with pytest.raises(ValueError, match="needs a password"):
        invitations.accept_invitation(invitation=invitation)

    assert not User.objects.filter(email="nouvelle@example.org").exists()
    assert not Membership.objects.exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_coordinator_invites_from_the_wagtail_admin(client, coordinator, association_a):
    client.force_login(coordinator)
    response = client.post(
        "/admin/snippets/extranet/invitation/add/",
        {"email": "invitee@example.org", "association": association_a.pk, "language": "en"},
    )
    assert response.status_code == 302, response.text[:2000]
    invitation = Invitation.objects.get(email="invitee@example.org")
    assert invitation.invited_by == coordinator
    assert len(mail.outbox) == 1
    link = invitation_link(mail.outbox[0])
    assert link.startswith("/en/extranet/invitation/")
    assert client.__class__().get(link).status_code == 200


# --- Login ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/fr/comptes/login/", "/en/accounts/login/"])
def test_members_log_in_with_email_and_password(client, member_a, url):
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="login"' in page.text
    response = client.post(url, {"login": "CCEM@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == f"{url[:3]}/extranet/"
    assert int(client.session["_auth_user_id"]) == member_a.pk


def test_wrong_password_does_not_log_in(client, member_a):
    response = client.post("/en/accounts/login/", {"login": "ccem@example.org", "password": "wrong-password-123"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_attempts_are_rate_limited(client, member_a):
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": "ccem@example.org", "password": "wrong-password-123"})
    response = client.post("/en/accounts/login/", {"login": "ccem@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_logout(client, member_a):
    client.force_login(member_a)
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email(client, member_a):
    response = client.post("/en/accounts/password/reset/", {"email": "ccem@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.parametrize("url", ["/en/accounts/password/reset/", "/en/accounts/login/code/"])
def test_an_address_without_an_account_gets_the_same_answer_and_no_email(client, member_a, url):
    known = client.post(url, {"email": "ccem@example.org"})
    unknown = client.__class__().post(url, {"email": "stranger@example.org"})
    assert unknown.status_code == known.status_code == 302
    assert [message.to for message in mail.outbox] == [["ccem@example.org"]]


@pytest.mark.parametrize("url", ["/en/accounts/signup/", "/fr/comptes/signup/"])
def test_sign_up_is_closed(client, locales, url):
    client.get(url)
    client.post(url, {"email": "intrus@example.org", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert not User.objects.filter(email="intrus@example.org").exists()
    assert "_auth_user_id" not in client.session


def test_two_factor_setup_is_available_to_members(client, member_a):
    client.force_login(member_a)
    assert client.get("/en/accounts/2fa/").status_code == 200


@pytest.mark.parametrize(
    "url,lang",
    [("/fr/comptes/login/", "fr"), ("/en/accounts/login/", "en"), ("/en/accounts/password/reset/", "en")],
)
def test_account_pages_use_the_site_layout_in_the_url_language(client, locales, url, lang):
    response = client.get(url)
    assert response.status_code == 200
    body = response.text
    assert f'<html lang="{lang}"' in body
    assert "account-page" in body  # the body class of the site's layout for allauth pages


def test_invitation_for_an_existing_account_keeps_its_password(client, association_a, association_b):
    """The link proves access to the mailbox, not the right to replace a password."""
    user = User.objects.create_user(username="deja@example.org", email="deja@example.org", password=GOOD_PASSWORD)
    Membership.objects.create(user=user, association=association_b)
    invitation = InvitationFactory(email="deja@example.org", association=association_a, language="en")
    invitations.send_invitation(invitation=invitation)
    link = invitation_link(mail.outbox[-1])

    page = client.get(link)
    assert page.status_code == 200
    assert 'name="password1"' not in page.text

    response = client.post(link, {"password1": "Another-Password-2024", "password2": "Another-Password-2024"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    assert "_auth_user_id" not in client.session
    assert set(Membership.objects.filter(user=user).values_list("association", flat=True)) == {
        association_a.pk,
        association_b.pk,
    }
    assert client.get(link).status_code == 410
