"""Geometry of the build-time charts: the timeline's marks and the home page's figure.

Pure arithmetic on the dataset; the SVG markup itself lives in the templates. Positions
are whole pixels so the output is stable and prints without stray decimals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..dataset.model import Dataset, Era, Event

PX_PER_YEAR = 24
MARGIN = 16
MARK = 5  # radius of a point mark
LANE = 14  # vertical distance between lanes
MAX_LANES = 14  # beyond this, marks share the last lane (very dense data)
AXIS_HEIGHT = 28
ERA_LABEL_HEIGHT = 18


@dataclass(frozen=True)
class Mark:
    event: Event
    x: int
    x2: int  # equal to x for a point
    y: int
    theme_index: int

    @property
    def is_span(self) -> bool:
        return self.x2 - self.x > 2 * MARK


@dataclass(frozen=True)
class Band:
    era: Era
    index: int
    x: int
    width: int


@dataclass(frozen=True)
class Tick:
    year: int
    x: int


@dataclass(frozen=True)
class TimelineLayout:
    width: int
    height: int
    marks: tuple[Mark, ...]
    bands: tuple[Band, ...]
    ticks: tuple[Tick, ...]
    first_year: int
    last_year: int
    axis_y: int


def _year_fraction(date) -> float:
    day = date.first_day
    return day.year + (day.timetuple().tm_yday - 1) / 366


def _end_fraction(date) -> float:
    day = date.last_day
    return day.year + day.timetuple().tm_yday / 366


def timeline_layout(data: Dataset) -> TimelineLayout:
    first_year = min(e.date.year for e in data.events)
    last_year = max((e.end_date or e.date).year for e in data.events) + 1
    theme_index = {t.id: i for i, t in enumerate(data.themes)}

    def x_of(fraction: float) -> int:
        return MARGIN + round((fraction - first_year) * PX_PER_YEAR)

    # Greedy lanes: each mark goes to the first lane whose last mark ends far enough left.
    lane_ends: list[int] = []
    placed = []
    for event in data.events:
        x = x_of(_year_fraction(event.date))
        x2 = max(x, x_of(_end_fraction(event.end_date))) if event.end_date else x
        lane = next((i for i, end in enumerate(lane_ends) if end + 2 * MARK + 3 <= x), None)
        if lane is None:
            if len(lane_ends) < MAX_LANES:
                lane_ends.append(x2)
                lane = len(lane_ends) - 1
            else:
                lane = MAX_LANES - 1
        lane_ends[lane] = max(lane_ends[lane], x2)
        placed.append((event, x, x2, lane))

    lanes = max(1, len(lane_ends))
    top = ERA_LABEL_HEIGHT + MARK + 6
    axis_y = top + (lanes - 1) * LANE + MARK + 8
    marks = tuple(
        Mark(event, x, x2, top + lane * LANE, theme_index[event.themes[0]]) for event, x, x2, lane in placed
    )
    width = x_of(last_year) + MARGIN
    bands = []
    for i, era in enumerate(data.eras):
        start = max(x_of(_year_fraction(era.start)), MARGIN)
        end = x_of(_end_fraction(era.end)) if era.end else width - MARGIN
        end = min(end, width - MARGIN)
        if end > start:
            bands.append(Band(era, i, start, end - start))
    ticks = tuple(Tick(y, x_of(y)) for y in range((first_year // 10 + 1) * 10, last_year + 1, 10))
    return TimelineLayout(width, axis_y + AXIS_HEIGHT, marks, tuple(bands), ticks, first_year, last_year, axis_y)


@dataclass(frozen=True)
class BarSegment:
    theme_index: int
    theme_title: str
    count: int
    y: int
    height: int


@dataclass(frozen=True)
class Bar:
    year: int
    x: int
    total: int
    segments: tuple[BarSegment, ...]


@dataclass(frozen=True)
class YearChart:
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    bar_width: int
    bars: tuple[Bar, ...]
    bands: tuple[Band, ...]
    ticks: tuple[Tick, ...]
    max_count: int
    busiest: tuple[int, int]  # (year, count)


def year_chart(data: Dataset, bar_width: int = 8, plot_height: int = 120) -> YearChart:
    """Events per year, each bar stacked by the events' first theme, over the eras."""
    first_year = min(e.date.year for e in data.events)
    last_year = max(e.date.year for e in data.events)
    left, top = 28, 22
    counts: dict[int, Counter] = {}
    for event in data.events:
        counts.setdefault(event.date.year, Counter())[event.themes[0]] += 1
    max_count = max(sum(c.values()) for c in counts.values())
    scale = plot_height / max_count
    bottom = top + plot_height

    def x_of(year: float) -> int:
        return left + round((year - first_year) * bar_width)

    bars = []
    for year in sorted(counts):
        y = bottom
        segments = []
        for i, theme in enumerate(data.themes):
            n = counts[year].get(theme.id, 0)
            if n:
                h = max(1, round(n * scale))
                y -= h
                segments.append(BarSegment(i, theme.title, n, y, h))
        bars.append(Bar(year, x_of(year), sum(counts[year].values()), tuple(segments)))
    bands = []
    for i, era in enumerate(data.eras):
        start = max(x_of(era.start.first_day.year), left)
        end = min(x_of((era.end.last_day.year + 1) if era.end else last_year + 1), x_of(last_year + 1))
        if end > start:
            bands.append(Band(era, i, start, end - start))
    ticks = tuple(Tick(y, x_of(y)) for y in range((first_year // 10 + 1) * 10, last_year + 1, 10))
    busiest = max(((y, sum(c.values())) for y, c in counts.items()), key=lambda t: (t[1], -t[0]))
    return YearChart(x_of(last_year + 1) + 8, bottom + 24, top, bottom, bar_width, tuple(bars), tuple(bands), ticks, max_count, busiest)
