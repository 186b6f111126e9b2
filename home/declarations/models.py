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
        _("status"), max_length=10, choices=SignatureStatus.choices, default=SignatureStatus.PENDING, db_index=True
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
