"""The pure core: raw data files in, rendered pages out. No disk, no MkDocs."""

from __future__ import annotations

from .dataset.loader import LoadedFile, parse_yaml
from .dataset.model import Dataset
from .dataset.problems import DataError, Problem
from .dataset.validate import FILES, validate_dataset
from .pages.render import render_site
from .site import SiteInfo


def load_dataset(raw_files: dict[str, bytes | None]) -> Dataset:
    """Parse and validate every data file. ``raw_files`` maps a file's name
    ("events") to its bytes, or to None when the file does not exist."""
    loaded: dict[str, LoadedFile] = {}
    problems: list[Problem] = []
    for spec in FILES:
        rel = f"data/{spec.name}.yaml"
        raw = raw_files.get(spec.name)
        if raw is None:
            problems.append(Problem(rel, 0, message="the file is missing"))
            continue
        loaded[spec.name], file_problems = parse_yaml(rel, raw)
        problems += file_problems
    if problems:  # a file that cannot be read cannot be checked against the others
        raise DataError(problems)
    return validate_dataset(loaded)


def build_pages(raw_files: dict[str, bytes | None], site: SiteInfo, schemas: dict[str, str], jobs: int = 1) -> dict[str, str]:
    """Every generated file for the given data, or DataError with all problems.
    ``schemas`` maps each JSON Schema's file name to its text (offered as a download);
    ``jobs`` is how many processes may render (see render_site)."""
    return render_site(load_dataset(raw_files), site, schemas, jobs)
