"""The last run's stamp, which lets a run that could change nothing be skipped.

Every `mkdocs build`, and every start of `mkdocs serve`, runs the generator first (the
hook). When nothing it reads has changed since its last run and nothing it wrote has been
touched, that run writes nothing, yet at 5,000 events it takes some 15 seconds to find
that out. After each successful run the generator records a fingerprint of:

- every file of the project that it does not write, by content: the data, its own code
  and templates, mkdocs.yml, the hand-written pages and stylesheets. That is more than it
  reads (the tests, the README), which errs on the safe side;
- the Python that runs it and the installed packages, by version;
- every file it owns, by path, size and modification time: a hand edit, a checkout, a
  deleted page or a stray file in one of its folders changes that.

`--if-changed` (the hook's run) compares and skips the run when all three match. `make
pages` and `make check` always run in full. The fingerprint of the inputs is taken before
the run reads them, so an edit made during a run is never recorded as seen.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

STAMP_FILE = ".cache/explainer/last-run.json"
# Folders that are neither read nor written by the generator: tools, builds and caches.
IGNORED_DIRS = frozenset({".git", ".venv", ".venv-zensical", "node_modules", "site", ".cache", "__pycache__",
                          ".pytest_cache", ".hypothesis", ".tmp", ".explainer-run"})
IGNORED_FILES = frozenset({".explainer-run.lock"})


def _environment() -> bytes:
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())
    return "\n".join([sys.version, *packages]).encode("utf-8")


def _walk(root: Path, top: Path, skip: frozenset[str] = frozenset()):
    """The files under ``top``, as (path relative to ``root``, full path), in a stable
    order; tools' and caches' folders, and the folders in ``skip``, left out."""
    for folder, dirs, files in os.walk(top):
        rel_folder = Path(folder).relative_to(root).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(d for d in dirs if d not in IGNORED_DIRS and not d.startswith(".venv") and prefix + d not in skip)
        for name in sorted(files):
            if name not in IGNORED_FILES:
                yield prefix + name, os.path.join(folder, name)


def inputs_fingerprint(root: Path, owned_dirs: tuple[str, ...], owned_files: tuple[str, ...]) -> str:
    """What the generator reads (and somewhat more), by content, with the environment. The
    folders it owns are not entered at all."""
    digest = hashlib.blake2b(_environment(), digest_size=20)
    owned = frozenset(owned_files)
    for rel, path in _walk(root, root, frozenset(owned_dirs)):
        if rel not in owned:
            with open(path, "rb") as handle:
                digest.update(f"\0{rel}\0".encode("utf-8"))
                digest.update(hashlib.blake2b(handle.read(), digest_size=20).digest())
    return digest.hexdigest()


def outputs_fingerprint(root: Path, owned_dirs: tuple[str, ...], owned_files: tuple[str, ...]) -> str:
    """What the generator wrote, by path, size and modification time (no need to read it):
    only its own folders and files are visited. A missing file counts as one."""
    digest = hashlib.blake2b(digest_size=20)
    owned = [(rel, os.path.join(root, rel)) for rel in sorted(owned_files)]
    for folder in sorted(owned_dirs):
        owned += list(_walk(root, root / folder))
    for rel, path in owned:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            digest.update(f"{rel}\0missing\n".encode("utf-8"))
            continue
        digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8"))
    return digest.hexdigest()


def read_stamp(root: Path) -> dict:
    """The last successful run's stamp, or {} (none yet, or unreadable: then nothing is skipped)."""
    try:
        stamp = json.loads((root / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def write_stamp(root: Path, inputs: str, outputs: str, messages: dict[str, str]) -> None:
    """Record a successful run: its fingerprints, and what it said (the skipped runs say it again)."""
    path = root / STAMP_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"inputs": inputs, "outputs": outputs, "messages": messages}), encoding="utf-8")
    os.replace(temporary, path)


def forget_stamp(root: Path) -> None:
    """A run that did not finish leaves no stamp: the next one runs in full."""
    try:
        (root / STAMP_FILE).unlink()
    except FileNotFoundError:
        pass
