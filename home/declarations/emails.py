"""The emails of signing, each in its reader's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from home.core.text import one_line

from .models import CONFIRMATION_LIFETIME, Signature


def _send(template: str, context: dict, *, language: str, to: str) -> None:
    # The signer's free text only ever appears as a quoted name, on one line (the templates quote it).
    context = {**context, "signer_name": one_line(context["signature"].first_name)}
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
    """Tell the owner of an address that signed that someone asked to sign with it again.

    In the language the owner signed in (the declaration's title too), not that of the new request.
    """
    locale = Locale.objects.filter(language_code=signature.language).first()
    in_their_language = (declaration.get_translation_or_none(locale) if locale else None) or declaration
    context = {"declaration": in_their_language, "signature": signature}
    _send("signature_already_signed", context, language=signature.language, to=signature.email)
