"""Benchmarks: prints a Markdown table (and, with --readme, puts it into README.md).

    make bench                # everything (about 60 minutes on the project machine)
    make bench ARGS=--quick   # generator only, no site builds, no browser

Not a test: timings on a shared 2-core machine vary by about 20%. Run it on an idle machine.
Page weights and Lighthouse scores are measured side by side with a plain Material for
MkDocs page built in the same run, served by the same server.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from explainer.cli import read_schemas, read_site_info, read_translations  # noqa: E402
from explainer.dataset.loader import parse_yaml  # noqa: E402
from explainer.dataset.translations import TERMS_FILE  # noqa: E402
from explainer.dataset.validate import FILES, validate_dataset  # noqa: E402
from explainer.disk.writer import apply_plan, plan_changes  # noqa: E402
from explainer.gc_pause import collector_paused  # noqa: E402
from explainer.pages.cards import CardSpec  # noqa: E402
from explainer.pages.render import OWNED_DIRS, OWNED_FILES, render_site  # noqa: E402
from explainer.pipeline import translate_editions  # noqa: E402

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
# The generator is timed on a RAM disk where there is one: on the project machine's
# virtual disk, writing the same 10,000 files takes anything from 0.5 to 5 seconds,
# which would decide the result on its own. The table says where it ran.
RAM_DISK = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None

# One page of each kind (Lighthouse runs on each, in English; the pages with a byte target
# in every edition). Byte targets are multiples of the plain Material page.
PAGES = {"home": "", "timeline": "timeline/", "event": "events/fatf-plenary-paris-2018/", "era": "eras/rapprochement/",
         "theme": "themes/energy/", "actor": "actors/khawaja-asif/", "claims": "article/claims/", "glossary": "glossary/",
         "data": "data/"}
BYTE_TARGETS = {"event": 1.0, "home": 1.3, "timeline": 1.3}
EDITION_PREFIXES = ("", "ru/", "ur/")
PLAIN = "plain Material"


def synthetic_events(n: int) -> str:
    """The real events, then copies of them with new ids and dates, up to ``n`` events."""
    real = yaml.load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"), Loader=LOADER)
    events = list(real[:n])
    k = 0
    while len(events) < n:
        base = copy.deepcopy(real[k % len(real)])
        k += 1
        base["id"] = f"{base['id']}-copy-{k}"
        year = 1948 + (k * 7) % 78
        base["date"] = f"{year}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        base.pop("end_date", None)
        base.pop("article_quote", None)
        base.pop("turning_point", None)  # the turning points stay the real ones (a handful, labelled on the timeline)
        base["title"] = f"{base['title'][:100]} (copy {k})"  # titles stay within their 120 characters
        events.append(base)
    return yaml.dump(events, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=100)


def make_project(target: Path, events_yaml: str | None = None) -> Path:
    ignore = shutil.ignore_patterns(".venv*", "site", ".git", "node_modules", "__pycache__", ".pytest_cache", ".cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    if events_yaml is not None:
        (target / "data" / "events.yaml").write_text(events_yaml, encoding="utf-8")
    return target


def timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def generator_stages(project: Path) -> dict:
    """The generator's stages, timed one by one, for all three editions. The social cards
    are left out here: they are drawn once for each changed page and committed (see
    site_build for the time they take)."""
    raw = {spec.name: (project / "data" / f"{spec.name}.yaml").read_bytes() for spec in FILES}
    events_text = raw["events"].decode("utf-8")
    _, floor = timed(yaml.load, events_text, LOADER)
    site = read_site_info(project)
    translations, terms = read_translations(project), (project / TERMS_FILE).read_bytes()

    def load():
        out = {}
        for spec in FILES:
            out[spec.name], problems = parse_yaml(f"data/{spec.name}.yaml", raw[spec.name])
            assert not problems, problems[:3]
        return out

    with collector_paused():  # as the generator runs (explainer/gc_pause.py)
        loaded, t_load = timed(load)
        data, t_validate = timed(validate_dataset, loaded)
        (contents, _), t_translate = timed(translate_editions, data, site, translations, terms)
        files, t_render = timed(render_site, data, site, read_schemas(project), os.cpu_count() or 1, tuple(contents))
        cards = frozenset(path for path, content in files.items() if isinstance(content, CardSpec))
        pages = {path: content for path, content in files.items() if path not in cards}
        _, t_write = timed(lambda: apply_plan(project, plan_changes(project, pages, OWNED_DIRS, OWNED_FILES, cards)))
        markdown = [len(text.encode("utf-8")) for path, text in pages.items() if path.endswith(".md")]
        events = len(data.events)
        del loaded, data, files, contents
        # For comparison only: the same parse with the collector paused too.
        _, floor_paused = timed(yaml.load, events_text, LOADER)
    total = t_load + t_validate + t_translate + t_render + t_write
    return {"events": events, "load": t_load, "validate": t_validate, "translate": t_translate, "render": t_render,
            "write": t_write, "total": total, "floor": floor, "ratio": total / floor, "files": len(pages),
            "cards": len(cards), "markdown_mib": sum(markdown) / 2**20, "largest_kib": max(markdown) / 1024,
            "floor_paused": floor_paused, "ratio_paused": total / floor_paused}


def run_generator(project: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "explainer", "--root", str(project)], cwd=project,
                            env=dict(os.environ, PYTHONPATH=str(project / "scripts")), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def rewrites(project: Path) -> dict:
    run_generator(project)
    again = run_generator(project)
    events = project / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    new_text = re.sub(r"(- id: russia-lifts-arms-embargo-2014\n(?:.*\n)*?  summary: >-\n    )", r"\1(edited) ", text, count=1)
    assert new_text != text, "the benchmark's edit no longer matches data/events.yaml"
    events.write_text(new_text, encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()}
    edited = run_generator(project)
    changed = sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*")
                     if p.is_file() and before.get(p) != p.stat().st_mtime_ns)
    # The first line is the count of files; the coverage lines follow it.
    return {"no_change": again.splitlines()[0], "one_edit": edited.splitlines()[0], "changed": changed}


def site_build(project: Path) -> dict:
    """The first generation (every page and social card written, as after a large import),
    then the site build that every push runs: the generator (nothing to change) and
    `mkdocs build --strict` of the three editions, with the search index."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    _, first = timed(run_generator, project)
    cards = len(list(project.glob("docs/**/assets/cards/**/*.png")))
    start = time.perf_counter()
    # `make site`: the build's hook runs the generator first (nothing to change here).
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", "site"],
                            cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-2000:]
    site = project / "site"
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    events = len(list((site / "events").glob("*/index.html")))
    timeline_gz = len(gzip.compress((site / "timeline" / "index.html").read_bytes(), 6))
    return {"events": events, "first": first, "cards": cards, "seconds": elapsed, "mib": size / 2**20,
            "search_mib": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 2**20,
            "timeline_gz_kib": timeline_gz / 1024}


