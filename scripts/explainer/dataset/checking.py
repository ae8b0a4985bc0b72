"""What every check shares: the data files, and a collector of problems that locates each
one for an editor by file, line, entry and field."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .dates import PartialDate
from .loader import LoadedFile
from .problems import Problem


@dataclass(frozen=True)
class FileSpec:
    name: str  # data/<name>.yaml, validated by data/schema/<name>.schema.json
    record: str  # what one entry is called in messages


FILES = (
    FileSpec("events", "event"),
    FileSpec("eras", "era"),
    FileSpec("themes", "theme"),
    FileSpec("actors", "actor"),
    FileSpec("claims", "claim"),
    FileSpec("glossary", "glossary term"),
    FileSpec("article", "article"),
    FileSpec("corrections", "correction"),
    FileSpec("trade", "trade figure"),
)


class Checker:
    """Collects problems, each located by file, path and (optionally) field."""

    def __init__(self, files: dict[str, LoadedFile]):
        self.files = files
        self.problems: list[Problem] = []

    def record_label(self, spec: FileSpec, path: tuple) -> str:
        data = self.files[spec.name].data
        if not path or not isinstance(data, list) or not isinstance(path[0], int):
            return ""
        index = path[0]
        entry = data[index] if index < len(data) else None
        ident = entry.get("id", entry.get("year")) if isinstance(entry, dict) else None
        if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident).strip():
            return f'{spec.record} "{ident}"'
        return f"{spec.record} #{index + 1} (no id)"

    def locate(self, spec: FileSpec, problem: Problem) -> Problem:
        """A problem the loader found at a path, with its entry and field named."""
        data = self.files[spec.name].data
        inner = problem.path[1:] if isinstance(data, list) else problem.path
        return replace(problem, record=self.record_label(spec, problem.path), field=_field_name(list(inner)))

    def add(self, spec: FileSpec, path: tuple, message: str, field: str = "", at: int | None = None) -> None:
        """Report ``message`` about the value at ``path`` (or its absent ``field``); ``at``,
        an index into that value's text, points at the line inside a block of text."""
        loaded = self.files[spec.name]
        # An absent field has no line of its own: line_of stops at its entry's line.
        if at is not None:
            line = loaded.line_in_text(path, at)
        else:
            line = loaded.line_of(path + ((field,) if field else ()))
        data = loaded.data
        inner = path[1:] if isinstance(data, list) else path
        parts = list(inner) + ([field] if field else [])
        self.problems.append(
            Problem(loaded.name, line, self.record_label(spec, path), _field_name(parts), message)
        )


def _field_name(parts: list) -> str:
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += ("." if name else "") + str(part)
    return name


def date_or_none(value) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except (ValueError, TypeError):
        return None


def entries(data):
    """(index, entry) for every entry that is a mapping; the schema reports the others."""
    if isinstance(data, list):
        return [(i, e) for i, e in enumerate(data) if isinstance(e, dict)]
    return []


def at(data, pattern: tuple, path: tuple = ()):
    """(path, value) for every place in ``data`` that ``pattern`` ("*" for any item) names."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(data if isinstance(data, list) else []):
            yield from at(item, rest, path + (i,))
    elif isinstance(data, dict) and head in data:
        yield from at(data[head], rest, path + (head,))


def all_sources(check: Checker, specs: dict[str, FileSpec]):
    """(spec, path, source) for every source entry in every file: a record's sources, its one
    source (a trade figure) and its perspectives' sources."""
    for spec in FILES:
        data = check.files[spec.name].data
        holders = entries(data) if isinstance(data, list) else ([((), data)] if isinstance(data, dict) else [])
        for index, entry in holders:
            prefix = (index,) if isinstance(index, int) else ()
            for j, source in enumerate(entry.get("sources") or []):
                if isinstance(source, dict):
                    yield spec, prefix + ("sources", j), source
            if isinstance(entry.get("source"), dict):  # a trade figure's one source
                yield spec, prefix + ("source",), entry["source"]
            perspectives = entry.get("perspectives")
            for j, perspective in enumerate(perspectives if isinstance(perspectives, list) else []):
                if isinstance(perspective, dict) and isinstance(perspective.get("source"), dict):
                    yield spec, prefix + ("perspectives", j, "source"), perspective["source"]
