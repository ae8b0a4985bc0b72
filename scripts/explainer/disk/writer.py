"""Stage 4: put the rendered pages on disk, touching as little as possible.

Only files whose content changed are written, so ``mkdocs serve`` does not rebuild in a
loop and a benchmark can count the rewrites; files the generator no longer makes are
removed, but only inside the folders it owns. A changed file's new content is first
written to a temporary file beside it; only when all are written are they moved into
place. A file that did not exist is written where it belongs at once (half the disk
operations, which counts with 10,000 pages) and removed again if anything fails. So an
error part-way leaves the existing pages as they were, and adds none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Plan:
    write: dict[str, str] = field(default_factory=dict)  # changed or new files
    new: set[str] = field(default_factory=set)  # those of them that do not exist yet
    remove: list[str] = field(default_factory=list)  # stale files in owned folders
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.write and not self.remove


def plan_changes(root: Path, pages: dict[str, str], owned_dirs: tuple[str, ...], owned_files: tuple[str, ...] = ()) -> Plan:
    """Compare ``pages`` with what is on disk under ``root``. Reads, never writes.
    Each folder is listed once, so that a page that does not exist yet costs no
    failed open (10,000 of them on a first run)."""
    plan = Plan()
    listings: dict[str, set[str]] = {}
    for rel, content in pages.items():
        folder, _, name = rel.rpartition("/")
        if folder not in listings:
            directory = os.path.join(root, folder)
            listings[folder] = set(os.listdir(directory)) if os.path.isdir(directory) else set()
        if name not in listings[folder]:
            plan.new.add(rel)
            plan.write[rel] = content
        elif _read(os.path.join(root, rel)) == content.encode("utf-8"):
            plan.unchanged += 1
        else:
            plan.write[rel] = content
    for folder in owned_dirs:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in pages:
                plan.remove.append(rel)
    for rel in owned_files:
        if rel not in pages and (root / rel).is_file():
            plan.remove.append(rel)
    return plan


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError):
        return None


def _write(path: str, content: str, mode: str, written: list[str]) -> None:
    """Write ``content`` as UTF-8 (binary: text mode's encoder costs more than the write),
    noting ``path`` in ``written`` once it is ours to remove if anything fails."""
    with open(path, mode) as handle:
        written.append(path)
        handle.write(content.encode("utf-8"))


def apply_plan(root: Path, plan: Plan) -> None:
    """Carry out ``plan``: write new files, stage changed ones, then move those into place."""
    staged: list[tuple[str, str]] = []
    created: list[str] = []  # new files and temporary copies, removed if anything fails
    made: set[str] = set()
    try:
        for rel, content in plan.write.items():
            target = os.path.join(root, rel)
            folder = os.path.dirname(target)
            if folder not in made:  # thousands of pages share a few folders
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            if rel in plan.new:
                _write(target, content, "xb", created)  # "x": fails rather than overwrite a file that appeared meanwhile
            else:
                temp = os.path.join(folder, f".{os.path.basename(target)}.tmp")
                _write(temp, content, "wb", created)
                staged.append((temp, target))
    except BaseException:
        for path in created:
            os.unlink(path)
        raise
    for temp, target in staged:
        os.replace(temp, target)
    for rel in plan.remove:
        (root / rel).unlink(missing_ok=True)
    for rel in plan.remove:  # drop folders left empty inside owned folders
        parent = (root / rel).parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
