"""Stage 4: put the rendered pages on disk, touching as little as possible.

Only files whose content changed are written, so ``mkdocs serve`` does not rebuild in a
loop and a benchmark can count the rewrites; files the generator no longer makes are
removed, but only inside the folders it owns. Every new content is first written to a
temporary file beside its target; only when all are written are they moved into place,
so an error part-way leaves the existing pages as they were.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Plan:
    write: dict[str, str] = field(default_factory=dict)  # changed or new files
    remove: list[str] = field(default_factory=list)  # stale files in owned folders
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.write and not self.remove


def plan_changes(root: Path, pages: dict[str, str], owned_dirs: tuple[str, ...], owned_files: tuple[str, ...] = ()) -> Plan:
    """Compare ``pages`` with what is on disk under ``root``. Reads, never writes."""
    plan = Plan()
    for rel, content in pages.items():
        target = root / rel
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            current = None
        if current == content.encode("utf-8"):
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


def apply_plan(root: Path, plan: Plan) -> None:
    """Carry out ``plan``: stage every new file, then move them all into place."""
    staged: list[tuple[Path, Path]] = []
    made: set[Path] = set()
    try:
        for rel, content in plan.write.items():
            target = root / rel
            if target.parent not in made:  # thousands of pages share a few folders
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            temp = target.with_name(f".{target.name}.tmp")
            with open(temp, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
            staged.append((temp, target))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
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
