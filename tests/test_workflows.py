"""The GitHub workflows cannot run here, but what can be checked without GitHub is."""

from __future__ import annotations

import re
import subprocess

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


def test_pull_requests_get_the_built_site_to_review_and_the_redirect_check():
    pages = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert "pull_request" in pages[True]
    steps = pages["jobs"]["build"]["steps"]
    upload = next(s for s in steps if "upload-artifact" in s.get("uses", ""))
    assert upload["if"] == "github.event_name == 'pull_request'" and upload["with"]["path"] == "site"
    check = next(s for s in steps if "make check" in s.get("run", ""))
    assert "--since" in check["run"]
    assert pages["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"


def test_the_error_report_form_asks_for_the_claim_the_correction_and_a_source():
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml").read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert {"page", "claim", "correction", "source"} <= set(fields)
    assert all(fields[f]["validations"]["required"] for f in ("claim", "correction", "source"))


def test_ci_runs_the_suite_from_a_clone_in_an_empty_folder():
    """So the suite is proved to need nothing beside the repository (no ../shared)."""
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r'git clone .*"\$workdir/explainer"', run) and 'workdir="$(mktemp -d)"' in run
    assert run.rstrip().endswith("make test")


@pytest.mark.parametrize("event, base_ref, before, expected", [
    ("pull_request", "main", "", "check ARGS=--since origin/main"),
    ("push", "", "3f2a9c1b7d0e3f2a9c1b7d0e3f2a9c1b7d0e3f2a", "check ARGS=--since 3f2a9c1b7d0e3f2a9c1b7d0e3f2a9c1b7d0e3f2a"),
    ("push", "", "0" * 40, "check"),  # the branch's first push: nothing published before
    ("workflow_dispatch", "", "", "check"),
])
def test_the_redirect_check_compares_with_what_was_published(event, base_ref, before, expected, tmp_path):
    """Runs the workflow step's own script with a stand-in for make."""
    pages = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    step = next(s for s in pages["jobs"]["build"]["steps"] if "make check" in s.get("run", ""))
    assert step["env"] == {"EVENT": "${{ github.event_name }}", "BASE_REF": "${{ github.base_ref }}",
                           "BEFORE": "${{ github.event.before }}"}
    fake = tmp_path / "make"
    fake.write_text('#!/bin/sh\necho "$*"\n', encoding="utf-8")
    fake.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "EVENT": event, "BASE_REF": base_ref, "BEFORE": before}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == expected
