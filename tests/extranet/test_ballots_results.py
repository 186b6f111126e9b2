"""Ballot results: quorum, majorities (abstentions not counted), what an admission ballot does, votes held
in the room, and the coordinator's admin (opening a ballot, rules locked once associations voted)."""

import datetime
import html

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from extranet.models import Ballot, BallotKind, ChoiceCode, IfRejected, MajorityRule, Outcome, ResultSource
from extranet.services import ballots
from home.models import CollectiveSettings, MembershipStatus, StatusPeriod

from ..factories import AssociationFactory, BallotFactory, MeetingFactory

OPENS = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
CLOSES = OPENS + datetime.timedelta(days=7)


@pytest.fixture
def clock():
    with time_machine.travel(OPENS + datetime.timedelta(hours=1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def members(clock, locales):
    return [AssociationFactory(status=MembershipStatus.MEMBER) for _ in range(6)]


@pytest.fixture
def ballot(clock, members, observer_association):
    return BallotFactory(concerned_association=observer_association, opens_at=OPENS, closes_at=CLOSES)


def cast(ballot, votes: dict[str, int], members):
    """``votes`` by choice code, each cast by the next member association."""
    voters = iter(members)
    for code, count in votes.items():
        choice = ballot.choices.get(code=code)
        for _ in range(count):
            ballots.cast_vote(ballot=ballot, association=next(voters), choice=choice, user=None)


def close(ballot):
    with time_machine.travel(CLOSES, tick=False):
        return ballots.close_if_due(Ballot.objects.get(pk=ballot.pk))


@pytest.mark.parametrize(
    ("majority", "votes", "outcome"),
    [
        (MajorityRule.SIMPLE, {"yes": 2, "no": 1}, Outcome.ADOPTED),
        (MajorityRule.SIMPLE, {"yes": 2, "no": 2}, Outcome.REJECTED),  # a tie is not a majority
        (MajorityRule.SIMPLE, {"yes": 1, "no": 0, "abstain": 3}, Outcome.ADOPTED),  # abstentions not counted
        (MajorityRule.SIMPLE, {"abstain": 4}, Outcome.REJECTED),  # quorum, but no vote cast
        (MajorityRule.TWO_THIRDS, {"yes": 4, "no": 2}, Outcome.ADOPTED),  # exactly two-thirds
        (MajorityRule.TWO_THIRDS, {"yes": 3, "no": 2}, Outcome.REJECTED),  # 60%
        (MajorityRule.TWO_THIRDS, {"yes": 2, "no": 1, "abstain": 3}, Outcome.ADOPTED),
        (MajorityRule.SIMPLE, {"yes": 2}, Outcome.NO_QUORUM),  # 2 of 6 < 50%
    ],
)
def test_quorum_and_majorities(ballot, members, majority, votes, outcome):
    Ballot.objects.filter(pk=ballot.pk).update(majority=majority)
    ballot.refresh_from_db()
    cast(ballot, votes, members)
    closed = close(ballot)
    assert closed.outcome == outcome
    result = ballots.result_of(closed)
    assert result.turnout == sum(votes.values())
    assert result.eligible == 6
    assert result.quorum_needed == 3
    assert result.cast == votes.get("yes", 0) + votes.get("no", 0)
    assert {row.choice.code: row.votes for row in result.choices} == {
        code: votes.get(code, 0) for code in ("yes", "no", "abstain")
    }


def test_quorum_is_rounded_up():
    assert ballots.quorum_needed(7, 50) == 4
    assert ballots.quorum_needed(6, 50) == 3
    assert ballots.quorum_needed(3, 0) == 0


def test_no_quorum_changes_nothing_and_tells_the_coordination(ballot, members, observer_association, settings):
    cast(ballot, {"yes": 1}, members)
    mail.outbox.clear()
    closed = close(ballot)
    assert closed.outcome == Outcome.NO_QUORUM
    observer_association.refresh_from_db()
    assert observer_association.status == MembershipStatus.OBSERVER
    assert not StatusPeriod.objects.filter(association=observer_association).exists()
    assert [message.to for message in mail.outbox] == [[settings.COORDINATION_EMAIL]]
    assert "Quorum non atteint" in mail.outbox[0].subject
    assert "rien ne change" in mail.outbox[0].body
    assert "SOS Esclaves reste observateur" in closed.applied_fr
    assert "SOS Esclaves remains an observer" in closed.applied_en


def test_each_coordinator_learns_the_result_in_their_language(ballot, members, coordinator, settings):
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    collective = CollectiveSettings.load()
    collective.coordination_email = "secretariat@example.org"
    collective.save()
    cast(ballot, {"yes": 1}, members)
    mail.outbox.clear()
    close(ballot)
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {coordinator.email, "secretariat@example.org"}
    assert "Quorum not reached" in sent[coordinator.email].subject
    assert "Quorum non atteint" in sent["secretariat@example.org"].subject  # no account: the site's language


def test_adopted_admission_makes_a_member_from_the_closing_date(ballot, members, observer_association):
    cast(ballot, {"yes": 3, "no": 1}, members)
    close(ballot)
    observer_association.refresh_from_db()
    assert observer_association.status == MembershipStatus.MEMBER
    assert observer_association.status_since == datetime.date(2026, 3, 9)
    period = StatusPeriod.objects.get(association=observer_association, ends_on__isnull=True)
    assert period.status == MembershipStatus.MEMBER
    assert period.note_fr == "Scrutin du 9 mars 2026"
    assert period.note_en == "Ballot of March 9, 2026"


def test_rejected_admission_ends_the_status_when_so_chosen(ballot, members, observer_association):
    Ballot.objects.filter(pk=ballot.pk).update(if_rejected=IfRejected.END)
    cast(ballot, {"yes": 1, "no": 3}, members)
    closed = close(ballot)
    assert closed.outcome == Outcome.REJECTED
    observer_association.refresh_from_db()
    assert observer_association.status == MembershipStatus.LEFT
    assert observer_association.status_since == datetime.date(2026, 3, 9)
    assert closed.applied_en == "SOS Esclaves is no longer in the collective from March 9, 2026."


@pytest.mark.parametrize(
    ("until", "months", "expected"),
    [(datetime.date(2026, 12, 31), None, datetime.date(2026, 12, 31)), (None, 6, datetime.date(2026, 9, 9))],
)
def test_rejected_admission_extends_the_observer_year(ballot, members, observer_association, until, months, expected):
    Ballot.objects.filter(pk=ballot.pk).update(if_rejected=IfRejected.EXTEND, extend_until=until, extend_months=months)
    cast(ballot, {"no": 3}, members)
    closed = close(ballot)
    observer_association.refresh_from_db()
    assert observer_association.status == MembershipStatus.OBSERVER
    assert observer_association.status_until == expected
    assert observer_association.observer_year_ends_on == expected
    assert "remains an observer until" in closed.applied_en


def test_add_months_keeps_the_end_of_short_months():
    assert ballots.add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert ballots.add_months(datetime.date(2026, 1, 15), 12) == datetime.date(2027, 1, 15)


def test_a_vote_held_in_the_room_closes_the_ballot_and_applies(ballot, members, observer_association):
    cast(ballot, {"no": 2}, members)  # online votes, discarded by the room's result
    yes, no, abstain = (ballot.choices.get(code=code) for code in ("yes", "no", "abstain"))
    closed = ballots.record_room_result(ballot=ballot, counts={yes.pk: 4, no.pk: 1, abstain.pk: 1}, user=None)
    assert closed.is_closed and closed.result_source == ResultSource.ROOM
    assert closed.outcome == Outcome.ADOPTED
    assert closed.turnout == 6
    assert [choice.votes for choice in closed.choices.all()] == [4, 1, 1]
    assert not closed.salt and not closed.participations.exclude(seal="").exists()
    observer_association.refresh_from_db()
    assert observer_association.status == MembershipStatus.MEMBER
    # Nothing more happens when its closing time comes.
    assert close(closed).closed_at == closed.closed_at


# --- The coordinator's admin ---------------------------------------------------------------


def ballot_form(meeting=None, **values):
    data = {
        "kind": BallotKind.ADMISSION,
        "question_fr": "Admettre SOS Esclaves comme membre du collectif ?",
        "question_en": "",
        "opens_at": "2026-03-02 10:00",
        "closes_at": "2026-03-09 10:00",
        "quorum_percent": "50",
        "majority": MajorityRule.SIMPLE,
        "meeting": str(meeting.pk) if meeting else "",
        "concerned_association": "",
        "if_rejected": IfRejected.EXTEND,
        "extend_until": "",
        "extend_months": "12",
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    data.update(values)
    return data


def test_a_coordinator_opens_an_admission_ballot_in_the_admin(client, coordinator, clock, observer_association):
    meeting = MeetingFactory()
    client.force_login(coordinator)
    add_url = reverse("wagtailsnippets_extranet_ballot:add")
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, ballot_form(meeting, concerned_association=str(observer_association.pk)))
    assert response.status_code == 302, response.context["form"].errors
    ballot = Ballot.objects.get()
    assert ballot.meeting == meeting and ballot.concerned_association == observer_association
    assert list(ballot.choices.values_list("code", "label_fr", "label_en")) == [
        ("yes", "Oui", "Yes"),
        ("no", "Non", "No"),
        ("abstain", "Abstention", "Abstention"),
    ]
    assert len(ballot.salt) == 64


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"closes_at": "2026-03-01 10:00"}, "closes_at", "Le scrutin doit être clos après son ouverture."),
        ({"concerned_association": ""}, "concerned_association", "Un scrutin d'admission porte sur une association."),
        ({"concerned_association": "member"}, "concerned_association", "Seule l'admission d'un observateur"),
        ({"extend_months": ""}, "extend_until", "Indiquez la date jusqu'à laquelle"),
    ],
)
def test_the_admin_refuses_a_wrong_ballot(client, coordinator, clock, observer_association, values, field, message):
    member = AssociationFactory(status=MembershipStatus.MEMBER)
    concerned = {"member": str(member.pk), "": ""}.get(
        values.get("concerned_association"), str(observer_association.pk)
    )
    values = {**values, "concerned_association": concerned}
    client.force_login(coordinator)
    response = client.post(reverse("wagtailsnippets_extranet_ballot:add"), ballot_form(**values))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Ballot.objects.exists()


