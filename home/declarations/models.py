"""Signatures of declarations: people (confirmed by email) and member associations."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from home.core.fields import optional_link

CONFIRMATION_LIFETIME = timedelta(days=7)


def hash_token(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


class SignatureKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Member association")


class SignatureStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    INVALIDATED = "invalidated", _("Invalidated")


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SignatureStatus.CONFIRMED)

    def for_declaration(self, declaration):
        """Signatures of a declaration in every language (they share its translation key)."""
        return self.filter(declaration_key=declaration.translation_key)

    def shown_publicly(self):
        """What the declaration page may show: associations, and people who chose to be shown."""
        return self.confirmed().filter(Q(kind=SignatureKind.ORGANISATION) | Q(show_publicly=True))


class Signature(models.Model):
    """One signature counts for a declaration in both languages (``declaration_key``).

    A person's signature counts once confirmed from the email; the database refuses a second
    confirmed signature for the same email, or a second signature by the same association.
    """

    declaration_key = models.UUIDField(_("declaration"), db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=SignatureKind.choices, default=SignatureKind.PERSON)
    status = models.CharField(
        _("status"), max_length=12, choices=SignatureStatus.choices, default=SignatureStatus.PENDING, db_index=True
    )

    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    show_publicly = models.BooleanField(_("name shown publicly"), default=False)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fr")
    consent_text = models.TextField(_("consent given"), blank=True)
    consent_version = models.CharField(_("consent version"), max_length=20, blank=True)

    association = models.ForeignKey(
        "home.Association",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    signed_by = optional_link(settings.AUTH_USER_MODEL, _("signed by"))

    # The network the signature came from (IPv4 /24, IPv6 /48), never the full address: enough to see
    # and invalidate a burst from one range, not to tell who signed.
    network = models.CharField(_("address range"), max_length=50, blank=True, db_index=True, editable=False)
    invalidation = models.ForeignKey(
        "home.SignatureInvalidation",
        verbose_name=_("invalidation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signatures",
        editable=False,
    )
    status_before_invalidation = models.CharField(max_length=12, blank=True, editable=False)

    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("signed on"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True, db_index=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at", "-created_at"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        permissions = [("view_signer_personal_data", _("Can see signers' personal data"))]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration_key", "email"],
                # Anonymised signatures (see ``home.declarations.signing.anonymise_old_signatures``) have no email left.
                condition=Q(status="confirmed", kind="person") & ~Q(email=""),
                name="one_confirmed_signature_per_email",
            ),
            models.UniqueConstraint(
                fields=["declaration_key", "association"],
                condition=Q(kind="organisation"),
                name="one_signature_per_association",
            ),
        ]
        indexes = [models.Index(fields=["declaration_key", "status", "confirmed_at"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == SignatureKind.ORGANISATION and self.association_id:
            return self.association.name
        return f"{self.first_name} {self.last_name}".strip()

    def issue_token(self) -> str:
        """A fresh secret for the confirmation and withdrawal links; only its hash is stored."""
        raw_token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(raw_token)
        return raw_token

    @property
    def is_confirmed(self) -> bool:
        return self.status == SignatureStatus.CONFIRMED

    @property
    def confirmation_expired(self) -> bool:
        return self.status == SignatureStatus.PENDING and timezone.now() >= self.created_at + CONFIRMATION_LIFETIME


class SignatureInvalidation(models.Model):
    """Signatures of a declaration set aside together by one rule (an email domain, a time window, an
    address range, or several of them at once), with who did it and why; it can be undone."""

    declaration_key = models.UUIDField(_("declaration"), db_index=True)
    email_domain = models.CharField(_("email domain"), max_length=255, blank=True)
    network = models.CharField(_("address range"), max_length=50, blank=True)
    starts_at = models.DateTimeField(_("signed from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("signed until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255)
    count = models.PositiveIntegerField(_("signatures"), default=0)
    created_at = models.DateTimeField(_("invalidated on"), default=timezone.now)
    created_by = optional_link(settings.AUTH_USER_MODEL, _("invalidated by"))
    undone_at = models.DateTimeField(_("undone on"), null=True, blank=True)
    undone_by = optional_link(settings.AUTH_USER_MODEL, _("undone by"))
    restored = models.PositiveIntegerField(_("signatures restored"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invalidation of signatures")
        verbose_name_plural = _("invalidations of signatures")

    def __str__(self) -> str:
        return f"#{self.pk} ({self.count})"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
