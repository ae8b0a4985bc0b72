"""Checks of what a schema cannot say about perspectives, corrections, event coding and trade figures."""

from __future__ import annotations

from .cameo import categories
from .check_ids import renamed_ids, unknown_reference
from .checking import Checker, FileSpec, date_or_none, entries

# Every "How each side saw it" section says what both capitals said, or that nothing was found.
REQUIRED_SIDES = ("pakistan", "russia")
_STATEMENT = ("quote", "paraphrase", "none_found")


def check_perspectives(check: Checker, specs: dict[str, FileSpec]) -> None:
    events = specs["events"]
    for i, event in entries(check.files["events"].data):
        perspectives = event.get("perspectives")
        if not isinstance(perspectives, list):
            continue
        sides = [p.get("side") for p in perspectives if isinstance(p, dict)]
        for side in REQUIRED_SIDES:
            if side not in sides:
                check.add(events, (i, "perspectives"), f"the {side} side is missing: give what it said, "
                          "or `none_found` saying that no public statement was found")
        for j, perspective in enumerate(perspectives):
            if not isinstance(perspective, dict):
                continue
            path = (i, "perspectives", j)
            given = [field for field in _STATEMENT if field in perspective]
            if len(given) != 1:
                check.add(events, path, "give exactly one of `quote` (their exact words), `paraphrase` (in our words) "
                          f"or `none_found` (no public statement found); this one has {', '.join(given) or 'none'}")
                continue
            if given[0] == "none_found":
                for extra in ("speaker", "source", "language", "translation"):
                    if extra in perspective:
                        check.add(events, path + (extra,), "a `none_found` entry has no statement, so it takes no " + extra)
                continue
            for needed in ("source", "speaker"):
                if needed not in perspective:
                    check.add(events, path, f"a {given[0]} needs its `{needed}`: "
                              + ("where it was published" if needed == "source" else "who said it, with their office"), needed)
            if given[0] == "paraphrase" and ("language" in perspective or "translation" in perspective):
                check.add(events, path, "`language` and `translation` belong to a quote, not to a paraphrase")
            if given[0] == "quote" and ("language" in perspective) != ("translation" in perspective):
                check.add(events, path, "a quote in another language needs both its `language` and an English `translation`")


def check_corrections(check: Checker, specs: dict[str, FileSpec], ids: dict[str, set[str]]) -> None:
    """Each correction names what it concerns, and those exist; an event corrected on a day
    says it was revised that day or later."""
    spec = specs["corrections"]
    latest: dict[str, tuple] = {}  # event id -> (date, correction path)
    for i, correction in entries(check.files["corrections"].data):
        targets = [k for k in ("events", "claims", "actors", "pages") if correction.get(k)]
        if not targets:
            check.add(spec, (i,), "say what it concerns: `events`, `claims`, `actors` or `pages`", "events")
        for field, file, what in (("events", "events", "event"), ("claims", "claims", "claim"), ("actors", "actors", "actor")):
            values = correction.get(field)
            for j, value in enumerate(values if isinstance(values, list) else []):
                if isinstance(value, str) and value not in ids[file]:
                    check.add(spec, (i, field, j), unknown_reference(what, value, f"data/{file}.yaml", renamed_ids(check, file)))
                elif field == "events" and isinstance(value, str):
                    date = date_or_none(correction.get("date"))
                    if date and (value not in latest or latest[value][0].first_day < date.first_day):
                        latest[value] = (date, i)
    for i, event in entries(check.files["events"].data):
        ident, revised = event.get("id"), date_or_none(event.get("revised"))
        if ident in latest and revised and revised.first_day < latest[ident][0].first_day:
            check.add(specs["events"], (i, "revised"), f"the entry was corrected on {latest[ident][0]} "
                      f"(data/corrections.yaml:{check.files['corrections'].line_of((latest[ident][1],))}); "
                      "its `revised` date must be that day or later")


def check_coding(check: Checker, specs: dict[str, FileSpec], ids: dict[str, set[str]]) -> None:
    """Each event's CAMEO code is in the published table; the central finding names a real
    claim; a year has one trade figure per basis."""
    table = categories()
    for i, event in entries(check.files["events"].data):
        code = event.get("cameo")
        if isinstance(code, str) and code not in table:
            near = ", ".join(sorted(c for c in table if c.startswith(code[:2]))[:8])
            check.add(specs["events"], (i, "cameo"), f"{code!r} is not a CAMEO code in data/reference/cameo-goldstein.json"
                      + (f"; codes of that family include {near}" if near else ""))
    article = check.files["article"].data
    finding = article.get("central_finding") if isinstance(article, dict) else None
    if isinstance(finding, dict) and isinstance(finding.get("claim"), str) and finding["claim"] not in ids["claims"]:
        check.add(specs["article"], ("central_finding", "claim"),
                  unknown_reference("claim", finding["claim"], "data/claims.yaml", renamed_ids(check, "claims")))
    seen: dict[tuple, int] = {}
    for i, figure in entries(check.files["trade"].data):
        key = (figure.get("year"), figure.get("basis"))
        if key in seen:
            check.add(specs["trade"], (i, "year"), f"{key[0]} already has a {key[1]} figure on line "
                      f"{check.files['trade'].line_of((seen[key],))}; give one figure per year (put the other source's figure in a note)")
        else:
            seen[key] = i
