"""What a translation translates: the reader-facing English text of the dataset, cut into
units keyed by id, one list of units per data file.

A unit is a flat mapping from a field's name to its English text. Nested records are
spelled out with the position in the English list ("perspectives.0.paraphrase"); a
translation file repeats those names, so an editor sees each English field beside its
translation. Text that stays as it is in every language is left out: ids, dates, URLs,
source titles and publishers (the names of documents), and quotes, which keep their
original language and get a translation beside them ("quote" units hold the English
quote; the translation is shown next to the original).

The fingerprint of a unit is what a translation records under ``translates:``: when the
English changes, the fingerprint changes and the translation is reported out of date.
"""

from __future__ import annotations

import hashlib
import json

from .model import Dataset, Source

# The data files that have translations, in the order coverage is reported.
TRANSLATED_FILES = ("article", "events", "claims", "actors", "eras", "themes", "glossary", "corrections", "trade")

Unit = dict[str, str]


def _put(unit: Unit, name: str, value) -> None:
    if value:
        unit[name] = str(value)


def _source_notes(unit: Unit, sources: tuple[Source, ...], prefix: str = "sources") -> None:
    for i, source in enumerate(sources):
        _put(unit, f"{prefix}.{i}.note", source.note)


def _event_unit(event, lang: str) -> Unit:
    unit: Unit = {}
    for name in ("title", "summary", "body", "significance", "turning_point", "disputed", "unverified",
                 "single_source", "category_reason"):
        _put(unit, name, getattr(event, name))
    _put(unit, "article_quote", event.article_quote)  # the article's words: shown beside their translation
    if event.location:
        _put(unit, "location", event.location.name)
    for i, view in enumerate(event.perspectives):
        _put(unit, f"perspectives.{i}.speaker", view.speaker)
        if view.quote and (view.language or "en") != lang:
            # The quote stays in its language; the reader gets a translation into theirs, made
            # from the original (the English translation is given for reference).
            _put(unit, f"perspectives.{i}.quote", view.quote if not view.language else view.translation or view.quote)
        _put(unit, f"perspectives.{i}.paraphrase", view.paraphrase)
        _put(unit, f"perspectives.{i}.none_found", view.none_found)
        if view.source:
            _put(unit, f"perspectives.{i}.source.note", view.source.note)
    _source_notes(unit, event.sources)
    return unit


def _article_units(article) -> list[tuple[str, Unit]]:
    units = [
        ("title", {"title": article.title}),  # the article's title stays English; this is its translation
        ("argument", {f"argument.{i}": point for i, point in enumerate(article.argument)}),
        ("one_minute", {"one_minute": article.one_minute}),
        ("published_note", {"published_note": article.published_note}),
    ]
    if article.central_finding:
        units.append(("central_finding", {"central_finding": article.central_finding}))
    if article.record_note:
        units.append(("record_note", {"record_note": article.record_note}))
    units += [(f"paragraph-{p.n}", {"summary": p.summary}) for p in article.paragraphs]
    units += [(e.id, {"expectation": e.expectation, "explanation": e.explanation}) for e in article.expectations]
    notes: Unit = {}
    _source_notes(notes, article.sources)
    if notes:
        units.append(("sources", notes))
    return units


def english_units(data: Dataset, lang: str) -> dict[str, list[tuple[str, Unit]]]:
    """{data file name: [(id, unit)]} for a translation into ``lang``, in data order."""
    units: dict[str, list[tuple[str, Unit]]] = {name: [] for name in TRANSLATED_FILES}
    if data.article:
        units["article"] = _article_units(data.article)
    units["events"] = [(e.id, _event_unit(e, lang)) for e in data.events]
    for claim in data.claims:
        unit = {"claim": claim.claim, "explanation": claim.explanation, "quote": claim.quote}
        _source_notes(unit, claim.sources)
        units["claims"].append((claim.id, unit))
    for actor in data.actors:
        unit: Unit = {"name": actor.name, "summary": actor.summary}
        _put(unit, "role", actor.role)
        _source_notes(unit, actor.sources)
        units["actors"].append((actor.id, unit))
    for era in data.eras:
        unit = {"title": era.title, "summary": era.summary}
        _put(unit, "body", era.body)
        units["eras"].append((era.id, unit))
    units["themes"] = [(t.id, {"title": t.title, "summary": t.summary}) for t in data.themes]
    for term in data.glossary:
        unit = {"term": term.term, "definition": term.definition}
        _put(unit, "expansion", term.expansion)
        _source_notes(unit, term.sources)
        units["glossary"].append((term.id, unit))
    units["corrections"] = [(c.id, {"what": c.what, "why": c.why}) for c in data.corrections]
    for figure in data.trade:
        unit = {}
        _put(unit, "note", figure.note)
        _put(unit, "source.note", figure.source.note)
        if unit:
            units["trade"].append((trade_id(figure), unit))
    return units


def trade_id(figure) -> str:
    """Trade figures have no id in the data: a year and its basis name one."""
    return f"{figure.year}-{figure.basis}"


def fingerprint(unit: Unit) -> str:
    """A short digest of a unit's English: twelve hex digits (48 bits) are plenty to
    notice a change, and short enough to read in a diff."""
    canonical = json.dumps(unit, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
