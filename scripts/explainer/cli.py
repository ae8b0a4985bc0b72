"""The command line: the only layer that reads and writes files.

    make pages          (PYTHONPATH=scripts python -m explainer) regenerate the pages from data/*.yaml
    make check          (... --check) exit 1 if the committed pages are stale, or if a page of
                        the last commit (--since REF: of that commit) would vanish without a redirect
    --jobs N            processes that render a large dataset (default: one per core)
    --list-owned        print the folders and files the generator owns (for the MkDocs hook)

Exit codes: 0 success, 1 stale pages or an interrupted run's leftovers (--check), 2 bad
data or bad configuration (nothing is written), 3 a disk problem, 4 a bug in the
generator (--debug shows its traceback), 130 interrupted (the pages are as they were).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from .dataset.problems import DataError, Problem
from .dataset.validate import FILES
from .disk.history import committed_files, vanished_pages
from .disk.writer import apply_plan, leftovers, plan_changes, recover
from .gc_pause import collector_paused
from .pages.cards import MANIFEST, CardSpec, draw_cards, read_manifest
from .pages.render import OWNED_DIRS, OWNED_FILES
from .paths import REPO_ROOT
from .pipeline import build_pages
from .site import SiteInfo, parse_site_info

EXIT_STALE, EXIT_DATA, EXIT_DISK, EXIT_BUG, EXIT_INTERRUPTED = 1, 2, 3, 4, 130


def read_data_files(data_dir: Path) -> dict[str, bytes | str | None]:
    """Each data file's bytes; None for a missing file; a sentence for one that cannot be read."""
    raw: dict[str, bytes | str | None] = {}
    for spec in FILES:
        path = data_dir / f"{spec.name}.yaml"
        try:
            raw[spec.name] = path.read_bytes()
        except FileNotFoundError:
            raw[spec.name] = None
        except IsADirectoryError:
            raw[spec.name] = "this is a folder, not a file; the data must be a YAML file of that name"
        except OSError as error:
            raw[spec.name] = f"the file cannot be read ({error.strerror or error})"
    return raw


def read_site_info(root: Path) -> SiteInfo:
    return parse_site_info((root / "mkdocs.yml").read_text(encoding="utf-8"))


def read_schemas(root: Path) -> dict[str, str]:
    """The JSON Schemas' text, offered as downloads: those of the data files and, from
    data/schema/downloads/, those of the downloads themselves. DataError if one is not JSON."""
    schemas, problems = {}, []
    folder = root / "data" / "schema"
    for path in sorted(folder.glob("*.schema.json")) + sorted(folder.glob("downloads/*.schema.json")):
        text = path.read_text(encoding="utf-8")
        try:
            json.loads(text)
        except ValueError as error:
            line = getattr(error, "lineno", 1)
            problems.append(Problem(path.relative_to(root).as_posix(), line, message=f"not valid JSON: {getattr(error, 'msg', error)}"))
        schemas[path.name] = text
    if problems:
        raise DataError(problems)
    return schemas


def generate(root: Path = REPO_ROOT, check: bool = False, out=sys.stdout, err=sys.stderr, jobs: int = 1, since: str = "HEAD") -> int:
    """Regenerate (or with ``check``, compare) the pages. ``jobs`` above 1 lets large
    datasets render on several cores by forking, which only a single-threaded caller
    may do: the command line, not MkDocs' server."""
    with collector_paused():
        return _generate(root, check, out, err, jobs, since)


def split_cards(root: Path, files: dict[str, str | CardSpec]) -> tuple[dict[str, str], dict[str, CardSpec], frozenset[str]]:
    """Pages, the cards to draw, and the cards that are current on disk (their key is the
    one cards.json recorded when they were drawn)."""
    pages = {path: content for path, content in files.items() if not isinstance(content, CardSpec)}
    cards = {path: content for path, content in files.items() if isinstance(content, CardSpec)}
    manifest_path = root / MANIFEST
    drawn = read_manifest(manifest_path.read_text(encoding="utf-8") if manifest_path.is_file() else None)
    kept = frozenset(path for path, spec in cards.items() if drawn.get(path) == spec.key and (root / path).is_file())
    return pages, {path: spec for path, spec in cards.items() if path not in kept}, kept


def _generate(root: Path, check: bool, out, err, jobs: int, since: str = "HEAD") -> int:
    try:
        files = build_pages(read_data_files(root / "data"), read_site_info(root), read_schemas(root), jobs)
    except DataError as error:
        print(error.report(), file=err)
        return EXIT_DATA
    pages, to_draw, kept = split_cards(root, files)
    if check:
        plan = plan_changes(root, pages, OWNED_DIRS, OWNED_FILES, kept)
        for path in to_draw:  # a card to draw again is stale, whatever is on disk
            plan.write.setdefault(path, b"")
        left = leftovers(root)
        committed = committed_files(root, since)
        vanished = vanished_pages(committed, pages, OWNED_DIRS, OWNED_FILES) if committed is not None else []
        if plan.is_empty and not left and not vanished:
            print(f"Pages are up to date ({plan.unchanged} files).", file=out)
            return 0
        if left:
            print(f"leftovers: {left}", file=err)
        for rel in vanished:
            old = rel.rsplit("/", 1)[-1][: -len(".md")]
            print(f"no redirect: {rel} is published (it is in the last commit) and would disappear; "
                  f"add {old!r} to the former_ids of the entry that replaces it", file=err)
        for rel in sorted(plan.write):
            print(f"stale: {rel}", file=err)
        for rel in plan.remove:
            print(f"no longer generated: {rel}", file=err)
        if not plan.is_empty:
            print("The generated pages do not match data/*.yaml: run `make pages` and commit the result.", file=err)
        return EXIT_STALE
    recovered = recover(root)
    if recovered:
        print(recovered, file=out)
    pages.update(draw_cards(to_draw, jobs))
    plan = plan_changes(root, pages, OWNED_DIRS, OWNED_FILES, kept)
    apply_plan(root, plan)
    print(f"{len(plan.write)} written, {len(plan.remove)} removed, {plan.unchanged} unchanged.", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="explainer", description="Generate the site's pages from data/*.yaml.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the pages on disk are stale")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="processes that render a large dataset (default: one per core)")
    parser.add_argument("--since", default="HEAD", metavar="REF",
                        help="with --check: the commit whose published pages must keep working (default: HEAD)")
    parser.add_argument("--list-owned", action="store_true", help="print the folders and files the generator owns, and stop")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)  # for tests: a copy of the repository
    args = parser.parse_args(argv)
    if args.list_owned:
        print("\n".join([f"dir {d}" for d in OWNED_DIRS] + [f"file {f}" for f in OWNED_FILES]))
        return 0
    try:
        return generate(args.root.resolve(), check=args.check, jobs=max(1, args.jobs), since=args.since)
    except KeyboardInterrupt:
        print("Interrupted: the pages are as they were.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:  # a disk problem: say what, without a traceback
        where = f" ({error.filename})" if error.filename else ""
        print(f"error: {error.strerror or error}{where}; the pages are as they were.", file=sys.stderr)
        return EXIT_DISK
    except Exception as error:  # a bug: never exit 1, which would mean "stale pages" to --check
        if args.debug:
            traceback.print_exc()
        print(f"internal error: {type(error).__name__}: {error}. This is a bug in the generator, not in the data; "
              "the pages are as they were. Run `PYTHONPATH=scripts python -m explainer --debug` for the details.", file=sys.stderr)
        return EXIT_BUG
