"""Every built page of every edition, in Chromium on a 375 px screen: what a sample of one
page per kind misses. No text under 12 px, no sideways scrolling, no image without a text
alternative, no duplicate id, no link without a name. (axe and Lighthouse still audit one
page of each kind, in depth.)"""

from __future__ import annotations

import pytest

CHECKS = """() => {
  const problems = [];
  const ids = new Set();
  for (const el of document.querySelectorAll('[id]')) {
    if (ids.has(el.id)) problems.push('duplicate id #' + el.id);
    ids.add(el.id);
  }
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('script, style, noscript, template')) continue;
    if (!shown(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) problems.push(`text of ${size.toFixed(1)} px: "${node.textContent.trim().slice(0, 40)}" in ${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}`);
  }
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  if (overflow > 1) problems.push(`the page scrolls sideways by ${overflow} px`);
  const named = el => {
    const by = el.getAttribute('aria-labelledby');
    const labelled = by && by.split(/\\s+/).map(id => document.getElementById(id)).some(t => t && t.textContent.trim());
    const title = el.querySelector(':scope > title');
    return !!((el.getAttribute('aria-label') || '').trim() || labelled || (title && title.textContent.trim())
              || (el.getAttribute('title') || '').trim());
  };
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push('an image without alt: ' + img.getAttribute('src'));
  }
  for (const img of document.querySelectorAll('[role="img"], svg[role="group"]')) {
    if (img.closest('[aria-hidden="true"]')) continue;
    if (!named(img)) problems.push('an image without a text alternative: ' + img.outerHTML.slice(0, 80));
  }
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.closest('[aria-hidden="true"]') || !shown(a) && !a.closest('.md-select, .md-sidebar, .md-search')) continue;
    const text = (a.textContent || '').trim() || [...a.querySelectorAll('img[alt]')].map(i => i.alt).join('').trim();
    if (!text && !named(a)) problems.push('a link without a name: ' + a.outerHTML.slice(0, 100));
  }
  return [...new Set(problems)].slice(0, 8);
}"""


def _pages(site):
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "downloads/")) or "/downloads/" in rel:
            continue
        yield rel


def test_every_page_of_every_edition_passes_the_page_checks(browser, site_url, built_site):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    problems, checked = {}, 0
    for rel in _pages(built_site):
        url = site_url + rel.removesuffix("index.html")
        page.goto(url, wait_until="load")
        found = page.evaluate(CHECKS)
        checked += 1
        if found:
            problems[rel] = found
    context.close()
    assert checked > 750
    assert problems == {}, "\n".join(f"{rel}: {found}" for rel, found in list(problems.items())[:25])


@pytest.mark.parametrize("html, expected", [
    ('<p style="font-size:10px">small</p>', "text of 10.0 px"),
    ('<div style="width:900px">wide</div>', "scrolls sideways"),
    ('<img src="x.png">', "an image without alt"),
    ('<svg role="img"><circle r="3"></circle></svg>', "without a text alternative"),
    ('<p id="a">one</p><p id="a">two</p>', "duplicate id #a"),
    ('<a href="x"></a>', "a link without a name"),
])
def test_the_page_checks_catch_what_they_look_for(browser, html, expected):
    """The guard of the guard: each check fails on a page made to fail it."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.set_content(f"<!doctype html><html lang=en><body style='margin:0;font-size:16px'>{html}</body></html>")
    found = page.evaluate(CHECKS)
    context.close()
    assert any(expected in problem for problem in found), found