def test_once_associations_voted_question_choices_and_rules_are_locked(
    client, coordinator, ballot, members, observer_association
):
    cast(ballot, {"yes": 1}, members)
    client.force_login(coordinator)
    edit_url = reverse("wagtailsnippets_extranet_ballot:edit", args=[ballot.pk])
    choices = list(ballot.choices.all())
    management = {
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": str(len(choices)),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for index, choice in enumerate(choices):
        management |= {
            f"choices-{index}-id": str(choice.pk),
            f"choices-{index}-label_fr": choice.label_fr,
            f"choices-{index}-label_en": choice.label_en,
            f"choices-{index}-code": choice.code,
            f"choices-{index}-ORDER": str(index + 1),
            f"choices-{index}-DELETE": "",
        }
    local = timezone.localtime
    same = {
        **management,
        "question_fr": ballot.question_fr,
        "question_en": ballot.question_en,
        "opens_at": local(ballot.opens_at).strftime("%Y-%m-%d %H:%M"),
        "closes_at": local(ballot.closes_at + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "concerned_association": str(observer_association.pk),
        "extend_months": str(ballot.extend_months),
    }
    # Its closing time may still move.
    response = client.post(edit_url, ballot_form(**same))
    assert response.status_code == 302, response.context["form"].errors
    ballot.refresh_from_db()
    assert ballot.closes_at == CLOSES + datetime.timedelta(days=1)
    # Not its question, its rules, nor its choices.
    for change in (
        {"question_fr": "Une autre question ?"},
        {"majority": MajorityRule.TWO_THIRDS},
        {"quorum_percent": "10"},
        {"choices-0-label_fr": "Oui, bien sûr"},
    ):
        response = client.post(edit_url, ballot_form(**{**same, **change}))
        assert response.status_code == 200
        assert "Des associations ont déjà voté" in html.unescape(response.text)
    ballot.refresh_from_db()
    assert ballot.question_fr != "Une autre question ?" and ballot.majority == MajorityRule.SIMPLE
    assert ballot.choices.get(code=ChoiceCode.YES).label_fr == "Oui"


def test_a_coordinator_records_a_vote_held_in_the_room(client, coordinator, ballot, members, observer_association):
    client.force_login(coordinator)
    url = reverse("extranet_ballot_room_result", args=[ballot.pk])
    page = client.get(url)
    assert page.status_code == 200
    yes, no, abstain = (ballot.choices.get(code=code) for code in ("yes", "no", "abstain"))
    too_many = client.post(url, {f"choice_{yes.pk}": "7", f"choice_{no.pk}": "0", f"choice_{abstain.pk}": "0"})
    assert too_many.status_code == 200 and not Ballot.objects.get(pk=ballot.pk).is_closed
    response = client.post(url, {f"choice_{yes.pk}": "2", f"choice_{no.pk}": "3", f"choice_{abstain.pk}": "1"})
    assert response.status_code == 302
    ballot.refresh_from_db()
    assert ballot.outcome == Outcome.REJECTED and ballot.result_source == ResultSource.ROOM
    observer_association.refresh_from_db()
    assert observer_association.status == MembershipStatus.OBSERVER
    assert observer_association.status_until == ballots.add_months(datetime.date(2026, 3, 2), 6)


def test_members_never_reach_the_room_result(client, member_a, ballot):
    client.force_login(member_a)
    response = client.post(reverse("extranet_ballot_room_result", args=[ballot.pk]), {})
    assert response.status_code in (302, 403)
    assert not Ballot.objects.get(pk=ballot.pk).is_closed
