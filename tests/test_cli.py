"""The command line on a copy of the project: exit codes, minimal writes, stale pages, check mode."""

from __future__ import annotations

import os

import pytest

from conftest import run_generator, snapshot


def mtimes(root):
    return {p: os.stat(root / p).st_mtime_ns for p in snapshot(root)}


def test_a_rerun_without_changes_writes_nothing(fixture_project):
    before = mtimes(fixture_project)
    result = run_generator(fixture_project)
    assert result.returncode == 0
    assert result.stdout.startswith("0 written, 0 removed")
    assert mtimes(fixture_project) == before


def test_an_edit_rewrites_only_the_pages_that_show_it(fixture_project):
    before = snapshot(fixture_project)
    path = fixture_project / "data" / "events.yaml"
    path.write_text(path.read_text().replace("The two states exchange notes.", "Notes are exchanged."))
    assert run_generator(fixture_project).returncode == 0
    after = snapshot(fixture_project)
    changed = {p for p in after if after[p] != before.get(p)}
    assert "docs/events/first-event-1948.md" in changed and "docs/timeline.md" in changed
    assert "docs/events/escape-test-2020.md" not in changed  # not a neighbour: untouched
    assert "docs/glossary.md" not in changed


def test_pages_no_longer_made_are_removed_only_inside_owned_folders(fixture_project):
    (fixture_project / "docs" / "events" / "old-event.md").write_text("stale")
    (fixture_project / "docs" / "hand-written.md").write_text("mine")
    (fixture_project / "docs" / "stylesheets" / "extra.css").write_text("mine")
    path = fixture_project / "data" / "events.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("- id: escape-test-2020")])

    result = run_generator(fixture_project)

    assert result.returncode == 0, result.stderr
    assert not (fixture_project / "docs" / "events" / "old-event.md").exists()
    assert not (fixture_project / "docs" / "events" / "escape-test-2020.md").exists()
    assert (fixture_project / "docs" / "hand-written.md").read_text() == "mine"
    assert (fixture_project / "docs" / "stylesheets" / "extra.css").read_text() == "mine"
    assert (fixture_project / "docs" / "method.md").exists()


def test_check_mode_passes_on_fresh_pages_and_fails_on_stale_ones(fixture_project):
    fresh = run_generator(fixture_project, "--check")
    assert fresh.returncode == 0 and "up to date" in fresh.stdout

    page = fixture_project / "docs" / "timeline.md"
    page.write_text(page.read_text() + "\nhand edit\n")
    (fixture_project / "docs" / "eras" / "gone.md").write_text("stale")
    before = snapshot(fixture_project)
    stale = run_generator(fixture_project, "--check")

    assert stale.returncode == 1
    assert "stale: docs/timeline.md" in stale.stderr
    assert "no longer generated: docs/eras/gone.md" in stale.stderr
    assert snapshot(fixture_project) == before  # check mode writes nothing


def test_no_temporary_files_are_left_behind(fixture_project):
    assert not [p for p in snapshot(fixture_project) if p.endswith(".tmp")]


def test_the_link_check_uses_the_sites_markdown_extensions():
    """links.py converts Markdown as the site does: the same extensions as mkdocs.yml
    (snippets aside: it includes files, and data cannot name one)."""
    import yaml
    from conftest import REPO
    from explainer.dataset.links import EXTENSIONS
    from explainer.site import _ConfigLoader

    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert [n for n in names if n != "pymdownx.snippets"] == EXTENSIONS


