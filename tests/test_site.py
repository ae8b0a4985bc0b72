"""The real site: committed pages are fresh, and MkDocs builds them strictly."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest
from conftest import REPO, build_site, copy_repository, run_generator
from explainer.cli import read_data_files
from explainer.pipeline import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(read_data_files(REPO / "data"))


def test_the_committed_pages_match_the_data():
    result = run_generator(REPO, "--check")
    assert result.returncode == 0, result.stderr


def test_every_event_has_its_page_and_a_place_on_the_timeline(built_site, dataset):
    timeline = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    for event in dataset.events:
        page = built_site / "events" / event.id / "index.html"
        assert page.is_file(), event.id
        assert f'id="{event.id}"' in timeline, event.id
        assert f'href="../events/{event.id}/"' in timeline, event.id


def test_every_era_theme_and_actor_has_a_page(built_site, dataset):
    for folder, records in (("eras", dataset.eras), ("themes", dataset.themes), ("actors", dataset.actors)):
        for record in records:
            assert (built_site / folder / record.id / "index.html").is_file(), (folder, record.id)


def test_no_page_asks_another_host_for_anything(built_site):
    """Static check of every page (the browser tests watch the real requests)."""
    loading_tag = re.compile(r"<(link|script|img|iframe|source|video|audio)\b[^>]*>", re.I)
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in loading_tag.finditer(html):
            text = tag.group(0)
            if re.search(r'rel="(canonical|alternate)"', text):
                continue  # names an address; loads nothing
            assert not re.search(r'(href|src)="(https?:)?//', text), (page, text)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


def test_the_sidebar_does_not_list_every_event(built_site, dataset):
    """Event pages are linked from the timeline, not put in every page's navigation."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    assert "events/" not in nav


def test_two_builds_are_identical(built_site, tmp_path):
    project = copy_repository(tmp_path / "again")
    again = project / "site"
    assert build_site(project, again).returncode == 0
    comparison = filecmp.dircmp(built_site, again)

    def differences(cmp):
        found = list(cmp.diff_files) + list(cmp.left_only) + list(cmp.right_only)
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


def test_the_strict_build_fails_on_a_broken_link(fixture_project, tmp_path):
    """Guards the guard: warnings must reach MkDocs' strict mode (`--quiet` would hide them)."""
    assert build_site(fixture_project, tmp_path / "ok").returncode == 0
    (fixture_project / "docs" / "broken.md").write_text("# Broken\n\n[gone](nowhere.md)\n")
    result = build_site(fixture_project, tmp_path / "broken")
    assert result.returncode != 0
    assert "nowhere.md" in result.stderr


def test_the_strict_build_fails_on_a_broken_link_in_any_edition(fixture_project, tmp_path):
    """The Russian and Urdu editions are built in processes of their own: their warnings
    must fail the strict build too."""
    for lang in ("ru", "ur"):
        method = fixture_project / "docs" / lang / "method.md"
        good = method.read_text(encoding="utf-8")
        method.write_text(good + "\n[gone](nowhere.md)\n", encoding="utf-8")
        result = build_site(fixture_project, tmp_path / lang)
        assert result.returncode != 0, lang
        assert "nowhere.md" in result.stderr and f"mkdocs.{lang}.yml" in result.stderr, result.stderr[-2000:]
        method.write_text(good, encoding="utf-8")


def _internal_links(page: Path, site: Path, with_fragments: bool = False):
    html = page.read_text(encoding="utf-8")
    for href, fragment in re.findall(r'href="([^"#?]*)(?:\?[^"#]*)?(?:#([^"]*))?"', html):
        if re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue
        if not href:
            target = page
        else:
            # 404.html links from the site's root (site_url's path is "/"), the others relatively
            target = (site / href.lstrip("/")).resolve() if href.startswith("/") else (page.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
        yield (target, fragment) if with_fragments else target


def test_no_page_is_an_orphan(built_site):
    """Every page can be reached from the home page by following links."""
    start = (built_site / "index.html").resolve()
    seen, queue = {start}, [start]
    while queue:
        page = queue.pop()
        for target in _internal_links(page, built_site):
            if target.suffix == ".html" and target.is_file() and target not in seen:
                seen.add(target)
                queue.append(target)
    redirects = {p.resolve() for p in built_site.rglob("*.html") if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")}
    pages = {p.resolve() for p in built_site.rglob("*.html") if p.name != "404.html"} - redirects
    assert sorted(str(p.relative_to(built_site.resolve())) for p in pages - seen) == []


def test_every_internal_link_and_anchor_resolves(built_site):
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page in built_site.rglob("*.html"):
        for target, fragment in _internal_links(page, built_site, with_fragments=True):
            assert target.exists(), (page, target)
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\bid="([^"]+)"', target.read_text(encoding="utf-8")))
                assert fragment in ids[target], (page.relative_to(built_site), target.relative_to(built_site), fragment)
                checked += 1
    assert checked > 100  # the timeline, claims and sources pages link to many anchors


