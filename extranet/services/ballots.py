"""Ballots: the roll, secret votes that can be changed, the close (tally, outcome, admission), reminders.

Secrecy (README, "Ballot secrecy"): a vote is stored only as the *seal* of its association's
participation, HMAC(key, "association:choice") with key = HMAC(SECRET_KEY, the ballot's salt). At the
close, and only then, each seal is matched against every choice, the counts are written on the choices
and the seals and the salt are erased, in the same transaction. Nothing else (no log entry, message,
email or log line) carries a choice.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import hmac
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_noop
from wagtail.log_actions import log as log_action

from home.core.links import site_url
from home.core.notifications import send_in_language
from home.directory.membership import admit, end_membership, extend_observer_year
from home.models import Association, MembershipStatus

from ..models import (
    YES_NO_ABSTAIN,
    Ballot,
    BallotChoice,
    BallotParticipation,
    ChoiceCode,
    IfRejected,
    MajorityRule,
    Outcome,
    ResultSource,
)
from ..permissions import ballot_vote_refusal, is_full_member
from .recipients import coordination_recipients

logger = logging.getLogger("extranet.ballots")

REMINDER_BEFORE = datetime.timedelta(days=2)

# What an admission ballot did, kept in French and English on the ballot (``in_both_languages``).
NO_QUORUM_EFFECT = gettext_noop(
    "No quorum: %(association)s remains an observer; the coordination decides what follows."
)
NOT_OBSERVER_EFFECT = gettext_noop(
    "%(association)s was no longer an observer at the close: its status was not changed."
)
ADMITTED_EFFECT = gettext_noop("%(association)s is a member from %(date)s.")
ENDED_EFFECT = gettext_noop("%(association)s is no longer in the collective from %(date)s.")
EXTENDED_EFFECT = gettext_noop("%(association)s remains an observer until %(date)s.")
STATUS_NOTE = gettext_noop("Ballot of %(date)s")


class VoteRefused(Exception):
    """The association may not vote on this ballot (now); ``reason`` says why, translated."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class BallotNotOpen(Exception):
    pass


# --- Choices and the roll ------------------------------------------------------------------------


def ensure_choices(ballot: Ballot) -> None:
    """An admission ballot has exactly Yes, No and Abstention; any ballot given no choice gets them too."""
    if ballot.is_locked:
        return
    choices = list(ballot.choices.all())
    if ballot.is_admission:
        fixed = {choice.code: choice for choice in choices if choice.code in (ChoiceCode.YES, ChoiceCode.NO)}
        fixed.update({choice.code: choice for choice in choices if choice.code == ChoiceCode.ABSTAIN})
        ballot.choices.exclude(pk__in=[choice.pk for choice in fixed.values()]).delete()
        for order, (code, label_fr, label_en) in enumerate(YES_NO_ABSTAIN):
            if code in fixed:
                BallotChoice.objects.filter(pk=fixed[code].pk).update(sort_order=order)
            else:
                BallotChoice.objects.create(
                    ballot=ballot, code=code, label_fr=label_fr, label_en=label_en, sort_order=order
                )
    elif not choices:
        for order, (code, label_fr, label_en) in enumerate(YES_NO_ABSTAIN):
            BallotChoice.objects.create(
                ballot=ballot, code=code, label_fr=label_fr, label_en=label_en, sort_order=order
            )


def eligible_associations(ballot: Ballot):
    """The full members, less the association concerned (who votes, if the ballot opened now)."""
    associations = Association.objects.filter(status=MembershipStatus.MEMBER)
    if ballot.concerned_association_id:
        associations = associations.exclude(pk=ballot.concerned_association_id)
    return associations.order_by("pk")


def take_roll(ballot: Ballot, now=None, *, even_before_opening: bool = False) -> Ballot:
    """When the ballot has opened, record once who may vote: the full members of that moment.

    Called by the five-minute command and by whoever reads or votes first; the roll never changes after.
    """
    now = now or timezone.now()
    if ballot.opened_at is not None or (ballot.opens_at > now and not even_before_opening):
        return ballot
    with transaction.atomic():
        locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if locked.opened_at is None:
            pks = list(eligible_associations(locked).values_list("pk", flat=True))
            BallotParticipation.objects.bulk_create(
                [BallotParticipation(ballot=locked, association_id=pk) for pk in pks], ignore_conflicts=True
            )
            locked.opened_at = now
            locked.eligible_count = len(pks)
            locked.save(update_fields=["opened_at", "eligible_count"])
    ballot.refresh_from_db()
    return ballot


