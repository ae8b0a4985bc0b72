"""What a reader does, in real headless Chromium against the built site on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from browser_fixtures import PAGE_KINDS
from conftest import REPO
from explainer.cli import read_data_files
from explainer.pipeline import load_dataset


def test_the_home_page_loads_cleanly_and_only_from_this_host(watched):
    watched.goto("")
    watched.page.wait_for_load_state("networkidle")
    assert watched.page.title().startswith("Pakistan and Russia")
    assert watched.console_errors == []
    assert watched.foreign_requests() == []
    assert len(watched.requests) > 3  # the check saw the page's own requests


@pytest.mark.parametrize("edition, query", [("", "FATF"), ("ru/", "ФАТФ"), ("ur/", "پلینری")])
def test_search_costs_nothing_until_it_is_opened_then_only_what_a_query_needs(watched, edition, query):
    """Pagefind's script and index load only when the reader searches, and then only the
    index of the page's language; the theme's own search index is never loaded."""
    page = watched.page
    watched.goto(edition + "events/fatf-plenary-paris-2018/")
    page.wait_for_load_state("networkidle")
    loaded = list(watched.requests)
    assert not [u for u in loaded if "pagefind" in u or "search_index" in u or "/workers/" in u], loaded
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    searched = [u for u in watched.requests[len(loaded):] if "/pagefind/" in u]
    lang = edition.strip("/") or "en"
    index_parts = [u for u in searched if u.endswith((".pf_index", ".pf_meta", ".pf_fragment"))]
    assert index_parts and all(f"/{lang}_" in u or f".{lang}_" in u for u in index_parts), index_parts
    assert watched.console_errors == [] and watched.foreign_requests() == []


def test_search_finds_the_fatf_events_and_opens_one(watched):
    page = watched.page
    watched.goto("")
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    # Type as a reader does: Material reads the query on key events, so fill() (an input
    # event only) is missed once the index is ready, which made this test depend on timing.
    page.keyboard.type("FATF", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    text = page.locator(".md-search-result").inner_text()
    assert "FATF plenary in Paris" in text
    assert "grey list" in text
    page.locator(".md-search-result__link", has_text="FATF plenary in Paris").first.click()
    page.wait_for_url(re.compile(r"/events/fatf-plenary-paris-2018/"))
    assert page.locator("h1").inner_text().startswith("FATF plenary in Paris")


def test_the_theme_filter_narrows_list_and_visual_and_keeps_the_choice_in_the_url(watched, context):
    data = load_dataset(read_data_files(REPO / "data"))
    energy = [e.id for e in data.events if "energy" in e.themes]
    page = watched.page
    watched.goto("timeline/")
    assert page.locator(".tl-list > li:visible").count() == len(data.events)
    page.select_option("#timeline-filter select[name=theme]", "energy")
    assert page.locator(".tl-list > li:visible").count() == len(energy)
    assert page.locator(".tl__mark:not(.tl-hidden)").count() == len(energy)
    assert "theme=energy" in page.url
    assert page.locator("#timeline-status").inner_text() == f"Showing {len(energy)} of {len(data.events)} events."
    shared = page.url

    other = context.new_page()
    other.goto(shared)
    assert other.locator("#timeline-filter select[name=theme]").input_value() == "energy"
    assert other.locator(".tl-list > li:visible").count() == len(energy)


@pytest.mark.parametrize("edition, note", [("", "No event of this era matches the filter."),
                                           ("ru/", "Ни одно событие этого периода не соответствует фильтру.")])
def test_an_era_emptied_by_the_filter_says_so_in_the_pages_language(watched, edition, note):
    data = load_dataset(read_data_files(REPO / "data"))
    energy_eras = {e.era for e in data.events if "energy" in e.themes}
    empty = [era.id for era in data.eras if era.id not in energy_eras]
    assert empty, "every era has an energy event: choose another theme for this test"
    page = watched.page
    watched.goto(edition + "timeline/")
    assert page.locator(".tl-empty:visible").count() == 0
    page.select_option("#timeline-filter select[name=theme]", "energy")
    shown = page.locator(".tl-empty:visible")
    assert shown.count() == len(empty)
    assert shown.first.inner_text() == note


def test_the_timeline_without_javascript_shows_everything_and_links_the_filter_pages(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_url + "timeline/")
    assert page.locator("#timeline-filter").is_hidden()
    assert page.locator(".tl-list > li").count() == page.locator(".tl__mark").count() > 50
    assert page.locator(".tl-legend a[href$='/themes/energy/']").count() == 1
    assert page.locator(".tl-nojs-filter a", has_text="people and organisations").count() == 1
    # Without a script the search could not answer, so it is not offered.
    assert page.locator(".md-search").is_hidden()
    ctx.close()
    phone = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = phone.new_page()
    page.goto(site_url + "timeline/")
    assert page.locator(".md-header__button[for='__search']").is_hidden()
    phone.close()


def test_dark_mode_toggle_works_and_persists(watched):
    page = watched.page
    watched.goto("")
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    assert scheme() == "default"
    page.locator("label[for='__palette_1']").click()
    assert scheme() == "slate"
    watched.goto("timeline/")
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate"


@pytest.mark.parametrize("width", [360, 375])
@pytest.mark.parametrize("kind", [k for k in PAGE_KINDS] + ["about", "sources", "next"])
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, kind, width):
    path = {**PAGE_KINDS, "about": "article/", "sources": "sources/", "next": "next/"}[kind]
    ctx = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True)
    page = ctx.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    ctx.close()


def _tab_through(page, steps: int):
    """Press Tab ``steps`` times; return what had focus each time, with its outline."""
    seen = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => {
            const el = document.activeElement;
            // Material draws the focus of a hidden toggle input on the label that follows it.
            const target = el.closest('a.tl__mark') ? el.querySelector('circle, rect')
                         : el.closest('a.tl__label') ? el.querySelector('text')
                         : el.classList.contains('md-option') ? el.nextElementSibling : el;
            const style = getComputedStyle(target);
            const rect = el.getBoundingClientRect();
            return {tag: el.tagName, cls: el.getAttribute('class') || '', text: (el.textContent || '').trim().slice(0, 60),
                    id: el.id, top: rect.top + window.scrollY, inContent: !!el.closest('article'),
                    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                             || (style.stroke !== 'none' && parseFloat(style.strokeWidth) >= 2)
                             || style.boxShadow !== 'none'};
        }"""))
    return seen


