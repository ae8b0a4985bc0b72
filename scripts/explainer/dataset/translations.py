"""Translations of the data: read, checked against the English, and applied.

data/translations/<lang>/<file>.yaml holds, for each entry of data/<file>.yaml that has
been translated, its id, the fingerprint of the English it translates (``translates:``)
and its translated fields, named as translatable.py names them. This module is pure:
it gets the files' bytes and gives back a translated dataset, the problems found, the
translations that are out of date, and how much is translated.

- A translation whose fingerprint no longer matches the English is out of date: the
  English is shown instead, marked (see ``Untranslated``), and ``make check`` fails with
  the file and line until an editor updates the translation and its fingerprint.
- A field that is not translated yet shows the English, marked the same way.
- An unknown id or field, a missing fingerprint or an empty value is a problem in the
  data: the build stops and names the file, line, entry and field, like any other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from .check_text import unusable_term
from .links import link_problems
from .loader import LoadedFile, parse_yaml
from .model import Article, Dataset, Paragraph, Place, Source
from .problems import Problem
from .translatable import TRANSLATED_FILES, Unit, english_units, fingerprint, trade_id

TRANSLATIONS_DIR = "data/translations"
TERMS_FILE = f"{TRANSLATIONS_DIR}/terms.yaml"
_FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
_RECORD = {"article": "article part", "events": "event", "claims": "claim", "actors": "actor", "eras": "era",
           "themes": "theme", "glossary": "glossary term", "corrections": "correction", "trade": "trade figure"}


class Untranslated(str):
    """English text shown in another edition because its translation is missing or out
    of date. Pages print it with lang="en" and say that it is not translated yet."""


def translation_path(lang: str, name: str) -> str:
    return f"{TRANSLATIONS_DIR}/{lang}/{name}.yaml"


@dataclass
class Coverage:
    """How much of one file is translated, counted in entries."""

    total: int = 0
    translated: int = 0  # every field translated, and up to date
    partial: int = 0  # up to date, some fields missing
    stale: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.partial - self.stale


@dataclass
class Translation:
    """One language's translated fields, the problems found, and its coverage."""

    lang: str
    fields: dict[str, dict[str, Unit]] = field(default_factory=dict)  # file -> id -> {field: text}
    problems: list[Problem] = field(default_factory=list)  # stop the build
    stale: list[Problem] = field(default_factory=list)  # fail `make check`; the English is shown
    coverage: dict[str, Coverage] = field(default_factory=dict)


def read_translation(data: Dataset, lang: str, raw_files: dict[str, bytes | None],
                     terms: dict[str, dict[str, str]] | None = None) -> Translation:
    """Check the translation files of ``lang`` (``raw_files``: file name -> bytes, or None
    when the file does not exist) against the English of ``data``."""
    result = Translation(lang)
    english = english_units(data, lang)
    renamed = {name: {old: record.id for record in records for old in getattr(record, "former_ids", ())}
               for name, records in (("events", data.events), ("actors", data.actors), ("themes", data.themes), ("eras", data.eras))}
    for name in TRANSLATED_FILES:
        units = dict(english[name])
        coverage = result.coverage[name] = Coverage(total=len(units))
        raw = raw_files.get(name)
        result.fields[name] = {}
        if raw is None:
            continue
        rel = translation_path(lang, name)
        loaded, problems = parse_yaml(rel, raw)
        result.problems += problems
        if loaded.root is None:
            continue
        _check_file(result, name, rel, loaded, units, coverage, terms or {}, renamed.get(name, {}))
    return result


