"""The emails of signing, each in its reader's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import CONFIRMATION_LIFETIME, Signature


def _send(template: str, context: dict, *, language: str, to: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"home/email/{template}_subject.txt", context)
        body = render_to_string(f"home/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])


def send_confirmation_email(*, declaration, signature: Signature, confirm_url: str, withdraw_url: str) -> None:
    """The link that confirms a new signature (and the one that withdraws it), in the signer's language."""
    context = {
        "declaration": declaration,
        "signature": signature,
        "confirm_url": confirm_url,
        "withdraw_url": withdraw_url,
        "lifetime_days": CONFIRMATION_LIFETIME.days,
    }
    _send("signature_confirmation", context, language=signature.language, to=signature.email)


def send_already_signed_email(*, declaration, signature: Signature) -> None:
    """Tell the owner of an address that signed that someone asked to sign with it again."""
    context = {"declaration": declaration, "signature": signature}
    _send("signature_already_signed", context, language=declaration.locale.language_code, to=signature.email)
