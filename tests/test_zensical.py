"""The same configurations build with Zensical from the committed pages (it ignores hooks,
so it builds each edition's configuration in turn: English first, into site/, then the
Russian and Urdu editions into site/ru/ and site/ur/)."""

from __future__ import annotations

import json
import subprocess

from browser_fixtures import require
from conftest import REPO, copy_repository
from explainer.cli import read_data_files
from explainer.pipeline import load_dataset

ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"


def test_zensical_builds_a_page_for_every_event(tmp_path, built_site):
    require(ZENSICAL.is_file(), "Zensical is not installed (make test sets up .venv-zensical)")
    project = copy_repository(tmp_path / "project")
    for config in ("mkdocs.yml", "mkdocs.ru.yml", "mkdocs.ur.yml"):
        result = subprocess.run([str(ZENSICAL), "build", "-f", config], cwd=project, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
    # Zensical runs no hooks: the search index is built as the README says, after the builds.
    search = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-m", "pagefind", "--site", "site", "--silent"],
                            cwd=project, capture_output=True, text=True, timeout=600)
    assert search.returncode == 0, search.stderr
    site = project / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en", "ru", "ur"}
    data = load_dataset(read_data_files(REPO / "data"))
    for event in data.events:
        assert (site / "events" / event.id / "index.html").is_file(), event.id
        assert (built_site / "events" / event.id / "index.html").is_file(), event.id
    mkdocs_pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    zensical_pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert mkdocs_pages - zensical_pages == set()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and "data-site-search" in home
    for lang in ("ru", "ur"):  # every page of every edition, in its language
        for event in data.events:
            assert (site / lang / "events" / event.id / "index.html").is_file(), (lang, event.id)
        edition_home = (site / lang / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in edition_home
        assert f'hreflang="{lang}" href="https://pakistan-russia-explainer.github.io/{lang}/"' in edition_home
