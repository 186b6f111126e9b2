"""Each member's private calendar feed: valid iCalendar, in their language, reachable only at its current token."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.users.models import UserProfile

from extranet.models import CalendarFeed, MeetingKind

from ..factories import AssociationFactory, MeetingFactory
from ..html import element

PARIS = ZoneInfo("Europe/Paris")


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def meetings(association_a, association_b):
    start = timezone.now().astimezone(PARIS).replace(hour=14, minute=0, second=0, microsecond=0)
    plenary = MeetingFactory(
        kind=MeetingKind.PLENARY,
        title_fr="Réunion plénière de rentrée",
        title_en="Back-to-work plenary meeting",
        starts_at=start + datetime.timedelta(days=12),
        ends_at=start + datetime.timedelta(days=12, hours=3),
        place_fr="Siège du Secours Catholique",
        place_en="Secours Catholique headquarters",
        address="106 rue du Bac, 75007 Paris",
        agenda_fr="<ul><li>Point sur la directive 2011/36/UE</li><li>Admission de SOS Esclaves</li></ul>",
        agenda_en="<ul><li>The 2011/36/EU directive</li><li>Admission of SOS Esclaves</li></ul>",
    )
    delegation = MeetingFactory(
        kind=MeetingKind.DELEGATION,
        title_fr="Rendez-vous à la MIPROF",
        title_en="",
        starts_at=start + datetime.timedelta(days=20),
        counterparts_fr="La secrétaire générale de la MIPROF",
        place_fr="Ministère des droits des femmes",
    )
    delegation.delegation.set([association_a, association_b])
    delegation.save()  # modelcluster keeps the delegation in memory until the meeting is saved
    long_ago = MeetingFactory(title_fr="Réunion de 2012", starts_at=timezone.now() - datetime.timedelta(days=800))
    return plenary, delegation, long_ago


def feed_url(client, user, language="fr"):
    """The subscription address shown on the user's "My calendar" page (which makes it)."""
    client.force_login(user)
    with translation.override(language):
        response = client.get(reverse("extranet:calendar"))
    assert response.status_code == 200
    url = element(response.text, "input", id="feed-url")["value"]
    client.logout()
    return url.removeprefix("http://127.0.0.1:8000").removeprefix("http://testserver")


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_is_valid_icalendar_with_the_meetings(client, member_a, meetings, settings):
    plenary, delegation, long_ago = meetings
    url = feed_url(client, member_a)
    assert url.endswith(".ics") and "/extranet/calendar/" in url
    calendar = parsed(Client().get(url))  # a calendar application: no session, no cookie

    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = events_by_uid(calendar)
    assert set(events) == {f"meeting-{plenary.pk}@contrelatraite", f"meeting-{delegation.pk}@contrelatraite"}
    event = events[f"meeting-{plenary.pk}@contrelatraite"]
    assert str(event["SUMMARY"]) == "Réunion plénière : Réunion plénière de rentrée"
    assert event.decoded("DTSTART") == plenary.starts_at
    assert event.decoded("DTSTART").tzinfo.key == "Europe/Paris"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTEND") == plenary.ends_at
    assert event.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)
    assert str(event["LOCATION"]) == "Siège du Secours Catholique, 106 rue du Bac, 75007 Paris"
    description = str(event["DESCRIPTION"])
    assert "Point sur la directive 2011/36/UE" in description and "<li>" not in description
    page = f"{settings.SITE_URL}/fr/extranet/meetings/{plenary.pk}/"
    assert page in description and str(event["URL"]) == page
    # the time zone the times refer to is in the file (RFC 5545: every TZID has its VTIMEZONE)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]

    other = events[f"meeting-{delegation.pk}@contrelatraite"]
    assert "Comité contre l'esclavage moderne" in str(other["DESCRIPTION"])
    assert "La secrétaire générale de la MIPROF" in str(other["DESCRIPTION"])
    assert other.decoded("DTEND") > other.decoded("DTSTART")