# --- Voting -----------------------------------------------------------------------------------


def _keys(salt: str) -> list[bytes]:
    secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [hmac.new(secret.encode(), b"ballot:" + salt.encode(), hashlib.sha256).digest() for secret in secrets_]


def seal(salt: str, association_id: int, choice_id: int, key: bytes | None = None) -> str:
    """The sealed vote of an association: only the server, with SECRET_KEY and the salt, can match it."""
    key = key if key is not None else _keys(salt)[0]
    return hmac.new(key, f"{association_id}:{choice_id}".encode(), hashlib.sha256).hexdigest()


def cast_vote(*, ballot: Ballot, association: Association, choice: BallotChoice, user, now=None) -> None:
    """Record (or replace) the association's vote; raise ``VoteRefused`` with the reason otherwise."""
    now = now or timezone.now()
    take_roll(ballot, now)
    with transaction.atomic():
        locked = Ballot.objects.select_for_update().get(pk=ballot.pk)  # never while the ballot closes
        reason = ballot_vote_refusal(association, locked, now)
        if reason:
            raise VoteRefused(reason)
        if choice.ballot_id != locked.pk:
            raise VoteRefused(translation.gettext("This choice is not one of this ballot's."))
        BallotParticipation.objects.filter(ballot=locked, association=association).update(
            voted=True, seal=seal(locked.salt, association.pk, choice.pk)
        )
        log_action(instance=locked, action="extranet.ballot_vote", user=user)  # who voted, never how


def participation_of(ballot: Ballot, association: Association) -> BallotParticipation | None:
    return BallotParticipation.objects.filter(ballot=ballot, association=association).first()


# --- The result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceResult:
    choice: BallotChoice
    votes: int
    share: float  # of the votes cast (abstentions not counted); 0 for an abstention


@dataclass(frozen=True)
class Result:
    choices: list[ChoiceResult]
    eligible: int
    turnout: int
    cast: int  # votes for a choice other than abstention
    quorum_needed: int
    quorum_reached: bool
    outcome: str
    winner: BallotChoice | None

    @property
    def abstentions(self) -> int:
        return self.turnout - self.cast


