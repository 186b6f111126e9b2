"""Who acts for which association in the member area, their invitations, and the websites' checks."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.core.fields import optional_link
from home.declarations.models import hash_token  # one way of hashing link tokens, re-exported for services

INVITATION_LIFETIME = timedelta(days=7)


def acting_user(verbose_name) -> models.ForeignKey:
    """The user who did something (invited, proposed, marked done): emptied if the account is deleted."""
    return optional_link(settings.AUTH_USER_MODEL, verbose_name)


class Membership(models.Model):
    """A user acts for an association (a user may act for several)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    association = models.ForeignKey(
        "home.Association", verbose_name=_("association"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "association"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} → {self.association}"


class Invitation(models.Model):
    """An invitation to join the extranet for an association; only the token's hash is stored."""

    email = models.EmailField(_("email"))
    association = models.ForeignKey(
        "home.Association", verbose_name=_("association"), on_delete=models.CASCADE, related_name="invitations"
    )
    language = models.CharField(_("language of the email"), max_length=5, choices=settings.LANGUAGES, default="fr")
    invited_by = acting_user(_("invited by"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent on"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires on"), editable=False)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.association})"

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.issue_token()  # a placeholder token nobody knows; sending issues the real one
        super().save(*args, **kwargs)

    def issue_token(self) -> str:
        """Give the invitation a fresh token and expiry; return the raw token (sent once, never stored)."""
        raw_token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(raw_token)
        self.created_at = timezone.now()
        self.expires_at = self.created_at + INVITATION_LIFETIME
        return raw_token

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and not self.is_expired


class WebsiteCheck(models.Model):
    """The last answer of an association's website, for the dashboard's to-do list.

    ``error`` holds a :class:`Reason` code (extranet/services/websites.py), translated by :attr:`reason`.
    """

    class Reason(models.TextChoices):
        HTTP_STATUS = "http_status", _("The website answered with an error.")
        SCHEME = "scheme", _("Only http:// and https:// addresses are checked.")
        PORT = "port", _("Only websites on the usual ports (80 and 443) are checked.")
        UNKNOWN_HOST = "unknown_host", _("This host name does not exist.")
        ADDRESS_NOT_ALLOWED = (
            "address_not_allowed",
            _("The address, or one it redirects to, leads to a private or reserved network: it is not checked."),
        )
        TOO_MANY_REDIRECTS = "too_many_redirects", _("The website redirects too many times (more than 5).")
        TIMEOUT = "timeout", _("The website did not answer in time.")
        TLS = "tls", _("The secure connection (HTTPS certificate) failed.")
        CONNECTION = "connection", _("The connection to the website failed.")

    association = models.ForeignKey("home.Association", on_delete=models.CASCADE, related_name="website_checks")
    url = models.URLField(_("address"), max_length=500)
    ok = models.BooleanField(_("answers"), default=False)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    checked_at = models.DateTimeField(_("checked on"), default=timezone.now)

    class Meta:
        verbose_name = _("website check")
        verbose_name_plural = _("website checks")
        constraints = [models.UniqueConstraint(fields=["association", "url"], name="unique_website_check")]

    def __str__(self) -> str:
        return self.url

    @property
    def reason(self) -> str:
        """Why the website does not answer, in the reader's language ("" when it answers)."""
        if self.ok:
            return ""
        if self.error == self.Reason.HTTP_STATUS and self.status_code:
            return _("The website answered with the HTTP status %(status)s.") % {"status": self.status_code}
        if self.error in self.Reason.values:
            return str(self.Reason(self.error).label)
        return self.error  # a check recorded before the reasons had codes
