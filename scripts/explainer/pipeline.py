"""The pure core: raw data files in, rendered pages out. No disk, no MkDocs."""

from __future__ import annotations

from .dataset.loader import LoadedFile, parse_yaml
from .dataset.model import Dataset
from .dataset.problems import DataError, Problem
from .dataset.validate import FILES, locate_problems, validate_dataset
from .pages.render import render_site
from .site import SiteInfo


def load_dataset(raw_files: dict[str, bytes | str | None]) -> Dataset:
    """Parse and validate every data file. ``raw_files`` maps a file's name
    ("events") to its bytes, to None when the file does not exist, or to a sentence
    saying why it cannot be read ("is a folder, not a file")."""
    loaded: dict[str, LoadedFile] = {}
    unreadable: list[Problem] = []
    in_values: list[Problem] = []  # characters a value may not hold: the entries are still known
    for spec in FILES:
        rel = f"data/{spec.name}.yaml"
        raw = raw_files.get(spec.name)
        if raw is None or isinstance(raw, str):
            unreadable.append(Problem(rel, 0, message=raw or "the file is missing"))
            continue
        loaded[spec.name], file_problems = parse_yaml(rel, raw)
        (in_values if loaded[spec.name].root is not None else unreadable).extend(file_problems)
    if unreadable:  # a file that cannot be read cannot be checked against the others
        readable = {name: file for name, file in loaded.items() if file.root is not None}
        raise DataError(unreadable + locate_problems(readable, in_values))
    return validate_dataset(loaded, in_values)


def build_pages(raw_files: dict[str, bytes | None], site: SiteInfo, schemas: dict[str, str], jobs: int = 1) -> dict[str, str]:
    """Every generated file for the given data, or DataError with all problems.
    ``schemas`` maps each JSON Schema's file name to its text (offered as a download);
    ``jobs`` is how many processes may render (see render_site)."""
    return render_site(load_dataset(raw_files), site, schemas, jobs)
