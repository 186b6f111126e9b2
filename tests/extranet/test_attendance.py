"""Whether an association comes to a meeting, and who: answered by its own users until the meeting starts;
the coordinator sees every association's answer in the admin."""

import datetime
import logging

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from extranet.models import MeetingAttendance
from home.models import MembershipStatus

from ..factories import AssociationFactory, MeetingFactory
from ..html import element, elements, text


@pytest.fixture
def meeting(locales):
    return MeetingFactory(
        title_fr="Plénière d'automne",
        title_en="Autumn plenary",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )


def answer_url(meeting, association, language="fr"):
    with translation.override(language):
        return reverse("extranet:meeting_attendance", args=[meeting.pk, association.slug])


def post_answer(client, meeting, association, language="fr", **data):
    prefix = f"attendance-{association.pk}"
    return client.post(answer_url(meeting, association, language), {f"{prefix}-{k}": v for k, v in data.items()})


def test_a_member_says_the_association_attends_then_changes_its_answer(client, member_a, association_a, meeting):
    client.force_login(member_a)
    response = post_answer(client, meeting, association_a, attends="yes", people="Marie Dupont, Paul Martin")
    assert response.status_code == 302
    attendance = MeetingAttendance.objects.get()
    assert (attendance.association, attendance.meeting, attendance.attends) == (association_a, meeting, True)
    assert attendance.people == "Marie Dupont, Paul Martin" and attendance.answered_by == member_a

    page = client.get(reverse("extranet:meeting_detail", args=[meeting.pk])).text
    assert "Marie Dupont, Paul Martin" in text(element(page, "section", id="attendance-section"))
    form = element(page, "form", action=answer_url(meeting, association_a))
    assert element(form, "input", value="yes").get("checked") is not None

    assert post_answer(client, meeting, association_a, attends="no", people="").status_code == 302
    attendance = MeetingAttendance.objects.get()  # still one answer for the association
    assert attendance.attends is False and attendance.people == ""


@pytest.mark.parametrize(
    ("language", "error"),
    [("fr", "Veuillez indiquer qui viendra."), ("en", "Please say who will come.")],
)
def test_attending_without_saying_who_is_an_error_next_to_the_field(
    client, member_a, association_a, meeting, language, error
):
    client.force_login(member_a)
    response = post_answer(client, meeting, association_a, language, attends="yes", people="  ")
    assert response.status_code == 400
    assert not MeetingAttendance.objects.exists()
    field = element(response.text, "input", name=f"attendance-{association_a.pk}-people").parent
    assert error in text(field)
    # what was chosen is still chosen
    assert element(response.text, "input", value="yes").get("checked") is not None


@pytest.mark.parametrize(("language", "error"), [("fr", "Champ requis."), ("en", "This field is required.")])
def test_no_answer_or_a_bad_one_is_refused_with_a_translated_error(
    client, member_a, association_a, meeting, language, error
):
    client.force_login(member_a)
    response = post_answer(client, meeting, association_a, language, people="Marie")
    assert response.status_code == 400 and error in response.text
    response = post_answer(client, meeting, association_a, language, attends="maybe", people="Marie")
    assert response.status_code == 400
    # the name typed is kept in the form
    assert element(response.text, "input", name=f"attendance-{association_a.pk}-people")["value"] == "Marie"
    assert post_answer(client, meeting, association_a, language, attends="yes", people="x" * 300).status_code == 400
    assert not MeetingAttendance.objects.exists()


def test_a_user_cannot_answer_for_another_association(client, member_a, association_b, meeting, caplog):
    client.force_login(member_a)
    with caplog.at_level(logging.WARNING, logger="extranet.security"):
        response = post_answer(client, meeting, association_b, attends="no")
    assert response.status_code == 403
    assert not MeetingAttendance.objects.exists()
    assert any(
        "refused" in record.getMessage() and str(member_a.pk) in record.getMessage() for record in caplog.records
    )
    page = client.get(reverse("extranet:meeting_detail", args=[meeting.pk])).text
    assert not elements(page, "form", action=answer_url(meeting, association_b))


