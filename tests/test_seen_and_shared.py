"""Seen at a glance, shared well: the relationship chart, the labelled timeline, social
cards, structured data checked by real validators, and downloads that their own schemas
(and two validators) accept."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from browser_fixtures import NODE_MODULES, require
from conftest import FIXTURE_DATA, REPO, copy_project, run_generator
from explainer.cli import read_data_files
from explainer.dataset.cameo import categories
from explainer.pages.cards import CardSpec, draw_card
from explainer.pages.visual import relationship_chart, trade_chart
from explainer.pipeline import load_dataset

NODE = shutil.which("node")


@pytest.fixture(scope="module")
def data():
    return load_dataset(read_data_files(REPO / "data"))


# --- The scale and the chart ---------------------------------------------------------------

def test_the_cameo_table_is_gdelts_as_the_pinned_package_ships_it():
    """Not one weight typed by hand: byte for byte the file of gdelt 0.1.14 (make test installs it)."""
    shipped = Path(sys.prefix) / "data" / "cameoCodes.json"
    require(shipped.is_file(), "the gdelt package's data is not installed (make test installs it)")
    assert (REPO / "data" / "reference" / "cameo-goldstein.json").read_bytes() == shipped.read_bytes()
    table = categories()
    assert (table["057"].description, table["057"].weight) == ("Sign formal agreement", 8.0)
    assert table["193"].weight == -10.0


def test_every_event_is_coded_and_its_weight_comes_from_the_table(data):
    table = categories()
    for event in data.events:
        assert event.category is not None and event.category_reason, event.id
        assert event.category == table[event.category.code]
        assert event.location is not None, event.id


def test_the_chart_is_each_years_mean_of_the_bilateral_events(data):
    chart = relationship_chart(data)
    counted = [e for e in data.events if e.bilateral]
    assert chart.events_counted == len(counted)
    assert not any(e.third_party for e in counted)
    by_year = {}
    for event in counted:
        by_year.setdefault(event.date.year, []).append(event.category.weight)
    assert [(b.year, b.count, b.mean) for b in chart.bars] == [
        (year, len(w), round(sum(w) / len(w), 1)) for year, w in sorted(by_year.items())]
    # The 1948 recognition is cooperation, the 1985 Badaber fighting conflict (drawn below zero).
    bars = {b.year: b for b in chart.bars}
    assert bars[1948].mean > 0 and bars[1948].y + bars[1948].height == chart.zero_y
    assert bars[1985].mean < 0 and bars[1985].y == chart.zero_y
    assert 1950 not in bars  # a year without such an event is a gap, not a zero


def test_a_year_without_a_sourced_trade_figure_is_a_gap(data):
    chart = trade_chart(data)
    years = {b.year for b in chart.bars}
    assert years == {f.year for f in data.trade}
    assert 2017 not in years and chart.first_year < 2017 < chart.last_year
    assert all(f.source.url.startswith("https://") and f.quote for f in data.trade)


def test_the_home_page_shows_the_chart_the_verdicts_and_the_central_finding(built_site, data):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'class="tone__svg"' in home and "glance__svg" not in home
    desc = re.search(r'<desc id="tone-desc">(.*?)</desc>', home).group(1)
    assert "Goldstein scale" in desc and "most cooperative year" in desc
    assert "The central finding:" in home and 'href="article/claims/#fatf-dodged-the-bullet"' in home
    for claim in data.claims:
        assert f'href="article/claims/#{claim.id}"' in home, claim.id
    for verdict, count in (("supported", sum(c.verdict == "supported" for c in data.claims)),):
        assert re.search(rf'verdict--{verdict}">Supported</span> {count} claims', home)
    assert 'class="trade__svg"' in home


def test_each_event_page_shows_its_category_weight_and_reason(built_site, data):
    event = data.event_by_id["defence-cooperation-agreement-2014"]
    page = (built_site / "events" / event.id / "index.html").read_text(encoding="utf-8")
    assert f"(CAMEO {event.category.code})" in page and f"weight {event.category.weight:+.1f}" in page
    assert re.sub(r"\s+", " ", event.category_reason)[:40] in re.sub(r"\s+", " ", page)


# --- The labelled timeline, measured in the browser -----------------------------------------

@pytest.mark.parametrize("edition", ["", "ru/", "ur/"])
@pytest.mark.parametrize("width", [375, 1280])
def test_timeline_labels_overlap_nothing_and_open_their_event(browser, site_url, data, width, edition):
    """In every edition: its labels are in its language and font, and measured in it."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + edition + "timeline/")
    boxes = page.evaluate("""() => {
        const box = el => { const b = el.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
        return {
          labels: [...document.querySelectorAll('.tl__label')].map(a => ({id: a.getAttribute('href').split('/').at(-2), box: box(a.querySelector('text'))})),
          marks: [...document.querySelectorAll('.tl__mark circle, .tl__mark rect')].map(box),
        };
    }""")
    turning = {e.id for e in data.events if e.turning_point}
    assert {label["id"] for label in boxes["labels"]} == turning
    assert set(NAMED_EVENTS) <= turning

    def overlap(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    labels = boxes["labels"]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not overlap(a["box"], b["box"]), (a["id"], b["id"])
        for mark in boxes["marks"]:
            assert not overlap(a["box"], mark), (a["id"], mark)
        assert a["box"][2] - a["box"][0] > 20  # drawn, at a readable size
    first = page.locator(".tl__label").first
    event_id = first.get_attribute("href").split("/")[-2]  # ../events/<id>/
    first.scroll_into_view_if_needed()
    first.click()
    page.wait_for_url(f"**/{edition}events/{event_id}/")
    context.close()


NAMED_EVENTS = ("russia-lifts-arms-embargo-2014", "fatf-plenary-paris-2018", "sco-summit-bishkek-2019",
                "space-weapons-joint-statement-2019")


# --- Social cards ---------------------------------------------------------------------------

def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_every_page_has_its_own_large_social_card(built_site):
    pages = [p for p in built_site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    cards = set()
    locales = {"en": "en_GB", "ru": "ru_RU", "ur": "ur_PK"}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([a-z]+)"', html)[1]
        prefix = "" if lang == "en" else f"{lang}/"
        image = re.search(r'<meta property="og:image" content="([^"]+)">', html)
        assert image, page
        assert image.group(1).startswith(f"https://pakistan-russia-explainer.github.io/{prefix}assets/cards/"), page
        assert '<meta name="twitter:card" content="summary_large_image">' in html, page
        assert f'<meta property="og:locale" content="{locales[lang]}">' in html, page
        assert '<meta property="og:image:width" content="1200">' in html, page
        card = built_site / image.group(1).removeprefix("https://pakistan-russia-explainer.github.io/")
        assert _png_size(card.read_bytes()) == (1200, 630), card
        cards.add(card)
    assert len(cards) >= len(pages) - 3  # one per page (each edition's 404 page shows its home page's)


def test_cards_are_byte_identical_between_builds_and_machines_drawing_the_same(tmp_path):
    spec = CardSpec("Russia lifts its arms embargo on Pakistan", "Event · 2 June 2014", "Site", "example.org")
    assert draw_card(spec) == draw_card(spec)
    first = copy_project(tmp_path / "one", FIXTURE_DATA)
    second = copy_project(tmp_path / "two", FIXTURE_DATA)
    assert run_generator(first).returncode == 0 and run_generator(second).returncode == 0
    cards = sorted((first / "docs" / "assets" / "cards").rglob("*.png"))
    assert len(cards) > 20
    for card in cards:
        assert card.read_bytes() == (second / card.relative_to(first)).read_bytes(), card


def test_a_card_is_drawn_again_only_when_what_it_shows_changes(fixture_project):
    cards = fixture_project / "docs" / "assets" / "cards"
    before = {p: p.stat().st_mtime_ns for p in cards.rglob("*.png")}
    events = fixture_project / "data" / "events.yaml"
    # An event the fixture's translation leaves in English: no translation goes stale.
    events.write_text(events.read_text().replace('title: <script>alert("x")</script>', 'title: <script>alert("y")</script>'))
    result = run_generator(fixture_project)
    assert result.returncode == 0
    changed = {p.relative_to(cards).as_posix() for p in cards.rglob("*.png") if before.get(p) != p.stat().st_mtime_ns}
    assert changed == {"events/escape-test-2020.png"}
    assert run_generator(fixture_project, "--check").returncode == 0


def test_the_urdu_card_text_is_shaped_right_to_left(tmp_path):
    """Complex text layout is on (raqm): Urdu letters join and run right to left."""
    from PIL import features

    assert features.check("raqm")
    card = draw_card(CardSpec("روس نے پابندی ہٹا دی", "واقعہ", "سائٹ", "example.org", lang="ur"))
    assert _png_size(card) == (1200, 630)


# --- Structured data, judged by real validators -----------------------------------------------

def test_every_pages_structured_data_passes_the_validators(built_site):
    require(NODE is not None and (NODE_MODULES / "@adobe" / "structured-data-validator").is_dir(),
            "the structured-data validator is not installed (npm ci)")
    pages = sorted(str(p) for p in built_site.rglob("*.html") if "application/ld+json" in p.read_text(encoding="utf-8"))
    assert len(pages) > 150
    result = subprocess.run([NODE, str(REPO / "tests" / "js" / "validate-jsonld.mjs"), *pages],
                            capture_output=True, text=True, timeout=600, cwd=REPO)
    report = json.loads(result.stdout)
    assert report["errors"] == [] and report["warnings"] == [], json.dumps(report["errors"][:5] + report["warnings"][:5], indent=1)
    assert result.returncode == 0
    assert report["items"] >= len(pages)


def test_the_validator_harness_catches_what_is_missing(tmp_path, built_site):
    """Guards the guard: an Event without a location and an unknown property fail."""
    require(NODE is not None and (NODE_MODULES / "@adobe" / "structured-data-validator").is_dir(), "npm ci")
    page = (built_site / "events" / "defence-cooperation-agreement-2014" / "index.html").read_text(encoding="utf-8")
    broken = tmp_path / "broken.html"
    broken.write_text(page.replace('"location":{', '"locationX":{'), encoding="utf-8")
    result = subprocess.run([NODE, str(REPO / "tests" / "js" / "validate-jsonld.mjs"), str(broken)],
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert any('"location"' in e["issueMessage"] for e in report["errors"])
    assert any("locationX" in w["issueMessage"] for w in report["warnings"])


# --- Downloads and their schemas ------------------------------------------------------------

DOWNLOADS = REPO / "docs" / "downloads"


def test_every_schema_compiles_in_ajv_strict_mode_and_validates_its_download():
    require(NODE is not None and (NODE_MODULES / "ajv").is_dir(), "ajv is not installed (npm ci)")
    result = subprocess.run([NODE, str(REPO / "tests" / "js" / "ajv-check.mjs"), str(DOWNLOADS / "schema")],
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pakistan-russia-events.schema.json valid" in result.stdout
    assert "pakistan-russia-timelinejs.schema.json valid" in result.stdout
    assert "pakistan-russia-events.csv-row.schema.json valid" in result.stdout


def test_check_jsonschema_accepts_the_schemas_and_the_downloads(tmp_path):
    tool = Path(sys.executable).with_name("check-jsonschema")
    require(tool.is_file(), "check-jsonschema is not installed")
    schemas = sorted(str(p) for p in (DOWNLOADS / "schema").glob("*.schema.json"))
    assert subprocess.run([str(tool), "--check-metaschema", *schemas], capture_output=True, text=True).returncode == 0
    for schema, document in (("pakistan-russia-events.schema.json", "pakistan-russia-events.json"),
                             ("pakistan-russia-timelinejs.schema.json", "pakistan-russia-timelinejs.json")):
        result = subprocess.run([str(tool), "--schemafile", str(DOWNLOADS / "schema" / schema), str(DOWNLOADS / document)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    rows = list(csv.DictReader(io.StringIO((DOWNLOADS / "pakistan-russia-events.csv").read_text(encoding="utf-8"), newline="")))
    files = []
    for i, row in enumerate(rows):  # each row, as an object by column name, against the row schema
        files.append(tmp_path / f"row-{i}.json")
        files[-1].write_text(json.dumps(row), encoding="utf-8")
    result = subprocess.run([str(tool), "--schemafile", str(DOWNLOADS / "schema" / "pakistan-russia-events.csv-row.schema.json"),
                             *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_data_files_themselves_follow_their_published_schemas():
    tool = Path(sys.executable).with_name("check-jsonschema")
    require(tool.is_file(), "check-jsonschema is not installed")
    for name in ("events", "actors", "claims", "corrections", "trade"):
        result = subprocess.run([str(tool), "--schemafile", str(REPO / "data" / "schema" / f"{name}.schema.json"),
                                 "--base-uri", (REPO / "data" / "schema").as_uri() + "/", str(REPO / "data" / f"{name}.yaml")],
                                capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stdout + result.stderr)


def test_csv_lines_end_with_crlf_and_the_calendar_and_feed_are_tidy():
    from icalendar import Calendar

    raw = (DOWNLOADS / "pakistan-russia-events.csv").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 100
    calendar = Calendar.from_ical((DOWNLOADS / "pakistan-russia-events.ics").read_bytes())
    assert "\\" not in str(calendar.get("X-WR-CALDESC")) and "\\" not in str(calendar.get("X-WR-CALNAME"))
    for feed in ("feed.xml", "corrections.xml"):
        head = (REPO / "docs" / feed).read_text(encoding="utf-8")
        assert re.search(r'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"', head), feed


def test_the_data_page_explains_every_column_and_field(built_site):
    page = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    header = (DOWNLOADS / "pakistan-russia-events.csv").read_text(encoding="utf-8").splitlines()[0]
    for column in json.loads("[" + header + "]"):
        assert f"<code>{column}</code>" in page, column
    record = json.loads((DOWNLOADS / "pakistan-russia-events.json").read_text(encoding="utf-8"))
    fields = set(record) | {f for event in record["events"] for f in event}
    for field in fields:
        assert f"<code>{field}</code>" in page, field


# --- TimelineJS, self-hosted --------------------------------------------------------------

def test_the_timelinejs_recipe_shows_every_event_and_asks_no_other_host(browser, tmp_path):
    dist = NODE_MODULES / "@knight-lab" / "timelinejs" / "dist"
    require(dist.is_dir(), "TimelineJS is not installed (npm ci)")
    from serve import StaticServer

    folder = tmp_path / "embed"
    (folder / "timelinejs").mkdir(parents=True)
    shutil.copytree(dist / "js", folder / "timelinejs" / "js")
    shutil.copytree(dist / "css", folder / "timelinejs" / "css")
    shutil.copy(DOWNLOADS / "pakistan-russia-timelinejs.json", folder)
    shutil.copy(REPO / "scripts" / "templates" / "timelinejs-embed.html", folder / "index.html")
    events = json.loads((DOWNLOADS / "pakistan-russia-timelinejs.json").read_text(encoding="utf-8"))["events"]
    with StaticServer(folder) as server:
        page = browser.new_page()
        errors, requests = [], []
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.on("request", lambda req: requests.append(req.url))
        page.goto(server.url)
        page.wait_for_function("document.querySelectorAll('.tl-slide').length > 1", timeout=30_000)
        page.wait_for_timeout(1500)
        slides = page.evaluate("document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)').length")
        page.close()
    assert slides == len(events)
    assert errors == []
    assert all(url.startswith(server.url) for url in requests), [u for u in requests if not u.startswith(server.url)]
    # The Data page shows this very recipe.
    recipe = (REPO / "scripts" / "templates" / "timelinejs-embed.html").read_text(encoding="utf-8").rstrip("\n")
    assert recipe in (REPO / "docs" / "data.md").read_text(encoding="utf-8")