def test_the_timeline_works_by_keyboard(watched):
    page = watched.page
    watched.goto("timeline/")
    steps = _tab_through(page, 60)
    assert all(s["visible"] for s in steps), [s for s in steps if not s["visible"]][:3]
    texts = [s["text"] for s in steps]
    skip = texts.index("Skip the visual timeline to the list of events")
    marks = [i for i, s in enumerate(steps) if "tl__mark" in s["cls"]]
    assert marks and skip < marks[0]  # the skip link comes before the marks
    assert marks == list(range(marks[0], marks[0] + len(marks)))  # marks in one run, in date order
    # Following the skip link moves focus past the visual, to the list.
    watched.goto("timeline/")
    link = page.get_by_role("link", name="Skip the visual timeline to the list of events")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#timeline-list"
    # The filter is usable from the keyboard too.
    page.locator("#timeline-filter select[name=theme]").focus()
    page.keyboard.press("ArrowDown")
    assert page.locator("#timeline-filter select[name=theme]").input_value() != ""


def test_the_claims_page_works_by_keyboard(watched):
    page = watched.page
    watched.goto("article/claims/")
    first = _tab_through(page, 1)[0]
    assert first["text"] == "Skip to content" and first["visible"]
    page.keyboard.press("Enter")  # a keyboard user skips the header, navigation and contents
    steps = _tab_through(page, 30)
    assert all(s["visible"] for s in steps), [s for s in steps if not s["visible"]][:3]
    assert all(s["inContent"] for s in steps), [s for s in steps if not s["inContent"]][:3]
    tops = [s["top"] for s in steps]
    assert tops == sorted(tops), "focus order should follow the page from top to bottom"
    summaries = [i for i, s in enumerate(steps) if s["tag"] == "SUMMARY"]
    assert summaries, "the sources of a claim open from the keyboard"
    page.locator("article details summary").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("article details").first.get_attribute("open") is not None


def test_an_event_page_shows_its_citation(watched):
    page = watched.page
    watched.goto("events/russia-lifts-arms-embargo-2014/")
    cite = page.locator("details.cite")
    assert not page.locator(".cite__text").first.is_visible()
    cite.locator("summary").click()
    text = page.locator(".cite__text").first.inner_text()
    assert "Russia lifts its arms embargo on Pakistan" in text
    assert "/events/russia-lifts-arms-embargo-2014/" in text
    assert "@misc{russia-lifts-arms-embargo-2014" in page.locator(".cite__text").nth(2).inner_text()


def test_a_download_link_returns_the_file(watched):
    page = watched.page
    watched.goto("data/")
    href = page.locator("a", has_text="pakistan-russia-events.csv").first.get_attribute("href")
    response = page.request.get(page.url + href)
    assert response.status == 200
    assert response.text().startswith('"id","date","date_precision"')


def test_an_unknown_address_gets_a_helpful_404(watched):
    response = watched.goto("no-such-page/")
    assert response.status == 404
    assert watched.page.locator("h1").inner_text() == "Page not found"
    assert watched.page.locator("a", has_text="timeline").count() >= 1
