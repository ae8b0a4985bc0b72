"""Stage 2: check the loaded files and build the typed dataset.

First each file's shape against its JSON Schema, then what a schema cannot say: real
calendar dates, spans that end after they start, unique ids, references between files,
eras that tile time, one title per source URL, safe links in Markdown. Every problem is
collected before anything is reported, so an editor fixes them all in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlsplit

from markdown.extensions.abbr import AbbrBlockprocessor
from markdown import util as markdown_util

from .dates import PartialDate
from .links import link_problems
from .loader import LoadedFile
from .model import (
    Actor,
    Article,
    Claim,
    Dataset,
    Era,
    Event,
    Expectation,
    GlossaryTerm,
    Paragraph,
    Source,
    Theme,
)
from .problems import DataError, Problem
from .schema import locations_of, shape_errors


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
)

# Ids that would take the place of a page the generator makes itself: a section's
# overview is <folder>/index.md.
RESERVED_IDS = {"events": {"index"}, "eras": {"index"}, "themes": {"index"}, "actors": {"index"}}
# Anchors the claims page makes itself, which a claim's id (its anchor there) must not repeat.
_RESERVED_CLAIM_ANCHOR = re.compile(r"^paragraph-[0-9]+$|^the-article-claim-by-claim$")

# Query parameters that only track who clicked: a source's address must be the page's own.
_TRACKING = re.compile(r"^(utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ref_src|s_cid|cmpid)$", re.I)


class _Checker:
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
        ident = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(ident, str) and ident.strip():
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


def _date(value) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except (ValueError, TypeError):
        return None


def _entries(data):
    """(index, entry) for every entry that is a mapping; the schema reports the others."""
    if isinstance(data, list):
        return [(i, e) for i, e in enumerate(data) if isinstance(e, dict)]
    return []


def locate_problems(files: dict[str, LoadedFile], problems: list[Problem]) -> list[Problem]:
    """Name the entry and field of problems the loader found by path (see loader)."""
    check = _Checker(files)
    by_file = {f"data/{spec.name}.yaml": spec for spec in FILES}
    return [check.locate(by_file[p.file], p) if p.path and p.file in by_file else p for p in problems]


def validate_dataset(files: dict[str, LoadedFile], found: list[Problem] = ()) -> Dataset:
    """Check every loaded file; return the dataset or raise DataError with all problems,
    ``found`` (what the loader already found) among them."""
    check = _Checker(files)
    check.problems.extend(locate_problems(files, list(found)))
    specs = {spec.name: spec for spec in FILES}

    whole_file_wrong = False
    for spec in FILES:
        for path, field, message in shape_errors(spec.name, files[spec.name].data):
            check.add(spec, path, message, field)
            whole_file_wrong |= path == () and not field
    if whole_file_wrong:
        # A file of the wrong shape as a whole (a mapping where a list belongs): every
        # reference into it would be reported as unknown, burying the one real error.
        raise DataError(check.problems)

    _check_dates(check, specs)
    ids = _check_unique_ids(check, specs)
    _check_references(check, specs, ids)
    _check_eras(check, specs)
    _check_sources(check, specs)
    _check_markdown_links(check, specs)
    _check_glossary_terms(check, specs["glossary"])
    _check_reserved_ids(check, specs)
    _check_paragraphs(check, specs)
    _check_key_events_have_two_sources(check, specs)

    if check.problems:
        raise DataError(check.problems)
    return _build(files)


def _check_dates(check: _Checker, specs: dict[str, FileSpec]) -> None:
    def real(spec, path, value):
        if isinstance(value, str) and re.fullmatch(r"(19|20)[0-9]{2}(-[0-9]{2}(-[0-9]{2})?)?", value):
            try:
                PartialDate.parse(value)
            except ValueError as err:
                check.add(spec, path, f"{value!r} is not a real date ({err})")

    events = specs["events"]
    for i, event in _entries(check.files["events"].data):
        real(events, (i, "date"), event.get("date"))
        real(events, (i, "end_date"), event.get("end_date"))
        start, end = _date(event.get("date")), _date(event.get("end_date"))
        if start and end and end.last_day < start.first_day:
            check.add(events, (i, "end_date"), f"the span ends ({end}) before it starts ({start}); end_date must not be before date")
    eras = specs["eras"]
    for i, era in _entries(check.files["eras"].data):
        real(eras, (i, "start"), era.get("start"))
        real(eras, (i, "end"), era.get("end"))
        start, end = _date(era.get("start")), _date(era.get("end"))
        if start and end and end.last_day < start.first_day:
            check.add(eras, (i, "end"), "the era ends before it starts")
    article = check.files["article"].data
    if isinstance(article, dict):
        real(specs["article"], ("published",), article.get("published"))
    for spec, path, source in _all_sources(check, specs):
        real(spec, path + ("date",), source.get("date"))


def _check_unique_ids(check: _Checker, specs: dict[str, FileSpec]) -> dict[str, set[str]]:
    """An id, or a former id (an old address that redirects), belongs to one entry only."""
    ids: dict[str, set[str]] = {}
    for spec in FILES:
        seen: dict[str, tuple] = {}  # id -> path of the entry's id or former id claiming it
        current: set[str] = set()
        for i, entry in _entries(check.files[spec.name].data):
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


def _renamed(check: _Checker, file: str) -> dict[str, str]:
    """Former id -> current id, for the entries of ``file``."""
    return {
        old: entry["id"]
        for _, entry in _entries(check.files[file].data)
        if isinstance(entry.get("former_ids"), list) and isinstance(entry.get("id"), str)
        for old in entry["former_ids"] if isinstance(old, str)
    }


def _unknown(what: str, value: str, where: str, renamed: dict[str, str]) -> str:
    if value in renamed:
        return f"unknown {what} {value!r}: it was renamed {renamed[value]!r}; use the new id"
    return f"unknown {what} {value!r}: no entry in {where} has this id"


def _check_references(check: _Checker, specs: dict[str, FileSpec], ids: dict[str, set[str]]) -> None:
    refs = (
        ("events", "themes", "themes", "theme", "data/themes.yaml"),
        ("events", "actors", "actors", "actor", "data/actors.yaml"),
        ("claims", "events", "events", "event", "data/events.yaml"),
        ("glossary", "events", "events", "event", "data/events.yaml"),
    )
    article = check.files["article"].data
    expectations = article.get("expectations") if isinstance(article, dict) else None
    for i, entry in _entries(expectations):
        for j, value in enumerate(entry.get("events") if isinstance(entry.get("events"), list) else []):
            if isinstance(value, str) and value not in ids["events"]:
                check.add(specs["article"], ("expectations", i, "events", j), _unknown("event", value, "data/events.yaml", _renamed(check, "events")))
    for file, field, target, what, where in refs:
        for i, entry in _entries(check.files[file].data):
            values = entry.get(field)
            if not isinstance(values, list):
                continue
            for j, value in enumerate(values):
                if isinstance(value, str) and value not in ids[target]:
                    check.add(specs[file], (i, field, j), _unknown(what, value, where, _renamed(check, target)))


def _check_eras(check: _Checker, specs: dict[str, FileSpec]) -> None:
    eras_spec, events_spec = specs["eras"], specs["events"]
    eras = []
    for i, entry in _entries(check.files["eras"].data):
        start = _date(entry.get("start"))
        end = _date(entry.get("end")) if "end" in entry else None
        if start and (end or "end" not in entry):
            eras.append((i, start, end))
    for (i, start, end), (j, next_start, _) in zip(eras, eras[1:]):
        if end is None:
            check.add(eras_spec, (i,), "only the last era may leave out its end", "end")
        elif next_start.first_day <= end.last_day:
            check.add(eras_spec, (j, "start"), f"this era starts before the previous one ends ({end}); eras must not overlap")
        elif (next_start.first_day - end.last_day).days > 1:
            check.add(eras_spec, (j, "start"), f"there is a gap between the previous era's end ({end}) and this start; eras must follow each other")
    for i, event in _entries(check.files["events"].data):
        date = _date(event.get("date"))
        if date and eras and not any(
            s.first_day <= date.first_day and (e is None or date.first_day <= e.last_day) for _, s, e in eras
        ):
            check.add(events_spec, (i, "date"), f"{date} falls in no era of data/eras.yaml; add or widen an era")


def _all_sources(check: _Checker, specs: dict[str, FileSpec]):
    """(spec, path, source) for every source entry in every file."""
    for spec in FILES:
        data = check.files[spec.name].data
        holders = _entries(data) if isinstance(data, list) else ([((), data)] if isinstance(data, dict) else [])
        for index, entry in holders:
            prefix = (index,) if isinstance(index, int) else ()
            for j, source in enumerate(entry.get("sources") or []):
                if isinstance(source, dict):
                    yield spec, prefix + ("sources", j), source


def _check_sources(check: _Checker, specs: dict[str, FileSpec]) -> None:
    first_seen: dict[str, tuple[str, str, str, int]] = {}
    for spec, path, source in _all_sources(check, specs):
        url = source.get("url")
        if not isinstance(url, str):
            continue
        parts = urlsplit(url)
        if url.startswith("https://") and (not parts.hostname or " " in url or parts.port not in (None, 443)):
            check.add(spec, path + ("url",), f"{url!r} is not a well-formed https address")
        trackers = [key for key, _ in parse_qsl(parts.query, keep_blank_values=True) if _TRACKING.match(key)]
        if trackers:
            check.add(spec, path + ("url",), f"remove the tracking parameter{'s' if len(trackers) > 1 else ''} "
                      f"{', '.join(repr(t) for t in trackers)} from the address: cite the page's own address")
        title, publisher = source.get("title"), source.get("publisher")
        if url not in first_seen:
            first_seen[url] = (title, publisher, check.files[spec.name].name, check.files[spec.name].line_of(path))
            continue
        known_title, known_publisher, file, line = first_seen[url]
        if (title, publisher) != (known_title, known_publisher):
            check.add(
                spec, path + ("title",),
                f"this url is cited as {known_title!r} ({known_publisher}) in {file}:{line}; "
                "one url must have one title and publisher",
            )


def _at(data, pattern: tuple, path: tuple = ()):
    """(path, value) for every place in ``data`` that ``pattern`` ("*" for any item) names."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(data if isinstance(data, list) else []):
            yield from _at(item, rest, path + (i,))
    elif isinstance(data, dict) and head in data:
        yield from _at(data[head], rest, path + (head,))