def quorum_needed(eligible: int, percent: int) -> int:
    """The number of associations that must vote: ``percent`` of ``eligible``, rounded up."""
    return -(-eligible * percent // 100)


def meets_majority(votes: int, cast: int, rule: str) -> bool:
    if cast <= 0:
        return False
    if rule == MajorityRule.TWO_THIRDS:
        return votes * 3 >= cast * 2
    return votes * 2 > cast


def decide(ballot: Ballot, counts: dict[int, int], *, eligible: int, turnout: int) -> Result:
    """Counts per choice → turnout, quorum and outcome (abstentions count for the quorum, not the majority)."""
    choices = list(ballot.choices.all())
    cast = sum(counts.get(choice.pk, 0) for choice in choices if not choice.is_abstention)
    needed = quorum_needed(eligible, ballot.quorum_percent)
    reached = eligible > 0 and turnout >= max(needed, 1)
    rows = []
    for choice in choices:
        votes = counts.get(choice.pk, 0)
        rows.append(ChoiceResult(choice, votes, 0.0 if choice.is_abstention or not cast else votes / cast))
    winner = None
    if reached:
        candidates = [
            row for row in rows if not row.choice.is_abstention and meets_majority(row.votes, cast, ballot.majority)
        ]
        if candidates:
            winner = max(candidates, key=lambda row: row.votes).choice
    if not reached:
        outcome = Outcome.NO_QUORUM
    elif winner is not None and winner.code != ChoiceCode.NO:
        outcome = Outcome.ADOPTED
    else:
        outcome = Outcome.REJECTED
    return Result(rows, eligible, turnout, cast, needed, reached, outcome, winner)


def result_of(ballot: Ballot) -> Result | None:
    """The stored result of a closed ballot; None before the close (results are never computed earlier)."""
    if not ballot.is_closed:
        return None
    counts = {choice.pk: choice.votes or 0 for choice in ballot.choices.all()}
    return decide(ballot, counts, eligible=ballot.eligible_count or 0, turnout=ballot.turnout or 0)


def _tally(ballot: Ballot) -> tuple[dict[int, int], int]:
    """Match every seal against every choice (the only moment a seal is read): counts, turnout."""
    choice_ids = list(ballot.choices.values_list("pk", flat=True))
    counts = dict.fromkeys(choice_ids, 0)
    keys = _keys(ballot.salt)
    turnout = 0
    for association_id, stored in ballot.participations.filter(voted=True).values_list("association_id", "seal"):
        turnout += 1
        for key in keys:
            match = next(
                (pk for pk in choice_ids if hmac.compare_digest(seal(ballot.salt, association_id, pk, key), stored)),
                None,
            )
            if match is not None:
                counts[match] += 1
                break
        else:
            logger.error("ballot %s: a vote could not be matched (SECRET_KEY changed?)", ballot.pk)
    return counts, turnout


def close_if_due(ballot: Ballot, now=None) -> Ballot:
    """Close the ballot if its time has come (idempotent: one result whatever the concurrency)."""
    now = now or timezone.now()
    if ballot.is_closed or ballot.closes_at > now:
        return ballot
    take_roll(ballot, now)
    _close(ballot, now=now)
    ballot.refresh_from_db()
    return ballot


def close_due_ballots(now=None) -> list[Ballot]:
    now = now or timezone.now()
    return [close_if_due(ballot, now) for ballot in Ballot.objects.filter(closed_at__isnull=True, closes_at__lte=now)]


def record_room_result(*, ballot: Ballot, counts: dict[int, int], user, now=None, notify: bool = True) -> Ballot:
    """A vote held in the room (show of hands): its counts close the ballot and apply as an online one.

    Votes cast online before are discarded unread (their seals are erased with the salt).
    """
    now = now or timezone.now()
    take_roll(ballot, now, even_before_opening=True)  # a vote in the room may come before the online one
    _close(ballot, now=now, room_counts=counts, user=user, notify=notify)
    ballot.refresh_from_db()
    return ballot


@transaction.atomic
def _close(ballot: Ballot, *, now, room_counts: dict[int, int] | None = None, user=None, notify=True) -> bool:
    locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if locked.is_closed:
        return False
    if room_counts is None:
        counts, turnout = _tally(locked)
        source = ResultSource.ONLINE
    else:
        counts = {pk: int(room_counts.get(pk, 0)) for pk in locked.choices.values_list("pk", flat=True)}
        turnout = sum(counts.values())
        source = ResultSource.ROOM
    for choice in locked.choices.all():
        choice.votes = counts.get(choice.pk, 0)
        choice.save(update_fields=["votes"])
    # Erase what could tell how anyone voted, in the transaction that stores the counts.
    locked.participations.update(seal="")
    locked.salt = ""
    locked.closed_at = now
    locked.turnout = turnout
    locked.result_source = source
    result = decide(locked, counts, eligible=locked.eligible_count or 0, turnout=turnout)
    locked.outcome = result.outcome
    locked.applied_fr, locked.applied_en = apply_result(locked, result, user=user)
    locked.save()
    log_action(
        instance=locked,
        action="extranet.ballot_room_result" if source == ResultSource.ROOM else "extranet.ballot_close",
        user=user,
    )
    if notify:
        tell_coordination(locked, result)
    return True


# --- What the result does ------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def closing_day(ballot: Ballot) -> datetime.date:
    return timezone.localdate(ballot.closed_at or ballot.closes_at)


def in_both_languages(message: str, **values) -> tuple[str, str]:
    """``message`` (a msgid) translated into French and English, dates formatted in each language."""
    texts = []
    for language in ("fr", "en"):
        with translation.override(language):
            formatted = {
                name: formats.date_format(value, "DATE_FORMAT") if isinstance(value, datetime.date) else value
                for name, value in values.items()
            }
            texts.append(translation.gettext(message) % formatted)
    return texts[0], texts[1]


def apply_result(ballot: Ballot, result: Result, *, user=None) -> tuple[str, str]:
    """An admission ballot applies itself to the membership; returns what it did, in French and English."""
    if not ballot.is_admission or ballot.concerned_association_id is None:
        return "", ""
    association = Association.objects.get(pk=ballot.concerned_association_id)
    day = closing_day(ballot)
    if result.outcome == Outcome.NO_QUORUM:
        return in_both_languages(NO_QUORUM_EFFECT, association=association.name)
    if association.status != MembershipStatus.OBSERVER:
        return in_both_languages(NOT_OBSERVER_EFFECT, association=association.name)
    note_fr, note_en = in_both_languages(STATUS_NOTE, date=day)
    if result.outcome == Outcome.ADOPTED:
        admit(association, on=day, user=user, note_fr=note_fr, note_en=note_en)
        return in_both_languages(ADMITTED_EFFECT, association=association.name, date=day)
    if ballot.if_rejected == IfRejected.END:
        end_membership(association, on=day, user=user, note_fr=note_fr, note_en=note_en)
        return in_both_languages(ENDED_EFFECT, association=association.name, date=day)
    until = ballot.extend_until or add_months(day, ballot.extend_months or 12)
    extend_observer_year(association, until, on=day, user=user, note_fr=note_fr, note_en=note_en)
    return in_both_languages(EXTENDED_EFFECT, association=association.name, date=until)


def ballot_url(ballot: Ballot) -> str:
    return site_url(reverse("extranet:ballot_detail", args=[ballot.pk]))


def tell_coordination(ballot: Ballot, result: Result) -> None:
    """The coordination learns every result (and that nothing changed when the quorum was not reached):
    each coordinator in their own language, and the collective's coordination address."""

    def context():
        return {"ballot": ballot, "result": result, "url": ballot_url(ballot)}

    for recipient in coordination_recipients():
        send_in_language("extranet/email/ballot_closed", context, recipient.email, user=recipient.user)


# --- Reminders --------------------------------------------------------------------------------


def send_reminders(now=None) -> int:
    """Two days before the close, one email to each user of each eligible association that has not voted
    (once per association and ballot). Returns the number of associations reminded."""
    now = now or timezone.now()
    reminded = 0
    due = Ballot.objects.filter(closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now)
    for ballot in due.filter(closes_at__lte=now + REMINDER_BEFORE):
        take_roll(ballot, now)
        waiting = ballot.participations.filter(voted=False, reminded_on__isnull=True)
        for participation in waiting.select_related("association"):
            with transaction.atomic():
                claimed = BallotParticipation.objects.filter(pk=participation.pk, reminded_on__isnull=True).update(
                    reminded_on=timezone.localdate(now)
                )
                if not claimed or not is_full_member(participation.association):
                    continue
                for membership in participation.association.memberships.select_related("user"):
                    send_reminder(ballot, participation.association, membership.user)
                reminded += 1
    return reminded


def send_reminder(ballot: Ballot, association: Association, user) -> None:
    if not user.is_active or not user.email:
        return

    def context():
        return {"ballot": ballot, "association": association, "user": user, "url": ballot_url(ballot)}

    send_in_language("extranet/email/ballot_reminder", context, user.email, user=user)


# --- What members see --------------------------------------------------------------------------


@dataclass(frozen=True)
class VoterRow:
    """One of the reader's associations on a ballot: whether it voted, else why it may not."""

    association: Association
    voted: bool
    refusal: str


def voter_rows(ballot: Ballot, associations, now=None) -> list[VoterRow]:
    voted = set(
        ballot.participations.filter(voted=True, association__in=associations).values_list("association_id", flat=True)
    )
    return [
        VoterRow(association, association.pk in voted, ballot_vote_refusal(association, ballot, now))
        for association in associations
    ]


def refresh(ballot: Ballot, now=None) -> Ballot:
    """Read a ballot as it is now: its roll taken once it opened, closed once it is due."""
    return close_if_due(take_roll(ballot, now), now)


def current_ballots(now=None) -> list[Ballot]:
    """Open and upcoming ballots, and those closed in the last 30 days (the due ones are closed first)."""
    now = now or timezone.now()
    close_due_ballots(now)
    recent = now - datetime.timedelta(days=30)
    ballots = Ballot.objects.filter(closed_at__isnull=True) | Ballot.objects.filter(closed_at__gte=recent)
    return list(ballots.select_related("concerned_association").order_by("closes_at"))


def ballots_of_meeting(meeting) -> list[tuple[Ballot, Result | None]]:
    """The ballots a meeting's minutes record, with their results once closed."""
    ballots = [refresh(ballot) for ballot in meeting.ballots.select_related("concerned_association")]
    return [(ballot, result_of(ballot)) for ballot in sorted(ballots, key=lambda b: b.closes_at)]
