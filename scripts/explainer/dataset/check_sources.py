"""Checks of sources: well-formed addresses without trackers, one title, publisher and kind
per address, two independent publishers for the events the article names or a verdict rests
on, and the sources that a "high" confidence level promises."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from .checking import Checker, FileSpec, all_sources, entries

# Query parameters that only track who clicked: a source's address must be the page's own.
_TRACKING = re.compile(r"^(utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ref_src|s_cid|cmpid)$", re.I)


def _check_trackers(check: Checker, spec: FileSpec, path: tuple, address: str) -> None:
    """An address must be the page's own, without parameters that only track who clicked
    (also where an archived copy's address ends with the original's)."""
    query = "&".join(re.findall(r"\?([^#]*)", address)).replace(";", "&")
    pairs = parse_qsl(query, keep_blank_values=True)
    trackers = sorted({key for key, _ in pairs if _TRACKING.match(key)})
    if trackers:
        check.add(spec, path, f"remove the tracking parameter{'s' if len(trackers) > 1 else ''} "
                  f"{', '.join(repr(t) for t in trackers)} from the address: cite the page's own address")


def check_article_address(check: Checker, specs: dict[str, FileSpec]) -> None:
    article = check.files["article"].data
    if isinstance(article, dict) and isinstance(article.get("url"), str):
        _check_trackers(check, specs["article"], ("url",), article["url"])


def check_sources(check: Checker, specs: dict[str, FileSpec]) -> None:
    first_seen: dict[str, tuple[str, str, str, int]] = {}
    for spec, path, source in all_sources(check, specs):
        url = source.get("url")
        if not isinstance(url, str):
            continue
        parts = urlsplit(url)
        if url.startswith("https://") and (not parts.hostname or " " in url or parts.port not in (None, 443)):
            check.add(spec, path + ("url",), f"{url!r} is not a well-formed https address")
        for field in ("url", "archive"):
            if isinstance(source.get(field), str):
                _check_trackers(check, spec, path + (field,), source[field])
        title, publisher, kind = source.get("title"), source.get("publisher"), source.get("kind")
        if url not in first_seen:
            first_seen[url] = (title, publisher, kind, check.files[spec.name].name, check.files[spec.name].line_of(path))
            continue
        known_title, known_publisher, known_kind, file, line = first_seen[url]
        if (title, publisher) != (known_title, known_publisher):
            check.add(
                spec, path + ("title",),
                f"this url is cited as {known_title!r} ({known_publisher}) in {file}:{line}; "
                "one url must have one title and publisher",
            )
        elif kind != known_kind and isinstance(kind, str) and isinstance(known_kind, str):
            # The sources page lists each address once, under one kind: it must be the same everywhere.
            check.add(spec, path + ("kind",), f"this url is labelled {known_kind!r} in {file}:{line}; "
                      "one url must have one kind of source")


def independent_publishers(sources) -> set[str]:
    """Publishers counted once each: "Dawn (AFP)" and "Dawn" are one publisher."""
    return {str(s.get("publisher", "")).split(" (")[0].strip().casefold() for s in sources if isinstance(s, dict)}


def check_key_events_have_two_sources(check: Checker, specs: dict[str, FileSpec]) -> None:
    """The events the article names, and those a verdict rests on, need two independent
    sources, or a `single_source` note telling readers why there is only one."""
    cited = {
        event_id
        for _, claim in entries(check.files["claims"].data)
        for event_id in (claim.get("events") if isinstance(claim.get("events"), list) else [])
    }
    for i, event in entries(check.files["events"].data):
        key = event.get("id") in cited or "article_quote" in event
        sources = event.get("sources") if isinstance(event.get("sources"), list) else []
        if key and len(independent_publishers(sources)) < 2 and not event.get("single_source"):
            why = "the article quotes it" if "article_quote" in event else "a claim's verdict rests on it"
            check.add(
                specs["events"], (i, "sources"),
                f"{why}, so it needs sources from two different publishers, or a `single_source` note saying why there is only one",
            )


def check_high_confidence_is_earned(check: Checker, specs: dict[str, FileSpec]) -> None:
    """The Method page's promise: "high" means two or more independent sources agree, or a
    primary source (an official text) confirms it."""
    for i, event in entries(check.files["events"].data):
        sources = [s for s in event.get("sources") or [] if isinstance(s, dict)] if isinstance(event.get("sources"), list) else []
        if event.get("confidence") != "high" or len(independent_publishers(sources)) >= 2:
            continue
        if not any(s.get("kind") == "official" for s in sources):
            check.add(specs["events"], (i, "confidence"),
                      "'high' needs sources from two different publishers or an official source (see the Method page); "
                      "add a source, or set 'medium'")
