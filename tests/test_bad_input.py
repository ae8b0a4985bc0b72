"""Every kind of bad input: a clear message (file, line, event, field, what was expected),
exit code 2, no traceback, and the existing pages left exactly as they were."""

from __future__ import annotations

import pytest
from conftest import run_generator, snapshot

GOOD_EVENT = """\
- id: {id}
  date: "{date}"
  title: {title}
  summary: Something happened.
  themes: [diplomacy]
  confidence: medium
  revised: "2026-11-29"
  location:
    name: Moscow
    country: RU
  cameo: "042"
  cameo_reason: Someone made a visit.
  sources:
    - title: A report
      publisher: A paper
      url: {url}
      date: "2019"
      kind: news
"""


def event(**fields) -> str:
    values = {"id": "new-event-2019", "date": "2019-05-01", "title": "A new event", "url": "https://example.org/new"}
    values.update(fields)
    return GOOD_EVENT.format(**values)


def appended(text: str):
    """Keep the fixture's events and add ``text`` after them (line numbers then start at 106)."""
    return lambda original: original + "\n" + text


def replaced(text: str):
    return lambda original: text


def edit(old: str, new: str):
    def change(original: str) -> str:
        # A case whose text is no longer in the fixture would test nothing: fail loudly instead.
        assert old in original, f"the fixture no longer contains {old!r}"
        return original.replace(old, new, 1)
    return change


def bytes_(raw: bytes):
    return lambda original: raw