def plain_material(folder: Path) -> Path:
    """A plain Material for MkDocs site of one page (the theme's defaults, its search
    included; web fonts off, as no page may call another host), built like ours."""
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text("site_name: Plain Material\ntheme:\n  name: material\n  font: false\n", encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# A plain page\n\n" + "A paragraph of plain text. " * 40 + "\n", encoding="utf-8")
    subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", "site"], cwd=folder, check=True, capture_output=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return folder / "site"


def lighthouse(sites: dict[str, Path], pages: dict[str, str], runs: int = 3) -> dict:
    """Lighthouse's mobile performance and bytes transferred for each page: the median of
    ``runs`` runs and the lowest score. Lighthouse's docs/variability.md advises running it
    several times and taking the median: one run's score moves by a few points on its own.
    ``pages`` maps a name to (a key of ``sites``, a path)."""
    from browser_fixtures import CHROMIUM, FLAGS
    from serve import StaticServer

    servers = {name: StaticServer(site) for name, site in sites.items()}
    out = {}
    try:
        for server in servers.values():
            server.__enter__()
        for name, (site, path) in pages.items():
            results = []
            for _ in range(runs):
                with tempfile.TemporaryDirectory() as profile, tempfile.NamedTemporaryFile(suffix=".json") as report:
                    subprocess.run([str(ROOT / "node_modules" / ".bin" / "lighthouse"), servers[site].url + path, "--quiet",
                                    "--output=json", f"--output-path={report.name}", "--only-categories=performance",
                                    f"--chrome-flags=--headless {' '.join(FLAGS)} --user-data-dir={profile}"],
                                   env=dict(os.environ, CHROME_PATH=CHROMIUM), check=True, capture_output=True, timeout=240)
                    data = json.loads(Path(report.name).read_text())
                results.append({"performance": round(data["categories"]["performance"]["score"] * 100),
                                "kib": data["audits"]["total-byte-weight"]["numericValue"] / 1024,
                                "lcp": data["audits"]["largest-contentful-paint"]["numericValue"] / 1000})
            results.sort(key=lambda r: r["performance"])
            out[name] = dict(results[len(results) // 2], lowest=results[0]["performance"])
            print(name, [r["performance"] for r in results], f"{out[name]['kib']:.1f} KiB", file=sys.stderr)
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)
    return out


def search_cost(site: Path, queries: dict[str, str]) -> dict:
    """Bytes a page downloads before search is opened, and then for the first query and for
    a second one (bodies as sent, gzipped where served so, and headers)."""
    from browser_fixtures import CHROMIUM, FLAGS
    from playwright.sync_api import sync_playwright
    from serve import StaticServer

    out = {}
    with StaticServer(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        for prefix, (first, second) in queries.items():
            context = browser.new_context()
            page = context.new_page()
            # Counted at the context, which sees Pagefind's worker too; sizes as on the wire.
            sizes: list[int] = []
            context.on("requestfinished", lambda r: sizes.append(sum(r.sizes()[k] for k in ("responseBodySize", "responseHeadersSize"))))
            page.goto(server.url + prefix + "events/fatf-plenary-paris-2018/", wait_until="networkidle")
            loaded = sum(sizes)
            counts = []
            page.keyboard.press("/")
            for query in (first, second):
                page.fill(".md-search__input", query)
                page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
                settled, seen = 0, -1
                while settled < 5:  # the index's fragments for the results arrive after the list
                    page.wait_for_timeout(100)
                    settled, seen = (settled + 1, seen) if len(sizes) == seen else (0, len(sizes))
                counts.append(sum(sizes))
            out[prefix or "en"] = {"page": loaded / 1024, "first": (counts[0] - loaded) / 1024, "second": (counts[1] - counts[0]) / 1024}
            context.close()
        browser.close()
    return out


def preview_reload(project: Path, runs: int = 3) -> float:
    """Seconds from a save in data/ to the reloaded page in the browser, under `mkdocs
    serve` (the median of ``runs`` saves): what an editor waits for."""
    from browser_fixtures import CHROMIUM, FLAGS
    from playwright.sync_api import sync_playwright
    from test_serve import Server

    run_generator(project)
    server = Server(project)
    events = project / "data" / "events.yaml"
    times = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            page = browser.new_page()
            page.goto(server.url + "events/russia-lifts-arms-embargo-2014/")
            for i in range(runs):
                text = events.read_text(encoding="utf-8")
                marker = f"(reload {i})"
                events.write_text(text.replace("title: Russia lifts its arms embargo on Pakistan",
                                               f"title: Russia lifts its arms embargo on Pakistan {marker}", 1), encoding="utf-8")
                start = time.perf_counter()
                page.locator("h1", has_text=marker).wait_for(timeout=300_000)
                times.append(time.perf_counter() - start)
                events.write_text(text, encoding="utf-8")
                page.locator("h1", has_text=marker).wait_for(state="detached", timeout=300_000)
            browser.close()
    finally:
        server.stop()
    return sorted(times)[len(times) // 2]


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="generator only")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
             "all three editions (English, Russian, Urdu) unless a row says otherwise.", ""]

    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory(dir=RAM_DISK) as ram:
        tmp, ram = Path(tmp), Path(ram)
        where = "a RAM disk (/dev/shm)" if RAM_DISK else "the temporary folder's disk"
        lines += [f"**Generator** (seconds, three editions, with the project on {where}; floor = PyYAML's C loader alone "
                  "on the same events.yaml; the target set for one edition was a total of at most 1.5 x floor at "
                  "10,000 events; social cards not included: see the site build)", "",
                  "| events | load | validate | translate | render | write | total | floor | total / floor | pages | Markdown | largest page |",
                  "| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |"]
        for n in (None, 1000, 10000):  # the real data, then copies of its events
            project = make_project(ram / f"gen-{n}", synthetic_events(n) if n else None)
            r = generator_stages(project)
            lines.append(f"| {r['events']:,}{' (real)' if n is None else ''} | {r['load']:.2f} | {r['validate']:.2f} | {r['translate']:.2f} | {r['render']:.2f} | "
                         f"{r['write']:.2f} | {r['total']:.2f} | {r['floor']:.2f} | {r['ratio']:.2f} | {r['files']:,} | "
                         f"{r['markdown_mib']:.0f} MiB | {r['largest_kib']:.0f} KiB |")
            print(lines[-1], file=sys.stderr)
            shutil.rmtree(project)
        lines += ["", "How to read it: the generator pauses Python's cycle collector while it runs "
                  f"(scripts/explainer/gc_pause.py), which alone makes its YAML parsing {r['floor'] / r['floor_paused']:.1f} "
                  "times faster than the plain `yaml.load` of the floor; timed with the collector paused too, the floor at "
                  f"10,000 events is {r['floor_paused']:.2f} s and the ratio {r['ratio_paused']:.2f}. Rendering uses "
                  f"{os.cpu_count()} processes (scripts/explainer/parallel.py). A list of more than 200 events (an era, "
                  "theme or actor page, the timeline) shows each by its date and title, which keeps the largest page small "
                  "at 10,000 events (the whole Markdown output was about 180 MB for one edition before)."]
        r = rewrites(make_project(tmp / "rewrites"))
        lines += ["", "**Rewrites** (real data)", "",
                  f"- A rerun with no change: `{r['no_change']}`",
                  f"- One event's summary edited: `{r['one_edit']}`; the files rewritten are the pages and downloads that show it, in every edition (the edit makes the summary's translations out of date, so the Russian and Urdu pages show the English, with a note, and the pages that count what is translated change too):",
                  "  " + ", ".join(f"`{c.removeprefix('docs/')}`" for c in r["changed"])]

        if not args.quick:
            lines += ["", "**Site build** (seconds. First generation: every page and social card written, as after a "
                      "large import; the cards are committed, so it happens once. Site build: what every push runs, the "
                      "generator with nothing to change, then `mkdocs build --strict` of the three editions side by side "
                      "and Pagefind's index. The real data's cards are committed, so its first generation draws none. "
                      "Target: at most 50 s at 5,000 events, half the 100 s one edition took before)",
                      "", "| events | first generation | cards | site build | target | output | search index | timeline HTML (gzip) |",
                      "| --: | --: | --: | --: | --: | --: | --: | --: |"]
            real_site = big_site = None
            for n in (None, 1000, 5000):
                project = make_project(tmp / f"site-{n}", synthetic_events(n) if n else None)
                r = site_build(project)
                target = _mark(r["seconds"] <= 50) if n == 5000 else ""
                lines.append(f"| {r['events']:,}{' (real)' if n is None else ''} | {r['first']:.1f} | {r['cards']:,} | "
                             f"{r['seconds']:.1f} | {target} | {r['mib']:.0f} MiB | {r['search_mib']:.1f} MiB | "
                             f"{r['timeline_gz_kib']:.0f} KiB |")
                print(lines[-1], file=sys.stderr)
                if n is None:
                    real_site = project / "site"
                elif n == 5000:
                    big_site = project / "site"
                else:
                    shutil.rmtree(project)

            queries = {"": ("plenary", "Moscow"), "ru/": ("пленарное", "Москва"), "ur/": ("پلینری", "ماسکو")}
            lines += ["", "**Search** (KiB transferred, gzipped: the event page before search is opened, which includes "
                      "nothing of search; then the first query, which loads Pagefind's script, its WebAssembly and the "
                      "index parts that the words need; then a second query. Target: nothing before opening, and a bounded "
                      "amount per query as the data grows)", "",
                      "| site | edition | page | first query | second query |", "| --- | --- | --: | --: | --: |"]
            for label, site in (("real data", real_site), ("5,000 events", big_site)):
                for edition, r in search_cost(site, queries).items():
                    lines.append(f"| {label} | {edition} | {r['page']:.0f} | {r['first']:.0f} | {r['second']:.0f} |")
                    print(lines[-1], file=sys.stderr)
            shutil.rmtree(big_site.parent)

            lines += ["", "**Live preview** (`mkdocs serve`: seconds from a save in data/ to the reloaded page in Chromium, "
                      "the median of 3 saves)", "", "| events | save to reloaded page |", "| --: | --: |"]
            for n in (None, 1000):
                project = make_project(tmp / f"preview-{n}", synthetic_events(n) if n else None)
                lines.append(f"| {n or len(list((project / 'docs' / 'events').glob('*.md'))):,}{' (real)' if n is None else ''} | "
                             f"{preview_reload(project):.1f} s |")
                print(lines[-1], file=sys.stderr)
                shutil.rmtree(project)

            plain = plain_material(tmp / "plain")
            pages = {PLAIN: ("plain", "")}
            pages.update({name: ("ours", path) for name, path in PAGES.items()})
            pages.update({f"{prefix[:-1]}:{name}": ("ours", prefix + PAGES[name]) for prefix in EDITION_PREFIXES[1:] for name in BYTE_TARGETS})
            lh = lighthouse({"plain": plain, "ours": real_site}, pages)
            base = lh[PLAIN]["kib"]
            lines += ["", f"**Page weight and Lighthouse mobile performance** (KiB transferred, served gzipped, as Lighthouse "
                      f"counts them; beside a plain Material for MkDocs page built in the same run, {base:.0f} KiB. Targets: an "
                      "event page at most 1 x the plain page, home and timeline at most 1.3 x; performance a median of 100 "
                      "over 3 runs, no run below 98)", "",
                      "| page | transferred | x plain | bytes target | performance (median) | lowest | LCP | score target |",
                      "| --- | --: | --: | --: | --: | --: | --: | --: |"]
            for name, r in lh.items():
                kind = name.split(":")[-1]
                limit = BYTE_TARGETS.get(kind) if name != PLAIN else None
                bytes_target = f"{limit} x: {_mark(r['kib'] <= limit * base)}" if limit else ""
                score_target = _mark(r["performance"] >= 100 and r["lowest"] >= 98) if name != PLAIN else ""
                lines.append(f"| {name} | {r['kib']:.1f} KiB | {r['kib'] / base:.2f} | {bytes_target} | {r['performance']} | "
                             f"{r['lowest']} | {r['lcp']:.2f} s | {score_target} |")

    table = "\n".join(lines)
    print(table)
    if args.readme:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        text = text[: text.index(start) + len(start)] + "\n" + table + "\n" + text[text.index(end):]
        readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