def _check_file(result: Translation, name: str, rel: str, loaded: LoadedFile, units: dict[str, Unit],
                coverage: Coverage, terms: dict[str, dict[str, str]], renamed: dict[str, str]) -> None:
    what = _RECORD[name]
    if not isinstance(loaded.data, list):
        result.problems.append(Problem(rel, 1, message="expected a list of translated entries, each starting with `- id:`"))
        return
    seen: set[str] = set()
    for index, entry in enumerate(loaded.data):
        line = loaded.line_of((index,))
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            result.problems.append(Problem(rel, line, f"entry #{index + 1}", "id", "expected `id:` naming the English entry it translates"))
            continue
        ident = entry["id"]
        record = f'{what} "{ident}"'
        if ident in renamed and renamed[ident] not in (e.get("id") for e in loaded.data if isinstance(e, dict)):
            # Renamed in the English: the translation still applies; the editor renames it here too.
            result.stale.append(Problem(rel, line, record, "id", f"was renamed to {renamed[ident]!r} in data/{name}.yaml: "
                                                                 "change the id here too"))
            ident = renamed[ident]
        if ident in seen:
            result.problems.append(Problem(rel, line, record, "id", "translated twice in this file; keep one entry"))
            continue
        seen.add(ident)
        unit = units.get(ident)
        if unit is None:
            result.problems.append(Problem(rel, line, record, "id", f"no {what} has this id in data/{name}.yaml; "
                                                                     "was it renamed or removed?"))
            continue
        current = fingerprint(unit)
        stamp = entry.get("translates")
        if not isinstance(stamp, str) or not _FINGERPRINT.match(stamp):
            result.problems.append(Problem(rel, loaded.line_of((index, "translates")), record, "translates",
                                           f"expected the fingerprint of the English it translates, 12 hex digits: now {current}"))
            continue
        problems = []
        fields: Unit = {}
        for key, value in entry.items():
            if key in ("id", "translates"):
                continue
            where = loaded.line_of((index, key))
            if key not in unit:
                expected = ", ".join(unit) or "none"
                problems.append(Problem(rel, where, record, str(key), f"not a translatable field of this {what} "
                                                                      f"(its English fields: {expected})"))
            elif not isinstance(value, str) or not value.strip():
                problems.append(Problem(rel, where, record, key, "expected the translated text; leave the field out "
                                                                 "if it is not translated yet"))
            else:
                fields[key] = value
                problems += [Problem(rel, where, record, key, sentence) for sentence, _ in link_problems(value)]
                if name == "glossary" and key == "term" and (why := unusable_term(value)):
                    problems.append(Problem(rel, where, record, key, why))
        problems += _term_problems(name, rel, loaded, index, record, unit, fields, terms, result.lang)
        if problems:
            result.problems += problems
            continue
        if stamp != current:
            result.stale.append(Problem(rel, loaded.line_of((index, "translates")), record, "translates",
                                        f"out of date: the English in data/{name}.yaml changed since this translation "
                                        f"(fingerprint {stamp}, now {current}); update the translation, then set "
                                        f"`translates: {current}`"))
            coverage.stale += 1
            continue
        result.fields[name][ident] = fields
        if len(fields) == len(unit):
            coverage.translated += 1
        else:
            coverage.partial += 1


def _term_problems(name, rel, loaded, index, record, unit, fields, terms, lang) -> list[Problem]:
    """Names and glossary terms follow the shared list of translation choices."""
    key = {"actors": "name", "glossary": "term"}.get(name)
    if not key or key not in fields:
        return []
    choice = terms.get(unit[key], {}).get(lang)
    if choice and fields[key] != choice:
        return [Problem(rel, loaded.line_of((index, key)), record, key,
                        f"expected {choice!r}, the form chosen for {unit[key]!r} in {TERMS_FILE}")]
    return []


def read_terms(raw: bytes | None, langs: tuple[str, ...]) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """The shared list of translation choices: {English: {lang: form}}."""
    if raw is None:
        return {}, []
    loaded, problems = parse_yaml(TERMS_FILE, raw)
    if loaded.root is None:
        return {}, problems
    if not isinstance(loaded.data, list):
        return {}, [Problem(TERMS_FILE, 1, message="expected a list of terms, each starting with `- en:`")]
    terms: dict[str, dict[str, str]] = {}
    for index, entry in enumerate(loaded.data):
        line = loaded.line_of((index,))
        if not isinstance(entry, dict) or not isinstance(entry.get("en"), str):
            problems.append(Problem(TERMS_FILE, line, f"term #{index + 1}", "en", "expected `en:`, the English form"))
            continue
        record = f'term "{entry["en"]}"'
        if entry["en"] in terms:
            problems.append(Problem(TERMS_FILE, line, record, "en", "listed twice; keep one entry"))
            continue
        for key, value in entry.items():
            allowed = ("en", *langs, *(f"note_{lang}" for lang in langs))
            if key not in allowed:
                problems.append(Problem(TERMS_FILE, loaded.line_of((index, key)), record, str(key),
                                        f"expected one of: {', '.join(allowed)}"))
            elif not isinstance(value, str) or not value.strip():
                problems.append(Problem(TERMS_FILE, loaded.line_of((index, key)), record, str(key), "expected text"))
        terms[entry["en"]] = {k: v for k, v in entry.items() if k in langs and isinstance(v, str)}
    return terms, problems