def _markdown_fields(check: _Checker):
    """(file name, path, text) of every Markdown field, as the schemas name them."""
    for spec in FILES:
        for pattern in locations_of(spec.name, "markdown"):
            for path, value in _at(check.files[spec.name].data, pattern):
                if isinstance(value, str):
                    yield spec.name, path, value


def _check_markdown_links(check: _Checker, specs: dict[str, FileSpec]) -> None:
    for name, path, text in _markdown_fields(check):
        for problem, address in link_problems(text):
            check.add(specs[name], path, problem, at=_position(text, address))


def _position(text: str, address: str) -> int | None:
    """Where ``address`` (as a browser reads it) starts in the editor's text, roughly."""
    for probe in (address, address[:12], address.strip()[:6]):
        index = text.find(probe) if probe else -1
        if index >= 0:
            return index
    return None


def _check_glossary_terms(check: _Checker, spec: FileSpec) -> None:
    seen: dict[str, int] = {}
    for i, entry in _entries(check.files[spec.name].data):
        term = entry.get("term")
        if not isinstance(term, str):
            continue
        why = _unusable_term(term)
        if why:
            check.add(spec, (i, "term"), why)
            continue
        key = term.strip().casefold()
        if key in seen:
            line = check.files[spec.name].line_of((seen[key],))
            check.add(spec, (i, "term"), f"the term {term!r} is already defined on line {line}; define each term once")
        else:
            seen[key] = i


