"""Benchmarks: prints a Markdown table (and, with --readme, puts it into README.md).

    make bench            # everything (about 15 minutes on the project machine)
    make bench ARGS=--quick   # generator only, no site builds, no Lighthouse

Not a test: timings on a shared 2-core machine vary by about 20%. Run it on an idle machine.
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

from explainer.cli import read_schemas, read_site_info  # noqa: E402
from explainer.dataset.loader import parse_yaml  # noqa: E402
from explainer.dataset.validate import FILES, validate_dataset  # noqa: E402
from explainer.disk.writer import apply_plan, plan_changes  # noqa: E402
from explainer.gc_pause import collector_paused  # noqa: E402
from explainer.pages.render import OWNED_DIRS, OWNED_FILES, render_site  # noqa: E402

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PLAIN_MATERIAL_KIB = 65  # a plain Material page, gzipped (research/site-tooling.md)
# The generator is timed on a RAM disk where there is one: on the project machine's
# virtual disk, writing the same 10,000 files takes anything from 0.5 to 5 seconds,
# which would decide the result on its own. The table says where it ran.
RAM_DISK = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


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
        base["title"] = f"{base['title']} (copy {k})"
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
    raw = {spec.name: (project / "data" / f"{spec.name}.yaml").read_bytes() for spec in FILES}
    events_text = raw["events"].decode("utf-8")
    _, floor = timed(yaml.load, events_text, LOADER)

    def load():
        out = {}
        for spec in FILES:
            out[spec.name], problems = parse_yaml(f"data/{spec.name}.yaml", raw[spec.name])
            assert not problems, problems[:3]
        return out

    def write(pages):
        apply_plan(project, plan_changes(project, pages, OWNED_DIRS, OWNED_FILES))

    with collector_paused():  # as the generator runs (explainer/gc_pause.py)
        loaded, t_load = timed(load)
        data, t_validate = timed(validate_dataset, loaded)
        pages, t_render = timed(render_site, data, read_site_info(project), read_schemas(project), os.cpu_count() or 1)
        _, t_write = timed(write, pages)
        events, files = len(data.events), len(pages)
        del loaded, data, pages
        # For comparison only: the same parse with the collector paused too.
        _, floor_paused = timed(yaml.load, events_text, LOADER)
    total = t_load + t_validate + t_render + t_write
    return {"events": events, "load": t_load, "validate": t_validate, "render": t_render,
            "write": t_write, "total": total, "floor": floor, "ratio": total / floor, "files": files,
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
    return {"no_change": again, "one_edit": edited, "changed": changed}


def site_build(project: Path) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    run_generator(project)
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--site-dir", "site"],
                            cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-2000:]
    size = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
    events = len(list((project / "site" / "events").glob("*/index.html")))
    timeline_gz = len(gzip.compress((project / "site" / "timeline" / "index.html").read_bytes(), 6))
    return {"events": events, "seconds": elapsed, "mib": size / 2**20, "kib_per_event": size / 1024 / events,
            "timeline_gz_kib": timeline_gz / 1024}


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


def lighthouse(site: Path, runs: int = 3) -> dict:
    """Lighthouse's mobile performance for each kind of page: the median of ``runs``
    runs and the lowest. Lighthouse's docs/variability.md advises running it several
    times and taking the median: one run's score moves by a few points on its own."""
    from browser_fixtures import CHROMIUM, FLAGS
    from serve import StaticServer

    pages = {"home": "", "timeline": "timeline/", "event": "events/fatf-plenary-paris-2018/", "era": "eras/rapprochement/",
             "theme": "themes/energy/", "actor": "actors/khawaja-asif/", "claims": "article/claims/", "glossary": "glossary/",
             "data": "data/"}
    out = {}
    with StaticServer(site) as server:
        for name, path in pages.items():
            results = []
            for _ in range(runs):
                with tempfile.TemporaryDirectory() as profile, tempfile.NamedTemporaryFile(suffix=".json") as report:
                    subprocess.run([str(ROOT / "node_modules" / ".bin" / "lighthouse"), server.url + path, "--quiet",
                                    "--output=json", f"--output-path={report.name}", "--only-categories=performance",
                                    f"--chrome-flags=--headless {' '.join(FLAGS)} --user-data-dir={profile}"],
                                   env=dict(os.environ, CHROME_PATH=CHROMIUM), check=True, capture_output=True, timeout=240)
                    data = json.loads(Path(report.name).read_text())
                results.append({"performance": round(data["categories"]["performance"]["score"] * 100),
                                "kib": data["audits"]["total-byte-weight"]["numericValue"] / 1024,
                                "lcp": data["audits"]["largest-contentful-paint"]["numericValue"] / 1000})
            results.sort(key=lambda r: r["performance"])
            out[name] = dict(results[len(results) // 2], lowest=results[0]["performance"])
            print(name, [r["performance"] for r in results], file=sys.stderr)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="generator only")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, Python {sys.version.split()[0]}.", ""]

    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory(dir=RAM_DISK) as ram:
        tmp, ram = Path(tmp), Path(ram)
        where = "a RAM disk (/dev/shm)" if RAM_DISK else "the temporary folder's disk"
        lines += [f"**Generator** (seconds, with the project on {where}; floor = PyYAML's C loader alone on the same "
                  "events.yaml; target: total at most 1.5 x floor at 10,000 events)", "",
                  "| events | load | validate | render | write | total | floor | total / floor | files |",
                  "| --: | --: | --: | --: | --: | --: | --: | --: | --: |"]
        for n in (100, 1000, 10000):
            project = make_project(ram / f"gen-{n}", synthetic_events(n))
            r = generator_stages(project)
            lines.append(f"| {r['events']:,} | {r['load']:.2f} | {r['validate']:.2f} | {r['render']:.2f} | {r['write']:.2f} | "
                         f"{r['total']:.2f} | {r['floor']:.2f} | {r['ratio']:.2f} | {r['files']:,} |")
            print(lines[-1], file=sys.stderr)
            shutil.rmtree(project)
        disk = generator_stages(make_project(tmp / "gen-disk", synthetic_events(10000)))
        shutil.rmtree(tmp / "gen-disk")
        lines += ["", "How to read it: the generator pauses Python's cycle collector while it runs "
                  f"(scripts/explainer/gc_pause.py), which alone makes its YAML parsing {r['floor'] / r['floor_paused']:.1f} "
                  "times faster than the plain `yaml.load` of the floor; timed with the collector paused too, the floor at "
                  f"10,000 events is {r['floor_paused']:.2f} s and the ratio {r['ratio_paused']:.2f}. Rendering uses "
                  f"{os.cpu_count()} processes (scripts/explainer/parallel.py). On this machine's virtual disk, where "
                  "writing the same 10,000 new files took between 0.5 and 5 seconds in our trials, the 10,000-event run "
                  f"took: write {disk['write']:.2f} s, total {disk['total']:.2f} s, total / floor {disk['ratio']:.2f}."]
        r = rewrites(make_project(tmp / "rewrites"))
        lines += ["", "**Rewrites** (real data)", "",
                  f"- A rerun with no change: `{r['no_change']}`",
                  f"- One event's summary edited: `{r['one_edit']}`; the files rewritten are the pages and downloads that show it:",
                  "  " + ", ".join(f"`{c.removeprefix('docs/')}`" for c in r["changed"])]

        if not args.quick:
            lines += ["", "**Full site build** (generator plus `mkdocs build --strict`)", "",
                      "| events | seconds | output | per event | timeline HTML (gzip) |", "| --: | --: | --: | --: | --: |"]
            real_site = None
            for n in (None, 1000, 5000):
                project = make_project(tmp / f"site-{n}", synthetic_events(n) if n else None)
                r = site_build(project)
                lines.append(f"| {r['events']:,}{' (real)' if n is None else ''} | {r['seconds']:.1f} | {r['mib']:.1f} MiB | "
                             f"{r['kib_per_event']:.0f} KiB | {r['timeline_gz_kib']:.0f} KiB |")
                print(lines[-1], file=sys.stderr)
                if n is None:
                    real_site = project / "site"
                else:
                    shutil.rmtree(project)
            lines += ["", "**Live preview** (`mkdocs serve`: seconds from a save in data/ to the reloaded page in Chromium, "
                      "the median of 3 saves)", "", "| events | save to reloaded page |", "| --: | --: |"]
            for n in (None, 1000):
                project = make_project(tmp / f"preview-{n}", synthetic_events(n) if n else None)
                lines.append(f"| {n or len(list((project / 'docs' / 'events').glob('*.md'))):,}{' (real)' if n is None else ''} | "
                             f"{preview_reload(project):.1f} s |")
                print(lines[-1], file=sys.stderr)
                shutil.rmtree(project)
            lh = lighthouse(real_site)
            lines += ["", f"**Page weight and Lighthouse mobile performance** (served gzipped; a plain Material page weighs "
                      f"{PLAIN_MATERIAL_KIB} KiB; performance is the median of 3 runs, with the lowest beside it; "
                      "target: at least 98)", "",
                      "| page | transferred | performance | lowest | LCP |", "| --- | --: | --: | --: | --: |"]
            for name, r in lh.items():
                lines.append(f"| {name} | {r['kib']:.0f} KiB | {r['performance']} | {r['lowest']} | {r['lcp']:.2f} s |")

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
