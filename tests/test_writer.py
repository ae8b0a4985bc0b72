"""Stage 4 on its own: what the writer plans, and that a failure part-way changes nothing."""

from __future__ import annotations

import pytest
from explainer.disk.writer import apply_plan, plan_changes

OWNED = ("docs/events",)


def make(root, files):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def read_all(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_plan_sorts_files_into_new_changed_unchanged_and_stale(tmp_path):
    make(tmp_path, {"docs/events/same.md": "same", "docs/events/old.md": "old", "docs/events/stale.md": "x",
                    "docs/mine.md": "hand-written"})
    plan = plan_changes(tmp_path, {"docs/events/same.md": "same", "docs/events/old.md": "new text",
                                   "docs/events/fresh.md": "fresh"}, OWNED)
    assert plan.write == {"docs/events/old.md": "new text", "docs/events/fresh.md": "fresh"}
    assert plan.new == {"docs/events/fresh.md"}
    assert plan.remove == ["docs/events/stale.md"]  # docs/mine.md is outside the owned folders
    assert plan.unchanged == 1


def test_applying_a_plan_writes_replaces_and_removes(tmp_path):
    make(tmp_path, {"docs/events/old.md": "old", "docs/events/gone/stale.md": "x"})
    pages = {"docs/events/old.md": "new\n", "docs/events/deep/fresh.md": "fresh – ü\n"}
    apply_plan(tmp_path, plan_changes(tmp_path, pages, OWNED))
    assert read_all(tmp_path) == {rel: text.encode("utf-8") for rel, text in pages.items()}
    assert not (tmp_path / "docs/events/gone").exists()  # emptied folder removed
    assert plan_changes(tmp_path, pages, OWNED).is_empty


def test_a_failure_part_way_leaves_existing_pages_and_adds_none(tmp_path):
    make(tmp_path, {"docs/events/a.md": "old a", "docs/events/c.md": "old c"})
    before = read_all(tmp_path)
    pages = {
        "docs/events/a.md": "new a",  # changed: staged
        "docs/events/b.md": "new b",  # new: written in place
        "docs/events/c.md": "bad \ud800",  # a lone surrogate cannot be written as UTF-8
        "docs/events/d.md": "new d",
    }
    plan = plan_changes(tmp_path, {k: v for k, v in pages.items() if k != "docs/events/c.md"}, OWNED)
    plan.write = pages  # in document order, so the failure comes after a write of each kind
    with pytest.raises(UnicodeEncodeError):
        apply_plan(tmp_path, plan)
    assert read_all(tmp_path) == before


# --- Interrupts: a failure during the final moves, Ctrl-C, and a killed run ---------------

import os  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from conftest import run_generator, snapshot  # noqa: E402
from explainer.disk import writer  # noqa: E402


def _leftovers(root):
    return [p for p in snapshot(root) if p.endswith(".tmp")] + ([writer.RUN_DIR] if (root / writer.RUN_DIR).exists() else [])


def test_a_failure_during_the_final_moves_puts_everything_back(tmp_path, monkeypatch):
    make(tmp_path, {"docs/events/a.md": "old a", "docs/events/b.md": "old b", "docs/events/stale.md": "x"})
    before = read_all(tmp_path)
    pages = {"docs/events/a.md": "new a", "docs/events/b.md": "new b", "docs/events/new/c.md": "new c"}
    plan = plan_changes(tmp_path, pages, OWNED)
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 4:  # a.md moved aside and replaced, b.md moved aside: then the disk fails
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    with pytest.raises(OSError):
        apply_plan(tmp_path, plan)
    monkeypatch.setattr(writer.os, "replace", real_replace)
    assert read_all(tmp_path) == before
    assert not (tmp_path / "docs/events/new").exists()
    assert _leftovers(tmp_path) == []


# A run of the real command line that interrupts itself at the n-th move of the commit.
DRIVER = """
import os, signal, sys
sys.path.insert(0, {scripts!r})
from explainer import cli
from explainer.disk import writer
real, count = os.replace, [0]
def replace(src, dst):
    if "/staged/" in str(src) or "/backup/" in str(dst):
        count[0] += 1
        if count[0] == {at}:
            os.kill(os.getpid(), signal.{signal})
    return real(src, dst)
writer.os.replace = replace
sys.exit(cli.main(["--root", {root!r}, "--jobs", "1"]))
"""


def _interrupted_run(root, sig: str, at: int = 7) -> subprocess.CompletedProcess:
    code = DRIVER.format(scripts=str(root / "scripts"), root=str(root), signal=sig, at=at)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def _edit_everywhere(root):
    """An edit that changes many pages: every page that lists its events shows the theme's
    title (one the fixture's translation leaves in English, so that no translation goes stale)."""
    path = root / "data" / "themes.yaml"
    path.write_text(path.read_text().replace("title: Finance", "title: Finance and sanctions"))


def test_ctrl_c_during_writing_leaves_the_pages_as_they_were(fixture_project):
    before = snapshot(fixture_project)
    _edit_everywhere(fixture_project)
    result = _interrupted_run(fixture_project, "SIGINT")
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "the pages are as they were" in result.stderr
    assert snapshot(fixture_project) == before
    assert _leftovers(fixture_project) == []


def test_a_killed_run_is_rolled_back_by_the_next_and_reported_by_check(fixture_project):
    before = snapshot(fixture_project)
    _edit_everywhere(fixture_project)
    result = _interrupted_run(fixture_project, "SIGKILL")
    assert result.returncode == -signal.SIGKILL
    assert snapshot(fixture_project) != before  # killed half-way through the moves
    assert (fixture_project / writer.RUN_DIR).exists()

    check = run_generator(fixture_project, "--check")
    assert check.returncode == 1
    assert "interrupted run" in check.stderr

    again = run_generator(fixture_project)
    assert again.returncode == 0, again.stderr
    assert "rolled back" in again.stdout
    assert _leftovers(fixture_project) == []
    assert run_generator(fixture_project, "--check").returncode == 0
    fresh = snapshot(fixture_project)
    assert fresh != before and "Finance and sanctions" in fresh["docs/themes/finance.md"].decode()


def test_recovery_alone_restores_the_state_before_the_killed_run(fixture_project):
    before = snapshot(fixture_project)
    _edit_everywhere(fixture_project)
    assert _interrupted_run(fixture_project, "SIGKILL").returncode == -signal.SIGKILL
    assert "rolled back" in writer.recover(fixture_project)
    assert snapshot(fixture_project) == before
    assert _leftovers(fixture_project) == []


# Ctrl-C while the finished run clears its working folder: the new pages stand.
DRIVER_AT_CLEAR = """
import os, shutil, signal, sys
sys.path.insert(0, {scripts!r})
from explainer import cli
from explainer.disk import writer
real = shutil.rmtree
def rmtree(path, *args, **kwargs):
    if str(path).endswith(writer.RUN_DIR):
        os.kill(os.getpid(), signal.SIGINT)
    return real(path, *args, **kwargs)
writer.shutil.rmtree = rmtree
sys.exit(cli.main(["--root", {root!r}, "--jobs", "1"]))
"""


def test_ctrl_c_while_a_finished_run_clears_up_keeps_the_new_pages(fixture_project):
    _edit_everywhere(fixture_project)
    code = DRIVER_AT_CLEAR.format(scripts=str(fixture_project / "scripts"), root=str(fixture_project))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "after the new pages were all written" in result.stderr
    assert "Finance and sanctions" in (fixture_project / "docs" / "themes" / "finance.md").read_text(encoding="utf-8")
    assert _leftovers(fixture_project) == []
    assert run_generator(fixture_project, "--check").returncode == 0


def test_a_run_left_done_is_cleared_not_rolled_back(tmp_path):
    make(tmp_path, {"docs/events/a.md": "old a"})
    apply_plan(tmp_path, plan_changes(tmp_path, {"docs/events/a.md": "new a"}, OWNED))
    journal = tmp_path / writer.RUN_DIR
    (journal / "backup" / "docs" / "events").mkdir(parents=True)
    (journal / "backup" / "docs" / "events" / "a.md").write_text("old a")
    (journal / writer.JOURNAL).write_text('{"state": "done", "write": ["docs/events/a.md"], "new": [], "remove": [], "made_dirs": []}')
    assert "finished" in writer.recover(tmp_path)
    assert (tmp_path / "docs" / "events" / "a.md").read_text() == "new a"
    assert _leftovers(tmp_path) == []


def test_a_second_run_waits_for_the_first(fixture_project):
    """`make pages` while the preview regenerates: the second run waits, and never takes
    the first one's unfinished work for an interrupted run's."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nsys.path.insert(0, sys.argv[1])\nfrom pathlib import Path\n"
         "from explainer.disk.writer import run_lock\nwith run_lock(Path(sys.argv[2])):\n    print('held', flush=True)\n    time.sleep(3)\n",
         str(fixture_project / "scripts"), str(fixture_project)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        _edit_everywhere(fixture_project)
        result = run_generator(fixture_project)
    finally:
        holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Waiting for another run of the generator to finish" in result.stderr
    assert "rolled back" not in result.stdout
