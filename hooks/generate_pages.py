"""MkDocs hook: regenerate the pages from data/*.yaml before each build.

Thin on purpose: it runs the same command as `make pages`, in a fresh process each time,
so that an edit to the generator's own code counts at the next build, not after a
restart. The generator writes only files whose content changed, and skips its run when
nothing it reads or wrote has changed since the last one (`--if-changed`).

`mkdocs build`: bad data stops the build with the generator's own report (exit 1).

The English build (this configuration) also builds the other editions, each from its own
generated configuration (mkdocs.ru.yml, mkdocs.ur.yml) in a process of its own, side by
side with English, into its folder of the site (site/ru/, site/ur/; under `mkdocs serve`,
the server's folder): one command builds or serves the whole site. Then Pagefind indexes
every edition for the site's search. Zensical, which ignores hooks, builds each
configuration in turn; run Pagefind after it.

`mkdocs serve`: one save makes one build and one reload. The server does not watch the
folders and files the generator writes (it would build a second time when they change);
it watches the data, the generator, the templates and the hand-written pages instead.
While the data is broken, the last good pages stay up and every page of every edition
shows the same file:line messages as `make pages` at its top, until the data is fixed.

The editions' configurations load this hook too, for that message only: an edition's
build neither generates pages nor builds other editions; it reads the messages that the
English build hands it.
"""

from __future__ import annotations

import html
import json
import logging
import os
import subprocess
import sys
import types
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("mkdocs.hooks.generate_pages")
# How the English build hands the data's problems to the editions' builds (their processes).
PROBLEMS_ENV = "EXPLAINER_PREVIEW_PROBLEMS"

# MkDocs loads this file afresh with each configuration, and `mkdocs serve` makes a new
# configuration for every rebuild: what must outlive one build lives here.
_state = sys.modules.setdefault("_explainer_hook_state", types.SimpleNamespace(serving=False, problems=None, editions=[]))


def _owned() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folders and files the generator writes (asked of the generator, in a subprocess
    like the generation itself, so that the hook never holds an old copy of its code)."""
    result = _run("--list-owned")
    if result.returncode != 0:
        return (), ()
    dirs, files = [], []
    for line in result.stdout.splitlines():
        kind, _, rel = line.partition(" ")
        (dirs if kind == "dir" else files).append(rel)
    return tuple(dirs), tuple(files)


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"))
    return subprocess.run([sys.executable, "-m", "explainer", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"


def on_serve(server, config, builder):
    """Watch what an editor changes, not what the generator writes."""
    owned_dirs, owned_files = _owned()
    owned = [ROOT / rel for rel in owned_dirs + owned_files]
    server.unwatch(config.docs_dir)
    folders = [Path(config.docs_dir)]
    while folders:  # watch each hand-written file or folder; look inside folders that mix both
        for path in sorted(folders.pop().iterdir()):
            if any(path == o or o in path.parents for o in owned):
                continue
            if path.is_dir() and any(path in o.parents for o in owned):
                folders.append(path)
            else:
                server.watch(str(path))
    return server


def on_pre_build(config, **kwargs) -> None:
    if not _is_root_build(config):
        _state.problems = os.environ.get(PROBLEMS_ENV) or None
        return
    result = _run("--if-changed")  # skipped when nothing changed since the last run (explainer/disk/stamp.py)
    if result.returncode == 0:
        if _state.problems is not None:
            log.info("The data is fixed; the pages are up to date again.")
        _state.problems = None
        return
    report = (result.stderr or result.stdout).strip()
    if not _state.serving:
        raise PluginError(f"make pages failed (exit {result.returncode}); no page was changed:\n{report}")
    _state.problems = report
    log.error("The data has problems; the preview keeps the last good pages and shows these on every page:\n%s", report)


def _is_root_build(config) -> bool:
    """True for the English build (mkdocs.yml), which builds the other editions too; an
    edition's own build (mkdocs build -f mkdocs.ru.yml) builds only itself."""
    return Path(config.config_file_path).resolve() == ROOT / "mkdocs.yml"


def on_files(files, config):
    """Start building the other editions, each in a process of its own, while this one
    builds English: on two cores, three builds side by side take about half the time of
    one after another. Started here, after MkDocs has emptied the site folder."""
    _state.editions = []
    if not _is_root_build(config):
        return files
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop(PROBLEMS_ENV, None)
    if _state.problems is not None:
        env[PROBLEMS_ENV] = _state.problems
    for path in sorted(ROOT.glob("mkdocs.*.yml")):
        lang = path.name.split(".")[1]
        # Not --quiet: that would also silence the warnings that --strict must count.
        command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(path),
                   "--site-dir", os.path.join(config.site_dir, lang)] + (["--strict"] if config.strict else [])
        # The server injects its live-reload script into every page it serves, these too.
        _state.editions.append((path.name, subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                                            stderr=subprocess.STDOUT, text=True)))
    return files


def on_post_build(config, **kwargs) -> None:
    """Wait for the other editions (any warning of theirs is this build's warning, so
    that --strict fails on it), then index every edition for search."""
    if not _is_root_build(config):
        return
    failed = []
    for name, process in _state.editions:
        output, _ = process.communicate()
        for line in output.splitlines():
            if line.startswith(("WARNING", "ERROR")):
                log.warning("%s: %s", name, line.split("-", 1)[-1].strip())
        if process.returncode != 0:
            failed.append(f"{name} (exit {process.returncode}):\n{output.strip()}")
    _state.editions = []
    if failed:
        raise PluginError("an edition could not be built: " + "\n".join(failed))
    _index_for_search(Path(config.site_dir))


def on_build_error(error, **kwargs) -> None:
    """A failed English build stops the editions' builds too."""
    for _, process in getattr(_state, "editions", []):
        process.kill()
        process.wait()
    _state.editions = []


def _index_for_search(site: Path) -> None:
    """Pagefind indexes the whole site, every edition (pagefind.yml says what to leave out)."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"the search index could not be built (pagefind, exit {result.returncode}):\n"
                          f"{(result.stderr or result.stdout).strip()}")
    # Its list of languages comes in any order: sorted, the same site gives the same bytes.
    entry = site / "pagefind" / "pagefind-entry.json"
    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["languages"] = dict(sorted(data.get("languages", {}).items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_page_content(content: str, page, config, files) -> str:
    """While the data is broken (under `mkdocs serve` only), say so at the top of every page."""
    if _state.problems is None:
        return content
    lines = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in _state.problems.splitlines())
    banner = (
        '<div class="admonition failure preview-problems" role="alert" lang="en" dir="ltr">'
        '<p class="admonition-title">The data has problems: this preview shows the last good pages</p>'
        f"<ul>{lines}</ul><p>Fix them in data/ and save: this message goes away by itself.</p></div>"
    )
    return banner + content