# What Python-Markdown puts in a page while it works: a term matching inside one of these
# would break the page (an abbreviation "wzxhzdk" swallowed every raw HTML block).
_PLACEHOLDERS = (markdown_util.HTML_PLACEHOLDER % 0, markdown_util.INLINE_PLACEHOLDER % 0,
                 markdown_util.AMP_SUBSTITUTE, markdown_util.TAG_PLACEHOLDER % 0)


def _unusable_term(term: str) -> str | None:
    """Why a glossary term cannot be a tooltip term, judged by the abbr extension's own
    rules: the line ``*[term]: ...`` must define exactly ``term``, and the pattern it
    becomes must not match Markdown's internal placeholders."""
    if term != term.strip() or "\n" in term:
        return "a term must be one line without spaces at either end"
    match = AbbrBlockprocessor.RE.search(f"*[{term}]: definition")
    if match is None or match.group("abbr") != term:
        return "the tooltip list could not define this term as written (it cannot hold a backslash, or a ] followed by a colon)"
    pattern = re.compile(rf"\b(?:{re.escape(term)})\b")
    if not re.search(r"[^\W\d_]", term) or any(pattern.search(p) for p in _PLACEHOLDERS):
        return f"the term {term!r} cannot be a tooltip term: it would match text Markdown uses internally; a term needs a letter and a word of its own"
    return None


