"""Lighthouse 12.2.3 (mobile and desktop) on every kind of page of every edition, served gzipped:
accessibility, best practices and SEO at 100. Performance is measured by `make bench`."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile

import pytest
from browser_fixtures import CHROMIUM, EDITION_PAGE_KINDS, FLAGS, require

ASSERTED = ("accessibility", "best-practices", "seo")


def run_lighthouse(lighthouse_bin, url: str, preset: str) -> dict:
    with tempfile.TemporaryDirectory() as profile, tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [
            str(lighthouse_bin), url, "--quiet", "--output=json", f"--output-path={out.name}",
            "--only-categories=accessibility,best-practices,seo",
            f"--chrome-flags=--headless {' '.join(FLAGS)} --user-data-dir={profile}",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        result = subprocess.run(command, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=240)
        assert result.returncode == 0, result.stderr[-2000:]
        return json.loads(open(out.name, encoding="utf-8").read())


def failing_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    return [
        f"{ref['id']}: {report['audits'][ref['id']].get('title')}"
        for ref in refs
        if ref.get("weight", 0) > 0 and report["audits"][ref["id"]].get("score") not in (None, 1)
    ]


# Every kind of page of every edition on a phone; the English edition on a desktop too (the
# editions share their layout, and a run takes the better part of a minute).
RUNS = [(kind, "mobile") for kind in EDITION_PAGE_KINDS] + [(kind, "desktop") for kind in EDITION_PAGE_KINDS if ":" not in kind]


@pytest.mark.parametrize("kind, preset", RUNS)
def test_lighthouse_scores_100(lighthouse_bin, site_url, kind, preset):
    require(os.path.exists(CHROMIUM), "Chromium is not installed")
    # Lighthouse refuses to audit a page answered with status 404, so the 404 page is
    # audited at its own address, where the same file is served with status 200.
    path = EDITION_PAGE_KINDS[kind].replace("no-such-page/", "404.html")
    report = run_lighthouse(lighthouse_bin, site_url + path, preset)
    scores = {c: report["categories"][c]["score"] for c in ASSERTED}
    problems = {c: failing_audits(report, c) for c in ASSERTED if scores[c] != 1}
    assert scores == {c: 1 for c in ASSERTED}, problems
