"""iCalendar (RFC 5545) files for events."""

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event

from home.core.links import page_url


def new_calendar(name: str = "") -> Calendar:
    """An empty calendar of the site (PRODID, VERSION, CALSCALE) named ``name`` (the site's name by default)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Ensemble contre la traite des êtres humains//contrelatraite//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name or settings.WAGTAIL_SITE_NAME)
    return calendar


def events_to_ical(events: Iterable, request=None) -> bytes:
    calendar = new_calendar()
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.translation_key}@contrelatraite")
        event.add("summary", page.title)
        event.add("dtstart", page.start)
        if page.end:
            event.add("dtend", page.end)
        event.add("dtstamp", page.last_published_at or page.start)
        location = ", ".join(part for part in (page.location_name, page.address) if part)
        if location:
            event.add("location", location)
        if page.introduction:
            event.add("description", page.introduction)
        event.add("url", page_url(page, request))  # under SITE_URL
        calendar.add_component(event)
    return calendar.to_ical()


def ics_response(content: bytes, filename: str) -> HttpResponse:
    """An iCalendar file as a download."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
