"""Signing declarations: the work behind the signature form, its emails and its links.

Only confirmed signatures count. The database enforces one confirmed signature per email
and per declaration, so concurrent confirmations can neither lose nor double a signature.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from home.core.caching.generation import invalidate

from .abuse import network_of
from .models import CONFIRMATION_LIFETIME, Signature, SignatureKind, SignatureStatus, hash_token

CONSENT_VERSION = "2026-11"


class SigningOutcome:
    PENDING = "pending"  # a confirmation email is to be sent
    # A confirmed signature exists for this email: its owner is told by email, and the page
    # answers as for a new signature (it must not reveal who signed).
    ALREADY_SIGNED = "already_signed"
    CLOSED = "closed"  # the declaration no longer takes signatures
    RATE_LIMITED = "rate_limited"


@dataclass
class SignResult:
    outcome: str
    signature: Signature | None = None
    raw_token: str = ""


def _rate_limited(key: str, limit: int, period_seconds: int) -> bool:
    """Count one more attempt under ``key``; True once the limit is passed (cache-based, per period)."""
    cache_key = f"signing-rate:{key}"
    added = cache.add(cache_key, 1, period_seconds)
    if added:
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, period_seconds)
        count = 1
    return count > limit


def is_rate_limited(*, ip_address: str, email: str) -> bool:
    per_ip, per_email = settings.SIGNATURE_RATE_LIMITS["ip"], settings.SIGNATURE_RATE_LIMITS["email"]
    over_ip = _rate_limited(f"ip:{ip_address}", per_ip, 3600)
    over_email = _rate_limited(f"email:{email.lower()}", per_email, 86400)
    return over_ip or over_email


def confirmed_signature(declaration, email: str) -> Signature | None:
    return Signature.objects.for_declaration(declaration).confirmed().filter(email__iexact=email).first()


@transaction.atomic
def sign(
    *,
    declaration,
    first_name: str,
    last_name: str,
    email: str,
    organisation: str,
    country: str,
    show_publicly: bool,
    consent_text: str,
    language: str,
    ip_address: str,
) -> SignResult:
    """Record a pending signature and give it a token for the confirmation email."""
    if not declaration.is_open_for_signature:
        return SignResult(SigningOutcome.CLOSED)
    email = email.strip().lower()
    # Limited first: the emails sent to one address, whatever the answer, are bounded.
    if is_rate_limited(ip_address=ip_address, email=email):
        return SignResult(SigningOutcome.RATE_LIMITED)
    existing = confirmed_signature(declaration, email)
    if existing is not None:
        return SignResult(SigningOutcome.ALREADY_SIGNED, existing)
    # Signing again before confirming replaces the pending signature (one link at a time).
    Signature.objects.for_declaration(declaration).filter(
        status=SignatureStatus.PENDING, email__iexact=email, kind=SignatureKind.PERSON
    ).delete()
    signature = Signature(
        declaration_key=declaration.translation_key,
        kind=SignatureKind.PERSON,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        organisation=organisation.strip(),
        country=country,
        show_publicly=show_publicly,
        language=language,
        consent_text=consent_text,
        consent_version=CONSENT_VERSION,
        network=network_of(ip_address),
    )
    raw_token = signature.issue_token()
    signature.save()
    return SignResult(SigningOutcome.PENDING, signature, raw_token)


def find_by_token(declaration, raw_token: str) -> Signature | None:
    return Signature.objects.for_declaration(declaration).filter(token_hash=hash_token(raw_token)).first()


class ConfirmOutcome:
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"  # the link was used before: nothing changes
    DUPLICATE = "duplicate"  # another signature with this email was confirmed first
    EXPIRED = "expired"
    INVALID = "invalid"
    CLOSED = "closed"


def confirm(*, declaration, raw_token: str) -> str:
    """Confirm the signature behind a link. Safe to call twice, and from parallel requests."""
    signature = find_by_token(declaration, raw_token)
    if signature is None:
        return ConfirmOutcome.INVALID
    if signature.status == SignatureStatus.CONFIRMED:
        return ConfirmOutcome.ALREADY_CONFIRMED
    if signature.status == SignatureStatus.INVALIDATED:
        return ConfirmOutcome.INVALID
    if signature.confirmation_expired:
        signature.delete()
        return ConfirmOutcome.EXPIRED
    if not declaration.is_open_for_signature:
        return ConfirmOutcome.CLOSED
    try:
        with transaction.atomic():
            updated = Signature.objects.filter(pk=signature.pk, status=SignatureStatus.PENDING).update(
                status=SignatureStatus.CONFIRMED, confirmed_at=timezone.now()
            )
    except IntegrityError:
        # The database already holds a confirmed signature for this email.
        Signature.objects.filter(pk=signature.pk, status=SignatureStatus.PENDING).delete()
        return ConfirmOutcome.DUPLICATE
    if not updated:
        return ConfirmOutcome.ALREADY_CONFIRMED
    invalidate()  # the count and the signatories are on public pages
    return ConfirmOutcome.CONFIRMED


def withdraw(*, declaration, raw_token: str) -> bool:
    """Erase a signature and the signer's personal data; True if there was one."""
    signature = find_by_token(declaration, raw_token)
    if signature is None or signature.kind != SignatureKind.PERSON:
        return False
    signature.delete()
    return True