# (case id, data file, how to change it, substrings the error report must contain)
CASES = [
    ("yaml-syntax", "events", appended("- id: broken\n  title: [unclosed\n"), ["data/events.yaml:", "YAML syntax error"]),
    ("tab-indent", "events", edit("  date: \"1948-05-01\"", "\tdate: \"1948-05-01\""), ["data/events.yaml:3:", "tab"]),
    ("empty-file", "events", replaced(""), ["data/events.yaml:1:", "empty"]),
    ("comments-only", "events", replaced("# nothing here\n"), ["data/events.yaml:1:", "empty"]),
    ("not-utf8", "events", bytes_(b"- id: caf\xe9\n"), ["data/events.yaml:1:", "not valid UTF-8"]),
    ("top-level-mapping", "events", replaced("events:\n  - id: x\n"), ["data/events.yaml:1:", "expected a list, got a set of fields"]),
    ("top-level-scalar", "themes", replaced("just text\n"), ["data/themes.yaml:1:", "expected a list"]),
    ("python-tag", "events", appended("- !!python/object/apply:os.system ['touch /tmp/pwned']\n"), ["data/events.yaml:106:", "!!python/object/apply:os.system", "not allowed"]),
    ("alias-bomb", "events", replaced(
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    ), ["data/events.yaml:2:", "anchors and aliases"]),
    ("missing-field", "events", edit("  summary: The two states exchange notes.\n", ""), ['data/events.yaml:2:', 'event "first-event-1948"', "missing required field 'summary'"]),
    ("wrong-type", "events", edit("themes: [diplomacy]", "themes: diplomacy"), ['data/events.yaml:8:', 'event "first-event-1948"', 'field "themes"', "expected a list, got 'diplomacy'"]),
    ("unknown-field", "events", edit("  title: Relations established", "  tittle: Relations established"), ['data/events.yaml:4:', 'field "tittle"', "unknown field 'tittle'", "did you mean 'title'"]),
    ("impossible-date", "events", edit('date: "1948-05-01"', 'date: "2019-02-30"'), ['data/events.yaml:3:', 'event "first-event-1948"', 'field "date"', "not a real date"]),
    ("impossible-source-date", "actors", edit('date: "2001"', 'date: "2001-02-30"'), ['data/actors.yaml:', 'actor "publisher-x"', 'field "sources[1].date"', "not a real date"]),
    ("free-text-date", "events", edit('date: "1948-05-01"', "date: May 1948"), ['data/events.yaml:3:', 'field "date"', 'expected a date in quotes', "'May 1948'"]),
    ("unquoted-year", "events", edit('date: "1948-05-01"', "date: 1948"), ['data/events.yaml:3:', 'field "date"', "expected a date in quotes", "the number 1948"]),
    ("end-before-start", "events", edit('end_date: "2018-02-23"', 'end_date: "2018-02-10"'), ['data/events.yaml:', 'event "summit-2018"', 'field "end_date"', "before it starts"]),
    ("duplicate-id", "events", appended(event(id="summit-2018")), ['data/events.yaml:106:', 'event "summit-2018"', 'field "id"', "already claimed on line 25"]),
    ("path-id", "events", appended(event(id="../x")), ['data/events.yaml:106:', 'field "id"', "lowercase letters"]),
    ("id-with-space", "events", appended(event(id="two words")), ['field "id"', "lowercase letters"]),
    ("id-with-capitals", "events", appended(event(id="Capital-Event")), ['field "id"', "lowercase letters"]),
    ("unknown-theme", "events", edit("themes: [diplomacy]", "themes: [diplomacy, cooking]"), ['data/events.yaml:8:', 'event "first-event-1948"', 'field "themes[2]"', "unknown theme 'cooking'"]),
    ("http-url", "events", appended(event(url="http://example.org/x")), ['data/events.yaml:121:', 'field "sources[1].url"', "https://"]),
    ("javascript-url", "events", appended(event(url="javascript:alert(1)")), ['field "sources[1].url"', "https://"]),
    ("no-sources", "events", appended(GOOD_EVENT.split("  sources:")[0].format(id="x-2019", date="2019", title="T", url="") + "  sources: []\n"), ['event "x-2019"', 'field "sources"', "at least one"]),
    ("sources-missing", "events", appended(GOOD_EVENT.split("  sources:")[0].format(id="x-2019", date="2019", title="T", url="")), ['event "x-2019"', "missing required field 'sources'"]),
    ("markdown-javascript-link", "events", edit("[a source](https://example.org/a)", "[a source](javascript:alert(1))"), ['event "first-event-1948"', 'field "body"', "links must start with https://"]),
    ("unknown-actor", "events", edit("actors: [state-a]", "actors: [nobody]"), ['field "actors[1]"', "unknown actor 'nobody'"]),
    ("unknown-claim-event", "claims", edit("events: [first-event-1948]", "events: [no-such-event]"), ['data/claims.yaml:', 'claim "claim-one"', "unknown event 'no-such-event'"]),
    ("duplicate-glossary-term", "glossary", appended("- id: fatf-again\n  term: fatf\n  definition: Again.\n  sources:\n    - title: A history\n      publisher: Example Press\n      url: https://example.org/a\n      date: \"2001\"\n"), ['data/glossary.yaml:', "already defined"]),
    ("one-url-two-titles", "events", appended(event(url="https://example.org/a")), ['data/events.yaml:', "one url must have one title"]),
    ("one-url-two-kinds", "events", appended(event(id="one-2019", url="https://example.org/same") + "\n"
                                             + event(id="two-2019", url="https://example.org/same").replace("kind: news", "kind: wire")),
     ['data/events.yaml:1', 'event "two-2019"', 'field "sources[1].kind"', "labelled 'news' in data/events.yaml:1", "one kind"]),
    ("high-confidence-one-source", "events", appended(event().replace("confidence: medium", "confidence: high")),
     ['data/events.yaml:111:', 'event "new-event-2019"', 'field "confidence"', "two different publishers or an official source"]),
    ("era-gap", "eras", edit('start: "2000"', 'start: "2005"'), ['data/eras.yaml:', "gap"]),
    ("key-event-one-source", "events", edit("  single_source: Only one history records it.\n", ""), ['event "first-event-1948"', 'field "sources"', "two different publishers"]),
    ("unknown-correction-event", "corrections", edit("events: [summit-2018]", "events: [no-such-event]"), ['data/corrections.yaml:7:', 'correction "summit-sources-2026"', 'field "events[1]"', "unknown event 'no-such-event'"]),
    ("correction-without-target", "corrections", edit("  pages: [glossary]\n", ""), ['data/corrections.yaml:', 'correction "glossary-note-2026"', "say what it concerns"]),
    ("correction-after-revision", "events", edit('revised: "2026-11-20"', 'revised: "2026-11-01"'), ['event "summit-2018"', 'field "revised"', "corrected on 20 November 2026", "data/corrections.yaml:2"]),
    ("perspective-without-source", "events", edit("""      quote: We welcome the week's outcome.
      source:
        title: Statement on the plenary
        publisher: Ministry of Foreign Affairs of State A
        url: https://example.org/statement
        date: "2018-02-23"
        kind: official
""", "      quote: We welcome the week's outcome.\n"), ['data/events.yaml:', 'event "summit-2018"', 'field "perspectives[1].source"', "needs its `source`"]),
    ("perspective-missing-side", "events", edit("    - side: pakistan\n", "    - side: china\n"), ['event "summit-2018"', 'field "perspectives"', "the pakistan side is missing"]),
    ("perspective-two-statements", "events", edit("      quote: We welcome the week's outcome.\n", "      quote: We welcome the week's outcome.\n      paraphrase: They welcomed it.\n"), ['field "perspectives[1]"', "exactly one of"]),
    ("quote-language-without-translation", "events", edit("      translation: We supported our partners.\n", ""), ['field "perspectives[2]"', "English `translation`"]),
    ("unknown-source-kind", "events", edit("      kind: reference\n", "      kind: rumour\n"), ['data/events.yaml:', 'event "first-event-1948"', 'field "sources[1].kind"', "expected one of: official, news, wire, analysis, reference, blog; got 'rumour'"]),
    ("source-without-kind", "events", edit("      kind: analysis", ""), ['event "escape-test-2020"', "missing required field 'kind'"]),
    ("unknown-side", "events", edit("    - side: india\n", "    - side: mars\n"), ['field "perspectives[3].side"', "expected one of"]),
    ("duplicate-key", "events", edit("  confidence: medium\n", "  confidence: medium\n  confidence: low\n", ), ['data/events.yaml:', "appears twice"]),
]


