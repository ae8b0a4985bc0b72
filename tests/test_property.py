"""Property: whatever the generator accepts, the strict site build accepts too, every export
parses with its real parser, and no page or export carries an address outside the
allow-list; whatever it refuses, it refuses with located messages, never a crash.

Hypothesis writes arbitrary text into every free-text field of the small fixture dataset
at once. Derandomised, so that CI sees the same examples on every run; raise
EXPLAINER_PROPERTY_EXAMPLES locally to search further.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE_DATA, build_site, copy_project
from explainer.cli import read_data_files, read_schemas, read_site_info
from explainer.dataset.problems import DataError
from explainer.disk.writer import apply_plan, plan_changes
from explainer.pages.render import OWNED_DIRS, OWNED_FILES
from explainer.pipeline import build_pages
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safety import check_exports, unsafe_in_site

# Each free-text field, as (file, path with "*" for every list item).
FREE_TEXT = [
    ("events", ("*", f)) for f in ("title", "summary", "body", "significance", "disputed", "unverified", "single_source")
] + [
    ("events", ("*", "sources", "*", f)) for f in ("title", "publisher", "note")
] + [
    ("eras", ("*", f)) for f in ("title", "summary", "body")
] + [("themes", ("*", f)) for f in ("title", "summary")] + [
    ("actors", ("*", f)) for f in ("name", "role", "summary")
] + [("claims", ("*", f)) for f in ("claim", "explanation")] + [
    ("glossary", ("*", f)) for f in ("term", "expansion", "definition")
] + [
    ("article", (f,)) for f in ("title", "author", "publisher", "published_note", "one_minute")
] + [("article", ("argument", "*")), ("article", ("paragraphs", "*", "summary")),
     ("article", ("expectations", "*", "expectation")), ("article", ("expectations", "*", "explanation"))]

# Pieces of text that have broken sites: Markdown and HTML syntax, placeholders, formula
# starters, scripts, right-to-left text, combining marks.
SAFE_FRAGMENTS = [
    "[x](https://example.org/a)", "[r]", "\n\n[r]: https://example.org/r\n", "[x](#here)", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "{: onclick=x}", "*[", "]: ", "---\n", "\n# ", "| a | b |\n|---|---|\n", "`", "```",
    "\\", "&amp;", "&#106;", "\"", "'", "<", ">", "=SUM(1)", "@x", "+1", "-", "wzxhzdk", "klzzwxh", "Ω", "ур", "اردو",
    "😀", "e\u0301", "  ", "\n", "*", "_", "{", "}", "!!! note", "??? info", "    code", "<!--", "-->", "FATF", "\u200f",
    "<javascript:alert(1)>", "</script>", "]]>", "%s", "{{ x }}", "{% raw %}", ":", "#",
]
# ... and what the generator must refuse (with a located message, never a crash).
HOSTILE_FRAGMENTS = ["[x](javascript:alert(1))", "\n[r]: data:x\n", "![i](https://example.org/i.png)", "\u2028",
                     "\x85", "\ufdd0", "\t", "\r", "\x00", "\x7f", "[x](java\nscript:1)"]
ANY_CHARACTER = st.characters(codec="utf-8", exclude_categories=("Cs",))
SHOWABLE = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp"))


def _texts(letters, fragments):
    return st.one_of(
        st.text(letters, min_size=1, max_size=30),
        st.lists(st.sampled_from(fragments) | st.text(letters, min_size=1, max_size=6), min_size=1, max_size=6).map("".join),
    ).filter(str.strip)


SAFE_TEXT = _texts(SHOWABLE, SAFE_FRAGMENTS)
ANY_TEXT = _texts(ANY_CHARACTER, SAFE_FRAGMENTS + HOSTILE_FRAGMENTS)
EXAMPLES = int(os.environ.get("EXPLAINER_PROPERTY_EXAMPLES", "40"))


def _set(data, path, value_for):
    """Put a drawn value at every place ``path`` names."""
    head, rest = path[0], path[1:]
    keys = range(len(data)) if head == "*" and isinstance(data, list) else [head] if isinstance(data, dict) and head in data else []
    for key in keys:
        if rest:
            _set(data[key], rest, value_for)
        else:
            data[key] = value_for()


def _all_sources(node):
    if isinstance(node, dict):
        if isinstance(node.get("sources"), list):
            yield node["sources"]
        for value in node.values():
            yield from _all_sources(value)
    elif isinstance(node, list):
        for item in node:
            yield from _all_sources(item)


def _dataset_with(texts: list[str]) -> dict[str, bytes]:
    raw = read_data_files(FIXTURE_DATA)
    data = {name: yaml.safe_load(content) for name, content in raw.items()}
    pool = iter(texts * 50)
    for file, path in FREE_TEXT:
        if path[-1] == "term":  # a term must also be a word that tooltips can find (tested in test_hostile_input)
            continue
        _set(data[file], path, lambda: next(pool))
    # One address has one title and publisher everywhere (a rule of its own, tested elsewhere).
    cited: dict[str, dict] = {}
    for sources in _all_sources(data):
        for source in sources:
            first = cited.setdefault(source["url"], source)
            source["title"], source["publisher"] = first["title"], first["publisher"]
    return {name: yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8") for name, value in data.items()}


@pytest.fixture(scope="module")
def workspace():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@pytest.mark.site
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(texts=st.one_of(st.lists(SAFE_TEXT, min_size=5, max_size=30), st.lists(ANY_TEXT, min_size=5, max_size=30)))
def test_what_the_generator_accepts_builds_safely(workspace, texts):
    raw = _dataset_with(texts)
    project = workspace / "project"
    shutil.rmtree(project, ignore_errors=True)
    copy_project(project, FIXTURE_DATA)
    for name, content in raw.items():
        (project / "data" / f"{name}.yaml").write_bytes(content)
    try:
        pages = build_pages(raw, read_site_info(project), read_schemas(project))
    except DataError as refused:
        report = refused.report().splitlines()
        assert report[-1].endswith("no page was changed.")
        assert all(line.startswith("data/") and ":" in line for line in report[:-1]), report
        return
    apply_plan(project, plan_changes(project, pages, OWNED_DIRS, OWNED_FILES))
    site = workspace / "site"
    shutil.rmtree(site, ignore_errors=True)
    built = build_site(project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    assert "WARNING" not in built.stderr, built.stderr[-3000:]
    assert unsafe_in_site(site) == []
    check_exports(project / "docs")