def _jsonld_blocks(html: str):
    import json as _json
    return [_json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_every_page_has_social_meta_and_valid_json_ld_where_it_should(built_site, dataset):
    expected = {
        "index.html": "WebSite",
        "article/claims/index.html": "ClaimReview",
        f"events/{dataset.events[0].id}/index.html": "Event",
        "actors/khawaja-asif/index.html": "Person",
        "actors/fatf/index.html": "Organization",
    }
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site).as_posix()
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        for prop in ("og:title", "og:description", "og:url", "twitter:card"):
            assert f'property="{prop}"' in html or f'name="{prop}"' in html, (rel, prop)
        blocks = _jsonld_blocks(html)  # json.loads raises on invalid JSON
        if rel.startswith(("events/", "ru/events/", "ur/events/")) and 'http-equiv="refresh"' not in html:
            assert blocks and blocks[0]["@type"] == "Event", rel
    for rel, kind in expected.items():
        blocks = _jsonld_blocks((built_site / rel).read_text(encoding="utf-8"))
        types = {b.get("@type") for b in blocks} | {g["@type"] for b in blocks for g in b.get("@graph", [])}
        assert kind in types, rel


def test_the_timeline_visual_has_a_named_link_for_every_event(built_site, dataset):
    html = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    marks = re.findall(r'<a class="tl__mark[^"]*" href="\.\./events/([a-z0-9-]+)/"[^>]*><title>([^<]+)</title>', html)
    assert [m[0] for m in marks] == [e.id for e in dataset.events]
    assert all(label.strip() for _, label in marks)


def test_no_script_holds_up_the_first_paint(built_site):
    """Every page of every edition: each script file is deferred, so the page is drawn
    without waiting for it (a script at the end of the page without it held up the Urdu
    timeline's first paint on phones)."""
    script_tag = re.compile(r"<script\b[^>]*\bsrc=[^>]*>", re.I)
    pages = list(built_site.rglob("*.html"))
    scripts = 0
    for page in pages:
        for tag in script_tag.finditer(page.read_text(encoding="utf-8")):
            scripts += 1
            assert re.search(r"\s(defer|async)[\s>=]", tag.group(0)), (page, tag.group(0))
    assert scripts >= len(pages) * 0.9  # nearly every page loads site.js (the redirects load nothing)


def test_page_weight_limits(built_site):
    import gzip
    html = (built_site / "timeline" / "index.html").read_bytes()
    assert len(gzip.compress(html, 9)) <= 60 * 1024
    assert (built_site / "javascripts" / "timeline.js").stat().st_size <= 5 * 1024  # unminified, so minified is smaller


def test_the_404_page_helps(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html and "/timeline/" in html and "search" in html.lower()


def test_downloads_are_in_the_site(built_site):
    for name in ("pakistan-russia-events.json", "pakistan-russia-events.csv", "pakistan-russia-events.ics",
                 "pakistan-russia-timelinejs.json", "schema/events.schema.json"):
        assert (built_site / "downloads" / name).is_file(), name
    assert (built_site / "feed.xml").is_file()


def test_no_page_holds_an_address_outside_the_allow_list(built_site):
    """Every page of the real site: only https and relative addresses, no event handlers,
    no inline script but the theme's own and the site's one line (see safety.py); every
    export parses."""
    from safety import check_exports, unsafe_in_site

    assert unsafe_in_site(built_site) == []
    check_exports(REPO / "docs")


def test_every_page_offers_to_report_an_error_with_its_address(built_site):
    """The link opens the repository's issue form with the page's address filled in."""
    from urllib.parse import parse_qs, unquote, urlsplit

    import yaml
    from explainer.site import _ConfigLoader

    repository = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)["extra"]["repository"]
    labels = {lang: yaml.load((REPO / name).read_text(encoding="utf-8"), Loader=_ConfigLoader)["extra"]["ui"]["report_error"]
              for lang, name in (("en", "mkdocs.yml"), ("ru", "mkdocs.ru.yml"), ("ur", "mkdocs.ur.yml"))}
    assert len(set(labels.values())) == 3
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html" and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<p class="report-error"><a href="([^"]+)">([^<]+)</a></p>', html)
        assert match, page
        lang = re.search(r'<html lang="([a-z]+)"', html)[1]
        assert match.group(2) == labels[lang], page  # in the page's language
        url = urlsplit(match.group(1).replace("&amp;", "&"))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{repository}/issues/new"
        query = parse_qs(url.query)
        assert query["template"] == ["report-an-error.yml"]
        address = unquote(query["page"][0])
        relative = page.relative_to(built_site).as_posix().removesuffix("index.html")
        assert address == "https://pakistan-russia-explainer.github.io/" + relative, page
