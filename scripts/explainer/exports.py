"""The dataset in formats readers can take away, generated from the same data as the pages.

JSON (everything), CSV (one row per event), iCalendar (one all-day VEVENT per event),
TimelineJS JSON (for newsrooms' timeline tool) and an Atom feed of the newest events.
Every output is deterministic: no build time, no random ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from xml.etree import ElementTree as ET

import icalendar

from .dates import PartialDate
from .model import Dataset, Event, Source
from .site import SiteInfo

DOWNLOADS = "docs/downloads"
FEED = "docs/feed.xml"
FEED_SIZE = 20
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def _source_json(source: Source) -> dict:
    out = {"title": source.title, "publisher": source.publisher, "url": source.url,
           "date": source.date.iso() if source.date else "undated"}
    if source.language:
        out["language"] = source.language
    return out


def event_record(site: SiteInfo, event: Event) -> dict:
    record = {
        "id": event.id,
        "date": event.date.iso(),
        "date_precision": event.date.precision,
        "end_date": event.end_date.iso() if event.end_date else None,
        "title": event.title,
        "summary": event.summary,
        "era": event.era,
        "themes": list(event.themes),
        "actors": list(event.actors),
        "confidence": event.confidence,
        "url": site.page_url(f"events/{event.id}.md"),
        "sources": [_source_json(s) for s in event.sources],
    }
    for field in ("body", "significance", "article_quote", "disputed", "unverified", "single_source"):
        if getattr(event, field):
            record[field] = getattr(event, field)
    return record


def dataset_json(site: SiteInfo, data: Dataset) -> str:
    document = {
        "title": f"{site.name}: dataset",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "url": site.url,
        "events": [event_record(site, e) for e in data.events],
        "eras": [{"id": e.id, "title": e.title, "start": e.start.iso(), "end": e.end.iso() if e.end else None,
                  "summary": e.summary} for e in data.eras],
        "themes": [{"id": t.id, "title": t.title, "summary": t.summary} for t in data.themes],
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind, "role": a.role, "summary": a.summary,
                    "sources": [_source_json(s) for s in a.sources]} for a in data.actors],
        "claims": [{"id": c.id, "paragraph": c.paragraph, "quote": c.quote, "claim": c.claim, "verdict": c.verdict,
                    "explanation": c.explanation, "events": list(c.events),
                    "sources": [_source_json(s) for s in c.sources]} for c in data.claims],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ["id", "date", "date_precision", "end_date", "title", "summary", "era", "themes", "actors",
               "confidence", "url", "source_titles", "source_publishers", "source_urls", "source_dates"]


def events_csv(site: SiteInfo, data: Dataset) -> str:
    """One row per event; list fields are joined with " | " (a separator no value contains)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for event in data.events:
        r = event_record(site, event)
        writer.writerow([
            r["id"], r["date"], r["date_precision"], r["end_date"] or "", r["title"], r["summary"], r["era"],
            " | ".join(r["themes"]), " | ".join(r["actors"]), r["confidence"], r["url"],
            " | ".join(s["title"] for s in r["sources"]), " | ".join(s["publisher"] for s in r["sources"]),
            " | ".join(s["url"] for s in r["sources"]), " | ".join(s["date"] for s in r["sources"]),
        ])
    return buffer.getvalue()


def _all_day_span(start: PartialDate, end: PartialDate | None) -> tuple[dt.date, dt.date]:
    """An all-day range covering the dates' precision; DTEND is exclusive in iCalendar."""
    last = (end or start).last_day
    return start.first_day, last + dt.timedelta(days=1)


def events_ics(site: SiteInfo, data: Dataset) -> str:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{site.name}//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", site.name)
    host = site.url.split("//", 1)[-1].split("/", 1)[0]
    for event in data.events:
        start, end = _all_day_span(event.date, event.end_date)
        item = icalendar.Event()
        item.add("uid", f"{event.id}@{host}")
        item.add("dtstamp", dt.datetime.combine(start, dt.time(), tzinfo=dt.timezone.utc))  # fixed, not the build time
        item.add("dtstart", start)
        item.add("dtend", end)
        item.add("summary", event.title)
        precision = "" if event.date.precision == "day" else f" (date known to the {event.date.precision})"
        item.add("description", f"{event.summary}{precision}\n\nSources and context: {site.page_url(f'events/{event.id}.md')}")
        item.add("url", site.page_url(f"events/{event.id}.md"))
        item.add("categories", [data.theme_by_id[t].title for t in event.themes])
        calendar.add_component(item)
    return calendar.to_ical().decode("utf-8")


