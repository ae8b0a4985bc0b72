"""Dates at the precision the sources allow: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

_ISO = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
# The years the site supports (data/schema/common.schema.json says so to editors): enough
# for a story that starts in 1947, and far from the ends of what calendars can compute.
FIRST_YEAR, LAST_YEAR = 1900, 2099
MONTHS = [calendar.month_name[m] for m in range(1, 13)]


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse "1965", "2018-02" or "2014-06-02"; raise ValueError for anything else,
        impossible days ("2019-02-30") included."""
        if not isinstance(text, str):
            raise ValueError(f"not a date: {text!r}")
        return _parse_iso(text)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @cached_property  # sorting and era checks ask for it again and again
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        """As a reader says it: "1965", "June 2014", "2 June 2014"."""
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


def format_span(start: PartialDate, end: PartialDate | None) -> str:
    """A date or a span, without repeating what both ends share:
    "18–23 February 2018", "30 June – 2 July 2019", "1972–1973"."""
    if end is None or end == start:
        return str(start)
    if start.precision == end.precision == "day":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
        if start.year == end.year:
            return f"{start.day} {MONTHS[start.month - 1]} – {end}"
    if start.precision == end.precision == "month" and start.year == end.year:
        return f"{MONTHS[start.month - 1]} – {end}"
    return f"{start} – {end}"


@lru_cache(maxsize=16384)  # thousands of events share a few thousand dates
def _parse_iso(text: str) -> PartialDate:
    match = _ISO.match(text)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"the year must be between {FIRST_YEAR} and {LAST_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"there is no month {month:02d}")
    if day is not None:
        dt.date(year, month, day)  # raises ValueError for 2019-02-30
    return PartialDate(year, month, day)
