"""Reminders of the end of an observer year, to the coordination and to the association (daily command).

The minutes' rule: an observer's year ends with a vote on its admission. One month before that day,
and on the day, the coordinators and the association's users are written to, each in their own
language, once: a ``MembershipReminder`` (association, kind, end date) records what was sent.

A run that missed days catches up: the "one month before" reminder is sent on the first run on or
after its day while the year has not ended; the "on the day" one on the first run on or after the
end. Once the association is admitted (or has left) nothing is sent; an observer year extended to
another day gets reminders of its own (they are about another end date).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from home.core.links import site_url
from home.core.notifications import send_in_language
from home.models import Association, MembershipStatus

from ..models import MembershipReminder
from .recipients import recipients

Kind = MembershipReminder.Kind
SITE_NAME = gettext_lazy("Together against trafficking in human beings")


def one_month_before(day: datetime.date) -> datetime.date:
    """The same day of the previous month (the month's last day when it has fewer days: 31 March → 28 February)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DueReminder:
    association: Association
    kind: str
    ends_on: datetime.date


def due_reminders(today: datetime.date) -> list[DueReminder]:
    """The reminders a run on ``today`` sends (those not sent yet)."""
    due = []
    for association in Association.objects.filter(status=MembershipStatus.OBSERVER).order_by("name"):
        ends_on = association.observer_year_ends_on
        if ends_on is None:
            continue
        if today >= ends_on:
            kind = Kind.ON_THE_DAY
        elif today >= one_month_before(ends_on):
            kind = Kind.MONTH_BEFORE
        else:
            continue
        if not MembershipReminder.objects.filter(association=association, kind=kind, for_date=ends_on).exists():
            due.append(DueReminder(association, kind, ends_on))
    return due


def send_reminder(reminder: DueReminder) -> int:
    """Email one reminder to everyone concerned, once (a concurrent run sends nothing); the number sent."""
    association = reminder.association
    try:
        with transaction.atomic():
            record = MembershipReminder.objects.create(
                association=association, kind=reminder.kind, for_date=reminder.ends_on
            )
    except IntegrityError:
        return 0
    sent = 0
    for recipient in recipients(association):

        def context(recipient=recipient):  # in the recipient's language: the links have its prefix
            if recipient.coordination:
                url = site_url(reverse("wagtailsnippets_home_association:membership", args=[association.pk]))
            else:
                url = site_url(reverse("extranet:dashboard"))
            return {
                "association": association,
                "ends_on": reminder.ends_on,
                "since": association.status_since,
                "ended": reminder.kind == Kind.ON_THE_DAY,
                "coordination": recipient.coordination,
                "url": url,
                "site_name": SITE_NAME,
            }

        send_in_language("extranet/email/membership_reminder", context, recipient.email, user=recipient.user)
        sent += 1
    record.recipients = sent
    record.sent_at = timezone.now()
    record.save(update_fields=["recipients", "sent_at"])
    return sent


def send_membership_reminders(today: datetime.date | None = None) -> list[tuple[DueReminder, int]]:
    """Send the reminders due on ``today`` (the local date by default); each with its number of emails."""
    today = today or timezone.localdate()
    return [(reminder, send_reminder(reminder)) for reminder in due_reminders(today)]
