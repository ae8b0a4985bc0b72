"""Stage 4: put the rendered pages on disk, all or nothing, touching as little as possible.

Only files whose content changed are written, so ``mkdocs serve`` does not rebuild in a
loop and a benchmark can count the rewrites; files the generator no longer makes are
removed, but only inside the folders it owns.

A run is a small transaction, journaled in ``.explainer-run/`` at the repository's root
(on the same disk as the pages, so that moving a file into place is atomic):

1. *Staging.* Every new or changed file is written under ``.explainer-run/staged/``. The
   pages are not touched; a failure or an interrupt here just removes the staging area.
2. *Commit.* The journal says "committing"; each old file is moved aside into
   ``.explainer-run/backup/`` and its new version moved into place; stale files are moved
   aside too. A failure or an interrupt here rolls every move back, so the pages are
   exactly as they were.
3. *Done.* The journal says "done" (from here on the new pages stand), and
   ``.explainer-run/`` is removed with Ctrl-C held back; an interrupt that arrives then
   is reported as coming after the pages were written (``InterruptedAfterWriting``).

If the process is killed outright (``kill -9``, a power cut), the next run finds the
journal and rolls the interrupted run back before it starts, or only clears it when the
run was done (``recover``); ``--check`` reports the leftovers.

One run at a time: ``run_lock`` makes a second run (``make pages`` while ``make serve``
regenerates, say) wait for the first, instead of taking its unfinished work for an
interrupted run's.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
from dataclasses import dataclass, field
from pathlib import Path

RUN_DIR = ".explainer-run"
JOURNAL = "journal.json"
LOCK_FILE = ".explainer-run.lock"


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C arrived once the new pages were all in place: they stand."""


@contextlib.contextmanager
def run_lock(root: Path, waiting=None):
    """Hold the project's run lock (an advisory lock on a file beside the pages); call
    ``waiting()`` first if another run holds it."""
    try:
        handle = open(root / LOCK_FILE, "a+b")
    except OSError:  # a read-only checkout: no run can write there anyway (--check still works)
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


@dataclass
class Plan:
    write: dict[str, str | bytes] = field(default_factory=dict)  # changed or new files
    new: set[str] = field(default_factory=set)  # those of them that do not exist yet
    remove: list[str] = field(default_factory=list)  # stale files in owned folders
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.write and not self.remove


def plan_changes(root: Path, pages: dict[str, str | bytes], owned_dirs: tuple[str, ...], owned_files: tuple[str, ...] = (),
                 kept: frozenset[str] = frozenset()) -> Plan:
    """Compare ``pages`` (text, or bytes for images) with what is on disk under ``root``.
    Reads, never writes. ``kept`` are files known to be current without reading them (the
    social cards whose key has not changed): counted as unchanged, never removed. Each
    folder is listed once, so that a page that does not exist yet costs no failed open
    (10,000 of them on a first run)."""
    plan = Plan(unchanged=len(kept))
    listings: dict[str, set[str]] = {}
    for rel, content in pages.items():
        folder, _, name = rel.rpartition("/")
        if folder not in listings:
            directory = os.path.join(root, folder)
            listings[folder] = set(os.listdir(directory)) if os.path.isdir(directory) else set()
        if name not in listings[folder]:
            plan.new.add(rel)
            plan.write[rel] = content
        elif _read(os.path.join(root, rel)) == _bytes(content):
            plan.unchanged += 1
        else:
            plan.write[rel] = content
    for folder in owned_dirs:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in pages and rel not in kept:
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


def leftovers(root: Path) -> str | None:
    """What an interrupted run left behind, in a sentence, or None."""
    run = root / RUN_DIR
    if run.exists():
        return f"an interrupted run left its unfinished work in {RUN_DIR}/: run `make pages` to roll it back and finish"
    return None


