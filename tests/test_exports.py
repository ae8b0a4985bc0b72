"""Every export, parsed with a real parser, round-trips the dataset."""

from __future__ import annotations

import csv
import io
import html
import json

import feedparser
import icalendar
import pytest
from conftest import REPO
from explainer.cli import read_data_files, read_schemas, read_site_info
from explainer.pipeline import build_pages, load_dataset

DL = "docs/downloads/"


@pytest.fixture(scope="module")
def data():
    return load_dataset(read_data_files(REPO / "data"))


@pytest.fixture(scope="module")
def files():
    return build_pages(read_data_files(REPO / "data"), read_site_info(REPO), read_schemas(REPO))


def expected_sources(event):
    return [(s.title, s.publisher, s.url, s.date.iso() if s.date else "undated") for s in event.sources]


def test_json_round_trips_the_dataset(data, files):
    document = json.loads(files[DL + "pakistan-russia-events.json"])
    assert document["licence"] == "CC BY 4.0"
    events = document["events"]
    assert [e["id"] for e in events] == [e.id for e in data.events]
    for record, event in zip(events, data.events):
        assert record["date"] == event.date.iso()
        assert record["date_precision"] == event.date.precision
        assert record["end_date"] == (event.end_date.iso() if event.end_date else None)
        assert record["title"] == event.title
        assert [(s["title"], s["publisher"], s["url"], s["date"]) for s in record["sources"]] == expected_sources(event)
    assert [c["id"] for c in document["claims"]] == [c.id for c in data.claims]


def test_csv_has_one_row_per_event(data, files):
    rows = list(csv.DictReader(io.StringIO(files[DL + "pakistan-russia-events.csv"])))
    assert [r["id"] for r in rows] == [e.id for e in data.events]
    for row, event in zip(rows, data.events):
        assert row["date"] == event.date.iso() and row["title"] == event.title
        assert row["source_urls"].split(" | ") == [s.url for s in event.sources]
        assert row["source_titles"].split(" | ") == [s.title for s in event.sources]


def test_icalendar_has_one_all_day_event_per_event(data, files):
    calendar = icalendar.Calendar.from_ical(files[DL + "pakistan-russia-events.ics"])
    items = calendar.walk("VEVENT")
    assert len(items) == len(data.events)
    by_uid = {str(item["UID"]).split("@")[0]: item for item in items}
    for event in data.events:
        item = by_uid[event.id]
        assert str(item["SUMMARY"]) == event.title
        start = item.decoded("DTSTART")
        assert start == event.date.first_day and not hasattr(start, "hour")  # all-day
        assert item.decoded("DTEND") > start
        assert str(item["URL"]).endswith(f"/events/{event.id}/")


def icalendar_reference(site, data) -> str:
    """The events as the icalendar library writes them: the model our own writer follows."""
    import datetime as dt

    calendar = icalendar.Calendar()
    host = site.url.split("//", 1)[-1].split("/", 1)[0]
    for event in data.events:
        start = event.date.first_day
        item = icalendar.Event()
        item.add("uid", f"{event.id}@{host}")
        item.add("dtstamp", dt.datetime.combine(start, dt.time(), tzinfo=dt.timezone.utc))
        item.add("dtstart", start)
        item.add("dtend", (event.end_date or event.date).last_day + dt.timedelta(days=1))
        item.add("summary", event.title)
        precision = "" if event.date.precision == "day" else f" (date known to the {event.date.precision})"
        url = site.page_url(f"events/{event.id}.md")
        item.add("description", f"{event.summary}{precision}\n\nSources and context: {url}")
        item.add("url", url)
        item.add("categories", [data.theme_by_id[t].title for t in event.themes])
        calendar.add_component(item)
    return calendar.to_ical().decode("utf-8")


def events_block(text: str) -> str:
    return text[text.index("BEGIN:VEVENT"):text.rindex("END:VEVENT")]


@pytest.mark.parametrize("tricky", [False, True])
def test_icalendar_text_is_what_the_icalendar_library_writes(data, files, tricky):
    """Our writer (escaping, folding at 75 octets, property order) matches the library's
    output byte for byte, on the real events and on titles full of escapes and non-ASCII."""
    import dataclasses

    from explainer.pages.exports import events_ics

    site = read_site_info(REPO)
    if tricky:
        # Odd events: non-ASCII (folded by octets); even ones: ASCII (folded by length).
        # Both with backslashes and carets at every possible place of a fold.
        wide = "Пакистан; «Россия», a\\b, 東京 " * 4 + "x" * 70 + "\\;" * 30 + "^" * 80
        ascii_ = "Pakistan; Russia, a\\b " * 4 + "x" * 70 + "\\;" * 30 + "^" * 80 + "a^b\\" * 40 + "."
        events = [dataclasses.replace(e, title=odd[i:] + e.title, summary=e.summary + "\n" + odd[: i * 3])
                  for i, e in enumerate(data.events) for odd in [wide if i % 2 else ascii_]]
        data = dataclasses.replace(data, events=events)
        text = events_ics(site, data)
    else:
        text = files[DL + "pakistan-russia-events.ics"]
    assert events_block(text) == events_block(icalendar_reference(site, data))
    parsed = icalendar.Calendar.from_ical(text)
    assert [str(item["SUMMARY"]) for item in parsed.walk("VEVENT")] == [e.title for e in data.events]


def test_timelinejs_json_has_every_event(data, files):
    document = json.loads(files[DL + "pakistan-russia-timelinejs.json"])
    events = document["events"]
    assert [e["unique_id"] for e in events] == [e.id for e in data.events]
    for item, event in zip(events, data.events):
        assert item["start_date"]["year"] == str(event.date.year)
        assert item["start_date"].get("month") == (str(event.date.month) if event.date.month else None)
        assert "<" not in item["text"]["headline"] or "&lt;" in item["text"]["headline"]
        for source in event.sources:
            assert f'href="{html.escape(source.url)}"' in item["text"]["text"]  # as HTML: "&" is "&amp;"


def test_the_feed_lists_the_newest_events(data, files):
    feed = feedparser.parse(files["docs/feed.xml"])
    assert not feed.bozo, feed.bozo_exception
    newest = sorted(data.events, key=lambda e: e.sort_key, reverse=True)[:20]
    assert [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries] == [e.id for e in newest]
    assert all(entry.title.endswith(event.title) for entry, event in zip(feed.entries, newest))


def test_the_schemas_are_offered_unchanged(files):
    for path in (REPO / "data" / "schema").glob("*.schema.json"):
        assert json.loads(files[DL + "schema/" + path.name]) == json.loads(path.read_text())


def test_exports_are_deterministic():
    raw, site, schemas = read_data_files(REPO / "data"), read_site_info(REPO), read_schemas(REPO)
    assert build_pages(raw, site, schemas) == build_pages(raw, site, schemas)
