"""A corpus of hostile and broken inputs, one or more per class of the hardening issue.

Each is either rejected (exit 2, file:line, the entry and the field, no traceback, the
pages untouched) or accepted, in which case the site builds strictly and no page or
export holds an address outside the allow-list, an event handler or a foreign script.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import build_site, run_generator, snapshot
from safety import check_exports, unsafe_in_site

BODY = "    Notes were exchanged *in Moscow*. See [a source](https://example.org/a).\n"
EVENTS = "events"


def body(markdown: str):
    """Replace the first fixture event's body (a block scalar indented by four spaces)."""
    indented = "".join(f"    {line}\n" if line else "\n" for line in markdown.split("\n"))
    return EVENTS, lambda text: text.replace(BODY, indented, 1)


def edit(file: str, old: str, new: str):
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return file, change


def title(yaml_value: str):
    return edit(EVENTS, "  title: Relations established", f"  title: {yaml_value}")


def append(file: str, text: str):
    return file, lambda original: original + "\n" + text


GLOSSARY_TERM = """\
- id: extra-term
  term: {term}
  definition: A term.
  sources:
    - title: A history
      publisher: Example Press
      url: https://example.org/a
      date: "2001"
      kind: reference
"""

# (case, change, expected substrings of the report); every rejected case must name file:line.
REJECTED = [
    # 1. Links in any Markdown form
    ("reference-link", body("[more][r]\n\n[r]: javascript:alert(1)"), ["data/events.yaml:9:", 'event "first-event-1948"', 'field "body"', "javascript:alert(1)"]),
    ("line-break-in-target", body("[x](java\nscript:alert(1))"), ['field "body"', "is not allowed"]),
    ("reference-image-data", body("![p][i]\n\n[i]: data:text/html;base64,PHNjcmlwdD4="), ['field "body"', "images are not allowed"]),
    ("inline-image", body("![a picture](https://example.org/p.png)"), ['field "body"', "images are not allowed"]),
    ("mixed-case-scheme", body("[x](JaVaScRiPt:alert(1))"), ['field "body"', "links must start with https://"]),
    ("entity-in-scheme", body("[x](java&#115;cript:alert(1))"), ['field "body"', "is not allowed"]),
    ("entity-colon", body("[x](javascript&colon;alert(1))"), ['field "body"', "is not allowed"]),
    ("space-before-scheme", body("[x]( javascript:alert(1))"), ['field "body"', "is not allowed"]),
    ("nested-brackets", body("[a [b] c](javascript:alert(1))"), ['field "body"', "is not allowed"]),
    ("angle-target", body("[x](<javascript:alert(1)>)"), ['field "body"', "is not allowed"]),
    ("protocol-relative", body("[x](//evil.example/x)"), ['field "body"', "is not allowed"]),
    ("vbscript", body("[x](vbscript:msgbox(1))"), ['field "body"', "is not allowed"]),
    ("data-link", body("[x](data:text/html,hi)"), ['field "body"', "is not allowed"]),
    ("file-link", body("[x](file:///etc/passwd)"), ['field "body"', "is not allowed"]),
    ("plain-http", body("[x](http://example.org/a)"), ['field "body"', "links must start with https://"]),
    ("https-without-host", body("[x](https:evil.example)"), ['field "body"', "needs a host name"]),
    ("reference-with-title", body('[r][]\n\n[r]: javascript:alert(1) "A title"'), ['field "body"', "is not allowed"]),
    ("link-inside-raw-html", body('<div markdown="1">[x](javascript:alert(1))</div>'), ['field "body"', "is not allowed"]),
    ("definition-in-another-field", edit(EVENTS, "  significance: It mattered.", "  significance: |\n    See [more][r].\n\n    [r]: javascript:alert(1)"),
     ['event "summit-2018"', 'field "significance"', "is not allowed"]),
    ("claim-explanation", edit("claims", "  explanation: The record agrees.", "  explanation: See [x](javascript:alert(1))."),
     ["data/claims.yaml:6:", 'claim "claim-one"', 'field "explanation"', "is not allowed"]),
    ("era-body", edit("eras", "  summary: The first era.", "  summary: The first era.\n  body: \"[x][y]\\n\\n[y]: javascript:alert(1)\""),
     ["data/eras.yaml:", 'era "early"', 'field "body"', "is not allowed"]),
    ("article-one-minute", edit("article", "  A short story of the relationship.", "  A short [story](vbscript:x)."),
     ["data/article.yaml:", 'field "one_minute"', "is not allowed"]),
    ("expectation-explanation", edit("article", "    explanation: Somewhat.", "    explanation: \"[x](java\\nscript:alert(1))\""),
     ["data/article.yaml:", 'field "expectations[1].explanation"', "is not allowed"]),
    ("source-url-javascript", edit(EVENTS, "      url: https://example.net/d", "      url: javascript:alert(1)"), ['field "sources[1].url"', "https://"]),
    # 2. and 3. Characters a page or an export cannot carry
    ("del-in-title", title('"A\\x7fB"'), ["data/events.yaml:4:", 'event "first-event-1948"', 'field "title"', "U+007F"]),
    ("nel-in-title", title('"A\\x85B"'), ['field "title"', "U+0085"]),
    ("c1-in-summary", edit(EVENTS, "  summary: The two states exchange notes.", '  summary: "The two \\x9b states"'), ['field "summary"', "U+009B"]),
    ("line-separator", title('"A\\u2028B"'), ['field "title"', "U+2028"]),
    ("paragraph-separator", title('"A\\u2029B"'), ['field "title"', "U+2029"]),
    ("noncharacter-fdd0", title('"A\\uFDD0B"'), ['field "title"', "U+FDD0"]),
    ("noncharacter-plane-16", title('"A\\U0010FFFFB"'), ['field "title"', "U+10FFFF"]),
    ("lone-surrogate", title('"A\\uD800B"'), ["data/events.yaml:4:", "invalid Unicode character"]),
    ("bare-carriage-return", title('"A\\rB"'), ['field "title"', "U+000D"]),
    ("vertical-tab-in-summary", edit(EVENTS, "  summary: The two states exchange notes.", '  summary: "feed \\x0b breaker"'), ['field "summary"', "U+000B"]),
    ("escape-in-source-title", edit(EVENTS, "    - title: Report two", '    - title: "Report\\x1btwo"'), ['field "sources[2].title"', "U+001B"]),
    ("control-in-field-name", edit(EVENTS, "  confidence: medium\n  single", '  "conf\\x07idence": medium\n  single'), ["U+0007"]),
    ("raw-del-byte", ("events", lambda text: text.replace("Relations established", "Relations\x7f established")), ["data/events.yaml:4:", "U+007F"]),
    # 4. Dates outside the supported range
    ("year-zero", edit(EVENTS, 'date: "1948-05-01"', 'date: "0000"'), ["data/events.yaml:3:", 'field "date"', "between 1900 and 2099"]),
    ("far-future", edit(EVENTS, 'date: "1948-05-01"', 'date: "9999-12-31"'), ['field "date"', "between 1900 and 2099"]),
    ("end-date-2100", edit(EVENTS, 'end_date: "2018-02-23"', 'end_date: "2100-01-01"'), ['field "end_date"', "between 1900 and 2099"]),
    ("source-date-1800", edit(EVENTS, 'date: "2001"', 'date: "1800"'), ['field "sources[1].date"', "between 1900 and 2099"]),
    # 5. Ids that would replace a page the site makes
    ("event-id-index", edit(EVENTS, "- id: summit-2018", "- id: index"), ['event "index"', 'field "id"', "reserved"]),
    ("theme-id-index", edit("themes", "- id: diplomacy", "- id: index"), ['theme "index"', "reserved"]),
    ("actor-id-index", edit("actors", "- id: publisher-x", "- id: index"), ['actor "index"', "reserved"]),
    ("era-id-index", edit("eras", "- id: later", "- id: index"), ['era "index"', "reserved"]),
    ("claim-id-paragraph", edit("claims", "- id: claim-two", "- id: paragraph-1"), ['claim "paragraph-1"', "reserved"]),
    # 6. Glossary terms that Markdown cannot make tooltips of
    ("term-backslash", append("glossary", GLOSSARY_TERM.format(term='"A\\\\B"')), ['glossary term "extra-term"', 'field "term"', "backslash"]),
    ("term-bracket-colon", append("glossary", GLOSSARY_TERM.format(term='"A]: B"')), ['field "term"', "could not define"]),
    ("term-placeholder", append("glossary", GLOSSARY_TERM.format(term="wzxhzdk")), ['field "term"', "uses internally"]),
    ("term-amp", append("glossary", GLOSSARY_TERM.format(term="amp")), ['field "term"', "uses internally"]),
    ("term-digits", append("glossary", GLOSSARY_TERM.format(term='"0"')), ['field "term"', "needs a letter"]),
    # 10. Rules the README states
    ("utm-parameter", edit(EVENTS, "      url: https://example.net/d", "      url: https://example.net/d?utm_source=x&id=3"), ['field "sources[1].url"', "'utm_source'"]),
    ("fbclid-parameter", edit(EVENTS, "      url: https://example.net/d", "      url: https://example.net/d?fbclid=abc"), ['field "sources[1].url"', "'fbclid'"]),
    ("tab-in-block-text", edit(EVENTS, "    One source says Monday", "    One source\tsays Monday"), ["data/events.yaml:", 'event "summit-2018"', 'field "disputed"', "tab character is in the text"]),
    ("tracker-in-archive", edit(EVENTS, "archive: https://web.archive.org/web/2019/https://example.com/c", "archive: https://web.archive.org/web/2019/https://example.com/c?utm_source=newsletter"),
     ["data/events.yaml:", ".archive", "'utm_source'"]),
    ("tracker-in-article-address", edit("article", "url: https://example.org/article", "url: https://example.org/article?a=1;fbclid=abc"), ["data/article.yaml:6:", 'field "url"', "'fbclid'"]),
    ("raw-next-line-character", edit(EVENTS, "  title: Relations established", "  title: Relations\x85 established"), ["data/events.yaml:4:", "U+0085"]),
    ("raw-line-separator", edit(EVENTS, "  title: Relations established", "  title: Relations\u2028 established"), ["data/events.yaml:4:", "U+2028"]),
    ("tracker-in-a-trade-source", edit("trade", "    url: https://example.org/b", "    url: https://example.org/b?utm_source=x"), ["data/trade.yaml:20:", 'field "source.url"', "'utm_source'"]),
    ("infinite-number", edit("trade", "usd_million: 690", "usd_million: .inf"), ["data/trade.yaml:4:", "not a number a page can show"]),
    ("abbreviation-definition-in-a-field", body("Notes were exchanged.\n\n*[wzxhzdk]: boom"), ["data/events.yaml:", 'field "body"', "would define a tooltip"]),
    # The translations are data an editor types too: the same rules hold there.
    ("translation-javascript-link", edit("translations/ru/events", "[источник](https://example.org/a)", "[источник](javascript:alert(1))"),
     ["data/translations/ru/events.yaml:6:", 'event "first-event-1948"', 'field "body"', "links must start with https://"]),
    ("translation-control-character", edit("translations/ru/events", "  title: Отношения установлены", '  title: "Отношения\\x85 установлены"'),
     ["data/translations/ru/events.yaml:", "U+0085"]),
    ("translation-abbreviation-definition", edit("translations/ru/events", "    Ноты были обменены *в Москве*. См. [источник](https://example.org/a).\n",
                                                 "    Ноты были обменены.\n\n    *[wzxhzdk]: boom\n"), ["data/translations/ru/events.yaml:", 'field "body"', "would define a tooltip"]),
    ("translated-term-placeholder", append("translations/ru/glossary", '- id: fatf\n  translates: "000000000000"\n  term: wzxhzdk\n'),
     ["data/translations/ru/glossary.yaml:4:", 'field "term"', "uses internally"]),
    ("translated-term-backslash", append("translations/ru/glossary", '- id: fatf\n  translates: "000000000000"\n  term: "A\\\\B"\n'),
     ["data/translations/ru/glossary.yaml:4:", 'field "term"', "backslash"]),
    # The interface's catalogue: a translation adds no link, tag, placeholder or invisible character.
    ("interface-adds-a-link", edit("translations/ru/interface.po", 'msgstr "Что произошло"', 'msgstr "Что [x](javascript:alert(1))"'),
     ["data/translations/ru/interface.po:11:", "links differ"]),
    ("interface-adds-html", edit("translations/ru/interface.po", 'msgstr "Что произошло"', 'msgstr "Что <img src=x onerror=alert(1)>"'),
     ["data/translations/ru/interface.po:11:", "HTML differs"]),
    ("interface-adds-an-autolink", edit("translations/ru/interface.po", 'msgstr "Что произошло"', 'msgstr "Что <javascript:alert(1)>"'),
     ["data/translations/ru/interface.po:11:", "HTML differs"]),
    ("interface-control-character", edit("translations/ru/interface.po", 'msgstr "Что произошло"', 'msgstr "Что\x0bпроизошло"'),
     ["data/translations/ru/interface.po:11:", "U+000B"]),
    ("interface-wrong-placeholder", edit("translations/ru/interface.po", 'msgstr[0] "%(num)s событие"', 'msgstr[0] "%(numb)s событие"'),
     ["data/translations/ru/interface.po:14:", "placeholder that the English does not have"]),
]

