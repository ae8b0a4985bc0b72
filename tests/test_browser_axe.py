"""axe-core (the npm package, injected into the page) on every kind of page of every edition, light and dark."""

from __future__ import annotations

import pytest
from browser_fixtures import EDITION_PAGE_KINDS


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(EDITION_PAGE_KINDS))
def test_no_accessibility_violations(browser, site_url, axe_source, kind, scheme):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = ctx.new_page()
    page.goto(site_url + EDITION_PAGE_KINDS[kind], wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    page.evaluate(axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]
    ]
    ctx.close()
    assert violations == [], "\n".join(map(str, violations))
