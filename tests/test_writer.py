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