ACCEPTED = [
    ("autolink-stays-text", body("<javascript:alert(1)>")),
    ("raw-html-stays-text", body('<a href="javascript:alert(1)">x</a> <img src=x onerror=alert(1)>')),
    ("attribute-list-stays-text", body("[x](https://example.org/a){: onclick=\"alert(1)\" }")),
    ("script-in-title", title('"</script><script>alert(1)</script>"')),
    ("json-breaker-in-summary", edit(EVENTS, "  summary: The two states exchange notes.", '  summary: "\\"}]</script><script>alert(1)//"')),
    ("quote-breaking-source-url", edit(EVENTS, "      url: https://example.net/d", "      url: https://example.net/d\"><svg/onload=alert(1)>")),
    ("csv-formula-title", title('"=HYPERLINK(\\"https://example.org\\",\\"x\\")"')),
    ("csv-formula-at", edit(EVENTS, "  summary: The two states exchange notes.", '  summary: "@SUM(1+1)"')),
    ("csv-formula-plus-minus", title('"+1 -1"')),
    ("term-with-punctuation", append("glossary", GLOSSARY_TERM.format(term="ISIS-K").replace("definition: A term.", "expansion: \"Islamic State *Khorasan* (ISKP_x)\"\n  definition: A [group] of *fighters*."))),
    ("yaml-front-matter-breaker", title('"---\\nlayout: x"'.replace("\\n", " "))),
    ("markdown-heading-in-title", title('"# Not a heading | table | [link](javascript:x)"')),
    ("fragment-link", body("See [below](#sources).")),
]