def _tl_date(date: PartialDate) -> dict:
    out = {"year": str(date.year)}
    if date.month:
        out["month"] = str(date.month)
    if date.day:
        out["day"] = str(date.day)
    out["display_date"] = str(date)
    return out


def timelinejs_json(site: SiteInfo, data: Dataset) -> str:
    """The TimelineJS 3 JSON format: events, with eras as TimelineJS eras and groups."""
    era_titles = {e.id: e.title for e in data.eras}
    events = []
    for event in data.events:
        sources = "; ".join(f'<a href="{s.url}">{_html(s.publisher)}</a>' for s in event.sources)
        item = {
            "unique_id": event.id,
            "start_date": _tl_date(event.date),
            "text": {
                "headline": _html(event.title),
                "text": f"<p>{_html(event.summary)}</p><p>Sources: {sources}. "
                        f'<a href="{site.page_url(f"events/{event.id}.md")}">More</a></p>',
            },
            "group": era_titles[event.era],
        }
        if event.end_date:
            item["end_date"] = _tl_date(event.end_date)
        events.append(item)
    eras = []
    for era in data.eras:
        last = era.end or data.events[-1].end_date or data.events[-1].date
        eras.append({"start_date": _tl_date(era.start), "end_date": _tl_date(last), "text": {"headline": _html(era.title)}})
    document = {"title": {"text": {"headline": _html(site.name), "text": f"<p>Licence: {LICENCE}</p>"}},
                "events": events, "eras": eras}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def atom_feed(site: SiteInfo, data: Dataset) -> str:
    """The newest events (by date) as an Atom feed; entry times are the events' dates."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    newest = sorted(data.events, key=lambda e: e.sort_key, reverse=True)[:FEED_SIZE]

    def stamp(event: Event) -> str:
        return f"{event.date.first_day.isoformat()}T00:00:00Z"

    feed = ET.Element(f"{{{ns}}}feed")
    ET.SubElement(feed, f"{{{ns}}}title").text = f"{site.name}: newest events"
    ET.SubElement(feed, f"{{{ns}}}id").text = site.url
    ET.SubElement(feed, f"{{{ns}}}updated").text = stamp(newest[0]) if newest else "1970-01-01T00:00:00Z"
    ET.SubElement(feed, f"{{{ns}}}link", href=site.url)
    ET.SubElement(feed, f"{{{ns}}}link", rel="self", href=site.url + "feed.xml")
    ET.SubElement(ET.SubElement(feed, f"{{{ns}}}author"), f"{{{ns}}}name").text = site.name
    ET.SubElement(feed, f"{{{ns}}}rights").text = LICENCE
    for event in newest:
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        url = site.page_url(f"events/{event.id}.md")
        ET.SubElement(entry, f"{{{ns}}}title").text = f"{event.when}: {event.title}"
        ET.SubElement(entry, f"{{{ns}}}id").text = url
        ET.SubElement(entry, f"{{{ns}}}link", href=url)
        ET.SubElement(entry, f"{{{ns}}}updated").text = stamp(event)
        ET.SubElement(entry, f"{{{ns}}}summary").text = event.summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def render_exports(site: SiteInfo, data: Dataset, schemas: dict[str, str]) -> dict[str, str]:
    files = {
        f"{DOWNLOADS}/pakistan-russia-events.json": dataset_json(site, data),
        f"{DOWNLOADS}/pakistan-russia-events.csv": events_csv(site, data),
        f"{DOWNLOADS}/pakistan-russia-events.ics": events_ics(site, data),
        f"{DOWNLOADS}/pakistan-russia-timelinejs.json": timelinejs_json(site, data),
        FEED: atom_feed(site, data),
    }
    for name, text in schemas.items():
        files[f"{DOWNLOADS}/schema/{name}"] = text
    return files
