"""Invitations: the link sent by email, and joining the association with it."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from home.core.links import site_url
from home.core.notifications import send_in_language

from ..models import Invitation, Membership, hash_token

User = get_user_model()


def send_invitation(*, invitation: Invitation) -> None:
    """Give the invitation a new token and email the link (under SITE_URL), in the invitation's language."""
    raw_token = invitation.issue_token()
    invitation.accepted_at = None
    invitation.save()

    def context():  # in the invitation's language: the link has its prefix
        url = site_url(reverse("extranet:accept_invitation", args=[raw_token]))
        site_name = translation.gettext("Together against trafficking in human beings")
        return {"invitation": invitation, "url": url, "site_name": site_name}

    send_in_language("extranet/email/invitation", context, invitation.email, language=invitation.language)


def find_usable_invitation(raw_token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("association").filter(token_hash=hash_token(raw_token)).first()
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


@transaction.atomic
def existing_account_for(invitation: Invitation):
    return User.objects.filter(email__iexact=invitation.email).first()


@transaction.atomic
def accept_invitation(
    *, invitation: Invitation, password: str | None = None, first_name: str = "", last_name: str = ""
):
    """Join the association; create the invitee's account (verified email) if there is none.

    An existing account keeps its password: the link proves access to the mailbox, not the
    right to replace a password (nor to skip two-factor authentication).
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValueError("invitation no longer usable")
    email = invitation.email.lower()
    user = existing_account_for(invitation)
    if user is None:
        if not password:
            raise ValueError("a new account needs a password")
        user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        # The language the member was invited in is the one the site writes to them in (home.core.notifications).
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": invitation.language})
    Membership.objects.get_or_create(user=user, association=invitation.association)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user