def _apply(project, change):
    file, fn = change
    path = project / "data" / (file if file.endswith(".po") else f"{file}.yaml")
    original = path.read_bytes().decode("utf-8") if path.exists() else ""
    new = fn(original)
    path.write_bytes(new.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("case, change, expected", REJECTED, ids=[c[0] for c in REJECTED])
def test_hostile_input_is_rejected_clearly(fixture_project, case, change, expected):
    _apply(fixture_project, change)
    before = snapshot(fixture_project)
    result = run_generator(fixture_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert all(line.startswith("data/") for line in result.stderr.splitlines()[:-1]), result.stderr
    assert snapshot(fixture_project) == before


@pytest.mark.site
@pytest.mark.parametrize("case, change", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_accepted_hostile_input_builds_safely(fixture_project, tmp_path, case, change):
    _apply(fixture_project, change)
    result = run_generator(fixture_project)
    assert result.returncode == 0, result.stderr
    built = build_site(fixture_project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    assert unsafe_in_site(tmp_path / "site") == []
    check_exports(fixture_project / "docs")
    shutil.rmtree(tmp_path / "site")


def test_the_corpus_is_large_enough():
    assert len(REJECTED) + len(ACCEPTED) >= 40


def test_a_glossary_expansion_shows_no_backslashes(fixture_project):
    _apply(fixture_project, ACCEPTED[9][1])
    assert run_generator(fixture_project).returncode == 0
    tooltips = (fixture_project / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    assert "*[ISIS-K]: Islamic State *Khorasan* (ISKP_x)\n" in tooltips  # the expansion, without its definition


def test_a_file_of_the_wrong_shape_reports_only_that(fixture_project):
    (fixture_project / "data" / "events.yaml").write_text("events:\n  - id: x\n", encoding="utf-8")
    result = run_generator(fixture_project)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("data/events.yaml:1:") and "expected a list" in lines[0]
    assert len(lines) == 2, result.stderr  # the error and the summary, no follow-on errors


def test_entries_that_are_not_sets_of_fields_are_reported_without_follow_on_errors(fixture_project):
    (fixture_project / "data" / "events.yaml").write_text("- just a string\n- 3\n", encoding="utf-8")
    result = run_generator(fixture_project)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("data/events.yaml:1:") and "expected a set of fields" in lines[0], result.stderr
    assert all(line.startswith("data/events.yaml:") for line in lines[:-1]), result.stderr


@pytest.mark.parametrize("rel", ["data/translations/ru/events.yaml", "data/translations/ru/interface.po", "data/translations/terms.yaml"])
def test_a_folder_in_place_of_a_translation_file_is_named_as_such(fixture_project, rel):
    path = fixture_project / rel
    path.unlink()
    path.mkdir()
    result = run_generator(fixture_project)
    assert result.returncode == 2, result.stderr
    assert f"{rel}:1: this is a folder, not a file" in result.stderr


def test_an_interface_catalogue_that_is_not_utf8_is_bad_data(fixture_project):
    path = fixture_project / "data" / "translations" / "ru" / "interface.po"
    path.write_bytes(path.read_bytes().replace("Что произошло".encode(), b"\xff\xfe"))
    result = run_generator(fixture_project)
    assert result.returncode == 2, result.stderr
    assert "data/translations/ru/interface.po:12: the file is not valid UTF-8" in result.stderr


def test_a_folder_in_place_of_a_data_file_is_named_as_such(fixture_project):
    path = fixture_project / "data" / "events.yaml"
    path.unlink()
    path.mkdir()
    result = run_generator(fixture_project)
    assert result.returncode == 2
    assert "data/events.yaml: this is a folder, not a file" in result.stderr


def test_mkdocs_env_tag_is_understood(fixture_project, monkeypatch):
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: https://pakistan-russia-explainer.github.io/",
                                                  "site_url: !ENV [EXPLAINER_TEST_SITE_URL, 'https://example.org/x/']"))
    result = run_generator(fixture_project)
    assert result.returncode == 0, result.stderr
    assert "https://example.org/x/events/" in (fixture_project / "docs" / "feed.xml").read_text()


@pytest.mark.parametrize("where, broken, expected", [
    ("mkdocs.yml", lambda text: text.replace("site_name:", "site_name: [unclosed\nx:", 1), ["mkdocs.yml:", "YAML syntax error"]),
    ("data/schema/events.schema.json", lambda text: text.replace("{", "{,", 1), ["data/schema/events.schema.json:1:", "not valid JSON"]),
    ("mkdocs.yml", lambda text: text.replace('site_name: "', 'site_name: "\\x0b', 1), ["mkdocs.yml:1:", "site_name holds a character", "U+000B"]),
    ("mkdocs.yml", lambda text: "# \udcff\n" + text, ["mkdocs.yml:1:", "not valid UTF-8"]),
    ("data/schema/events.schema.json", lambda text: "\udcff" + text, ["data/schema/events.schema.json:1:", "not valid UTF-8"]),
])
def test_configuration_errors_are_one_clear_line(fixture_project, where, broken, expected):
    path = fixture_project / where
    path.write_bytes(broken(path.read_text(encoding="utf-8")).encode("utf-8", "surrogateescape"))
    before = snapshot(fixture_project)
    result = run_generator(fixture_project)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr
    assert snapshot(fixture_project) == before
