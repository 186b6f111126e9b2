"""Small charts drawn by the site itself: coordinates for inline SVG, computed on the server.

No JavaScript and no third-party library; the templates draw with SVG presentation
attributes and CSS classes (no inline style, for a strict Content-Security-Policy).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class CumulativeChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    points: list[tuple[float, float]]
    first_day: datetime.date
    last_day: datetime.date
    total: int
    busiest_day: datetime.date
    busiest_count: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)

    @property
    def area(self) -> str:
        """The polygon under the line, closed along the x axis."""
        first_x, last_x = self.points[0][0], self.points[-1][0]
        return f"{first_x:.1f},{self.bottom:.1f} {self.polyline} {last_x:.1f},{self.bottom:.1f}"

    @property
    def last_point(self) -> tuple[float, float]:
        return self.points[-1]

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def half(self) -> float:
        return self.total / 2


def cumulative_chart(
    daily_counts: list[tuple[datetime.date, int]], *, width: int = 480, height: int = 200
) -> CumulativeChart | None:
    """The running total of ``daily_counts`` (oldest first), one point per day, x proportional to time."""
    if not daily_counts:
        return None
    left, right, top, bottom = 48.0, width - 16.0, 16.0, height - 32.0
    first_day, last_day = daily_counts[0][0], daily_counts[-1][0]
    span_days = (last_day - first_day).days
    total = sum(count for _day, count in daily_counts)
    points = []
    running = 0
    for day, count in daily_counts:
        running += count
        x = left + (right - left) * ((day - first_day).days / span_days) if span_days else (left + right) / 2
        y = bottom - (bottom - top) * (running / total)
        points.append((x, y))
    busiest_day, busiest_count = max(daily_counts, key=lambda row: (row[1], row[0]))
    return CumulativeChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        first_day=first_day,
        last_day=last_day,
        total=total,
        busiest_day=busiest_day,
        busiest_count=busiest_count,
    )
