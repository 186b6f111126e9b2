"""Events: their pages, iCalendar files for one event and for the whole agenda, and start/end validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from ..factories import EventPageFactory


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.text)


def test_event_ics(client, content):
    calendar = _calendar(client.get(content.event.url + "event.ics"))

    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Journée européenne"
    assert event.decoded("DTSTART") == content.event.start
    assert "Maison des associations" in str(event["LOCATION"])
    assert str(event["URL"]) == f"http://testserver{content.event.url}"


def test_agenda_ics_lists_the_live_events_of_its_language(client, content, site_tree):
    EventPageFactory(parent=site_tree.fr.events, title="Réunion plénière", location_name="Paris")
    EventPageFactory(parent=site_tree.fr.events, title="Brouillon d'événement", publish=False)

    calendar = _calendar(client.get(site_tree.fr.events.url + "agenda.ics"))

    events = calendar.walk("VEVENT")
    assert sorted(str(event["SUMMARY"]) for event in events) == ["Journée européenne", "Réunion plénière"]
    for event in events:
        assert event.get("DTSTART") is not None
        assert event.get("LOCATION") is not None


def test_english_agenda_ics(client, content, site_tree):
    calendar = _calendar(client.get(site_tree.en.events.url + "agenda.ics"))

    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["European day"]


def test_event_ending_before_it_starts_is_invalid(content):
    event = content.event
    event.end = event.start - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert "end" in error.value.message_dict


def test_event_pages_link_to_their_calendar_files(client, content, site_tree):
    from ..html import hrefs

    event_links = hrefs(client.get(content.event.url).text)
    index_links = hrefs(client.get(site_tree.fr.events.url).text)

    assert content.event.url + "event.ics" in event_links
    assert site_tree.fr.events.url + "agenda.ics" in index_links


@pytest.mark.parametrize("language", ["fr", "en"])
def test_events_index_and_event_render(client, content, site_tree, language):
    event = content.event if language == "fr" else content.event_en

    index = client.get(getattr(site_tree, language).events.url)
    detail = client.get(event.url)

    assert index.status_code == 200
    assert event.title in index.text
    assert detail.status_code == 200
    assert "Maison des associations" in detail.text
