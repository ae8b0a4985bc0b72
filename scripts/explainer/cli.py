"""The command line: the only layer that reads and writes files.

    make pages          (PYTHONPATH=scripts python -m explainer) regenerate the pages from data/*.yaml
    make check          (... --check) exit 1 if the committed pages are stale
    --jobs N            processes that render a large dataset (default: one per core)

Exit codes: 0 success, 1 stale pages (--check), 2 bad data (nothing is written),
3 a disk problem (reported without a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .dataset.problems import DataError
from .dataset.validate import FILES
from .disk.writer import apply_plan, plan_changes
from .gc_pause import collector_paused
from .pages.render import OWNED_DIRS, OWNED_FILES
from .paths import REPO_ROOT
from .pipeline import build_pages
from .site import SiteInfo, parse_site_info


def read_data_files(data_dir: Path) -> dict[str, bytes | None]:
    raw = {}
    for spec in FILES:
        path = data_dir / f"{spec.name}.yaml"
        raw[spec.name] = path.read_bytes() if path.is_file() else None
    return raw


def read_site_info(root: Path) -> SiteInfo:
    return parse_site_info((root / "mkdocs.yml").read_text(encoding="utf-8"))


def read_schemas(root: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((root / "data" / "schema").glob("*.schema.json"))}


def generate(root: Path = REPO_ROOT, check: bool = False, out=sys.stdout, err=sys.stderr, jobs: int = 1) -> int:
    """Regenerate (or with ``check``, compare) the pages. ``jobs`` above 1 lets large
    datasets render on several cores by forking, which only a single-threaded caller
    may do: the command line, not MkDocs' server."""
    with collector_paused():
        return _generate(root, check, out, err, jobs)


def _generate(root: Path, check: bool, out, err, jobs: int) -> int:
    try:
        pages = build_pages(read_data_files(root / "data"), read_site_info(root), read_schemas(root), jobs)
    except DataError as error:
        print(error.report(), file=err)
        return 2
    plan = plan_changes(root, pages, OWNED_DIRS, OWNED_FILES)
    if check:
        if plan.is_empty:
            print(f"Pages are up to date ({plan.unchanged} files).", file=out)
            return 0
        for rel in sorted(plan.write):
            print(f"stale: {rel}", file=err)
        for rel in plan.remove:
            print(f"no longer generated: {rel}", file=err)
        print("The generated pages do not match data/*.yaml: run `make pages` and commit the result.", file=err)
        return 1
    apply_plan(root, plan)
    print(f"{len(plan.write)} written, {len(plan.remove)} removed, {plan.unchanged} unchanged.", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="explainer", description="Generate the site's pages from data/*.yaml.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the pages on disk are stale")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="processes that render a large dataset (default: one per core)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)  # for tests: a copy of the repository
    args = parser.parse_args(argv)
    try:
        return generate(args.root.resolve(), check=args.check, jobs=max(1, args.jobs))
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # a disk problem: say what, without a traceback
        print(f"error: {error}", file=sys.stderr)
        return 3
