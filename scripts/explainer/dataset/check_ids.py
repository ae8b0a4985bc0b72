"""Checks of ids: unique (former ids included), not reserved, and every reference known."""

from __future__ import annotations

import re

from .checking import FILES, Checker, FileSpec, entries

# Ids that would take the place of a page the generator makes itself: a section's
# overview is <folder>/index.md.
RESERVED_IDS = {"events": {"index"}, "eras": {"index"}, "themes": {"index"}, "actors": {"index"}}

# Anchors the claims page makes itself, which a claim's id (its anchor there) must not repeat.
_RESERVED_CLAIM_ANCHOR = re.compile(r"^paragraph-[0-9]+$|^the-article-claim-by-claim$")


def check_unique_ids(check: Checker, specs: dict[str, FileSpec]) -> dict[str, set[str]]:
    """An id, or a former id (an old address that redirects), belongs to one entry only."""
    ids: dict[str, set[str]] = {}
    for spec in FILES:
        seen: dict[str, tuple] = {}  # id -> path of the entry's id or former id claiming it
        current: set[str] = set()
        for i, entry in entries(check.files[spec.name].data):
            claims = [((i, "id"), entry.get("id"), "id")]
            former = entry.get("former_ids")
            claims += [((i, "former_ids", j), value, "former id") for j, value in enumerate(former if isinstance(former, list) else [])]
            for path, ident, what in claims:
                if not isinstance(ident, str):
                    continue
                if ident in seen:
                    first_line = check.files[spec.name].line_of(seen[ident])
                    check.add(spec, path, f"the {what} {ident!r} is already claimed on line {first_line}; "
                              "an id or former id belongs to one entry only")
                    continue
                seen[ident] = path
                if what == "id":
                    current.add(ident)
        ids[spec.name] = current
    return ids


def renamed_ids(check: Checker, file: str) -> dict[str, str]:
    """Former id -> current id, for the entries of ``file``."""
    return {
        old: entry["id"]
        for _, entry in entries(check.files[file].data)
        if isinstance(entry.get("former_ids"), list) and isinstance(entry.get("id"), str)
        for old in entry["former_ids"] if isinstance(old, str)
    }


def unknown_reference(what: str, value: str, where: str, renamed: dict[str, str]) -> str:
    if value in renamed:
        return f"unknown {what} {value!r}: it was renamed {renamed[value]!r}; use the new id"
    return f"unknown {what} {value!r}: no entry in {where} has this id"


def check_references(check: Checker, specs: dict[str, FileSpec], ids: dict[str, set[str]]) -> None:
    refs = (
        ("events", "themes", "themes", "theme", "data/themes.yaml"),
        ("events", "actors", "actors", "actor", "data/actors.yaml"),
        ("claims", "events", "events", "event", "data/events.yaml"),
        ("glossary", "events", "events", "event", "data/events.yaml"),
    )
    article = check.files["article"].data
    expectations = article.get("expectations") if isinstance(article, dict) else None
    for i, entry in entries(expectations):
        for j, value in enumerate(entry.get("events") if isinstance(entry.get("events"), list) else []):
            if isinstance(value, str) and value not in ids["events"]:
                check.add(specs["article"], ("expectations", i, "events", j), unknown_reference("event", value, "data/events.yaml", renamed_ids(check, "events")))
    for file, field, target, what, where in refs:
        for i, entry in entries(check.files[file].data):
            values = entry.get(field)
            if not isinstance(values, list):
                continue
            for j, value in enumerate(values):
                if isinstance(value, str) and value not in ids[target]:
                    check.add(specs[file], (i, field, j), unknown_reference(what, value, where, renamed_ids(check, target)))


def check_reserved_ids(check: Checker, specs: dict[str, FileSpec]) -> None:
    for name, reserved in RESERVED_IDS.items():
        for i, entry in entries(check.files[name].data):
            former = entry.get("former_ids") if isinstance(entry.get("former_ids"), list) else []
            for path, ident in [((i, "id"), entry.get("id"))] + [((i, "former_ids", j), f) for j, f in enumerate(former)]:
                if ident in reserved:
                    check.add(specs[name], path, f"the id {ident!r} is reserved: it is the address of a page the site makes itself ({name}/{ident}/); choose another")
    for i, entry in entries(check.files["claims"].data):
        ident = entry.get("id")
        if isinstance(ident, str) and _RESERVED_CLAIM_ANCHOR.match(ident):
            check.add(specs["claims"], (i, "id"), f"the id {ident!r} is reserved: the claims page uses it for its own headings; choose another")
