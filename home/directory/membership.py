"""An association's place in the collective over time: observer year, admission, departure.

The minutes' rule: an association is an observer for one year from the day it confirms; during
that year it takes part but does not vote nor represent the collective; one year later a vote
decides whether it joins as a full member. Every change is a new ``StatusPeriod`` (the history
coordinators read), and the association's ``status``, ``status_since`` and ``status_until`` are
updated with it in one transaction (saving the association starts a new page-cache generation,
so the public badge follows at once). Ballots (the member area) call these functions.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from .models import Association, MembershipStatus, StatusPeriod, observer_year_end


def current_period(association: Association) -> StatusPeriod | None:
    """The period that lasts: the latest recorded one without an end."""
    return association.status_periods.filter(ends_on__isnull=True).order_by("-recorded_at", "-pk").first()


@transaction.atomic
def record_status(
    association: Association,
    status: str,
    on: date | None,
    *,
    until: date | None = None,
    user=None,
    note_fr: str = "",
    note_en: str = "",
) -> StatusPeriod:
    """Close the current period on ``on`` and open one with ``status`` from ``on`` (to ``until`` planned)."""
    association = Association.objects.select_for_update().get(pk=association.pk)
    for period in association.status_periods.filter(ends_on__isnull=True):
        period.ends_on = on
        period.save(update_fields=["ends_on"])
    period = StatusPeriod.objects.create(
        association=association,
        status=status,
        starts_on=on,
        recorded_by=user,
        note_fr=note_fr,
        note_en=note_en,
    )
    association.status = status
    association.status_since = on
    association.status_until = until
    association.save(update_fields=["status", "status_since", "status_until"])
    return period


def start_observer_year(association: Association, on: date, **details) -> StatusPeriod:
    """The association confirms: an observer from ``on``, for one year."""
    return record_status(association, MembershipStatus.OBSERVER, on, until=observer_year_end(on), **details)


def admit(association: Association, on: date, **details) -> StatusPeriod:
    """A full member from ``on`` (the vote on its admission closed that day)."""
    return record_status(association, MembershipStatus.MEMBER, on, **details)


def end_membership(association: Association, on: date, **details) -> StatusPeriod:
    """No longer in the collective from ``on`` (not admitted, or it left)."""
    return record_status(association, MembershipStatus.LEFT, on, **details)


def extend_observer_year(association: Association, until: date, *, on: date | None = None, **details) -> StatusPeriod:
    """The observer year goes on until ``until`` (a new observer period from ``on``, by default its planned end)."""
    association.refresh_from_db(fields=["status", "status_since", "status_until"])  # the end as recorded
    start = on or association.observer_year_ends_on or association.status_since
    period = record_status(association, MembershipStatus.OBSERVER, start, until=until, **details)
    return period


def history(association: Association):
    """The association's periods, the latest recorded first (with who recorded them)."""
    return association.status_periods.select_related("recorded_by").order_by("-recorded_at", "-pk")
