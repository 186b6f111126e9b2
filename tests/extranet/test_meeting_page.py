"""A meeting's page in the member area: what, when, where, with whom; the next plenary lists the open actions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from extranet.models import MeetingKind

from ..factories import FollowUpActionFactory, MeetingFactory, MinutesFactory
from ..html import element, elements, hrefs, text


def meeting_url(meeting, language="fr"):
    with translation.override(language):
        return reverse("extranet:meeting_detail", args=[meeting.pk])


@pytest.fixture
def delegation_meeting(association_a, association_b):
    meeting = MeetingFactory(
        kind=MeetingKind.DELEGATION,
        title_fr="Audition à la CNCDH",
        title_en="Hearing at the CNCDH",
        starts_at=timezone.now() + datetime.timedelta(days=5),
        ends_at=timezone.now() + datetime.timedelta(days=5, hours=2),
        place_fr="CNCDH, salle du conseil",
        place_en="CNCDH, council room",
        address="20 avenue de Ségur, Paris",
        counterparts_fr="Le rapporteur national",
        counterparts_en="The national rapporteur",
        agenda_fr="<p>Présenter le rapport annuel</p>",
        agenda_en="<p>Present the annual report</p>",
    )
    meeting.delegation.set([association_a, association_b])
    meeting.save()  # modelcluster keeps the delegation in memory until the meeting is saved
    return meeting


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Délégation", "Audition à la CNCDH", "CNCDH, salle du conseil", "Le rapporteur national",
                "Présenter le rapport annuel", "20 avenue de Ségur"]),
        ("en", ["Delegation", "Hearing at the CNCDH", "CNCDH, council room", "The national rapporteur",
                "Present the annual report", "20 avenue de Ségur"]),
    ],
)  # fmt: skip
def test_the_meeting_page_shows_what_when_where_and_who(client, member_a, delegation_meeting, language, expected):
    client.force_login(member_a)
    response = client.get(meeting_url(delegation_meeting, language))
    assert response.status_code == 200
    page = text(element(response.text, "article"))
    for words in expected:
        assert words in page
    assert "Comité contre l'esclavage moderne" in page and "ECPAT France" in page
    assert "private" in response["Cache-Control"]


def test_the_meeting_page_is_for_members_only(client, outsider, delegation_meeting):
    response = client.get(meeting_url(delegation_meeting))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(outsider)
    response = client.get(meeting_url(delegation_meeting))
    assert response.status_code == 403 and "CNCDH" not in response.text


def test_an_unknown_meeting_is_a_404(client, member_a):
    client.force_login(member_a)
    assert client.get(reverse("extranet:meeting_detail", args=[987654])).status_code == 404


def test_observers_read_the_meeting_page(client, observer_user, delegation_meeting):
    client.force_login(observer_user)
    assert "Audition à la CNCDH" in client.get(meeting_url(delegation_meeting)).text


def test_meetings_list_and_dashboard_link_the_meeting_page(client, member_a, delegation_meeting):
    client.force_login(member_a)
    url = meeting_url(delegation_meeting)
    assert url in hrefs(client.get(reverse("extranet:meetings")).text)
    assert url in hrefs(client.get(reverse("extranet:dashboard")).text)
    assert reverse("extranet:calendar") in hrefs(client.get(reverse("extranet:meetings")).text)


@pytest.fixture
def plenaries(association_a, association_b):
    earlier = MinutesFactory(meeting__title_fr="Plénière de juin")
    open_a = FollowUpActionFactory(minutes=earlier, association=association_a, description_fr="Envoyer le rapport 2013")
    open_all = FollowUpActionFactory(
        minutes=earlier, association=None, description_fr="Relire la déclaration", description_en="Proofread it"
    )
    done = FollowUpActionFactory(
        minutes=earlier, association=association_b, description_fr="Action close", done_at=timezone.now()
    )
    soon = timezone.now() + datetime.timedelta(days=3)
    delegation = MeetingFactory(kind=MeetingKind.DELEGATION, title_fr="Délégation avant", starts_at=soon)
    next_plenary = MeetingFactory(
        kind=MeetingKind.PLENARY, title_fr="Plénière d'octobre", starts_at=soon.replace() + datetime.timedelta(days=2)
    )
    later = MeetingFactory(
        kind=MeetingKind.PLENARY, title_fr="Plénière de décembre", starts_at=soon + datetime.timedelta(days=60)
    )
    return {"next": next_plenary, "later": later, "delegation": delegation, "open": [open_a, open_all], "done": done}


OPEN_ACTIONS = [
    ("fr", "Actions ouvertes des réunions précédentes", "Relire la déclaration"),
    ("en", "Open actions from earlier meetings", "Proofread it"),
]


@pytest.mark.parametrize(("language", "heading", "every"), OPEN_ACTIONS)
def test_the_next_plenary_lists_the_open_actions(client, member_a, plenaries, language, heading, every):
    client.force_login(member_a)
    page = text(element(client.get(meeting_url(plenaries["next"], language)).text, "article"))
    assert heading in page
    assert "Envoyer le rapport 2013" in page and "Comité contre l'esclavage moderne" in page
    assert every in page
    assert "Action close" not in page


def test_only_the_next_plenary_lists_the_open_actions(client, member_a, plenaries):
    client.force_login(member_a)
    for other in (plenaries["later"], plenaries["delegation"]):
        page = client.get(meeting_url(other)).text
        assert "Actions ouvertes" not in page and "Envoyer le rapport 2013" not in page


def test_a_done_action_leaves_the_next_agenda(client, member_a, plenaries):
    client.force_login(member_a)
    action = plenaries["open"][0]
    action.done_at = timezone.now()
    action.save()
    assert "Envoyer le rapport 2013" not in client.get(meeting_url(plenaries["next"])).text


def test_a_past_meeting_links_its_published_minutes_and_takes_no_answer(client, member_a):
    minutes = MinutesFactory(meeting__title_fr="Plénière passée")
    client.force_login(member_a)
    response = client.get(meeting_url(minutes.meeting))
    assert reverse("extranet:minutes_detail", args=[minutes.pk]) in hrefs(response.text)
    assert not [form for form in elements(response.text, "form") if "/attendance/" in form.get("action", "")]
    assert "La réunion a commencé" in response.text


@pytest.mark.parametrize(("language", "badge"), [("fr", "En retard depuis le"), ("en", "Overdue since")])
def test_the_next_agenda_flags_the_overdue_actions(client, member_a, plenaries, language, badge):
    late, on_time = plenaries["open"]
    late.due_date = timezone.localdate() - datetime.timedelta(days=10)
    late.save()
    on_time.due_date = timezone.localdate() + datetime.timedelta(days=10)
    on_time.save()
    client.force_login(member_a)
    items = elements(client.get(meeting_url(plenaries["next"], language)).text, "li", class_="action")
    flagged = [text(item) for item in items if "action--overdue" in item.get("class", "")]
    assert len(flagged) == 1 and "Envoyer le rapport 2013" in flagged[0] and badge in flagged[0]