def personal_data(signature: Signature) -> dict:
    """What we hold about a signer, as shown on the withdrawal page and given as JSON."""
    return {
        "first_name": signature.first_name,
        "last_name": signature.last_name,
        "email": signature.email,
        "organisation": signature.organisation,
        "country": signature.country.code,
        "address_range": signature.network,
        "shown_publicly": signature.show_publicly,
        "language": signature.language,
        "status": signature.status,
        "signed_at": timezone.localtime(signature.created_at).isoformat(),
        "confirmed_at": timezone.localtime(signature.confirmed_at).isoformat() if signature.confirmed_at else None,
        "consent_text": signature.consent_text,
        "consent_version": signature.consent_version,
    }


def purge_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Delete pending signatures whose confirmation link has expired; return how many."""
    limit = (now or timezone.now()) - CONFIRMATION_LIFETIME
    deleted, _per_model = Signature.objects.filter(status=SignatureStatus.PENDING, created_at__lt=limit).delete()
    return deleted


@dataclass
class RetentionResult:
    anonymised: int
    deleted_pending: int


def retention_limit(now: datetime.datetime | None = None) -> datetime.datetime:
    """Signatures confirmed before this moment have outlived ``SIGNATURE_RETENTION_DAYS``."""
    return (now or timezone.now()) - datetime.timedelta(days=settings.SIGNATURE_RETENTION_DAYS)


def anonymise_old_signatures(now: datetime.datetime | None = None) -> RetentionResult:
    """Anonymise people's signatures confirmed more than the retention period ago; purge expired pending ones.

    The period runs from the confirmation (a declaration's closing has no date of its own).
    Names, email, organisation and consent text go, and the token with them (the links stop
    working); kind, country and dates stay so that counts and charts stay exact.
    """
    anonymised = (
        Signature.objects.confirmed()
        .filter(kind=SignatureKind.PERSON, confirmed_at__lt=retention_limit(now))
        .exclude(email="", first_name="", last_name="", organisation="", network="", token_hash=None)
        .update(
            first_name="",
            last_name="",
            email="",
            organisation="",
            network="",
            show_publicly=False,
            consent_text="",
            token_hash=None,
        )
    )
    # Invalidated signatures (abuse.py) are kept for undoing, not beyond the retention period.
    Signature.objects.filter(status=SignatureStatus.INVALIDATED, created_at__lt=retention_limit(now)).delete()
    if anonymised:
        invalidate()  # names leave the public list of signatories
    return RetentionResult(anonymised=anonymised, deleted_pending=purge_unconfirmed(now))


def sign_as_association(*, declaration, association, user) -> tuple[Signature, bool]:
    """A member association signs in one click, recorded with who signed for it."""
    try:
        with transaction.atomic():
            signature, created = Signature.objects.get_or_create(
                declaration_key=declaration.translation_key,
                kind=SignatureKind.ORGANISATION,
                association=association,
                defaults={
                    "status": SignatureStatus.CONFIRMED,
                    "confirmed_at": timezone.now(),
                    "signed_by": user,
                    "language": (declaration.locale.language_code if declaration.locale_id else "fr"),
                },
            )
    except IntegrityError:
        signature, created = (
            Signature.objects.get(
                declaration_key=declaration.translation_key, kind=SignatureKind.ORGANISATION, association=association
            ),
            False,
        )
    return signature, created


# --- Figures -------------------------------------------------------------------------


def counts_by_declaration(translation_keys) -> dict:
    """{translation_key: confirmed count} in one query."""
    rows = (
        Signature.objects.confirmed()
        .filter(declaration_key__in=list(translation_keys))
        .values("declaration_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["declaration_key"]: row["n"] for row in rows}


def signature_count(declaration) -> int:
    return Signature.objects.for_declaration(declaration).confirmed().count()


@dataclass(frozen=True)
class SignatureProgress:
    """A declaration's confirmed count and its progress towards the goal (no goal: no progress)."""

    count: int
    goal: int | None

    @property
    def goal_reached(self) -> bool:
        return bool(self.goal) and self.count >= self.goal

    @property
    def towards_goal(self) -> int:
        """The count, up to the goal (what the progress bar fills)."""
        return min(self.count, self.goal or 0)

    @property
    def percent(self) -> int | None:
        return min(100, round(100 * self.count / self.goal)) if self.goal else None


def signature_progress(declaration) -> SignatureProgress:
    """The progress of ``declaration`` towards its own goal."""
    return SignatureProgress(count=signature_count(declaration), goal=declaration.signature_goal)


def daily_counts(declaration) -> list[tuple[datetime.date, int]]:
    """Confirmed signatures per day, oldest first (for the chart)."""
    rows = (
        Signature.objects.for_declaration(declaration)
        .confirmed()
        .annotate(day=TruncDate("confirmed_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return [(row["day"], row["n"]) for row in rows]
