"""Golden pages for the fixture, and escaping of data that looks like markup."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, REPO
from explainer.cli import read_data_files, read_schemas, read_translations
from explainer.dataset.translations import TERMS_FILE
from explainer.pages.markup import href, markdown, plain
from explainer.pages.cards import CardSpec
from explainer.pipeline import build_pages, build_site, load_dataset
from explainer.site import SiteInfo

GOLDEN = Path(__file__).parent / "golden"
SITE = SiteInfo(name="Test site", url="https://example.org/site/")


def build(raw):
    return build_pages(raw, SITE, read_schemas(REPO))


@pytest.fixture(scope="module")
def files() -> dict:
    """Every edition of the fixture: English, Russian (translated in part: see
    tests/fixtures/data/translations) and Urdu (not translated at all)."""
    root = FIXTURE_DATA.parent
    return build_site(read_data_files(FIXTURE_DATA), SITE, read_schemas(REPO), translations=read_translations(root),
                      terms=(root / TERMS_FILE).read_bytes(), config_text=(REPO / "mkdocs.yml").read_text(encoding="utf-8")).files


@pytest.fixture(scope="module")
def pages(files) -> dict[str, str]:
    """The text files (the social cards are described by a CardSpec, drawn by the command line)."""
    return {path: content for path, content in files.items() if isinstance(content, str)}


def _card_of(page: str) -> str:
    """docs/events/x.md -> docs/assets/cards/events/x.png; docs/ru/events/x.md -> docs/ru/assets/cards/events/x.png."""
    rel = page.removeprefix("docs/")
    lang, _, rest = rel.partition("/")
    prefix, rel = (f"{lang}/", rest) if lang in ("ru", "ur") else ("", rel)
    return f"docs/{prefix}assets/cards/{rel.removesuffix('.md')}.png"


def test_every_page_has_a_social_card_that_shows_its_title(files, pages):
    cards = {path: spec for path, spec in files.items() if isinstance(spec, CardSpec)}
    markdown = [p for p in pages if p.endswith(".md") and p.startswith("docs/")]
    method = {"docs/assets/cards/method.png", "docs/ru/assets/cards/method.png", "docs/ur/assets/cards/method.png"}
    assert {_card_of(p) for p in markdown} | method == set(cards)
    assert cards["docs/assets/cards/events/summit-2018.png"] == CardSpec(
        "A plenary week", "Event · 18–23 February 2018", "Test site", "example.org/site")
    assert cards["docs/ru/assets/cards/events/summit-2018.png"] == CardSpec(
        "Пленарная неделя", "Event · 18–23 февраля 2018\u202fг.", "Test site", "example.org/site/ru", "ru")
    assert cards["docs/ur/assets/cards/events/summit-2018.png"].lang == "ur"
    assert cards["docs/assets/cards/events/escape-test-2020.png"].title == '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    for prefix in ("", "ru/", "ur/"):
        mine = {path: spec.key for path, spec in cards.items() if path.startswith(f"docs/{prefix}assets/cards/")}
        assert json.loads(pages[f"docs/{prefix}assets/cards/cards.json"]) == mine


ENGLISH_PAGES = {
    "docs/index.md", "docs/timeline.md", "docs/next.md", "docs/glossary.md", "docs/sources.md",
    "docs/eras/index.md", "docs/eras/early.md", "docs/eras/later.md",
    "docs/themes/index.md", "docs/themes/diplomacy.md", "docs/themes/finance.md",
    "docs/actors/index.md", "docs/actors/state-a.md", "docs/actors/publisher-x.md",
    "docs/actors/pakistan.md", "docs/actors/russia.md",
    "docs/article/index.md", "docs/article/claims.md",
    "docs/events/first-event-1948.md", "docs/events/summit-2018.md", "docs/events/escape-test-2020.md",
    "docs/data.md", "docs/feed.xml", "docs/corrections.md", "docs/corrections.xml",
    "docs/downloads/pakistan-russia-events.json", "docs/downloads/pakistan-russia-events.csv",
    "docs/downloads/pakistan-russia-events.ics", "docs/downloads/pakistan-russia-timelinejs.json",
    "docs/assets/cards/cards.json",
} | {f"docs/downloads/schema/{p.name}" for p in (REPO / "data" / "schema").glob("**/*.schema.json")}


def test_the_expected_pages_are_made(pages):
    """The same pages in every edition, each edition in its folder, with its configuration."""
    expected = set(ENGLISH_PAGES) | {"includes/abbreviations.md", "includes/abbreviations.ru.md",
                                     "includes/abbreviations.ur.md", "mkdocs.ru.yml", "mkdocs.ur.yml"}
    for lang in ("ru", "ur"):
        expected |= {p.replace("docs/", f"docs/{lang}/", 1) for p in ENGLISH_PAGES}
    assert set(pages) == expected


def test_pages_match_the_golden_copies(pages):
    """Set UPDATE_GOLDEN=1 to rewrite the golden copies after an intended change; review the diff."""
    if os.environ.get("UPDATE_GOLDEN"):
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(text.encode("utf-8"))
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert pages == golden


def test_every_generated_page_says_it_is_generated(pages):
    for rel, text in pages.items():
        if not rel.endswith(".md"):
            continue
        head = text.splitlines()[:2]
        assert any("Generated by scripts/explainer from data/" in line for line in head), rel


def test_rendering_is_deterministic():
    raw = read_data_files(FIXTURE_DATA)
    assert build(raw) == build(raw)


def test_dates_are_shown_at_their_precision(pages):
    assert "**18–23 February 2018**" in pages["docs/events/summit-2018.md"]
    assert "**2020**" in pages["docs/events/escape-test-2020.md"]
    assert "**1 May 1948**" in pages["docs/events/first-event-1948.md"]


def test_markup_in_data_is_escaped(pages):
    page = pages["docs/events/escape-test-2020.md"]
    assert "<script>" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "# &lt;script&gt;alert" in page
    assert 'title: "&lt;script&gt;alert(&quot;x&quot;)' in page  # the theme prints front matter raw


def test_plain_text_cannot_start_markdown_syntax():
    assert plain("- item") == "\\- item"
    assert plain("1999. A year") == "1999\\. A year"
    assert plain("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert plain("a\n\n# b") == "a \\# b"


def test_markdown_fields_keep_formatting_but_not_html_or_attributes():
    assert markdown("*a* [b](https://x.org)") == "*a* [b](https://x.org)"
    assert markdown("<script>x</script>{: onclick=y }") == "&lt;script>x&lt;/script>\\{: onclick=y \\}"


def test_the_dataset_links_events_to_eras_and_neighbours():
    data = load_dataset(read_data_files(FIXTURE_DATA))
    assert [e.era for e in data.events] == ["early", "later", "later"]
    first, middle, last = data.events
    assert data.neighbours(middle) == (first, last)
    assert data.neighbours(first)[0] is None


def test_long_lists_show_each_event_by_date_and_title_only(monkeypatch):
    """Above render.FULL_LIST_ITEMS events, a list drops the summaries (each is on its
    event's page): at 10,000 events the busiest pages would otherwise weigh megabytes."""
    from explainer.pages import render

    raw = read_data_files(FIXTURE_DATA)
    full = build(raw)["docs/eras/early.md"]
    assert "The two states exchange notes." in full
    monkeypatch.setattr(render, "FULL_LIST_ITEMS", 0)
    short = build(raw)["docs/eras/early.md"]
    assert "The two states exchange notes." not in short
    assert "](../events/first-event-1948.md)" in short
    assert short.count("<li id=") == full.count("<li id=")


def test_a_statement_not_found_ends_its_own_list_item():
    """A perspective without a source (none_found) has no source line; the next side must
    still start a list item of its own, not run on after it."""
    import yaml

    raw = read_data_files(FIXTURE_DATA)
    events = yaml.safe_load(raw["events"])
    event = next(e for e in events if e.get("perspectives"))
    # Islamabad (listed first) found nothing; Moscow and New Delhi follow it.
    event["perspectives"][0] = {"side": "pakistan", "none_found": "No public statement by Islamabad was found."}
    raw["events"] = yaml.safe_dump(events, allow_unicode=True, sort_keys=False).encode("utf-8")
    page = build(raw)[f"docs/events/{event['id']}.md"]
    section = page.split("## How each side saw it", 1)[1].split("\n## ", 1)[0]
    items = [line for line in section.splitlines() if line.startswith("- **")]
    assert len(items) == len(event["perspectives"]), section
    assert items[0].endswith("*No public statement by Islamabad was found.*"), items[0]


def test_each_abbreviation_is_a_block_of_its_own_and_defines_its_tooltip(pages):
    """The definitions are appended to every page. Written as one block, every block
    processor re-scanned the rest of it once per definition (about 2.7 ms a page, a
    fifth of the site's Markdown time at 5,000 events); each must be a block of its own,
    and the abbr extension must still define every term from it."""
    import markdown as python_markdown

    names = ("includes/abbreviations.md", "includes/abbreviations.ru.md", "includes/abbreviations.ur.md")
    # The fixture's (one term) and the site's own, committed (every glossary term).
    files = [(name, pages[name]) for name in names] + [(name, (REPO / name).read_text(encoding="utf-8")) for name in names]
    for name, text in files:
        definitions = [line for line in text.splitlines() if line.startswith("*[")]
        assert definitions, name
        blocks = [block.strip() for block in text.split("\n\n") if block.strip().startswith("*[")]
        assert blocks == definitions, f"{name}: a definition shares its block with another line"
        terms = [d[2:d.index("]: ")] for d in definitions]
        html = python_markdown.markdown(" and ".join(terms) + "\n\n" + text, extensions=["abbr"])
        for term in terms:
            assert f">{term}</abbr>" in html, (name, term)
        assert "*[" not in html, name  # no definition shows as text


def test_the_sources_page_lists_every_source_the_data_cites(pages):
    """Every source record (events, perspectives, claims, actors, glossary, the article and
    the trade figures) appears on the Sources page of every edition, with a page citing it."""
    data = load_dataset(read_data_files(FIXTURE_DATA))
    urls = {str(href(source.url)) for source in data.every_source()}
    assert "https://example.org/trade-report" in urls  # the fixture has a trade figure
    for prefix in ("", "ru/", "ur/"):
        page = pages[f"docs/{prefix}sources.md"]
        missing = sorted(url for url in urls if f"({url})" not in page)
        assert not missing, f"{prefix or 'en/'}sources.md lacks {missing}"
    english = pages["docs/sources.md"]
    entry = english[english.index("(https://example.org/trade-report)"):]
    assert entry.split("\n\n", 1)[0].endswith("[In numbers: trade](index.md#in-numbers-trade)")