def _check_reserved_ids(check: _Checker, specs: dict[str, FileSpec]) -> None:
    for name, reserved in RESERVED_IDS.items():
        for i, entry in _entries(check.files[name].data):
            former = entry.get("former_ids") if isinstance(entry.get("former_ids"), list) else []
            for path, ident in [((i, "id"), entry.get("id"))] + [((i, "former_ids", j), f) for j, f in enumerate(former)]:
                if ident in reserved:
                    check.add(specs[name], path, f"the id {ident!r} is reserved: it is the address of a page the site makes itself ({name}/{ident}/); choose another")
    for i, entry in _entries(check.files["claims"].data):
        ident = entry.get("id")
        if isinstance(ident, str) and _RESERVED_CLAIM_ANCHOR.match(ident):
            check.add(specs["claims"], (i, "id"), f"the id {ident!r} is reserved: the claims page uses it for its own headings; choose another")


def _check_paragraphs(check: _Checker, specs: dict[str, FileSpec]) -> None:
    article = check.files["article"].data
    if not isinstance(article, dict) or not isinstance(article.get("paragraphs"), list):
        return
    numbers = [p.get("n") for p in article["paragraphs"] if isinstance(p, dict)]
    if numbers != list(range(1, len(numbers) + 1)):
        check.add(specs["article"], ("paragraphs",), "paragraphs must be numbered 1, 2, 3 ... in order")
    last = None
    for i, claim in _entries(check.files["claims"].data):
        n = claim.get("paragraph")
        if not isinstance(n, int) or isinstance(n, bool):
            continue
        if n > len(numbers):
            check.add(specs["claims"], (i, "paragraph"), f"the article has {len(numbers)} paragraphs; there is no paragraph {n}")
        if last is not None and n < last:
            check.add(specs["claims"], (i, "paragraph"), "claims must follow the article's order (paragraph numbers must not go down)")
        last = n


def independent_publishers(sources) -> set[str]:
    """Publishers counted once each: "Dawn (AFP)" and "Dawn" are one publisher."""
    return {str(s.get("publisher", "")).split(" (")[0].strip().casefold() for s in sources if isinstance(s, dict)}


