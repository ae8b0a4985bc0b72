"""Checks of sources: well-formed addresses without trackers, one title per address, and
two independent publishers for the events the article names or a verdict rests on."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from .checking import Checker, FileSpec, all_sources, entries

# Query parameters that only track who clicked: a source's address must be the page's own.
_TRACKING = re.compile(r"^(utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ref_src|s_cid|cmpid)$", re.I)


def check_sources(check: Checker, specs: dict[str, FileSpec]) -> None:
    first_seen: dict[str, tuple[str, str, str, int]] = {}
    for spec, path, source in all_sources(check, specs):
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