class _Journal:
    """The run's folder: the journal, the staged files and the old files moved aside."""

    def __init__(self, root: Path):
        self.root = root
        self.dir = root / RUN_DIR
        self.staged = self.dir / "staged"
        self.backup = self.dir / "backup"

    def save(self, state: str, plan: dict) -> None:
        temp = self.dir / (JOURNAL + ".new")
        temp.write_text(json.dumps({"state": state, **plan}), encoding="utf-8")
        os.replace(temp, self.dir / JOURNAL)  # the journal itself changes atomically

    def load(self) -> dict | None:
        try:
            return json.loads((self.dir / JOURNAL).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def roll_back(self, record: dict) -> int:
        """Undo whatever part of the commit happened; safe to run twice. Returns how many
        files it put back or took away."""
        undone = 0
        for rel in record.get("write", []) + record.get("remove", []):
            target, backup = self.root / rel, self.backup / rel
            if backup.exists():
                os.replace(backup, target)
                undone += 1
            elif rel in record.get("new", []) and not (self.staged / rel).exists() and target.exists():
                target.unlink()  # a new file that had already been moved into place
                undone += 1
        for rel in sorted(record.get("made_dirs", []), key=len, reverse=True):
            folder = self.root / rel
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        return undone

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def recover(root: Path) -> str | None:
    """Roll back a run that was killed part-way, and clear what it left. Returns a
    sentence for the editor when there was something to do."""
    journal = _Journal(root)
    if not journal.dir.exists():
        return None
    record = journal.load() or {}
    if record.get("state") == "done":  # it had finished: its new pages stand
        journal.discard()
        return "A run that had finished left its working folder behind; it is removed."
    undone = journal.roll_back(record) if record.get("state") == "committing" else 0
    journal.discard()
    return f"An interrupted run was rolled back ({undone} file{'s' if undone != 1 else ''} restored); its leftovers are removed."


class _SignalsHeld:
    """Holds SIGINT and SIGTERM while files are put back, so that a second Ctrl-C cannot
    interrupt the roll-back itself; they are delivered when it is done."""

    SIGNALS = {signal.SIGINT, signal.SIGTERM}

    def __enter__(self):
        self.previous = signal.pthread_sigmask(signal.SIG_BLOCK, self.SIGNALS)

    def __exit__(self, *exc):
        signal.pthread_sigmask(signal.SIG_SETMASK, self.previous)


def apply_plan(root: Path, plan: Plan) -> None:
    """Carry out ``plan`` all or nothing (see the module's description)."""
    if plan.is_empty:
        return
    recover(root)
    journal = _Journal(root)
    writes = sorted(plan.write)
    made_dirs = sorted({
        parent.relative_to(root).as_posix()
        for rel in writes for parent in (root / rel).parents
        if parent != root and root in parent.parents and not parent.exists()
    })
    record = {"write": writes, "new": sorted(plan.new), "remove": list(plan.remove), "made_dirs": made_dirs}
    journal.staged.mkdir(parents=True, exist_ok=True)
    try:
        journal.save("staging", record)
        made: set[Path] = set()
        for rel in writes:
            staged = journal.staged / rel
            if staged.parent not in made:  # thousands of pages share a few folders
                staged.parent.mkdir(parents=True, exist_ok=True)
                made.add(staged.parent)
            with open(staged, "wb") as handle:  # binary: text mode's encoder costs more than the write
                handle.write(_bytes(plan.write[rel]))
        for rel in plan.remove:
            (journal.backup / rel).parent.mkdir(parents=True, exist_ok=True)
        for rel in writes:
            (journal.backup / rel).parent.mkdir(parents=True, exist_ok=True)
    except BaseException:
        journal.discard()  # nothing under the pages was touched
        raise

    try:
        journal.save("committing", record)
        for rel in made_dirs:
            (root / rel).mkdir(exist_ok=True)
        for rel in writes:
            target = root / rel
            if rel not in plan.new:
                os.replace(target, journal.backup / rel)
            os.replace(journal.staged / rel, target)
        for rel in plan.remove:
            os.replace(root / rel, journal.backup / rel)
        journal.save("done", record)
    except BaseException:
        with _SignalsHeld():
            journal.roll_back(record)
            journal.discard()
        raise
    try:
        with _SignalsHeld():  # the clearing up finishes, whatever the keyboard says
            journal.discard()
            for rel in plan.remove:  # drop folders left empty inside owned folders
                parent = (root / rel).parent
                while parent != root and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
    except KeyboardInterrupt:  # delivered as the signals are let through again
        raise InterruptedAfterWriting() from None
