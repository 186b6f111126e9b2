"""Whom the extranet's notices are written to: the coordination and an association's users.

Each recipient is written to in their own language (``home.core.notifications.send_in_language``):
a coordinator in the language of their profile, the coordination's shared address in that of the
account that has it, if any.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from home.models import Association, CollectiveSettings

from ..permissions import coordinators


@dataclass(frozen=True)
class Recipient:
    email: str
    user: object = None
    coordination: bool = False


def coordination_recipients() -> list[Recipient]:
    """The coordinators, and the coordination's address (the collective's settings', else ``COORDINATION_EMAIL``)
    when no coordinator has it."""
    found: dict[str, Recipient] = {}
    for user in coordinators().exclude(email=""):
        found.setdefault(user.email.lower(), Recipient(user.email, user, coordination=True))
    coordination_email = CollectiveSettings.load().coordination_email or settings.COORDINATION_EMAIL
    if coordination_email:
        found.setdefault(coordination_email.lower(), Recipient(coordination_email, coordination=True))
    return list(found.values())


def association_recipients(association: Association) -> list[Recipient]:
    """The active users of ``association`` that have an address."""
    return [
        Recipient(membership.user.email, membership.user)
        for membership in association.memberships.select_related("user").filter(user__is_active=True)
        if membership.user.email
    ]


def recipients(association: Association) -> list[Recipient]:
    """The coordination (see ``coordination_recipients``), then the association's users; each address once."""
    found: dict[str, Recipient] = {}
    for recipient in [*coordination_recipients(), *association_recipients(association)]:
        found.setdefault(recipient.email.lower(), recipient)
    return list(found.values())