def _check_key_events_have_two_sources(check: _Checker, specs: dict[str, FileSpec]) -> None:
    """The events the article names, and those a verdict rests on, need two independent
    sources, or a `single_source` note telling readers why there is only one."""
    cited = {
        event_id
        for _, claim in _entries(check.files["claims"].data)
        for event_id in (claim.get("events") if isinstance(claim.get("events"), list) else [])
    }
    for i, event in _entries(check.files["events"].data):
        key = event.get("id") in cited or "article_quote" in event
        sources = event.get("sources") if isinstance(event.get("sources"), list) else []
        if key and len(independent_publishers(sources)) < 2 and not event.get("single_source"):
            why = "the article quotes it" if "article_quote" in event else "a claim's verdict rests on it"
            check.add(
                specs["events"], (i, "sources"),
                f"{why}, so it needs sources from two different publishers, or a `single_source` note saying why there is only one",
            )


def _source(raw: dict) -> Source:
    date = raw["date"]
    return Source(
        title=raw["title"],
        publisher=raw["publisher"],
        url=raw["url"],
        date=None if date == "undated" else PartialDate.parse(date),
        language=raw.get("language"),
        note=raw.get("note"),
    )


def _sources(raw: dict) -> tuple[Source, ...]:
    return tuple(_source(s) for s in raw.get("sources") or ())


def _build(files: dict[str, LoadedFile]) -> Dataset:
    """Turn valid data into typed records. Only called once every check has passed."""
    eras = sorted(
        (
            Era(
                id=e["id"], title=e["title"], start=PartialDate.parse(e["start"]),
                end=PartialDate.parse(e["end"]) if "end" in e else None,
                summary=e["summary"], body=e.get("body"),
            )
            for e in files["eras"].data
        ),
        key=lambda era: era.start.first_day,
    )
    events = []
    for e in files["events"].data:
        date = PartialDate.parse(e["date"])
        era = next(era.id for era in eras if era.contains(date))
        events.append(
            Event(
                id=e["id"], date=date,
                end_date=PartialDate.parse(e["end_date"]) if "end_date" in e else None,
                title=e["title"], summary=e["summary"], body=e.get("body"),
                significance=e.get("significance"), article_quote=e.get("article_quote"),
                themes=tuple(e["themes"]), actors=tuple(e.get("actors") or ()),
                confidence=e["confidence"], disputed=e.get("disputed"),
                unverified=e.get("unverified"), single_source=e.get("single_source"),
                sources=_sources(e), era=era, former_ids=tuple(e.get("former_ids") or ()),
            )
        )
    events.sort(key=lambda event: event.sort_key)
    article = files["article"].data
    return Dataset(
        events=tuple(events),
        eras=tuple(eras),
        themes=tuple(Theme(t["id"], t["title"], t["summary"], tuple(t.get("former_ids") or ())) for t in files["themes"].data),
        actors=tuple(
            Actor(a["id"], a["name"], a["kind"], a["summary"], a.get("role"), _sources(a), tuple(a.get("former_ids") or ()))
            for a in files["actors"].data
        ),
        claims=tuple(
            Claim(
                c["id"], c["paragraph"], c["quote"], c["claim"], c["verdict"], c["explanation"],
                _sources(c), tuple(c.get("events") or ()),
            )
            for c in files["claims"].data
        ),
        glossary=tuple(
            GlossaryTerm(g["id"], g["term"], g["definition"], _sources(g), g.get("expansion"), tuple(g.get("events") or ()))
            for g in files["glossary"].data
        ),
        article=Article(
            title=article["title"], author=article["author"], publisher=article["publisher"],
            published=PartialDate.parse(article["published"]), published_note=article["published_note"],
            url=article["url"], argument=tuple(article["argument"]), one_minute=article["one_minute"],
            paragraphs=tuple(Paragraph(p["n"], p["summary"]) for p in article["paragraphs"]),
            sources=_sources(article),
            expectations=tuple(
                Expectation(x["id"], x["expectation"], x["outcome"], x["explanation"], tuple(x["events"]))
                for x in article["expectations"]
            ),
        ),
    )
