"""The command line: the only layer that reads and writes files.

    make pages          (PYTHONPATH=scripts python -m explainer) regenerate the pages from data/*.yaml
    make check          (... --check) exit 1 if the committed pages are stale, or if a page of
                        the last commit (--since REF: of that commit) would vanish without a redirect
    --jobs N            processes that render a large dataset (default: one per core)
    --if-changed        skip the run when nothing it reads or wrote has changed since the
                        last one (the MkDocs hook's run; see disk/stamp.py)
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

from .dataset.loader import decode_utf8
from .dataset.problems import DataError, Problem
from .dataset.translatable import TRANSLATED_FILES
from .dataset.translations import HANDWRITTEN_PAGES, TERMS_FILE, translation_path
from .dataset.validate import FILES
from .editions import TRANSLATIONS
from .disk.history import UnknownCommit, committed_files, vanished_pages
from .disk import stamp
from .disk.writer import InterruptedAfterWriting, apply_plan, leftovers, plan_changes, recover, run_lock
from .gc_pause import collector_paused
from .pages.cards import CardSpec, draw_cards, is_manifest, read_manifest
from .pages.i18n import interface_path
from .pages.render import OWNED_DIRS, OWNED_FILES
from .paths import REPO_ROOT
from .pipeline import BuildResult, TranslationFiles, build_site
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


def _read_optional(root: Path, rel: str) -> bytes | None:
    """A file's bytes, None when it is missing; a folder in its place is bad data."""
    try:
        return (root / rel).read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataError([Problem(rel, 1, message="this is a folder, not a file; it must be a file of that name")]) from None


def read_translations(root: Path) -> dict[str, TranslationFiles]:
    """Each language's translation files (data/translations/<lang>/), None where missing."""
    found = {}
    for edition in TRANSLATIONS:
        files = {name: _read_optional(root, translation_path(edition.lang, name)) for name in TRANSLATED_FILES}
        po = _read_optional(root, interface_path(edition.lang))
        found[edition.lang] = TranslationFiles(files, po)  # decoded (and checked) by the pipeline
    return found


# The hand-written stylesheets, scripts and images, which every edition's pages use: the
# stylesheets are minified for every edition, the rest copied into each translated
# edition's folder (each is a site of its own).
SHARED_ASSET_DIRS = ("stylesheets", "javascripts", "images")


def read_shared_assets(root: Path) -> dict[str, bytes]:
    assets = {}
    for folder in SHARED_ASSET_DIRS:
        for path in sorted((root / "docs" / folder).rglob("*")):
            if path.is_file() and not path.name.endswith(".min.css"):  # a minified one is ours
                assets[path.relative_to(root / "docs").as_posix()] = path.read_bytes()
    return assets


def build_from_disk(root: Path, jobs: int = 1) -> BuildResult:
    return build_site(
        read_data_files(root / "data"), read_site_info(root), read_schemas(root), jobs,
        translations=read_translations(root), terms=_read_optional(root, TERMS_FILE),
        config_text=read_text(root, "mkdocs.yml"), shared_assets=read_shared_assets(root),
        handwritten={rel: _read_optional(root, rel) for name in HANDWRITTEN_PAGES
                     for rel in [f"docs/{name}"] + [f"docs/{e.lang}/{name}" for e in TRANSLATIONS]},
    )


def coverage_report(result: BuildResult) -> str:
    """How much of each edition is translated, per data file and for the interface."""
    lines = []
    for lang, files in result.coverage.items():
        total = sum(c.total for c in files.values())
        done = sum(c.translated for c in files.values())
        parts = []
        for name, c in files.items():
            if not c.total:
                continue
            part = f"{name} {c.translated}/{c.total}"
            extra = [f"{n} {what}" for n, what in ((c.partial, "partly"), (c.stale, "out of date"), (c.missing, "missing")) if n]
            parts.append(part + (f" ({', '.join(extra)})" if extra else ""))
        interface = result.interface_coverage.get(lang)
        ui = f"; interface {interface[0]}/{interface[1]}" if interface else "; interface: no catalogue"
        share = f"{100 * done // total}%" if total else "-"
        lines.append(f"Translated into {lang}: {share} of the entries ({', '.join(parts)}){ui}.")
    return "\n".join(lines)


def read_text(root: Path, rel: str) -> str:
    """A configuration file's text, or DataError when it is not UTF-8."""
    text, problem = decode_utf8(rel, (root / rel).read_bytes())
    if problem:
        raise DataError([problem])
    return text


def read_site_info(root: Path) -> SiteInfo:
    return parse_site_info(read_text(root, "mkdocs.yml"))


def read_schemas(root: Path) -> dict[str, str]:
    """The JSON Schemas' text, offered as downloads: those of the data files and, from
    data/schema/downloads/, those of the downloads themselves. DataError if one is not JSON."""
    schemas, problems = {}, []
    folder = root / "data" / "schema"
    for path in sorted(folder.glob("*.schema.json")) + sorted(folder.glob("downloads/*.schema.json")):
        try:
            text = read_text(root, path.relative_to(root).as_posix())
        except DataError as error:
            problems += error.problems
            continue
        try:
            json.loads(text)
        except ValueError as error:
            line = getattr(error, "lineno", 1)
            problems.append(Problem(path.relative_to(root).as_posix(), line, message=f"not valid JSON: {getattr(error, 'msg', error)}"))
        schemas[path.name] = text
    if problems:
        raise DataError(problems)
    return schemas


