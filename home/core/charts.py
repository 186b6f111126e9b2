"""Small charts drawn by the site itself: coordinates for inline SVG, computed on the server.

No JavaScript and no third-party library; the templates draw with SVG presentation
attributes and CSS classes (no inline style, for a strict Content-Security-Policy).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

# The margins of the drawing area inside the chart: room for the axes' labels on the left and below.
LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN, BOTTOM_MARGIN = 48.0, 16.0, 16.0, 32.0


@dataclass(frozen=True)
class CumulativeChart:
    width: int
    height: int
    points: list[tuple[float, float]]
    first_day: datetime.date
    last_day: datetime.date
    total: int
    busiest_day: datetime.date
    busiest_count: int

    left: ClassVar[float] = LEFT_MARGIN
    top: ClassVar[float] = TOP_MARGIN

    @property
    def right(self) -> float:
        return self.width - RIGHT_MARGIN

    @property
    def bottom(self) -> float:
        return self.height - BOTTOM_MARGIN

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
    left, right, top, bottom = LEFT_MARGIN, width - RIGHT_MARGIN, TOP_MARGIN, height - BOTTOM_MARGIN
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
    busiest = max(daily_counts, key=lambda row: (row[1], row[0]))
    return CumulativeChart(width, height, points, first_day, last_day, total, *busiest)
