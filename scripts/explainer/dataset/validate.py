"""Stage 2: check the loaded files and build the typed dataset.

First each file's shape against its JSON Schema, then what a schema cannot say, one
module per concern: ids and references (check_ids), dates and eras (check_dates),
sources (check_sources), Markdown links and glossary terms (check_text), perspectives
and corrections (check_records). Every problem is
collected before anything is reported, so an editor fixes them all in one pass.
"""

from __future__ import annotations

from .build import build_dataset
from .check_dates import check_dates, check_eras
from .check_ids import check_references, check_reserved_ids, check_unique_ids
from .check_records import check_coding, check_corrections, check_perspectives
from .check_sources import check_article_address, check_high_confidence_is_earned, check_key_events_have_two_sources, check_sources
from .check_text import check_glossary_terms, check_markdown_links, check_paragraphs
from .checking import FILES, Checker
from .loader import LoadedFile
from .model import Dataset
from .problems import DataError, Problem
from .schema import shape_errors

__all__ = ["FILES", "locate_problems", "validate_dataset"]


def locate_problems(files: dict[str, LoadedFile], problems: list[Problem]) -> list[Problem]:
    """Name the entry and field of problems the loader found by path (see loader)."""
    check = Checker(files)
    by_file = {f"data/{spec.name}.yaml": spec for spec in FILES}
    return [check.locate(by_file[p.file], p) if p.path and p.file in by_file else p for p in problems]


def validate_dataset(files: dict[str, LoadedFile], found: list[Problem] = ()) -> Dataset:
    """Check every loaded file; return the dataset or raise DataError with all problems,
    ``found`` (what the loader already found) among them."""
    check = Checker(files)
    check.problems.extend(locate_problems(files, list(found)))
    specs = {spec.name: spec for spec in FILES}

    whole_file_wrong = False
    for spec in FILES:
        for path, field, message in shape_errors(spec.name, files[spec.name].data):
            check.add(spec, path, message, field)
            whole_file_wrong |= path == () and not field
        data = files[spec.name].data
        # An entry that is not a set of fields (a bare string, a number) has no id either.
        whole_file_wrong |= isinstance(data, list) and any(not isinstance(entry, dict) for entry in data)
    if whole_file_wrong:
        # A file of the wrong shape (a mapping where a list belongs, or entries that are not
        # sets of fields): every reference into it would be reported as unknown, burying the
        # real errors.
        raise DataError(check.problems)

    check_dates(check, specs)
    ids = check_unique_ids(check, specs)
    check_references(check, specs, ids)
    check_eras(check, specs)
    check_sources(check, specs)
    check_markdown_links(check, specs)
    check_glossary_terms(check, specs["glossary"])
    check_reserved_ids(check, specs)
    check_paragraphs(check, specs)
    check_key_events_have_two_sources(check, specs)
    check_high_confidence_is_earned(check, specs)
    check_article_address(check, specs)
    check_perspectives(check, specs)
    check_corrections(check, specs, ids)
    check_coding(check, specs, ids)

    if check.problems:
        raise DataError(check.problems)
    return build_dataset(files)
