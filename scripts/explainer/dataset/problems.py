"""A problem found in the data, located for an editor: file, line, record, field."""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path relative to the repository root, e.g. "data/events.yaml"
    line: int  # 1-based; 0 when the whole file is at fault
    record: str = ""  # e.g. 'event "fatf-plenary-paris-2018"' or "event #3 (no id)"
    field: str = ""  # e.g. "sources[2].url"
    message: str = ""
    # Where in the data, for a problem found before the entries are known (see checking.Checker.locate).
    path: tuple = dataclass_field(default=(), compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [p for p in (self.record, f'field "{self.field}"' if self.field else "") if p]
        subject = ", ".join(parts)
        text = f"{where}: {subject}: {self.message}" if subject else f"{where}: {self.message}"
        return _one_line(text)


def _one_line(text: str) -> str:
    """A report line shows the data's own characters, but never breaks: line breaks and
    other invisible characters quoted from the data are written as escapes."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


class DataError(Exception):
    """Raised with every problem found, so an editor can fix them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the data")

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; no page was changed.")
        return "\n".join(lines)
