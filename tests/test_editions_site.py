"""The three editions as built: every page of every edition declares its language and
direction, links to the same page in the other editions (and is linked back), says its
language in its structured data; each edition has its feeds, calendar, sitemap and search;
Urdu reads right to left without sideways scrolling, its charts left to right."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from browser_fixtures import EDITION_PAGE_KINDS
from conftest import REPO
from explainer.site import _ConfigLoader

CONFIG = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
ROOT_URL = CONFIG["site_url"]
EDITIONS = {"en": "", "ru": "ru/", "ur": "ur/"}


def edition_of(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in ("ru", "ur") else "en"


class _Head(HTMLParser):
    """The facts a page declares about its language."""

    def __init__(self):
        super().__init__()
        self.html_lang = self.body_dir = None
        self.alternates: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.canonical = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "body":
            self.body_dir = a.get("dir")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switcher[a["hreflang"]] = a["href"]


def _pages(site: Path):
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text or rel.startswith("downloads/") or "/downloads/" in rel:
            continue
        head = _Head()
        head.feed(text)
        yield rel, text, head


def _url_to_file(site: Path, url: str) -> Path:
    assert url.startswith(ROOT_URL), url
    rel = url[len(ROOT_URL):].split("#")[0]
    return site / rel / "index.html" if not rel.endswith(".html") else site / rel


def test_every_page_of_every_edition_declares_its_language_and_direction(built_site):
    counts = {"en": 0, "ru": 0, "ur": 0}
    for rel, text, head in _pages(built_site):
        lang = edition_of(rel)
        counts[lang] += 1
        assert head.html_lang == lang, rel
        assert head.body_dir == ("rtl" if lang == "ur" else "ltr"), rel
    assert counts["en"] == counts["ru"] == counts["ur"] > 240, counts


def test_every_page_links_to_itself_in_the_other_editions_and_is_linked_back(built_site):
    """hreflang links: absolute, one per edition plus x-default (the English), each leading
    to a page that exists and names this page back."""
    heads = {rel: head for rel, _text, head in _pages(built_site)}
    checked = 0
    for rel, head in heads.items():
        if rel.endswith("404.html"):
            assert head.alternates == {}, rel  # a 404 page is no page's translation
            continue
        assert set(head.alternates) == {"en", "ru", "ur", "x-default"}, rel
        assert head.alternates["x-default"] == head.alternates["en"]
        assert head.alternates[edition_of(rel)] == head.canonical, rel
        for lang, url in head.alternates.items():
            if lang == "x-default":
                continue
            target = _url_to_file(built_site, url)
            assert target.is_file(), (rel, lang, url)
            back = heads[target.relative_to(built_site).as_posix()]
            assert back.alternates[edition_of(rel)] == head.canonical, (rel, lang)
            checked += 1
    assert checked > 2000


def test_the_language_switcher_leads_to_the_same_page(built_site):
    for rel, _text, head in _pages(built_site):
        if rel.endswith("404.html"):
            assert set(head.switcher.values()) == {ROOT_URL, ROOT_URL + "ru/", ROOT_URL + "ur/"}
            continue
        assert set(head.switcher) == {"en", "ru", "ur"}, rel
        for lang, href in head.switcher.items():
            target = Path(urljoin(f"/{rel}", href).lstrip("/"))
            target = built_site / target / "index.html" if not target.suffix else built_site / target
            expected = built_site / (EDITIONS[lang] + rel.split("/", 1)[1] if edition_of(rel) != "en" else EDITIONS[lang] + rel)
            assert target.resolve() == expected.resolve(), (rel, lang, href)


def test_every_page_says_its_language_in_its_structured_data(built_site):
    for rel, text, _head in _pages(built_site):
        if rel.endswith("404.html"):
            continue
        blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)]
        assert blocks, rel
        languages = set(re.findall(r'"inLanguage":\s*"([a-z]+)"', json.dumps(blocks)))
        assert languages == {edition_of(rel)}, (rel, languages)


def test_no_page_mixes_directions_by_mistake_in_its_markup(built_site):
    """Right-to-left only in the Urdu edition, where every piece of English, Russian or code
    is set left to right; the other editions hold no right-to-left markup."""
    for rel, text, _head in _pages(built_site):
        main = text[text.find('<article'):text.find('</article>')]
        if edition_of(rel) == "ur":
            for tag in re.findall(r'<[a-z]+ [^>]*lang="(?:en|ru)"[^>]*>', main):
                assert 'dir="ltr"' in tag, (rel, tag)
        else:
            assert 'dir="rtl"' not in main, rel


def test_each_edition_has_its_own_feeds_calendar_downloads_and_sitemap(built_site):
    for lang, prefix in EDITIONS.items():
        folder = built_site / prefix
        feed = (folder / "feed.xml").read_text(encoding="utf-8")
        assert f'xml:lang="{lang}"' in feed
        assert f'xml:lang="{lang}"' in (folder / "corrections.xml").read_text(encoding="utf-8")
        data = json.loads((folder / "downloads" / "pakistan-russia-events.json").read_text(encoding="utf-8"))
        assert data["language"] == lang
        sitemap = (folder / "sitemap.xml").read_text(encoding="utf-8")
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert locs and all(loc.startswith(ROOT_URL + prefix) for loc in locs)
        if lang != "en":
            assert not any(loc.startswith(ROOT_URL + p) for p in EDITIONS.values() if p and p != prefix for loc in locs)
    titles = {lang: re.search(r"<title>([^<]+)</title>", (built_site / prefix / "feed.xml").read_text(encoding="utf-8"))[1]
              for lang, prefix in EDITIONS.items()}
    assert len(set(titles.values())) == 3, titles  # translated
    ru_calendar = (built_site / "ru" / "downloads" / "pakistan-russia-events.ics").read_text(encoding="utf-8")
    assert "SUMMARY:" in ru_calendar and re.search(r"SUMMARY:[^\r\n]*[А-Яа-я]", ru_calendar)


def test_nothing_is_left_untranslated_at_resolution(built_site):
    """Every reader-facing text is translated: no page of the Russian or Urdu edition shows
    English for want of a translation."""
    for rel, text, _head in _pages(built_site):
        if edition_of(rel) != "en":
            assert 'class="untranslated' not in text, rel


# --- In the browser ----------------------------------------------------------------------

@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", [k for k in EDITION_PAGE_KINDS if k.startswith("ur:")])
def test_urdu_pages_read_right_to_left_without_sideways_scrolling(browser, site_url, kind, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + EDITION_PAGE_KINDS[kind], wait_until="load")
    facts = page.evaluate("""() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        direction: getComputedStyle(document.querySelector('.md-content')).direction,
        charts: [...document.querySelectorAll('.tl__scroll, .chart__scroll')].map(e => getComputedStyle(e).direction),
        font: getComputedStyle(document.querySelector('.md-typeset')).fontFamily,
    })""")
    ctx.close()
    assert facts["overflow"] <= 0, facts
    assert facts["direction"] == "rtl"
    assert set(facts["charts"]) <= {"ltr"}  # time runs left to right (see the Method page)
    assert facts["font"].startswith('"Noto Nastaliq Urdu"')


HEADER_LAYOUT = """() => [...document.querySelectorAll('.md-header__inner *')]
  .filter(e => e.getClientRects().length)
  .map(e => { const r = e.getBoundingClientRect(); return [e.tagName, e.className.baseVal ?? e.className, e.getAttribute('for'), Math.round(r.x), Math.round(r.width)]; })"""


@pytest.mark.parametrize("path", [prefix + page for prefix in EDITIONS.values() for page in ("", "timeline/")])
def test_the_header_is_drawn_as_it_stays_before_the_script_runs(browser, site_url, path):
    """The search button and the colour scheme button need site.js. Shown by it, they
    appeared after the first paint on a slow phone and pushed the header's other buttons
    aside (a layout shift of 0.058 on every Urdu page, a Lighthouse point). Here site.js is
    held back until the page is parsed: the header must already be laid out as it is after."""
    ctx = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    held = []
    page.route("**/javascripts/site.js", lambda route: held.append(route))
    page.goto(site_url + path, wait_until="commit")
    page.wait_for_function("document.readyState !== 'loading'")  # parsed; the deferred script waits
    assert len(held) == 1 and page.evaluate("document.readyState") == "interactive"
    before = page.evaluate(HEADER_LAYOUT)
    held[0].continue_()
    page.wait_for_load_state("load")
    page.wait_for_function("document.readyState === 'complete'")
    after = page.evaluate(HEADER_LAYOUT)
    ctx.close()
    assert len(after) > 5
    assert before == after


MIXED = """() => {
  const wrong = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const d = getComputedStyle(el).direction;
    const ltrOnPurpose = el.closest('[lang="en"], [lang="ru"], [dir="ltr"], pre, code, svg, .tl__scroll, .chart__scroll');
    if (d === 'ltr' && !ltrOnPurpose) wrong.push(el.tagName + '.' + el.className);
  }
  return wrong.slice(0, 10);
}"""


@pytest.mark.parametrize("kind", [k for k in EDITION_PAGE_KINDS if k.startswith("ur:") and not k.endswith("404")])
def test_urdu_text_is_right_to_left_except_what_is_marked_otherwise(browser, site_url, kind):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + EDITION_PAGE_KINDS[kind], wait_until="load")
    wrong = page.evaluate(MIXED)
    ctx.close()
    assert wrong == []


@pytest.mark.parametrize("lang, query, expected", [
    ("ru", "пленарное", "ru/events/fatf-plenary-paris-2018/"),
    ("ur", "پلینری", "ur/events/fatf-plenary-paris-2018/"),
])
def test_search_finds_a_word_in_the_editions_language(watched, lang, query, expected):
    page = watched.page
    watched.goto(f"{lang}/")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href.split('?')[0].split('#')[0])")
    assert any(link.endswith(expected) for link in links), links[:10]
    assert all(f"/{lang}/" in link for link in links)  # the edition's own index only
