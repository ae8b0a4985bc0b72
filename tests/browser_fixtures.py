"""Browser fixtures (a pytest plugin, loaded by conftest.py): the built site served gzipped on 127.0.0.1, and Debian's Chromium
driven by Playwright (no browser download exists here)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO
from serve import StaticServer

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
NODE_MODULES = REPO / "node_modules"

# One page of each kind, for the audits.
PAGE_KINDS = {
    "home": "",
    "timeline": "timeline/",
    "event": "events/fatf-plenary-paris-2018/",
    "era": "eras/rapprochement/",
    "theme": "themes/energy/",
    "actor": "actors/khawaja-asif/",
    "claims": "article/claims/",
    "glossary": "glossary/",
    "data": "data/",
    "404": "no-such-page/",
}


# The same kinds in every edition: "ru:event" is the Russian event page. A host serves the
# English 404 page for any missing address (GitHub Pages does); an edition's own 404 page is
# audited at its address.
EDITION_PAGE_KINDS = {
    (f"{lang}:{kind}" if lang else kind): prefix + ("404.html" if lang and kind == "404" else path)
    for lang, prefix in (("", ""), ("ru", "ru/"), ("ur", "ur/"))
    for kind, path in PAGE_KINDS.items()
}


def require(condition: bool, why: str) -> None:
    """Skip locally when a tool is missing, but never in CI: there it is a failure."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI must install it: see the Makefile's test target)")
    pytest.skip(why)


@pytest.fixture(scope="session")
def site_url(built_site):
    with StaticServer(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).is_file(), f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


class Watched:
    """A page that records console errors and every request it makes."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda err: self.console_errors.append(str(err)))
        page.on("request", lambda req: self.requests.append(req.url))

    def goto(self, path: str, **kwargs):
        return self.page.goto(self.base + path, wait_until="load", **kwargs)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).hostname != "127.0.0.1"]


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def watched(context, site_url) -> Watched:
    return Watched(context.new_page(), site_url)


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    require(path.is_file(), "axe-core is not installed (npm ci)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def lighthouse_bin() -> Path:
    path = NODE_MODULES / ".bin" / "lighthouse"
    require(path.is_file() and shutil.which("node") is not None, "Lighthouse is not installed (npm ci)")
    return path