def generate(root: Path = REPO_ROOT, check: bool = False, out=sys.stdout, err=sys.stderr, jobs: int = 1, since: str = "HEAD",
             if_changed: bool = False) -> int:
    """Regenerate (or with ``check``, compare) the pages. ``jobs`` above 1 lets large
    datasets render on several cores by forking, which only a single-threaded caller
    may do: the command line, not MkDocs' server. One run at a time (see run_lock).
    ``if_changed``: skip the run if the last one left everything as it is (disk/stamp.py)."""
    with collector_paused(), run_lock(root, lambda: print("Waiting for another run of the generator to finish...", file=err)):
        if check:
            return _generate(root, check, out, err, jobs, since)
        inputs = stamp.inputs_fingerprint(root, OWNED_DIRS, OWNED_FILES)  # before the run reads them
        if if_changed and _unchanged_since_last_run(root, inputs, out, err):
            return 0
        stamp.forget_stamp(root)  # until this run has succeeded
        return _generate(root, check, out, err, jobs, since, inputs=inputs)


def _unchanged_since_last_run(root: Path, inputs: str, out, err) -> bool:
    """True, after saying so (and repeating the last run's report), when the last run's
    stamp matches what is on disk now and no interrupted run is waiting to be rolled back."""
    last = stamp.read_stamp(root)
    if last.get("inputs") != inputs or leftovers(root):
        return False
    if last.get("outputs") != stamp.outputs_fingerprint(root, OWNED_DIRS, OWNED_FILES):
        return False
    messages = last.get("messages") or {}
    print("Nothing to do: the data, the generator and the pages are as the last run left them.", file=out)
    for text, stream in ((messages.get("out"), out), (messages.get("err"), err)):
        if isinstance(text, str) and text:
            print(text, file=stream)
    return True


def split_cards(root: Path, files: dict[str, str | CardSpec]) -> tuple[dict[str, str], dict[str, CardSpec], frozenset[str]]:
    """Pages, the cards to draw, and the cards that are current on disk (their key is the
    one cards.json recorded when they were drawn)."""
    pages = {path: content for path, content in files.items() if not isinstance(content, CardSpec)}
    cards = {path: content for path, content in files.items() if isinstance(content, CardSpec)}
    drawn: dict[str, str] = {}
    for path in pages:
        if is_manifest(path) and (root / path).is_file():
            drawn.update(read_manifest((root / path).read_text(encoding="utf-8")))
    kept = frozenset(path for path, spec in cards.items() if drawn.get(path) == spec.key and (root / path).is_file())
    return pages, {path: spec for path, spec in cards.items() if path not in kept}, kept


def _generate(root: Path, check: bool, out, err, jobs: int, since: str = "HEAD", inputs: str | None = None) -> int:
    try:
        result = build_from_disk(root, jobs)
    except DataError as error:
        print(error.report(), file=err)
        return EXIT_DATA
    pages, to_draw, kept = split_cards(root, result.files)
    stale = [str(problem) for problem in sorted(result.stale)]
    if check:
        plan = plan_changes(root, pages, OWNED_DIRS, OWNED_FILES, kept | frozenset(to_draw))
        for path in to_draw:  # a card to draw again is stale, whatever is on disk
            plan.write.setdefault(path, b"")
        left = leftovers(root)
        try:
            committed = committed_files(root, since)
        except UnknownCommit as error:
            print(f"error: {error}", file=err)
            return EXIT_DATA
        vanished = vanished_pages(committed, pages, OWNED_DIRS, OWNED_FILES) if committed is not None else []
        if plan.is_empty and not left and not vanished and not stale:
            print(f"Pages are up to date ({plan.unchanged} files).", file=out)
            return 0
        for line in stale:
            print(line, file=err)
        if stale:
            print(f"{len(stale)} translation{'s are' if len(stale) != 1 else ' is'} out of date: the pages show the English "
                  "until they are updated.", file=err)
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
    report = coverage_report(result)
    if report:
        print(report, file=out)
    warnings = [f"warning: {line}" for line in stale]
    if stale:
        warnings.append("These translations are out of date: their pages show the English until they are updated "
                        "(`make check` fails meanwhile).")
    for line in warnings:
        print(line, file=err)
    if inputs is not None:
        stamp.write_stamp(root, inputs, stamp.outputs_fingerprint(root, OWNED_DIRS, OWNED_FILES),
                          {"out": report, "err": "\n".join(warnings)})
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="explainer", description="Generate the site's pages from data/*.yaml.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the pages on disk are stale")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="processes that render a large dataset (default: one per core)")
    parser.add_argument("--since", default="HEAD", metavar="REF",
                        help="with --check: the commit whose published pages must keep working (default: HEAD)")
    parser.add_argument("--if-changed", action="store_true",
                        help="skip the run when nothing it reads or wrote has changed since the last one")
    parser.add_argument("--list-owned", action="store_true", help="print the folders and files the generator owns, and stop")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)  # for tests: a copy of the repository
    args = parser.parse_args(argv)
    if args.list_owned:
        print("\n".join([f"dir {d}" for d in OWNED_DIRS] + [f"file {f}" for f in OWNED_FILES]))
        return 0
    try:
        return generate(args.root.resolve(), check=args.check, jobs=max(1, args.jobs), since=args.since,
                        if_changed=args.if_changed)
    except InterruptedAfterWriting:
        print("Interrupted after the new pages were all written: they are up to date.", file=sys.stderr)
        return EXIT_INTERRUPTED
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