def test_anonymous_and_outsiders_cannot_answer(client, outsider, association_a, meeting):
    response = post_answer(client, meeting, association_a, attends="yes", people="X")
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(outsider)
    assert post_answer(client, meeting, association_a, attends="yes", people="X").status_code == 403
    assert not MeetingAttendance.objects.exists()


def test_the_answer_is_closed_once_the_meeting_has_started(client, member_a, association_a, meeting):
    client.force_login(member_a)
    assert post_answer(client, meeting, association_a, attends="yes", people="Marie").status_code == 302
    with time_machine.travel(meeting.starts_at + datetime.timedelta(minutes=1), tick=False):
        client.force_login(member_a)
        response = post_answer(client, meeting, association_a, attends="no")
        assert response.status_code == 302
        page = client.get(response["Location"]).text
        assert "La réunion a commencé" in page
        assert not elements(page, "form", action=answer_url(meeting, association_a))
    attendance = MeetingAttendance.objects.get()
    assert attendance.attends is True and attendance.people == "Marie"


def test_an_association_that_left_cannot_answer(client, member_a, association_a, meeting):
    association_a.status = MembershipStatus.LEFT
    association_a.save()
    client.force_login(member_a)
    post_answer(client, meeting, association_a, attends="yes", people="Marie")
    assert not MeetingAttendance.objects.exists()


def test_observers_answer_too(client, observer_user, observer_association, meeting):
    client.force_login(observer_user)
    assert post_answer(client, meeting, observer_association, attends="yes", people="Léa").status_code == 302
    assert MeetingAttendance.objects.get().association == observer_association


# --- The coordinator's view -------------------------------------------------------------------


@pytest.fixture
def answers(meeting, association_a, association_b, observer_association, member_a):
    MeetingAttendance.objects.create(
        meeting=meeting, association=association_a, attends=True, people="Marie Dupont", answered_by=member_a
    )
    MeetingAttendance.objects.create(meeting=meeting, association=association_b, attends=False)
    silent = AssociationFactory(name="Hors la Rue", slug="hors-la-rue")
    AssociationFactory(name="Association dépubliée", slug="depubliee", live=False)
    return silent


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


REPORT = [
    ("fr", "Présente", "Absente", "Pas de réponse", "1 présente(s), 1 absente(s), 2 sans réponse."),
    ("en", "Attending", "Not attending", "No answer", "1 attending, 1 not attending, 2 without an answer."),
]


@pytest.mark.parametrize(("language", "yes", "no", "unknown", "summary"), REPORT)
def test_the_coordinator_sees_every_live_associations_answer(
    client, coordinator, meeting, answers, language, yes, no, unknown, summary
):
    prefer(coordinator, language)
    client.force_login(coordinator)
    response = client.get(reverse("extranet_meeting_attendance", args=[meeting.pk]))
    assert response.status_code == 200
    rows = {text(element(row, "th")): text(row) for row in elements(response.text, "tr", class_="attendance")}
    assert set(rows) == {"Comité contre l'esclavage moderne", "ECPAT France", "SOS Esclaves", "Hors la Rue"}
    assert (
        yes in rows["Comité contre l'esclavage moderne"] and "Marie Dupont" in rows["Comité contre l'esclavage moderne"]
    )
    assert no in rows["ECPAT France"]
    assert unknown in rows["Hors la Rue"] and unknown in rows["SOS Esclaves"]
    assert summary in " ".join(text(response.text).split())


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "1 présente(s), 1 absente(s)"), ("en", "1 attending, 1 not attending")]
)
def test_the_meetings_listing_counts_the_answers(client, coordinator, meeting, answers, language, label):
    prefer(coordinator, language)
    client.force_login(coordinator)
    response = client.get(reverse("wagtailsnippets_extranet_meeting:list"))
    assert response.status_code == 200
    link = [
        a
        for a in elements(response.text, "a")
        if a.get("href") == reverse("extranet_meeting_attendance", args=[meeting.pk])
    ]
    assert link and text(link[0]) == label


def test_members_never_see_the_attendance_report(client, member_a, meeting, answers):
    client.force_login(member_a)
    response = client.get(reverse("extranet_meeting_attendance", args=[meeting.pk]))
    assert response.status_code in (302, 403)
    assert "Marie Dupont" not in response.text