@pytest.mark.parametrize("case, file, change, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_and_changes_nothing(fixture_project, case, file, change, expected):
    path = fixture_project / "data" / f"{file}.yaml"
    original = path.read_text(encoding="utf-8")
    changed = change(original)
    if isinstance(changed, bytes):
        path.write_bytes(changed)
    else:
        path.write_text(changed, encoding="utf-8")
    before = snapshot(fixture_project)

    result = run_generator(fixture_project)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert "no page was changed" in result.stderr
    assert snapshot(fixture_project) == before


def test_all_problems_are_reported_at_once(fixture_project):
    path = fixture_project / "data" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  title: Relations established", "  tittle: Relations established")
    text = text.replace('end_date: "2018-02-23"', 'end_date: "2018-02-10"')
    text = text.replace("themes: [finance]", "themes: [cooking]")
    path.write_text(text, encoding="utf-8")

    result = run_generator(fixture_project)

    assert result.returncode == 2
    assert "tittle" in result.stderr and "before it starts" in result.stderr and "cooking" in result.stderr
    assert "4 problems found" in result.stderr  # the missing title is reported with the unknown field


def test_a_missing_data_file_is_reported(fixture_project):
    (fixture_project / "data" / "glossary.yaml").unlink()
    result = run_generator(fixture_project)
    assert result.returncode == 2
    assert "data/glossary.yaml: the file is missing" in result.stderr


def test_the_python_tag_never_runs(fixture_project, tmp_path):
    marker = tmp_path / "pwned"
    path = fixture_project / "data" / "events.yaml"
    path.write_text(f"- !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    assert run_generator(fixture_project).returncode == 2
    assert not marker.exists()
