"""Abuse stays cheap to handle: bursts of signatures shown to editors, and signatures invalidated in
bulk by a rule — an email domain, a time window, an address range — previewed, then applied, and
undone if it was a mistake.

An invalidated signature no longer counts anywhere (only confirmed signatures do) and is kept as it
was, with the status it had, so that undoing restores it exactly. A signature confirmed since with
the same email (the person signed again) wins: undoing leaves the old one invalidated.
"""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Lower, StrIndex, Substr, TruncHour
from django.utils import timezone

from home.core.caching.generation import invalidate

from .models import Signature, SignatureInvalidation, SignatureKind, SignatureStatus

IPV4_PREFIX = 24
IPV6_PREFIX = 48


def network_of(ip_address: str) -> str:
    """The network of ``ip_address`` as stored with a signature (``198.51.100.0/24``, ``2001:db8:1::/48``);
    "" for what is not an address."""
    try:
        address = ipaddress.ip_address((ip_address or "").strip())
    except ValueError:
        return ""
    prefix = IPV4_PREFIX if address.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def parse_network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A range typed by an editor (``198.51.100.0/24``, ``198.51.100.7``, ``2001:db8::/32``); ValueError if not one."""
    return ipaddress.ip_network(text.strip(), strict=False)


def stored_networks_within(network) -> list[str]:
    """The stored networks (/24 or /48) that ``network`` covers or falls in."""
    prefix = IPV4_PREFIX if network.version == 4 else IPV6_PREFIX
    if network.prefixlen >= prefix:
        return [str(network.supernet(new_prefix=prefix))]
    if prefix - network.prefixlen > 16:
        raise ValueError("range too wide")
    return [str(subnet) for subnet in network.subnets(new_prefix=prefix)]


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


@dataclass(frozen=True)
class Rule:
    """Which signatures of a declaration to invalidate: every criterion given must match."""

    declaration_key: object
    email_domain: str = ""
    network: str = ""
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.email_domain or self.network or self.starts_at or self.ends_at)


def matching(rule: Rule):
    """The signatures of people, confirmed or awaiting confirmation, that ``rule`` selects."""
    if rule.is_empty:
        return Signature.objects.none()
    found = Signature.objects.filter(
        declaration_key=rule.declaration_key,
        kind=SignatureKind.PERSON,
        status__in=[SignatureStatus.CONFIRMED, SignatureStatus.PENDING],
    )
    if rule.email_domain:
        domain = rule.email_domain.strip().lower().lstrip("@")
        found = found.filter(Q(email__iendswith=f"@{domain}") | Q(email__iendswith=f".{domain}"))
    if rule.network:
        found = found.filter(network__in=stored_networks_within(parse_network(rule.network)))
    if rule.starts_at:
        found = found.filter(created_at__gte=rule.starts_at)
    if rule.ends_at:
        found = found.filter(created_at__lte=rule.ends_at)
    return found


@dataclass(frozen=True)
class Preview:
    total: int
    confirmed: int
    sample: list[Signature]


def preview(rule: Rule, sample_size: int = 10) -> Preview:
    found = matching(rule)
    counts = found.aggregate(total=Count("pk"), confirmed=Count("pk", filter=Q(status=SignatureStatus.CONFIRMED)))
    return Preview(
        total=counts["total"], confirmed=counts["confirmed"], sample=list(found.order_by("-created_at")[:sample_size])
    )


@transaction.atomic
def invalidate_signatures(rule: Rule, *, reason: str, user=None) -> SignatureInvalidation:
    """Invalidate what ``rule`` selects now, in one batch that can be undone."""
    batch = SignatureInvalidation.objects.create(
        declaration_key=rule.declaration_key,
        email_domain=rule.email_domain.strip().lower().lstrip("@"),
        network=rule.network.strip(),
        starts_at=rule.starts_at,
        ends_at=rule.ends_at,
        reason=reason,
        created_by=user,
    )
    selected = matching(rule).select_for_update()
    ids = list(selected.values_list("pk", flat=True))
    Signature.objects.filter(pk__in=ids).update(
        status_before_invalidation=F("status"), status=SignatureStatus.INVALIDATED, invalidation=batch
    )
    batch.count = len(ids)
    batch.save(update_fields=["count"])
    if ids:
        transaction.on_commit(invalidate)  # counts and signatories on public pages
    return batch


@dataclass(frozen=True)
class UndoResult:
    restored: int
    kept: int  # left invalidated: the same email has signed again since


@transaction.atomic
def undo(batch: SignatureInvalidation, *, user=None) -> UndoResult:
    """Give back their status to the signatures of ``batch`` (once)."""
    batch = SignatureInvalidation.objects.select_for_update().get(pk=batch.pk)
    if batch.is_undone:
        return UndoResult(restored=0, kept=0)
    restored = kept = 0
    for signature in batch.signatures.filter(status=SignatureStatus.INVALIDATED):
        previous = signature.status_before_invalidation or SignatureStatus.CONFIRMED
        try:
            with transaction.atomic():
                Signature.objects.filter(pk=signature.pk).update(
                    status=previous, status_before_invalidation="", invalidation=None
                )
            restored += 1
        except IntegrityError:  # a confirmed signature with this email exists now
            kept += 1
    batch.undone_at = timezone.now()
    batch.undone_by = user
    batch.restored = restored
    batch.save(update_fields=["undone_at", "undone_by", "restored"])
    if restored:
        transaction.on_commit(invalidate)
    return UndoResult(restored=restored, kept=kept)


# --- Bursts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Burst:
    declaration_key: object
    kind: str  # "network" or "email_domain"
    value: str
    hour: datetime.datetime
    count: int

    @property
    def ends_at(self) -> datetime.datetime:
        return self.hour + datetime.timedelta(hours=1)


def bursts(*, since: datetime.datetime | None = None, threshold: int | None = None) -> list[Burst]:
    """Hours in which one address range or one email domain gave at least ``threshold`` signatures
    (``SIGNATURE_BURST_THRESHOLD``) to one declaration, in the last ``SIGNATURE_BURST_DAYS`` days; two
    queries, the largest bursts first."""
    threshold = threshold or settings.SIGNATURE_BURST_THRESHOLD
    since = since or timezone.now() - datetime.timedelta(days=settings.SIGNATURE_BURST_DAYS)
    recent = Signature.objects.filter(
        kind=SignatureKind.PERSON,
        status__in=[SignatureStatus.CONFIRMED, SignatureStatus.PENDING],
        created_at__gte=since,
    ).annotate(hour=TruncHour("created_at", tzinfo=datetime.UTC))
    found = []
    by_network = (
        recent.exclude(network="")
        .values("declaration_key", "network", "hour")
        .annotate(n=Count("pk"))
        .filter(n__gte=threshold)
        .order_by()
    )
    found += [Burst(row["declaration_key"], "network", row["network"], row["hour"], row["n"]) for row in by_network]
    by_domain = (
        recent.exclude(email="")
        .annotate(domain=Lower(Substr("email", StrIndex("email", Value("@")) + 1)))
        .values("declaration_key", "domain", "hour")
        .annotate(n=Count("pk"))
        .filter(n__gte=threshold)
        .order_by()
    )
    found += [Burst(row["declaration_key"], "email_domain", row["domain"], row["hour"], row["n"]) for row in by_domain]
    found.sort(key=lambda burst: (-burst.count, burst.hour, burst.value))
    return found
