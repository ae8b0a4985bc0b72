"""What the last commit published: the generated pages a reader may have linked to.

Read with git, when the repository is a git checkout; elsewhere (a copy without .git, a
machine without git) there is no history to compare with, and the check is skipped.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class UnknownCommit(ValueError):
    """``--since`` names no commit of this repository: checking against nothing would pass
    silently, so it is an error."""


def committed_files(root: Path, since: str = "HEAD", folder: str = "docs") -> set[str] | None:
    """Paths (from the repository root) of the files under ``folder`` in the commit
    ``since`` (the last one, or a pull request's base), or None without git history (no
    git, no .git, or a repository without a commit yet)."""
    if shutil.which("git") is None or not (root / ".git").exists():
        return None
    resolved = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}"],
                              capture_output=True, text=True, check=False)
    if resolved.returncode != 0:
        if since == "HEAD":
            return None  # a new repository: nothing published yet
        raise UnknownCommit(f"--since {since}: no such commit in this repository (fetch it first, e.g. with fetch-depth: 0)")
    result = subprocess.run(["git", "-C", str(root), "ls-tree", "-r", "--name-only", resolved.stdout.strip(), "--", folder],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise UnknownCommit(f"--since {since}: git could not list its files: {result.stderr.strip()}")
    return set(result.stdout.splitlines())


def vanished_pages(committed: set[str], pages: dict[str, str], owned_dirs: tuple[str, ...], owned_files: tuple[str, ...]) -> list[str]:
    """Generated pages of the last commit that the new pages drop without a redirect
    (a page ``docs/events/x.md`` is served at events/x/, where a redirect is x/index.html)."""
    gone = []
    for rel in sorted(committed):
        generated = rel in owned_files or any(rel.startswith(d + "/") for d in owned_dirs)
        if not generated or not rel.endswith(".md") or rel in pages:
            continue
        if rel.endswith("/index.md") or rel[: -len(".md")] + "/index.html" not in pages:
            gone.append(rel)
    return gone
