"""The same mkdocs.yml builds with Zensical from the committed pages (it ignores hooks)."""

from __future__ import annotations

import subprocess

from browser_fixtures import require
from conftest import REPO, copy_repository
from explainer.cli import read_data_files
from explainer.pipeline import load_dataset

ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"


def test_zensical_builds_a_page_for_every_event(tmp_path, built_site):
    require(ZENSICAL.is_file(), "Zensical is not installed (make test sets up .venv-zensical)")
    project = copy_repository(tmp_path / "project")
    result = subprocess.run([str(ZENSICAL), "build"], cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    data = load_dataset(read_data_files(REPO / "data"))
    for event in data.events:
        assert (site / "events" / event.id / "index.html").is_file(), event.id
        assert (built_site / "events" / event.id / "index.html").is_file(), event.id
    mkdocs_pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    zensical_pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert mkdocs_pages - zensical_pages == set()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and 'aria-label="Search"' in home
