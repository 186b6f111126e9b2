"""Member area models, one module per concern; imported from here (``extranet.models``)."""

from .declarations import DeclarationProposal
from .documents import InternalDocument, InternalDocumentCategory
from .meetings import (
    MINUTES_RICH_TEXT_FEATURES,
    AgendaItem,
    FollowUpAction,
    Meeting,
    MeetingKind,
    Minutes,
    MinutesAnnex,
    MinutesParticipant,
    side_by_side,
)
from .members import INVITATION_LIFETIME, Invitation, Membership, WebsiteCheck, acting_user, hash_token
from .reminders import MembershipReminder

__all__ = [
    "INVITATION_LIFETIME",
    "MINUTES_RICH_TEXT_FEATURES",
    "AgendaItem",
    "DeclarationProposal",
    "FollowUpAction",
    "InternalDocument",
    "InternalDocumentCategory",
    "Invitation",
    "Meeting",
    "MeetingKind",
    "Membership",
    "MembershipReminder",
    "Minutes",
    "MinutesAnnex",
    "MinutesParticipant",
    "WebsiteCheck",
    "acting_user",
    "side_by_side",
    "hash_token",
]
