"""Shared fixtures. Tests run the generator on copies, never on the repository's own docs/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["browser_fixtures"]

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DATA = REPO / "tests" / "fixtures" / "data"


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A minimal copy of the repository: generator, templates, schema, site config and data."""
    for name in ("scripts", "hooks", "overrides", "mkdocs.yml", "pagefind.yml", "docs/javascripts", "docs/images"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))  # makes parents
        else:
            shutil.copy2(src, target / name)
    shutil.copytree(data or REPO / "data", target / "data", ignore=shutil.ignore_patterns("schema", "reference"))
    shutil.copytree(REPO / "data" / "schema", target / "data" / "schema")
    shutil.copytree(REPO / "data" / "reference", target / "data" / "reference")
    (target / "docs" / "stylesheets").mkdir(parents=True)
    shutil.copy2(REPO / "docs" / "method.md", target / "docs" / "method.md")
    for lang in ("ru", "ur"):  # the editions' translations of the hand-written page
        (target / "docs" / lang).mkdir(parents=True, exist_ok=True)
        if (REPO / "docs" / lang / "method.md").is_file():
            shutil.copy2(REPO / "docs" / lang / "method.md", target / "docs" / lang / "method.md")
    shutil.copy2(REPO / "docs" / "stylesheets" / "site.css", target / "docs" / "stylesheets" / "site.css")
    return target


def run_generator(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command line, as `make pages` runs it, on the copy at ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "explainer", "--root", str(root), *args],
        cwd=root, env={"PYTHONPATH": str(root / "scripts"), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under docs/ and includes/, by relative path."""
    files = {}
    for folder in ("docs", "includes"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


@pytest.fixture
def fixture_project(tmp_path) -> Path:
    """A project copy holding the small fixture dataset, with its pages generated."""
    root = copy_project(tmp_path / "project", FIXTURE_DATA)
    result = run_generator(root)
    assert result.returncode == 0, result.stderr
    return root


MKDOCS = Path(sys.executable).with_name("mkdocs")


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def copy_repository(target: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "node_modules", "__pycache__", ".pytest_cache", ".cache")
    shutil.copytree(REPO, target, ignore=ignore)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    project = copy_repository(tmp_path_factory.mktemp("build") / "project")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


