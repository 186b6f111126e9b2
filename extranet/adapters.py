"""django-allauth adapter: accounts exist by invitation only, never by open sign-up; emails in the reader's language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.encoding import force_str
from django.utils.translation import gettext

from home.core.notifications import in_language_of


class ClosedAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account emails (password reset, address confirmation, security notices) in the account's language.

        The request's language only decides for an address without an account.
        """
        with in_language_of(context.get("user"), email=email):
            super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return gettext("[Together against trafficking] ") + force_str(subject)
