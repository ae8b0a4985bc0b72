"""Shared fixtures. Tests run the generator on copies, never on the repository's own docs/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DATA = REPO / "tests" / "fixtures" / "data"


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A minimal copy of the repository: generator, templates, schema, site config and data."""
    for name in ("scripts", "hooks", "overrides", "mkdocs.yml", "docs/javascripts"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))  # makes parents
        else:
            shutil.copy2(src, target / name)
    shutil.copytree(data or REPO / "data", target / "data", ignore=shutil.ignore_patterns("schema"))
    shutil.copytree(REPO / "data" / "schema", target / "data" / "schema")
    (target / "docs" / "stylesheets").mkdir(parents=True)
    shutil.copy2(REPO / "docs" / "method.md", target / "docs" / "method.md")
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
