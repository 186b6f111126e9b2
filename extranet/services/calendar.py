"""Each member's private calendar feed: the collective's meetings and delegations as iCalendar (RFC 5545).

A calendar application subscribes to ``/extranet/calendar/<token>.ics`` without a session: the
token is the only key. The feed is written in the user's preferred language (their Wagtail
profile, else French), whatever the language prefix of the address.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Event

from home.core.links import site_url
from home.core.notifications import recipient_language
from home.core.text import rich_text_to_plain
from home.news.calendar import new_calendar

from ..models import CalendarFeed, Meeting, new_feed_token
from ..permissions import may_follow_calendar

PAST_MEETINGS_KEPT = timedelta(days=365)  # how far back the feed goes


def feed_of(user) -> CalendarFeed:
    """The user's feed, made on the first visit of the "My calendar" page."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def reset_feed(user) -> CalendarFeed:
    """A new token for the user's feed: the previous address answers 404 from now on."""
    feed = feed_of(user)
    feed.token = new_feed_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


def feed_url(feed: CalendarFeed, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        return site_url(reverse("extranet:calendar_feed", args=[feed.token]))


def user_of_token(token: str):
    """The user whose feed ``token`` opens, if they may still read the meetings; None otherwise."""
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not may_follow_calendar(feed.user):
        return None
    return feed.user


def feed_meetings():
    return (
        Meeting.objects.filter(starts_at__gte=timezone.now() - PAST_MEETINGS_KEPT)
        .prefetch_related("delegation")
        .order_by("starts_at")
    )


def marked(text) -> str:
    """A text of the meeting, said to be in the other language when the reader's is missing."""
    value = str(text).strip()
    return language_noted(value, text.lang) if value and text.is_fallback else value


def language_noted(value: str, lang: str) -> str:
    if lang == "fr":
        return _("%(text)s (in French)") % {"text": value}
    return _("%(text)s (in English)") % {"text": value}


def meeting_description(meeting: Meeting, url: str) -> str:
    """Plain text: who we meet, the delegation, the agenda, and the meeting's page in the extranet."""
    parts = []
    counterparts = marked(meeting.counterparts)
    if counterparts:
        parts.append(_("Who we meet: %(counterparts)s") % {"counterparts": counterparts})
    delegation = [association.name for association in meeting.delegation.all()]
    if delegation:
        parts.append(_("Delegation: %(associations)s") % {"associations": ", ".join(delegation)})
    agenda = meeting.agenda
    if agenda:
        heading = language_noted(_("Agenda"), agenda.lang) if agenda.is_fallback else _("Agenda")
        parts.append(f"{heading}\n{rich_text_to_plain(agenda.value)}")
    parts.append(url)
    return "\n\n".join(parts)


def calendar_for(user, meetings=None) -> bytes:
    """The iCalendar file of ``user``'s feed, in their preferred language."""
    with translation.override(recipient_language(user)):
        calendar = new_calendar(_("Meetings of the collective"))
        stamp = timezone.now().astimezone(UTC)
        for meeting in feed_meetings() if meetings is None else meetings:
            url = site_url(reverse("extranet:meeting_detail", args=[meeting.pk]))
            event = Event()
            event.add("uid", f"meeting-{meeting.pk}@contrelatraite")
            event.add("dtstamp", stamp)
            event.add("dtstart", timezone.localtime(meeting.starts_at))
            event.add("dtend", timezone.localtime(meeting.ends_at or meeting.starts_at + timedelta(hours=2)))
            event.add(
                "summary",
                _("%(kind)s: %(title)s") % {"kind": meeting.get_kind_display(), "title": marked(meeting.title)},
            )
            location = ", ".join(part for part in (marked(meeting.place), meeting.address.strip()) if part)
            if location:
                event.add("location", location)
            event.add("description", meeting_description(meeting, url))
            event.add("url", url)
            event.add("class", "PRIVATE")
            calendar.add_component(event)
        calendar.add_missing_timezones()
        return calendar.to_ical()
