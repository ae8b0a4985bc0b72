"""The Russian and Urdu editions: translations read and checked against the English,
applied to the data, marked where missing; formats from CLDR; the editions' configurations;
the interface catalogues; and the command line's verdict on a stale translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace

import pytest
import yaml
from conftest import FIXTURE_DATA, REPO, copy_project, run_generator
from explainer.cli import read_data_files, read_schemas, read_translations
from explainer.dataset.dates import PartialDate
from explainer.dataset.translatable import english_units, fingerprint
from explainer.dataset.translations import (
    TERMS_FILE, Untranslated, localize, page_fingerprint, read_terms, read_translation, stale_pages,
)
from explainer.editions import BY_LANG, EDITIONS
from explainer.pages.configs import edition_config
from explainer.pages.i18n import Interface
from explainer.pipeline import build_site, load_dataset
from explainer.site import SiteInfo, read_config

SITE = SiteInfo(name="Test site", url="https://example.org/site/")


@pytest.fixture(scope="module")
def data():
    return load_dataset(read_data_files(FIXTURE_DATA))


@pytest.fixture(scope="module")
def real_data():
    return load_dataset(read_data_files(REPO / "data"))


def translation_of(data, lang: str, text: str, terms=None):
    return read_translation(data, lang, {"events": text.encode("utf-8")}, terms)


# --- Formats ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang, day, month, span, number", [
    ("en", "1 May 1948", "May 1948", "18–23 February 2018", "1,000"),
    ("ru", "1 мая 1948\u202fг.", "май 1948\u202fг.", "18–23 февраля 2018\u202fг.", "1\xa0000"),
    ("ur", "1 مئی، 1948", "مئی 1948", "18–23 فروری، 2018", "1,000"),
])
def test_dates_and_numbers_are_written_as_each_language_writes_them(lang, day, month, span, number):
    ui = Interface(BY_LANG[lang])
    assert ui.date(PartialDate(1948, 5, 1)) == day
    assert ui.date(PartialDate(1948, 5)) == month
    assert ui.date(PartialDate(1948)) == "1948"
    assert ui.span(PartialDate(2018, 2, 18), PartialDate(2018, 2, 23)) == span
    assert ui.number(1000) == number


def test_spans_across_months_and_years_keep_what_each_end_needs():
    ru = Interface(BY_LANG["ru"])
    assert ru.span(PartialDate(2019, 6, 30), PartialDate(2019, 7, 2)) == "30 июня – 2 июля 2019\u202fг."
    assert ru.span(PartialDate(2019, 6), PartialDate(2019, 7)) == "июнь – июль 2019\u202fг."
    assert ru.span(PartialDate(1979, 12, 24), PartialDate(1991, 12)) == "24 декабря 1979\u202fг. – декабрь 1991\u202fг."


# --- Reading translations ----------------------------------------------------------------

def test_the_fixture_translation_is_read_with_its_state(data):
    root = FIXTURE_DATA.parent
    terms, problems = read_terms((root / TERMS_FILE).read_bytes(), ("ru", "ur"))
    assert problems == []
    files = read_translations(root)["ru"].files
    translation = read_translation(data, "ru", files, terms)
    assert translation.problems == []
    events = translation.coverage["events"]
    assert (events.total, events.translated, events.partial, events.stale, events.missing) == (3, 1, 1, 0, 1)
    assert translation.stale == []


def test_a_changed_english_text_makes_its_translation_stale(data):
    unit = dict(english_units(data, "ru")["events"])["first-event-1948"]
    text = f'- id: first-event-1948\n  translates: "{fingerprint(unit)}"\n  title: Отношения установлены\n'
    assert translation_of(data, "ru", text).stale == []
    changed = replace(data, events=tuple(replace(e, title="Relations opened") if e.id == "first-event-1948" else e
                                         for e in data.events))
    [stale] = translation_of(changed, "ru", text).stale
    assert (stale.file, stale.line, stale.record, stale.field) == (
        "data/translations/ru/events.yaml", 2, 'event "first-event-1948"', "translates")
    current = fingerprint(dict(english_units(changed, "ru")["events"])["first-event-1948"])
    assert "out of date" in stale.message and f"set `translates: {current}`" in stale.message
    # ... and the page shows the English, marked, until the translation is updated.
    assert isinstance(localize(changed, translation_of(changed, "ru", text)).events[0].title, Untranslated)


@pytest.mark.parametrize("text, line, field, says", [
    ('- id: no-such-event\n  translates: "000000000000"\n  title: X\n', 1, "id", "no event has this id"),
    ('- id: summit-2018\n  title: X\n', 1, "translates", "expected the fingerprint"),
    ('- id: summit-2018\n  translates: "09adc7f91080"\n  colour: X\n', 3, "colour", "not a translatable field"),
    ('- id: summit-2018\n  translates: "09adc7f91080"\n  title: ""\n', 3, "title", "expected the translated text"),
    ('- id: summit-2018\n  translates: "09adc7f91080"\n  summary: "[x](javascript:alert(1))"\n', 3, "summary", "is not allowed"),
    ('- id: summit-2018\n  translates: "09adc7f91080"\n  title: X\n- id: summit-2018\n  translates: "09adc7f91080"\n', 4, "id", "translated twice"),
])
def test_a_bad_translation_entry_is_named_with_file_line_entry_and_field(data, text, line, field, says):
    [problem] = translation_of(data, "ru", text).problems
    assert (problem.file, problem.line, problem.field) == ("data/translations/ru/events.yaml", line, field)
    assert says in problem.message


def test_names_follow_the_shared_list_of_translation_choices(data):
    unit = dict(english_units(data, "ru")["actors"])["state-a"]
    text = f'- id: state-a\n  translates: "{fingerprint(unit)}"\n  name: Страна А\n'
    terms = {"State A": {"ru": "Государство А"}}
    translation = read_translation(data, "ru", {"actors": text.encode()}, terms)
    [problem] = translation.problems
    assert problem.field == "name" and "Государство А" in problem.message


def test_the_real_translations_have_no_problems_and_are_current(real_data):
    root = REPO
    terms, problems = read_terms((root / TERMS_FILE).read_bytes(), ("ru", "ur"))
    assert problems == []
    for lang, given in read_translations(root).items():
        translation = read_translation(real_data, lang, given.files, terms)
        assert translation.problems == [] and translation.stale == [], (translation.problems + translation.stale)[:5]


# --- Applying them ----------------------------------------------------------------------

def test_every_translatable_field_is_applied(real_data):
    """A translation that marks every English field is seen in every field of the localized
    dataset: translatable.py (what is offered) and translations.py (what is applied) agree."""
    for lang in ("ru", "ur"):
        units = english_units(real_data, lang)
        entries = []
        text = {}
        for name, items in units.items():
            lines = []
            for ident, unit in items:
                lines.append(f"- id: {yaml.safe_dump(ident).strip().removesuffix('...').strip()}\n  translates: \"{fingerprint(unit)}\"\n")
                for key, value in unit.items():
                    lines.append(f"  {key}: {yaml.safe_dump('T:' + value, allow_unicode=True, width=10**6).strip().removesuffix('...').strip()}\n")
            text[name] = "".join(lines).encode("utf-8")
            entries += items
        translation = read_translation(real_data, lang, text, {})
        assert translation.problems == []
        localized = localize(real_data, translation)
        after = english_units(localized, lang)
        quotes = {"article_quote", "quote"}  # originals kept; their translations sit beside them
        for name, items in after.items():
            for ident, unit in items:
                for key, value in unit.items():
                    if key in quotes or key.endswith(".quote") or name == "article" and ident == "title":
                        continue
                    assert value.startswith("T:"), (lang, name, ident, key, value)
        claims = {c.id: c for c in localized.claims}
        assert all(c.quote_translation.startswith("T:") for c in claims.values())
        assert localized.article.title_translation.startswith("T:")


def test_what_is_not_translated_stays_english_and_is_marked(data):
    root = FIXTURE_DATA.parent
    translation = read_translation(data, "ru", read_translations(root)["ru"].files)
    localized = localize(data, translation)
    events = {e.id: e for e in localized.events}
    assert events["first-event-1948"].title == "Отношения установлены"
    assert not isinstance(events["first-event-1948"].title, Untranslated)
    assert isinstance(events["summit-2018"].significance, Untranslated)  # not translated
    assert isinstance(events["escape-test-2020"].title, Untranslated)  # not translated: the English shows
    assert events["summit-2018"].perspectives[0].translation == "Мы приветствуем итоги недели."
    assert events["summit-2018"].perspectives[1].translation is None  # Russian, read in the Russian edition


@pytest.fixture(scope="module")
def editions(data):
    root = FIXTURE_DATA.parent
    return build_site(read_data_files(FIXTURE_DATA), SITE, read_schemas(REPO), translations=read_translations(root),
                      terms=(root / TERMS_FILE).read_bytes(), config_text=(REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def test_a_page_in_part_untranslated_says_so_once_under_its_title(editions):
    page = editions.files["docs/ru/events/summit-2018.md"]
    body = page.split("\n---\n", 1)[1]
    assert body.count("{ .untranslated-note }") == 1
    assert body.index("# Пленарная неделя") < body.index("{ .untranslated-note }") < body.index("**18–23 февраля 2018\u202fг.**")
    assert '<span lang="en" class="untranslated">It mattered.</span>' in body
    for path, text in editions.files.items():  # the note is there exactly where English is
        if path.endswith(".md") and path.startswith("docs/"):
            assert ("{ .untranslated-note }" in text) == ('class="untranslated"' in text), path
            assert not (path.startswith(("docs/ru/", "docs/ur/")) is False and "untranslated" in text), path


def test_the_urdu_edition_marks_english_as_left_to_right(editions):
    page = editions.files["docs/ur/events/summit-2018.md"]
    assert '<span lang="en" dir="ltr" class="untranslated">A plenary week</span>' in page


def test_every_edition_has_every_page_and_its_own_downloads(editions):
    pages = {p for p in editions.files if p.startswith("docs/") and not p.startswith(("docs/ru/", "docs/ur/"))}
    for lang in ("ru", "ur"):
        assert {p.replace("docs/", f"docs/{lang}/", 1) for p in pages} <= set(editions.files)
        feed = editions.files[f"docs/{lang}/feed.xml"]
        assert f'xml:lang="{lang}"' in feed
    assert '"language": "ru"' in editions.files["docs/ru/downloads/pakistan-russia-events.json"]
    assert "Отношения установлены" in editions.files["docs/ru/downloads/pakistan-russia-events.ics"]


def test_a_translation_cannot_inject_markup(data):
    unit = dict(english_units(data, "ru")["events"])["summit-2018"]
    text = f'- id: summit-2018\n  translates: "{fingerprint(unit)}"\n  title: "<script>alert(1)</script> *x*"\n'
    translation = translation_of(data, "ru", text)
    content = replace_translation(data, translation)
    page = content.files["docs/ru/events/summit-2018.md"]
    assert "<script>" not in page and "&lt;script&gt;" in page


def replace_translation(data, translation):
    from explainer.pages.render import EditionContent, render_site

    edition = BY_LANG["ru"]
    content = EditionContent(edition, localize(data, translation), SiteInfo("Test", SITE.url + "ru/", "ru"), Interface(edition))
    return type("Built", (), {"files": render_site(data, SITE, read_schemas(REPO), translated=(content,))})


# --- Configurations ----------------------------------------------------------------------

def test_each_edition_gets_a_complete_configuration_of_its_own():
    config = read_config((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    ur = BY_LANG["ur"]
    text = edition_config(config, ur, SiteInfo("سائٹ", "https://pakistan-russia-explainer.github.io/ur/", "ur"), Interface(ur))
    out = yaml.safe_load(text)
    assert out["docs_dir"] == "docs/ur" and out["site_dir"] == "site/ur" and out["theme"]["language"] == "ur"
    assert out["site_url"].endswith("/ur/") and "exclude_docs" not in out and "watch" not in out
    # The hook, which in an edition's build only shows the preview's data problems.
    assert out["hooks"] == ["hooks/generate_pages.py"]
    assert [a["link"] for a in out["extra"]["alternate"]] == ["../", "../ru/", "./"]
    snippets = next(e["pymdownx.snippets"] for e in out["markdown_extensions"] if isinstance(e, dict) and "pymdownx.snippets" in e)
    assert snippets["auto_append"] == ["abbreviations.ur.md"]


def test_the_english_configuration_lists_the_editions_in_order():
    config = read_config((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [a["lang"] for a in config["extra"]["alternate"]] == [e.lang for e in EDITIONS]
    assert [a["url"] for a in config["extra"]["alternate"]] == [config["site_url"] + e.prefix for e in EDITIONS]
    assert config["exclude_docs"].split()[:2] == ["/ru/", "/ur/"]


# --- Hand-written pages and the command line ---------------------------------------------

def test_a_translated_page_records_the_english_it_translates():
    english = b"---\ntitle: Method\n---\n\n# Method\n"
    current = page_fingerprint(english)
    good = f"---\ntitle: Методика\ntranslates: {current}\n---\n".encode()
    old = b"---\ntitle: X\ntranslates: 000000000000\n---\n"
    problems = stale_pages({"docs/method.md": english, "docs/ru/method.md": good, "docs/ur/method.md": old}, ("ru", "ur"))
    [problem] = problems
    assert (problem.file, problem.line, problem.field) == ("docs/ur/method.md", 3, "translates")
    assert current in problem.message


def test_the_real_method_pages_are_current():
    pages = {rel: (REPO / rel).read_bytes() for rel in ("docs/method.md", "docs/ru/method.md", "docs/ur/method.md")}
    assert stale_pages(pages, ("ru", "ur")) == []


def test_a_stale_translation_fails_make_check_with_file_and_line(tmp_path):
    root = copy_project(tmp_path / "project")
    assert run_generator(root).returncode == 0
    assert run_generator(root, "--check").returncode == 0
    events = root / "data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "title: Pakistan and the Soviet Union establish diplomatic relations",
        "title: Pakistan and the USSR establish diplomatic relations"), encoding="utf-8")
    check = run_generator(root, "--check")
    assert check.returncode == 1
    assert 'data/translations/ru/events.yaml:7: event "diplomatic-relations-1948", field "translates": out of date' in check.stderr
    assert 'data/translations/ur/events.yaml:7: event "diplomatic-relations-1948"' in check.stderr
    # `make pages` still builds, showing the English until the translation is updated.
    build = run_generator(root)
    assert build.returncode == 0 and "out of date" in build.stderr
    page = (root / "docs" / "ru" / "events" / "diplomatic-relations-1948.md").read_text(encoding="utf-8")
    assert '<span lang="en" class="untranslated">Pakistan and the USSR establish diplomatic relations</span>' in page


def test_the_interface_catalogues_are_up_to_date_and_complete():
    result = subprocess.run([sys.executable, "-m", "explainer.tools.messages", "--check"], cwd=REPO,
                            env={"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for lang in ("ru", "ur"):
        assert f"data/translations/{lang}/interface.po:" in result.stdout
        line = next(text for text in result.stdout.splitlines() if f"/{lang}/" in text)
        done, total = line.split(": ", 1)[1].split(" strings")[0].split(" of ")
        assert done == total, line


def test_a_changed_template_string_makes_its_translation_fuzzy(tmp_path):
    """Changing an English string in a template leaves its old translation as fuzzy, which
    `make check` reports with the catalogue's line, and which pages do not show."""
    root = tmp_path / "repo"
    for name in ("scripts", "data", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if src.is_dir() else {}))
    template = root / "scripts" / "templates" / "event.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace('_("Cite this page")', '_("Cite this page, please")'),
                        encoding="utf-8")
    env = {"PYTHONPATH": str(root / "scripts"), "PATH": "/usr/bin:/bin"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "explainer.tools.messages", *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=300)

    assert run("--check").returncode == 1
    assert run().returncode == 0
    check = run("--check")
    assert check.returncode == 1
    assert "interface.po:" in check.stderr and "Cite this page, please" in check.stderr
