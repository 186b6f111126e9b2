"""django-allauth adapter: accounts exist by invitation only, never by open sign-up; emails in the reader's language."""

import urllib.parse
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.encoding import force_str
from django.utils.translation import gettext

from home.core.links import on_site
from home.core.notifications import in_language_of


class ClosedAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    # Links of the account emails from SITE_URL: allauth builds them from the request's Host header.

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account emails (password reset, address confirmation, security notices) in the account's language.

        The request's language only decides for an address without an account. Every link
        (``…_url``) and the site named in the email come from ``SITE_URL``, never from the request.
        """
        context = {
            key: on_site(value) if key.endswith("_url") and isinstance(value, str) and value else value
            for key, value in context.items()
        }
        domain = urllib.parse.urlsplit(settings.SITE_URL).netloc
        context.setdefault("current_site", SimpleNamespace(domain=domain, name=domain))
        with in_language_of(context.get("user"), email=email):
            super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return gettext("[Together against trafficking] ") + force_str(subject)
