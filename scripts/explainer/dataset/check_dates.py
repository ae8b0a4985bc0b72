"""Checks of dates: real calendar days, spans that end after they start, eras that tile time."""

from __future__ import annotations

import re

from .checking import Checker, FileSpec, all_sources, date_or_none, entries
from .dates import PartialDate

def check_dates(check: Checker, specs: dict[str, FileSpec]) -> None:
    def real(spec, path, value):
        if isinstance(value, str) and re.fullmatch(r"(19|20)[0-9]{2}(-[0-9]{2}(-[0-9]{2})?)?", value):
            try:
                PartialDate.parse(value)
            except ValueError as err:
                check.add(spec, path, f"{value!r} is not a real date ({err})")

    events = specs["events"]
    for i, event in entries(check.files["events"].data):
        real(events, (i, "date"), event.get("date"))
        real(events, (i, "end_date"), event.get("end_date"))
        start, end = date_or_none(event.get("date")), date_or_none(event.get("end_date"))
        if start and end and end.last_day < start.first_day:
            check.add(events, (i, "end_date"), f"the span ends ({end}) before it starts ({start}); end_date must not be before date")
    eras = specs["eras"]
    for i, era in entries(check.files["eras"].data):
        real(eras, (i, "start"), era.get("start"))
        real(eras, (i, "end"), era.get("end"))
        start, end = date_or_none(era.get("start")), date_or_none(era.get("end"))
        if start and end and end.last_day < start.first_day:
            check.add(eras, (i, "end"), "the era ends before it starts")
    article = check.files["article"].data
    if isinstance(article, dict):
        real(specs["article"], ("published",), article.get("published"))
    for spec, path, source in all_sources(check, specs):
        real(spec, path + ("date",), source.get("date"))


def check_eras(check: Checker, specs: dict[str, FileSpec]) -> None:
    eras_spec, events_spec = specs["eras"], specs["events"]
    eras = []
    for i, entry in entries(check.files["eras"].data):
        start = date_or_none(entry.get("start"))
        end = date_or_none(entry.get("end")) if "end" in entry else None
        if start and (end or "end" not in entry):
            eras.append((i, start, end))
    for (i, start, end), (j, next_start, _) in zip(eras, eras[1:]):
        if end is None:
            check.add(eras_spec, (i,), "only the last era may leave out its end", "end")
        elif next_start.first_day <= end.last_day:
            check.add(eras_spec, (j, "start"), f"this era starts before the previous one ends ({end}); eras must not overlap")
        elif (next_start.first_day - end.last_day).days > 1:
            check.add(eras_spec, (j, "start"), f"there is a gap between the previous era's end ({end}) and this start; eras must follow each other")
    for i, event in entries(check.files["events"].data):
        date = date_or_none(event.get("date"))
        if date and eras and not any(
            s.first_day <= date.first_day and (e is None or date.first_day <= e.last_day) for _, s, e in eras
        ):
            check.add(events_spec, (i, "date"), f"{date} falls in no era of data/eras.yaml; add or widen an era")