# --- Applying a translation -------------------------------------------------------------

class _Fields:
    """One entry's translated fields; a missing one gives the English, marked."""

    def __init__(self, fields: Unit):
        self.fields = fields

    def __call__(self, key: str, english):
        if not english:
            return english
        text = self.fields.get(key)
        return text if text is not None else Untranslated(english)

    def optional(self, key: str) -> str | None:
        return self.fields.get(key)


def _sources(t: _Fields, sources: tuple[Source, ...], prefix: str = "sources") -> tuple[Source, ...]:
    return tuple(replace(s, note=t(f"{prefix}.{i}.note", s.note)) for i, s in enumerate(sources))


def _event(event, t: _Fields, lang: str):
    views = []
    for i, view in enumerate(event.perspectives):
        quote_lang = view.language or "en"
        views.append(replace(
            view,
            speaker=t(f"perspectives.{i}.speaker", view.speaker),
            # The quote stays as it was said; the reader's translation goes beside it.
            translation=None if not view.quote or quote_lang == lang else t.optional(f"perspectives.{i}.quote"),
            paraphrase=t(f"perspectives.{i}.paraphrase", view.paraphrase),
            none_found=t(f"perspectives.{i}.none_found", view.none_found),
            source=replace(view.source, note=t(f"perspectives.{i}.source.note", view.source.note)) if view.source else None,
        ))
    return replace(
        event,
        title=t("title", event.title), summary=t("summary", event.summary), body=t("body", event.body),
        significance=t("significance", event.significance), turning_point=t("turning_point", event.turning_point),
        disputed=t("disputed", event.disputed), unverified=t("unverified", event.unverified),
        single_source=t("single_source", event.single_source), category_reason=t("category_reason", event.category_reason),
        article_quote_translation=t.optional("article_quote"),
        location=Place(t("location", event.location.name), event.location.country) if event.location else None,
        perspectives=tuple(views), sources=_sources(t, event.sources),
    )


def _article(article: Article, parts: dict[str, Unit]) -> Article:
    def part(ident: str) -> _Fields:
        return _Fields(parts.get(ident, {}))

    argument = part("argument")
    return replace(
        article,
        title_translation=part("title").optional("title"),
        argument=tuple(argument(f"argument.{i}", point) for i, point in enumerate(article.argument)),
        one_minute=part("one_minute")("one_minute", article.one_minute),
        published_note=part("published_note")("published_note", article.published_note),
        central_finding=part("central_finding")("central_finding", article.central_finding),
        record_note=part("record_note")("record_note", article.record_note),
        paragraphs=tuple(Paragraph(p.n, part(f"paragraph-{p.n}")("summary", p.summary)) for p in article.paragraphs),
        expectations=tuple(replace(e, expectation=part(e.id)("expectation", e.expectation),
                                   explanation=part(e.id)("explanation", e.explanation)) for e in article.expectations),
        sources=_sources(part("sources"), article.sources),
    )