def test_a_bug_in_the_generator_is_never_reported_as_stale_pages(fixture_project):
    """Under --check, exit 1 means "stale pages": a crash must say something else."""
    import subprocess
    import sys

    code = (f"import sys; sys.path.insert(0, {str(fixture_project / 'scripts')!r})\n"
            "from explainer import cli, pipeline\n"
            "def broken(*a, **k): raise ZeroDivisionError('a bug')\n"
            "cli.build_site = broken\n"
            f"sys.exit(cli.main(['--root', {str(fixture_project)!r}, '--check']))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 4, result.stderr
    assert "internal error: ZeroDivisionError: a bug" in result.stderr and "Traceback" not in result.stderr


def test_the_generator_lists_what_it_owns(fixture_project):
    result = run_generator(fixture_project, "--list-owned")
    assert result.returncode == 0
    assert "dir docs/events" in result.stdout.splitlines() and "file docs/index.md" in result.stdout.splitlines()


def test_a_strict_build_with_bad_data_fails_with_the_generators_report(fixture_project, tmp_path):
    from conftest import build_site

    path = fixture_project / "data" / "events.yaml"
    path.write_text(path.read_text().replace("  title: Relations established\n", ""))
    result = build_site(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    assert 'data/events.yaml:2: event "first-event-1948", field "title": missing required field' in result.stderr
    assert "Traceback" not in result.stderr


def _commit_all(root):
    import subprocess

    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_a_renamed_event_keeps_its_address_as_a_redirect(fixture_project):
    _commit_all(fixture_project)
    for name in ("claims", "glossary", "article", "corrections", "translations/ru/events"):  # what refers to the event follows the rename
        other = fixture_project / "data" / f"{name}.yaml"
        other.write_text(other.read_text().replace("summit-2018", "plenary-week-2018"))
    path = fixture_project / "data" / "events.yaml"
    original = path.read_text()
    path.write_text(original.replace("- id: summit-2018\n", "- id: plenary-week-2018\n"))
    assert run_generator(fixture_project).returncode == 0
    check = run_generator(fixture_project, "--check")
    assert check.returncode == 1
    assert "no redirect: docs/events/summit-2018.md is published" in check.stderr and "former_ids" in check.stderr

    path.write_text(original.replace("- id: summit-2018\n", "- id: plenary-week-2018\n  former_ids: [summit-2018]\n"))
    assert run_generator(fixture_project).returncode == 0
    assert run_generator(fixture_project, "--check").returncode == 0
    redirect = (fixture_project / "docs" / "events" / "summit-2018" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../plenary-week-2018/">' in redirect
    assert '<link rel="canonical" href="https://pakistan-russia-explainer.github.io/events/plenary-week-2018/">' in redirect
    assert '<a href="../plenary-week-2018/">A plenary week</a>' in redirect


def test_a_reference_to_a_former_id_names_the_new_one(fixture_project):
    path = fixture_project / "data" / "events.yaml"
    path.write_text(path.read_text().replace("- id: summit-2018\n", "- id: plenary-week-2018\n  former_ids: [summit-2018]\n"))
    result = run_generator(fixture_project)
    assert result.returncode == 2
    assert "unknown event 'summit-2018': it was renamed 'plenary-week-2018'; use the new id" in result.stderr


def test_an_id_or_former_id_belongs_to_one_entry(fixture_project):
    path = fixture_project / "data" / "events.yaml"
    path.write_text(path.read_text().replace("- id: summit-2018\n", "- id: summit-2018\n  former_ids: [first-event-1948]\n"))
    result = run_generator(fixture_project)
    assert result.returncode == 2
    assert 'event "summit-2018", field "former_ids[1]": the former id \'first-event-1948\' is already claimed on line 2' in result.stderr


def _rename(root, old: str, new: str) -> None:
    """Give an entry a new id everywhere the data names it (the fixture's ids are words that
    appear nowhere else), and record the old one as a former id."""
    import re

    for path in (root / "data").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        renamed = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)
        if path.parent.name == "data":  # the entry itself, not its translations
            renamed = renamed.replace(f"- id: {new}\n", f"- id: {new}\n  former_ids: [{old}]\n")
        path.write_text(renamed, encoding="utf-8")


@pytest.mark.parametrize("folder, old, new", [("actors", "state-a", "state-alpha"), ("themes", "finance", "money"), ("eras", "later", "afterwards")])
def test_a_renamed_actor_theme_or_era_keeps_its_address_in_every_edition(fixture_project, folder, old, new):
    _commit_all(fixture_project)
    _rename(fixture_project, old, new)
    assert run_generator(fixture_project).returncode == 0
    assert run_generator(fixture_project, "--check").returncode == 0
    for prefix in ("", "ru/", "ur/"):
        redirect = (fixture_project / "docs" / prefix / folder / old / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url=../{new}/">' in redirect, prefix
        assert f'<link rel="canonical" href="https://pakistan-russia-explainer.github.io/{prefix}{folder}/{new}/">' in redirect
        assert f'lang="{prefix.rstrip("/") or "en"}"' in redirect


def test_a_page_that_vanishes_from_any_edition_fails_the_check(fixture_project):
    _commit_all(fixture_project)
    _rename(fixture_project, "later", "afterwards")
    path = fixture_project / "data" / "eras.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  former_ids: [later]\n", ""), encoding="utf-8")
    assert run_generator(fixture_project).returncode == 0
    check = run_generator(fixture_project, "--check")
    assert check.returncode == 1
    for prefix in ("", "ru/", "ur/"):
        assert f"no redirect: docs/{prefix}eras/later.md is published" in check.stderr, check.stderr


def test_a_check_against_an_unknown_commit_is_an_error(fixture_project):
    """Comparing with a commit that is not there would find nothing gone, and pass."""
    _commit_all(fixture_project)
    result = run_generator(fixture_project, "--check", "--since", "origin/no-such-branch")
    assert result.returncode == 2
    assert "--since origin/no-such-branch: no such commit" in result.stderr and "Traceback" not in result.stderr


# --if-changed (the MkDocs hook's run): skip a run that could change nothing, never one that could.

NOTHING_TO_DO = "Nothing to do"


def test_a_run_that_could_change_nothing_is_skipped(fixture_project):
    before = mtimes(fixture_project)
    result = run_generator(fixture_project, "--if-changed")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(NOTHING_TO_DO)
    assert "Translated into ru" in result.stdout  # the last run's report, said again
    assert mtimes(fixture_project) == before


def _edit_data(root):
    path = root / "data" / "events.yaml"
    path.write_text(path.read_text().replace("The two states exchange notes.", "Notes are exchanged."))
    return "docs/events/first-event-1948.md", "Notes are exchanged."


def _edit_template(root):
    path = root / "scripts" / "templates" / "timeline.md.j2"
    text = path.read_text()
    assert text.count("{% block content %}\n") == 1
    path.write_text(text.replace("{% block content %}\n", "{% block content %}\n<!-- a template change -->\n"))
    return "docs/timeline.md", "<!-- a template change -->"


def _edit_config(root):
    path = root / "mkdocs.yml"
    text = path.read_text()
    site_name = next(line for line in text.splitlines() if line.startswith("site_name:"))
    path.write_text(text.replace(site_name, "site_name: A renamed site"))
    return "mkdocs.ru.yml", None  # the Russian edition's configuration, written from mkdocs.yml


@pytest.mark.parametrize("edit", [_edit_data, _edit_template, _edit_config], ids=["data", "template", "mkdocs.yml"])
def test_an_edit_to_what_the_generator_reads_is_never_skipped(fixture_project, edit):
    page, expected = edit(fixture_project)
    before = (fixture_project / page).read_bytes()
    result = run_generator(fixture_project, "--if-changed")
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith(NOTHING_TO_DO)
    after = (fixture_project / page).read_bytes()
    assert after != before
    if expected:
        assert expected in after.decode("utf-8")
    assert run_generator(fixture_project, "--if-changed").stdout.startswith(NOTHING_TO_DO)


def test_a_touched_generated_file_is_never_skipped(fixture_project):
    """A hand edit, a deleted page and a stray file in an owned folder are all put right."""
    timeline = fixture_project / "docs" / "timeline.md"
    good = timeline.read_bytes()
    timeline.write_text("edited by hand")
    event = fixture_project / "docs" / "events" / "first-event-1948.md"
    event_text = event.read_bytes()
    event.unlink()
    stray = fixture_project / "docs" / "eras" / "stray.md"
    stray.write_text("stray")
    result = run_generator(fixture_project, "--if-changed")
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith(NOTHING_TO_DO)
    assert timeline.read_bytes() == good and event.read_bytes() == event_text and not stray.exists()


def test_a_failed_run_leaves_no_stamp_so_the_next_one_runs_in_full(fixture_project):
    path = fixture_project / "data" / "events.yaml"
    good = path.read_text()
    path.write_text(good.replace("date:", "date: [", 1))
    assert run_generator(fixture_project, "--if-changed").returncode == 2
    assert not (fixture_project / ".cache" / "explainer" / "last-run.json").exists()
    path.write_text(good)  # back to the data of the last good run
    result = run_generator(fixture_project, "--if-changed")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 written")  # a full run (which finds nothing to write)