def test_the_uid_of_a_meeting_stays_the_same(client, member_a, meetings):
    plenary, *_ = meetings
    url = feed_url(client, member_a)
    before = events_by_uid(parsed(Client().get(url)))
    plenary.title_fr = "Réunion plénière (salle changée)"
    plenary.save()
    after = events_by_uid(parsed(Client().get(url)))
    assert set(before) == set(after)
    assert str(after[f"meeting-{plenary.pk}@contrelatraite"]["SUMMARY"]).endswith("(salle changée)")


def test_the_feed_is_in_the_users_preferred_language(client, member_a, meetings, settings):
    plenary, delegation, _ = meetings
    prefer(member_a, "en")
    url = feed_url(client, member_a, language="fr")  # whatever the address's language
    events = events_by_uid(parsed(Client().get(url)))
    event = events[f"meeting-{plenary.pk}@contrelatraite"]
    assert str(event["SUMMARY"]) == "Plenary meeting: Back-to-work plenary meeting"
    assert str(event["LOCATION"]).startswith("Secours Catholique headquarters")
    assert "The 2011/36/EU directive" in str(event["DESCRIPTION"])
    assert f"{settings.SITE_URL}/en/extranet/meetings/{plenary.pk}/" in str(event["DESCRIPTION"])
    # no English title: the French one, said to be French
    assert str(events[f"meeting-{delegation.pk}@contrelatraite"]["SUMMARY"]) == (
        "Delegation: Rendez-vous à la MIPROF (in French)"
    )


def test_my_calendar_page_makes_the_token_once_and_explains(client, member_a):
    assert not CalendarFeed.objects.filter(user=member_a).exists()
    first = feed_url(client, member_a)
    assert CalendarFeed.objects.filter(user=member_a).count() == 1
    assert feed_url(client, member_a) == first
    token = CalendarFeed.objects.get(user=member_a).token
    assert len(token) >= 40 and token in first
    client.force_login(member_a)
    for language, words in (("fr", "Réinitialiser"), ("en", "Reset my calendar address")):
        with translation.override(language):
            response = client.get(reverse("extranet:calendar"))
        assert words in response.text
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_reset_makes_a_new_address_and_the_old_one_answers_404(client, member_a, meetings):
    old = feed_url(client, member_a)
    client.force_login(member_a)
    assert client.get(reverse("extranet:calendar_reset")).status_code == 405
    response = client.post(reverse("extranet:calendar_reset"))
    assert response.status_code == 302
    new = feed_url(client, member_a)
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_reset_needs_the_csrf_token(member_a):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member_a)
    token = CalendarFeed.objects.create(user=member_a).token
    assert csrf_client.post(reverse("extranet:calendar_reset")).status_code == 403
    assert CalendarFeed.objects.get(user=member_a).token == token


def test_my_calendar_is_for_members_only(client, outsider):
    response = client.get(reverse("extranet:calendar"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(reverse("extranet:calendar_reset")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("extranet:calendar")).status_code == 403
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_wrong_token_is_a_404_that_says_nothing(client, member_a, meetings, language):
    feed_url(client, member_a)
    for token in ("not-a-token", "A" * 43, CalendarFeed.objects.get().token[:-1] + "x"):
        response = Client().get(f"/{language}/extranet/calendar/{token}.ics")
        assert response.status_code == 404
        assert "plénière" not in response.text and "BEGIN:VCALENDAR" not in response.text


def test_the_feed_of_a_deactivated_user_answers_404(client, member_a, meetings):
    url = feed_url(client, member_a)
    assert Client().get(url).status_code == 200
    member_a.is_active = False
    member_a.save()
    assert Client().get(url).status_code == 404


def test_the_feed_of_a_user_with_no_association_any_more_answers_404(client, member_a, meetings):
    url = feed_url(client, member_a)
    member_a.memberships.all().delete()
    assert Client().get(url).status_code == 404
    member_a.memberships.create(association=AssociationFactory())
    assert Client().get(url).status_code == 200


def test_the_feed_is_private_and_never_in_the_page_cache(client, member_a, meetings, settings):
    settings.PAGE_CACHE_ENABLED = True
    url = feed_url(client, member_a)
    response = Client().get(url)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response and not response.cookies
    member_a.is_active = False
    member_a.save()
    assert Client().get(url).status_code == 404  # not served again from a cache
