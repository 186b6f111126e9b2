"""django-allauth adapter: accounts exist by invitation only, never by open sign-up; emails in the reader's language.

Failed logins are limited in two ways, so that nobody can lock a member out:

* **per address** (``ACCOUNT_RATE_LIMITS["login_failed"]``, per ``ip``): one address that keeps
  guessing is stopped for a while, whatever the account;
* **per account** (``ACCOUNT_RATE_LIMITS["login_failed_account"]``, per ``key``, the email typed):
  once an account has had that many failures, from whatever addresses, its password is no longer
  *tested* at all: right or wrong, every password login answers the same "too many failed attempts
  on this account: sign in with a code sent by email". Passwords can therefore not be guessed
  online, even from many addresses, and the real member still gets in from anywhere with the
  one-time code that allauth's login by code (``ACCOUNT_LOGIN_BY_CODE_ENABLED``) sends to the
  account's address; the account's second factor, if it has one, is still asked for after the code.

The account limit is checked before the password, and a successful password login gives back the
attempts it used (allauth's rollback), as allauth does for its own limits. A password reset by
email clears both counters of the account, as allauth does.
"""

import urllib.parse
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit  # as allauth's adapter does: consume() gives the usage to roll back
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.core.links import on_site
from home.core.notifications import in_language_of

ACCOUNT_LOGIN_LIMIT_ACTION = "login_failed_account"
# Codes of the login form's errors after which a login by emailed code is offered.
TOO_MANY_ATTEMPTS_FROM_ADDRESS = "too_many_login_attempts_from_address"
TOO_MANY_ATTEMPTS_ON_ACCOUNT = "too_many_login_attempts_on_account"


class ClosedAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        TOO_MANY_ATTEMPTS_FROM_ADDRESS: _(
            "Too many failed login attempts from your address: try again later, or sign in with a code sent by email."
        ),
        TOO_MANY_ATTEMPTS_ON_ACCOUNT: _("Too many failed attempts on this account: sign in with a code sent by email."),
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def pre_authenticate(self, request, **credentials) -> None:
        """Before the password is tested: the per-address limit (allauth's), then the per-account one.

        Beyond the account's limit the password is never tested, so the answer says nothing of it.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise self.validation_error(TOO_MANY_ATTEMPTS_FROM_ADDRESS) from None
        self._account_login_failed_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action=ACCOUNT_LOGIN_LIMIT_ACTION,
            key=self._get_login_attempts_cache_key(request, **credentials),
        )
        if not self._account_login_failed_usage:
            raise self.validation_error(TOO_MANY_ATTEMPTS_ON_ACCOUNT)

    def _rollback_login_failed_rl_usage(self) -> None:
        """A right password (tested below both limits) gives back the attempt to both counters."""
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_login_failed_usage", None)
        if usage:
            usage.rollback()

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        """After a password reset by email: the account's own counter is cleared too."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            app="allauth.account",
            action=ACCOUNT_LOGIN_LIMIT_ACTION,
            key=self._get_login_attempts_cache_key(request, **credentials),
        )

    # Links of the account emails from SITE_URL: allauth builds them from the request's Host header.

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account emails (password reset, login codes, address confirmation, notices) in the account's language.

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