def localize(data: Dataset, translation: Translation) -> Dataset:
    """The dataset with its reader-facing text in the translation's language; what is not
    translated (or is out of date) stays English, as ``Untranslated``."""
    lang, fields = translation.lang, translation.fields

    def of(name: str, ident: str) -> _Fields:
        return _Fields(fields.get(name, {}).get(ident, {}))

    events = tuple(_event(e, of("events", e.id), lang) for e in data.events)
    claims = []
    for c in data.claims:
        t = of("claims", c.id)
        claims.append(replace(c, claim=t("claim", c.claim), explanation=t("explanation", c.explanation),
                              quote_translation=t.optional("quote"), sources=_sources(t, c.sources)))
    actors = []
    for a in data.actors:
        t = of("actors", a.id)
        actors.append(replace(a, name=t("name", a.name), summary=t("summary", a.summary), role=t("role", a.role),
                              sources=_sources(t, a.sources)))
    eras = tuple(replace(e, title=of("eras", e.id)("title", e.title), summary=of("eras", e.id)("summary", e.summary),
                         body=of("eras", e.id)("body", e.body)) for e in data.eras)
    themes = tuple(replace(th, title=of("themes", th.id)("title", th.title), summary=of("themes", th.id)("summary", th.summary))
                   for th in data.themes)
    glossary = []
    for g in data.glossary:
        t = of("glossary", g.id)
        glossary.append(replace(g, term=t("term", g.term), expansion=t("expansion", g.expansion),
                                definition=t("definition", g.definition), sources=_sources(t, g.sources)))
    corrections = tuple(replace(c, what=of("corrections", c.id)("what", c.what), why=of("corrections", c.id)("why", c.why))
                        for c in data.corrections)
    trade = []
    for figure in data.trade:
        t = of("trade", trade_id(figure))
        trade.append(replace(figure, note=t("note", figure.note),
                             source=replace(figure.source, note=t("source.note", figure.source.note))))
    article = _article(data.article, fields.get("article", {})) if data.article else None
    if article:  # the byline's names are those of people and organisations: translated with them
        names = {}
        for english, translated in zip(data.actors, actors):
            names[english.name] = translated.name
            # "New Eastern Outlook (NEO)" names the publisher "New Eastern Outlook" too: the
            # translated name without its bracketed abbreviation.
            short, _, rest = english.name.partition(" (")
            if rest.endswith(")") and translated.name.endswith(")"):
                names.setdefault(short, type(translated.name)(translated.name.rsplit(" (", 1)[0]))
        article = replace(article, author=names.get(article.author, article.author),
                          publisher=names.get(article.publisher, article.publisher))
    return Dataset(events=events, eras=eras, themes=themes, actors=tuple(actors), claims=tuple(claims),
                   glossary=tuple(glossary), article=article, corrections=corrections, trade=tuple(trade))


# --- Hand-written pages -----------------------------------------------------------------

HANDWRITTEN_PAGES = ("method.md",)  # under docs/; each edition has its translation under docs/<lang>/
_TRANSLATES_LINE = re.compile(r"^translates:\s*[\"']?([0-9a-f]*)[\"']?\s*$", re.MULTILINE)


def page_fingerprint(english: bytes) -> str:
    return hashlib.sha256(english).hexdigest()[:12]


def stale_pages(pages: dict[str, bytes | None], langs: tuple[str, ...]) -> list[Problem]:
    """A hand-written page's translation records the fingerprint of the English page it
    translates in its front matter (``translates:``): a problem for each translation that
    is missing or out of date. ``pages`` maps "docs/method.md", "docs/ru/method.md"... to bytes."""
    problems = []
    for name in HANDWRITTEN_PAGES:
        english = pages.get(f"docs/{name}")
        if english is None:
            continue
        current = page_fingerprint(english)
        for lang in langs:
            rel = f"docs/{lang}/{name}"
            text = pages.get(rel)
            if text is None:
                problems.append(Problem(rel, 0, message=f"missing: translate docs/{name}, with `translates: {current}` "
                                                         "in its front matter"))
                continue
            head = text.decode("utf-8", errors="replace").split("\n---", 2)
            match = _TRANSLATES_LINE.search(head[0] + "\n" + (head[1] if len(head) > 1 else "")) if text.startswith(b"---") else None
            if not match:
                problems.append(Problem(rel, 1, field="translates", message=f"expected `translates: {current}` in the front "
                                                                             f"matter: the fingerprint of docs/{name}"))
            elif match.group(1) != current:
                line = text[: text.find(b"translates:")].count(b"\n") + 1
                problems.append(Problem(rel, line, field="translates",
                                        message=f"out of date: docs/{name} changed since this translation (fingerprint "
                                                f"{match.group(1)}, now {current}); update the translation, then set "
                                                f"`translates: {current}`"))
    return problems
