"""Ballot secrecy, on the stored rows: nothing ties an association to its choice, before the close without
SECRET_KEY, after the close at all (README, "Ballot secrecy")."""

import datetime
import io
import logging
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings
from wagtail.models import ModelLogEntry

from extranet.models import Ballot, BallotChoice, BallotParticipation, ChoiceCode, Outcome
from extranet.services import ballots
from home.mail.models import OutgoingEmail
from home.models import Association, MembershipStatus

from ..factories import AssociationFactory, BallotFactory, MembershipFactory

OPENS = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
CLOSES = OPENS + datetime.timedelta(days=7)
BALLOT_TABLES = [model._meta.db_table for model in (Ballot, BallotChoice, BallotParticipation)]


def raw_rows(table):
    """Every column of every row, as the database (or a dump of it) holds them."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (our own table names)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture
def voted(locales, observer_association, caplog):
    """Four members vote (one changes its mind), then the ballot closes; what was stored in between is kept."""
    with time_machine.travel(OPENS + datetime.timedelta(hours=1), tick=False):
        members = [AssociationFactory(status=MembershipStatus.MEMBER) for _ in range(4)]
        for association in members:
            MembershipFactory(association=association)
        ballot = BallotFactory(concerned_association=observer_association, opens_at=OPENS, closes_at=CLOSES)
        yes, no, abstain = (ballot.choices.get(code=code) for code in ("yes", "no", "abstain"))
        salt = ballot.salt
        with caplog.at_level(logging.DEBUG):
            for association, choice in zip(members, (yes, yes, no, abstain), strict=True):
                ballots.cast_vote(ballot=ballot, association=association, choice=choice, user=None)
            ballots.cast_vote(ballot=ballot, association=members[3], choice=no, user=None)  # changes its vote
        sealed = {row["association_id"]: row["seal"] for row in raw_rows(BallotParticipation._meta.db_table)}
        before = {table: raw_rows(table) for table in BALLOT_TABLES}
    with time_machine.travel(CLOSES - datetime.timedelta(days=2), tick=False):
        ballots.send_reminders()
    with time_machine.travel(CLOSES, tick=False), caplog.at_level(logging.DEBUG):
        ballots.close_due_ballots()
    ballot.refresh_from_db()
    return {
        "ballot": ballot,
        "members": members,
        "choices": {"yes": yes, "no": no, "abstain": abstain},
        "salt": salt,
        "sealed": sealed,
        "before": before,
        "logs": caplog.text,
    }


def test_the_count_is_right(voted):
    ballot = voted["ballot"]
    assert ballot.outcome == Outcome.REJECTED  # 2 yes, 2 no: a tie
    assert {choice.code: choice.votes for choice in ballot.choices.all()} == {"yes": 2, "no": 2, "abstain": 0}
    assert ballot.turnout == 4


def test_after_the_close_no_stored_row_ties_an_association_to_a_choice(voted):
    ballot = voted["ballot"]
    # The participations: who voted, never how, and no seal left.
    participations = raw_rows(BallotParticipation._meta.db_table)
    assert {column for row in participations for column in row} == {
        "id",
        "ballot_id",
        "association_id",
        "voted",
        "seal",
        "reminded_on",
    }
    assert all(row["seal"] == "" for row in participations)
    assert all(row["voted"] for row in participations)
    # The results: counts per choice, naming no association.
    choices = raw_rows(BallotChoice._meta.db_table)
    assert not [column for row in choices for column in row if "association" in column]
    assert not any(field.related_model is Association for field in BallotChoice._meta.get_fields())
    # The ballot: its salt is gone, so SECRET_KEY alone cannot remake any seal.
    (stored,) = raw_rows(Ballot._meta.db_table)
    assert stored["salt"] == ""
    # Whoever has SECRET_KEY, every row and the seals' scheme, but not the erased salt, matches nothing.
    for association in voted["members"]:
        for choice in voted["choices"].values():
            candidate_without_salt = ballots.seal(stored["salt"], association.pk, choice.pk)
            assert all(candidate_without_salt not in str(row) for table in BALLOT_TABLES for row in raw_rows(table))
    # No value stored anywhere in the ballot tables is one of the seals that existed before the close.
    for table in BALLOT_TABLES:
        for row in raw_rows(table):
            assert not set(map(str, row.values())) & set(voted["sealed"].values())
    assert ballot.closed_at is not None


def test_before_the_close_a_database_dump_without_secret_key_tells_nothing(voted):
    """The seals stored before the close are not the association's choice under any other key."""
    choices, sealed, salt = voted["choices"], voted["sealed"], voted["salt"]
    assert all(len(value) == 64 for value in sealed.values())
    with override_settings(SECRET_KEY="an-attacker-guess-of-the-secret-key"):
        for association_id, stored in sealed.items():
            assert stored not in {ballots.seal(salt, association_id, choice.pk) for choice in choices.values()}
    # With the right SECRET_KEY (the server, before the close) they would: the honest limit of the scheme.
    member = voted["members"][0]
    assert sealed[member.pk] == ballots.seal(salt, member.pk, choices["yes"].pk)
    # No column but the seal held anything about the votes: the choices' counts were empty.
    before_choices = voted["before"][BallotChoice._meta.db_table]
    assert all(row["votes"] is None for row in before_choices)


