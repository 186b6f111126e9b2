"""Ballots in the member area: who votes, one vote per association, changing it, results hidden until the close."""

import datetime
import html
import logging

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from extranet.models import Ballot, BallotChoice, BallotKind, BallotParticipation, ChoiceCode, Outcome
from extranet.services import ballots
from home.models import Association, MembershipStatus

from ..factories import (
    AssociationFactory,
    BallotFactory,
    MembershipFactory,
    MinutesFactory,
    UserFactory,
)

OPENS = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
CLOSES = OPENS + datetime.timedelta(days=7)


@pytest.fixture
def clock():
    with time_machine.travel(OPENS + datetime.timedelta(hours=1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def ballot(clock, association_a, association_b, observer_association):
    """An admission ballot for SOS Esclaves (observer), CCEM and ECPAT voting, recorded in a plenary's minutes."""
    minutes = MinutesFactory(meeting__title_fr="Plénière de mars", meeting__title_en="March plenary")
    return BallotFactory(
        concerned_association=observer_association,
        opens_at=OPENS,
        closes_at=CLOSES,
        meeting=minutes.meeting,
    )


def choice(ballot, code):
    return ballot.choices.get(code=code)


def vote_url(ballot, association, language="fr"):
    with translation.override(language):
        return reverse("extranet:ballot_vote", args=[ballot.pk, association.slug])


def detail_url(ballot, language="fr"):
    with translation.override(language):
        return reverse("extranet:ballot_detail", args=[ballot.pk])


def vote(client, user, ballot, association, code, language="fr"):
    client.force_login(user)
    return client.post(vote_url(ballot, association, language), {"choice": choice(ballot, code).pk})


def test_the_roll_is_the_full_members_when_the_ballot_opens_less_the_association_concerned(
    ballot, association_a, association_b, observer_association
):
    former = AssociationFactory(status=MembershipStatus.LEFT)
    ballots.take_roll(ballot)
    ballot.refresh_from_db()
    on_roll = set(ballot.participations.values_list("association_id", flat=True))
    assert on_roll == {association_a.pk, association_b.pk}
    assert ballot.eligible_count == 2
    assert former.pk not in on_roll and observer_association.pk not in on_roll
    # An association admitted after the opening is not added to this ballot's roll.
    late = AssociationFactory(status=MembershipStatus.MEMBER)
    ballots.take_roll(ballot)
    assert not ballot.participations.filter(association=late).exists()
    with translation.override("en"):
        assert "was not a full member when this ballot opened" in ballots.ballot_vote_refusal(late, ballot)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_member_votes_once_for_its_association_and_may_change_the_vote(
    client, ballot, association_a, member_a, language
):
    colleague = MembershipFactory(association=association_a, user=UserFactory()).user
    response = vote(client, member_a, ballot, association_a, ChoiceCode.YES, language)
    assert response.status_code == 302
    page = client.get(detail_url(ballot, language))
    assert page.status_code == 200
    if language == "fr":
        assert "Votre association a voté ; vous pouvez modifier son vote" in html.unescape(page.text)
    else:
        assert "Your association voted; you may change its vote" in page.text
    # Another user of the same association: the same single vote, changed.
    vote(client, colleague, ballot, association_a, ChoiceCode.NO, language)
    assert BallotParticipation.objects.filter(ballot=ballot, association=association_a).count() == 1
    assert BallotParticipation.objects.get(ballot=ballot, association=association_a).voted
    with time_machine.travel(CLOSES + datetime.timedelta(minutes=1), tick=False):
        closed = ballots.close_if_due(ballot)
    assert choice(closed, ChoiceCode.NO).votes == 1
    assert choice(closed, ChoiceCode.YES).votes == 0
    assert closed.turnout == 1


def test_the_page_never_shows_the_choice_an_association_made(client, ballot, association_a, member_a):
    vote(client, member_a, ballot, association_a, ChoiceCode.YES)
    page = client.get(detail_url(ballot))
    assert "checked" not in page.text  # no answer preselected: the site cannot tell it before the close
    messages = [str(message) for message in page.context["messages"]]
    assert not any("Oui" in message or "Yes" in message for message in messages)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_observer_sees_why_it_does_not_vote_and_its_post_is_refused(
    client, ballot, observer_association, observer_user, caplog, language
):
    client.force_login(observer_user)
    page = client.get(detail_url(ballot, language))
    assert page.status_code == 200
    assert vote_url(ballot, observer_association, language) not in page.text  # no button
    if language == "fr":
        assert "ne votent pas pendant leur année d'observation" in html.unescape(page.text)
    else:
        assert "do not vote during their observer year" in page.text
    with caplog.at_level(logging.WARNING, logger="extranet.security"):
        response = vote(client, observer_user, ballot, observer_association, ChoiceCode.YES, language)
    assert response.status_code == 403
    assert "voting for association" in caplog.text
    assert not BallotParticipation.objects.filter(association=observer_association).exists()


def test_the_association_concerned_never_votes_on_its_own_admission(client, ballot, observer_association):
    """Even if it became a full member some other way during the ballot."""
    Association.objects.filter(pk=observer_association.pk).update(status=MembershipStatus.MEMBER)
    observer_association.refresh_from_db()
    user = MembershipFactory(association=observer_association).user
    client.force_login(user)
    page = client.get(detail_url(ballot, "en"))
    assert "An association does not vote on its own admission." in page.text
    assert vote(client, user, ballot, observer_association, ChoiceCode.YES).status_code == 403


def test_a_former_member_does_not_vote(client, ballot, association_b, member_b):
    ballots.take_roll(ballot)  # on the roll as a member, then it leaves
    Association.objects.filter(pk=association_b.pk).update(status=MembershipStatus.LEFT)
    client.force_login(member_b)
    page = client.get(detail_url(ballot, "en"))
    assert "is no longer a member" in page.text
    assert vote(client, member_b, ballot, association_b, ChoiceCode.YES).status_code == 403


@pytest.mark.parametrize("picked", ["", "abc", "999999"])
def test_a_vote_without_a_valid_choice_records_nothing(client, ballot, association_a, member_a, picked):
    client.force_login(member_a)
    response = client.post(vote_url(ballot, association_a), {"choice": picked}, follow=True)
    assert response.status_code == 200
    assert "Veuillez choisir une réponse" in html.unescape(response.text)
    assert not BallotParticipation.objects.filter(association=association_a, voted=True).exists()


def test_users_vote_only_for_their_own_association(client, ballot, association_b, member_a):
    assert vote(client, member_a, ballot, association_b, ChoiceCode.YES).status_code == 403
    assert not BallotParticipation.objects.filter(association=association_b, voted=True).exists()


def test_anonymous_visitors_and_outsiders_see_no_ballot(client, ballot, association_a, outsider):
    assert client.get(detail_url(ballot)).status_code == 302
    assert client.post(vote_url(ballot, association_a), {"choice": choice(ballot, "yes").pk}).status_code == 302
    client.force_login(outsider)
    assert client.get(detail_url(ballot)).status_code == 403
    assert client.get(reverse("extranet:ballots")).status_code == 403


def test_no_vote_before_the_opening_nor_after_the_close(client, association_a, member_a, observer_association):
    with time_machine.travel(OPENS - datetime.timedelta(days=1), tick=False):
        early = BallotFactory(concerned_association=observer_association, opens_at=OPENS, closes_at=CLOSES)
        assert vote(client, member_a, early, association_a, ChoiceCode.YES).status_code == 403
    with time_machine.travel(CLOSES + datetime.timedelta(seconds=1), tick=False):
        assert vote(client, member_a, early, association_a, ChoiceCode.YES).status_code == 403
        early.refresh_from_db()
        assert early.is_closed  # reading (or trying) a due ballot closes it


def test_results_are_hidden_until_the_close_from_members_and_coordinators(
    client, ballot, association_a, association_b, member_a, member_b, coordinator
):
    vote(client, member_a, ballot, association_a, ChoiceCode.YES)
    vote(client, member_b, ballot, association_b, ChoiceCode.YES)
    client.force_login(member_a)
    for language in ("fr", "en"):
        page = client.get(detail_url(ballot, language))
        assert 'class="ballot-result' not in page.text
        assert page.context["result"] is None
    assert "no-store" in page["Cache-Control"]
    assert ballots.result_of(ballot) is None
    assert all(votes is None for votes in ballot.choices.values_list("votes", flat=True))
    client.force_login(coordinator)
    listing = client.get(reverse("wagtailsnippets_extranet_ballot:list"))
    assert listing.status_code == 200
    assert "Résultats cachés jusqu'à la clôture" in html.unescape(listing.text)
    assert "Adopté" not in listing.text
    edit = client.get(reverse("wagtailsnippets_extranet_ballot:edit", args=[ballot.pk]))
    assert edit.status_code == 200
    assert "votes" not in {name.split("-")[-1] for name in edit.context["form"].formsets["choices"].forms[0].fields}
    minutes = client.get(reverse("extranet:minutes_detail", args=[ballot.meeting.minutes.pk]))
    assert "ballot-result" not in minutes.text
    assert "le résultat est donné à la clôture" in html.unescape(minutes.text)

    # The close: every reader now sees the counts.
    with time_machine.travel(CLOSES, tick=False):
        client.force_login(member_b)
        page = client.get(detail_url(ballot, "en"))
        assert 'class="ballot-result' in page.text
        assert "Adopted" in page.text
        assert "Turnout: 2 of 2 eligible associations (quorum: 1)." in page.text
        client.force_login(coordinator)
        assert "Adopté" in client.get(reverse("wagtailsnippets_extranet_ballot:list")).text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_minutes_record_the_result_and_the_admission_applies_itself(
    client, ballot, association_a, association_b, member_a, member_b, observer_association, language
):
    vote(client, member_a, ballot, association_a, ChoiceCode.YES)
    vote(client, member_b, ballot, association_b, ChoiceCode.ABSTAIN)
    with time_machine.travel(CLOSES + datetime.timedelta(hours=2), tick=False):
        call_command("close_ballots", stdout=open("/dev/null", "w"))  # noqa: SIM115
        client.force_login(member_b)
        with translation.override(language):
            page = client.get(reverse("extranet:minutes_detail", args=[ballot.meeting.minutes.pk]))
    ballot.refresh_from_db()
    assert ballot.outcome == Outcome.ADOPTED
    observer_association.refresh_from_db()
    assert observer_association.status == MembershipStatus.MEMBER
    assert observer_association.status_since == timezone.localdate(CLOSES)
    assert 'class="ballot-result' in page.text
    if language == "fr":
        assert "SOS Esclaves est membre depuis le 9 mars 2026." in page.text
    else:
        assert "SOS Esclaves is a member from March 9, 2026." in page.text


def test_the_dashboard_lists_open_ballots(client, ballot, member_a):
    client.force_login(member_a)
    page = client.get(reverse("extranet:dashboard"))
    assert detail_url(ballot) in page.text
    assert ballot.question_fr in page.text


def test_closing_twice_gives_one_result(ballot, association_a, member_a, client):
    vote(client, member_a, ballot, association_a, ChoiceCode.NO)
    with time_machine.travel(CLOSES, tick=False):
        first = ballots.close_if_due(Ballot.objects.get(pk=ballot.pk))
        again = ballots.close_if_due(Ballot.objects.get(pk=ballot.pk))
        ballots.close_due_ballots()
    assert first.closed_at == again.closed_at
    assert choice(again, ChoiceCode.NO).votes == 1
    assert again.participations.filter(voted=True).count() == 1


def test_another_question_has_its_own_choices(clock, association_a, association_b, member_a, member_b, client):
    other = BallotFactory(
        kind=BallotKind.OTHER, question_fr="Quelle date ?", question_en="", opens_at=OPENS, closes_at=CLOSES
    )
    assert set(other.choices.values_list("code", flat=True)) == {"yes", "no", "abstain"}  # given none
    other.choices.all().delete()
    first = BallotChoice.objects.create(ballot=other, label_fr="Mardi", label_en="Tuesday", sort_order=0)
    BallotChoice.objects.create(ballot=other, label_fr="Jeudi", label_en="", sort_order=1)
    ballots.ensure_choices(other)
    assert other.choices.count() == 2
    client.force_login(member_a)
    client.post(vote_url(other, association_a), {"choice": first.pk})
    client.force_login(member_b)
    page = client.get(detail_url(other, "en"))
    assert "Quelle date ?" in page.text and "(in French only)" in page.text  # the missing English, said
    client.post(vote_url(other, association_b), {"choice": first.pk})
    with time_machine.travel(CLOSES, tick=False):
        closed = ballots.close_if_due(other)
    assert closed.outcome == Outcome.ADOPTED
    assert ballots.result_of(closed).winner == first
    assert closed.applied_fr == "" and closed.applied_en == ""  # nothing applies itself


def test_the_reminder_goes_once_two_days_before_to_the_users_of_associations_that_have_not_voted(
    client, ballot, association_a, association_b, member_a, member_b, observer_user
):
    UserProfile.objects.update_or_create(user=member_b, defaults={"preferred_language": "en"})
    colleague = MembershipFactory(association=association_b, user=UserFactory(username="ecpat2@example.org")).user
    vote(client, member_a, ballot, association_a, ChoiceCode.YES)
    mail.outbox.clear()
    with time_machine.travel(CLOSES - datetime.timedelta(days=3), tick=False):
        assert ballots.send_reminders() == 0
    with time_machine.travel(CLOSES - datetime.timedelta(days=2), tick=False):
        call_command("close_ballots", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member_b.email, colleague.email])
    english = next(message for message in mail.outbox if message.to == [member_b.email])
    french = next(message for message in mail.outbox if message.to == [colleague.email])
    assert "has not voted yet" in english.subject
    assert "n'a pas encore voté" in french.subject
    assert detail_url(ballot) in french.body
    with time_machine.travel(CLOSES - datetime.timedelta(days=1), tick=False):
        assert ballots.send_reminders() == 0
    assert len(mail.outbox) == 2
    assert BallotParticipation.objects.get(ballot=ballot, association=association_b).reminded_on is not None


def test_the_demo_has_an_open_admission_ballot_for_sos_esclaves_and_a_closed_one(client, db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115 (idempotent)
    sos = Association.objects.get(slug="sos-esclaves")
    admission = Ballot.objects.get(kind=BallotKind.ADMISSION, concerned_association=sos)
    assert admission.is_open() and admission.question_en
    assert admission.meeting is not None and admission.meeting.starts_at > timezone.now()
    closed = Ballot.objects.get(closed_at__isnull=False)
    assert closed.outcome == Outcome.ADOPTED and closed.meeting.minutes.is_published
    assert Ballot.objects.count() == 2
    # The demo's member accounts vote; the observer's sees why it does not.
    user_model = get_user_model()
    ccem = Association.objects.get(slug="ccem")
    assert vote(client, user_model.objects.get(email="ccem@example.org"), admission, ccem, "yes").status_code == 302
    assert BallotParticipation.objects.get(ballot=admission, association=ccem).voted
    client.force_login(user_model.objects.get(email="sos-esclaves@example.org"))
    page = client.get(detail_url(admission, "en"))
    assert "do not vote during their observer year" in page.text
    minutes = client.get(reverse("extranet:minutes_detail", args=[closed.meeting.minutes.pk]))
    assert 'class="ballot-result' in minutes.text
    assert "vote held in the room" in minutes.text
