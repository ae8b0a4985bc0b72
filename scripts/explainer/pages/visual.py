"""Geometry of the build-time charts: the timeline's marks and labels, the relationship chart and the trade chart.

Pure arithmetic on the dataset; the SVG markup itself lives in the templates. Positions
are whole pixels so the output is stable and prints without stray decimals.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dataset.model import Dataset, Era, Event

PX_PER_YEAR = 24
MARGIN = 16
MARK = 5  # radius of a point mark
LANE = 14  # vertical distance between lanes
MAX_LANES = 14  # beyond this, marks share the last lane (very dense data)
AXIS_HEIGHT = 28
ERA_LABEL_HEIGHT = 18
# Turning points get a label above the marks: rows of 12 px text, each label set where its
# row has room. The width per character is a generous estimate for the reader's sans-serif
# font (the browser tests measure the real boxes and check that nothing overlaps).
LABEL_ROW = 17
LABEL_CHAR_PX = 7.4
LABEL_GAP = 10


@dataclass(frozen=True)
class TextMetrics:
    """How a language's labels take room (measured in Chromium, with the fonts readers
    have): width per character, label row height, the baseline's distance from the row's
    foot, and the same two for the era names at the top."""

    char_px: float
    row: int
    baseline: int
    era_height: int
    era_baseline: int


# Cyrillic runs a little wider than Latin. Urdu letters join and run narrow, but Nastaliq
# stands tall: its lines need twice the room.
LABEL_METRICS = {
    "en": TextMetrics(LABEL_CHAR_PX, LABEL_ROW, 2, ERA_LABEL_HEIGHT, 13),
    "ru": TextMetrics(7.8, LABEL_ROW, 2, ERA_LABEL_HEIGHT, 13),
    "ur": TextMetrics(7.2, 40, 8, 34, 22),
}


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
class Label:
    event: Event
    x: int  # where the text starts
    y: int  # its baseline
    width: int  # estimated
    mark_x: int
    mark_top: int  # where the leader line from the label ends


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
    labels: tuple[Label, ...] = ()
    era_label_y: int = 13


def _year_fraction(date) -> float:
    day = date.first_day
    return day.year + (day.timetuple().tm_yday - 1) / 366


def _end_fraction(date) -> float:
    day = date.last_day
    return day.year + day.timetuple().tm_yday / 366


def timeline_layout(data: Dataset, lang: str = "en") -> TimelineLayout:
    metrics = LABEL_METRICS.get(lang, LABEL_METRICS["en"])
    char_px, label_row, era_height = metrics.char_px, metrics.row, metrics.era_height
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

    width = x_of(last_year) + MARGIN
    # Label rows for the turning points, between the era names and the marks.
    # A label goes in the first row where it overlaps no other label, no leader line from a
    # label above crosses it, and its own leader line crosses no label below.
    label_rows = []  # (event, start, width, row, mark x)
    rows = 0
    for event, x, _x2, _lane in placed:
        if not event.turning_point:
            continue
        text_width = round(len(event.turning_point) * char_px) + 4
        start = min(max(MARGIN, x - 4), width - MARGIN - text_width)

        def fits(row: int) -> bool:
            for _e, s, w, r, lx in label_rows:
                if r == row and s - LABEL_GAP < start + text_width and start < s + w + LABEL_GAP:
                    return False  # overlaps a label in the same row
                if r < row and start - 3 <= lx <= start + text_width + 3:
                    return False  # a leader from a label above would cross this one
                if r > row and s - 3 <= x <= s + w + 3:
                    return False  # this label's leader would cross a label below
            return True

        row = next((r for r in range(rows) if fits(r)), rows)
        rows = max(rows, row + 1)
        label_rows.append((event, start, text_width, row, x))
    label_band = rows * label_row + (6 if rows else 0)

    lanes = max(1, len(lane_ends))
    top = era_height + label_band + MARK + 6
    axis_y = top + (lanes - 1) * LANE + MARK + 8
    marks = tuple(
        Mark(event, x, x2, top + lane * LANE, theme_index[event.themes[0]]) for event, x, x2, lane in placed
    )
    mark_y = {m.event.id: m.y for m in marks}
    labels = tuple(
        Label(event, start, era_height + (row + 1) * label_row - metrics.baseline, text_width, x, mark_y[event.id] - MARK - 1)
        for event, start, text_width, row, x in label_rows
    )
    bands = []
    for i, era in enumerate(data.eras):
        start = max(x_of(_year_fraction(era.start)), MARGIN)
        end = x_of(_end_fraction(era.end)) if era.end else width - MARGIN
        end = min(end, width - MARGIN)
        if end > start:
            bands.append(Band(era, i, start, end - start))
    ticks = tuple(Tick(y, x_of(y)) for y in range((first_year // 10 + 1) * 10, last_year + 1, 10))
    return TimelineLayout(width, axis_y + AXIS_HEIGHT, marks, tuple(bands), ticks, first_year, last_year, axis_y, labels, metrics.era_baseline)


# --- The relationship over time: the Goldstein weights of the bilateral events -----------

GOLDSTEIN_MAX = 10


@dataclass(frozen=True)
class ToneBar:
    year: int
    x: int
    y: int  # top of the bar
    height: int
    mean: float  # mean Goldstein weight of the year's bilateral events
    count: int
    events: tuple[Event, ...]


@dataclass(frozen=True)
class RelationshipChart:
    width: int
    height: int
    zero_y: int
    plot_top: int
    plot_bottom: int
    bar_width: int
    bars: tuple[ToneBar, ...]
    bands: tuple[Band, ...]
    ticks: tuple[Tick, ...]
    first_year: int
    last_year: int
    events_counted: int
    best: ToneBar | None
    worst: ToneBar | None


def relationship_chart(data: Dataset, bar_width: int = 8, half_height: int = 60) -> RelationshipChart:
    """The mean Goldstein weight (-10 conflict to +10 cooperation) of each year's recorded
    events between Pakistan and the USSR or Russia, drawn up or down from zero, over the
    eras. A year without such an event is left blank: no value is guessed for it."""
    first_year = min(e.date.year for e in data.events)
    last_year = max(e.date.year for e in data.events)
    left, top = 34, 22
    zero = top + half_height
    by_year: dict[int, list[Event]] = {}
    for event in data.events:
        if event.bilateral and event.category:
            by_year.setdefault(event.date.year, []).append(event)

    def x_of(year: float) -> int:
        return left + round((year - first_year) * bar_width)

    bars = []
    for year in sorted(by_year):
        events = tuple(by_year[year])
        mean = sum(e.category.weight for e in events) / len(events)
        size = max(1, round(abs(mean) / GOLDSTEIN_MAX * half_height)) if mean else 1
        y = zero - size if mean >= 0 else zero
        bars.append(ToneBar(year, x_of(year), y, size, round(mean, 1), len(events), events))
    bands = []
    for i, era in enumerate(data.eras):
        start = max(x_of(era.start.first_day.year), left)
        end = min(x_of((era.end.last_day.year + 1) if era.end else last_year + 1), x_of(last_year + 1))
        if end > start:
            bands.append(Band(era, i, start, end - start))
    ticks = tuple(Tick(y, x_of(y)) for y in range((first_year // 10 + 1) * 10, last_year + 1, 10))
    best = max(bars, key=lambda b: (b.mean, b.count, -b.year), default=None)
    worst = min(bars, key=lambda b: (b.mean, -b.count, b.year), default=None)
    return RelationshipChart(
        x_of(last_year + 1) + 8, zero + half_height + 24, zero, top, zero + half_height, bar_width,
        tuple(bars), tuple(bands), ticks, first_year, last_year, sum(b.count for b in bars), best, worst,
    )


# --- Bilateral trade, as the sources state it -------------------------------------------

@dataclass(frozen=True)
class TradeBar:
    year: int
    x: int
    y: int
    height: int
    usd_million: float
    basis: str


@dataclass(frozen=True)
class TradeChart:
    width: int
    height: int
    plot_bottom: int
    bar_width: int
    bars: tuple[TradeBar, ...]
    ticks: tuple[Tick, ...]
    first_year: int
    last_year: int
    max_value: float


def trade_chart(data: Dataset, bar_width: int = 24, plot_height: int = 110) -> TradeChart | None:
    """One bar per year that has a sourced figure; the years between are blank."""
    if not data.trade:
        return None
    figures = {}
    for figure in data.trade:  # a calendar-year figure wins over a fiscal-year one for the same year
        if figure.year not in figures or figure.basis == "calendar":
            figures[figure.year] = figure
    first_year, last_year = min(figures), max(figures)
    left, top = 40, 16
    bottom = top + plot_height
    peak = max(f.usd_million for f in figures.values())

    def x_of(year: int) -> int:
        return left + (year - first_year) * (bar_width + 14)  # room for a year's label under each bar

    bars = tuple(
        TradeBar(year, x_of(year), bottom - max(1, round(f.usd_million / peak * plot_height)),
                 max(1, round(f.usd_million / peak * plot_height)), f.usd_million, f.basis)
        for year, f in sorted(figures.items())
    )
    step = 5 if last_year - first_year > 16 else 1
    ticks = tuple(Tick(y, x_of(y) + bar_width // 2) for y in range(first_year, last_year + 1) if y % step == 0 or y in (first_year, last_year))
    return TradeChart(x_of(last_year) + bar_width + 16, bottom + 24, bottom, bar_width, bars, ticks, first_year, last_year, peak)
