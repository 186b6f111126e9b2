"""Member area models, one module per concern; imported from here (``extranet.models``)."""

from .ballots import (
    YES_NO_ABSTAIN,
    Ballot,
    BallotChoice,
    BallotKind,
    BallotParticipation,
    ChoiceCode,
    IfRejected,
    MajorityRule,
    Outcome,
    ResultSource,
    locked_message,
)
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

__all__ = [
    "INVITATION_LIFETIME",
    "MINUTES_RICH_TEXT_FEATURES",
    "YES_NO_ABSTAIN",
    "AgendaItem",
    "Ballot",
    "BallotChoice",
    "BallotKind",
    "BallotParticipation",
    "ChoiceCode",
    "IfRejected",
    "MajorityRule",
    "Outcome",
    "ResultSource",
    "locked_message",
    "DeclarationProposal",
    "FollowUpAction",
    "InternalDocument",
    "InternalDocumentCategory",
    "Invitation",
    "Meeting",
    "MeetingKind",
    "Membership",
    "Minutes",
    "MinutesAnnex",
    "MinutesParticipant",
    "WebsiteCheck",
    "acting_user",
    "side_by_side",
    "hash_token",
]
