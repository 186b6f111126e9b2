"""The demo content's clock: Paris time, and the dates it computes from today (one set for every app)."""

import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def at(year, month, day, hour=0, minute=0) -> datetime.datetime:
    """A moment in Paris time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def on(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """``day`` at ``hour`` in Paris time."""
    return at(day.year, day.month, day.day, hour, minute)


def next_weekday_after(day: datetime.date, weekday: int, min_days: int) -> datetime.date:
    """The first ``weekday`` at least ``min_days`` after ``day``, outside the year-end holidays."""
    start = day + datetime.timedelta(days=min_days)
    if (start.month, start.day) >= (12, 20):
        start = datetime.date(start.year + 1, 1, 6)
    elif (start.month, start.day) <= (1, 5):
        start = datetime.date(start.year, 1, 6)
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