def test_log_entries_emails_and_server_logs_mention_no_choice(voted):
    choices = voted["choices"]
    entries = ModelLogEntry.objects.filter(object_id=str(voted["ballot"].pk))
    assert entries.filter(action="extranet.ballot_vote").count() == 5  # who voted (and changed), never how
    labels = {"Oui", "Non", "Abstention", "Yes", "No"}
    for entry in entries:
        text = f"{entry.label} {entry.data}"
        assert not {word for word in labels if word in text.split()}
        assert "choice" not in str(entry.data)
    for choice in choices.values():
        assert f"choice {choice.pk}" not in voted["logs"] and f"choice={choice.pk}" not in voted["logs"]
    # The reminders went to the associations that had not voted: none, they all had.
    reminders = [email for email in OutgoingEmail.objects.all() if email.subject.startswith("Rappel")]
    assert reminders == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_closes_give_one_result(locales, observer_association):
    """Two processes reading a due ballot at once: one closes it, the other finds it closed (PostgreSQL locks)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) are PostgreSQL's; SQLite serialises every write")
    with time_machine.travel(OPENS + datetime.timedelta(hours=1), tick=False):
        members = [AssociationFactory(status=MembershipStatus.MEMBER) for _ in range(3)]
        ballot = BallotFactory(concerned_association=observer_association, opens_at=OPENS, closes_at=CLOSES)
        yes = ballot.choices.get(code=ChoiceCode.YES)
        for association in members:
            ballots.cast_vote(ballot=ballot, association=association, choice=yes, user=None)
    barrier = threading.Barrier(2)
    errors = []

    def read():
        try:
            with time_machine.travel(CLOSES, tick=False):
                barrier.wait()
                ballots.close_if_due(Ballot.objects.get(pk=ballot.pk))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    ballot.refresh_from_db()
    assert ballot.choices.get(code=ChoiceCode.YES).votes == 3
    assert ModelLogEntry.objects.filter(object_id=str(ballot.pk), action="extranet.ballot_close").count() == 1
    observer_association.refresh_from_db()
    assert observer_association.status == MembershipStatus.MEMBER
    assert observer_association.status_periods.filter(status=MembershipStatus.MEMBER).count() == 1
    # The next five-minute run vacuums the old row versions (the erased seals and salt) away.
    output = io.StringIO()
    with time_machine.travel(CLOSES + datetime.timedelta(minutes=5), tick=False):
        call_command("close_ballots", stdout=output)
    assert "vacuumed the ballot tables." in output.getvalue()
