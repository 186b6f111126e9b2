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
from .calendar import CalendarFeed, new_feed_token
from .declarations import DeclarationProposal
from .documents import InternalDocument, InternalDocumentCategory
from .meetings import (
    MINUTES_RICH_TEXT_FEATURES,
    PROGRESS_NOTE_MAX_LENGTH,
    AgendaItem,
    FollowUpAction,
    Meeting,
    MeetingAttendance,
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
    "PROGRESS_NOTE_MAX_LENGTH",
    "AgendaItem",
    "CalendarFeed",
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
    "MeetingAttendance",
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
    "new_feed_token",
]
