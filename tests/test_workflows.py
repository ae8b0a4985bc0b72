"""The GitHub workflows cannot run here, but what can be checked without GitHub is."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path):
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action}: pin to a full commit SHA"
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"{action}: say which release the SHA is"


def test_ci_runs_what_a_developer_runs():
    ci = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for job in ci["jobs"].values() for step in job["steps"]]
    assert any(re.search(r"(^|\s)bash \.ci/run|make test", run) for run in steps)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_publishing_builds_strictly_from_checked_pages():
    pages = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    runs = " ".join(step.get("run", "") for job in pages["jobs"].values() for step in job["steps"])
    assert "make check" in runs and "make site" in runs
    site_recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs build --strict" in site_recipe
    assert pages[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key "on" as true
