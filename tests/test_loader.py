from explainer.dataset.loader import parse_yaml


def test_values_and_line_numbers_are_kept():
    loaded, problems = parse_yaml("data/x.yaml", b"# c\n- id: a\n  sources:\n    - url: https://x.org\n")
    assert problems == []
    assert loaded.data == [{"id": "a", "sources": [{"url": "https://x.org"}]}]
    assert loaded.line_of((0, "id")) == 2
    assert loaded.line_of((0, "sources", 0, "url")) == 4
    assert loaded.line_of((0, "sources", 0, "missing")) == 4
    assert loaded.line_of((0, "sources")) == 3


def test_dates_stay_text_exactly_as_typed():
    loaded, problems = parse_yaml("x.yaml", b"- date: 2014-06-02\n  year: 1965\n  quoted: \"1965\"\n")
    assert problems == []
    assert loaded.data == [{"date": "2014-06-02", "year": 1965, "quoted": "1965"}]


def test_a_bom_is_ignored():
    loaded, problems = parse_yaml("x.yaml", "\ufeff- a\n".encode("utf-8"))
    assert problems == [] and loaded.data == ["a"]


def test_an_alias_is_refused_where_it_is_used():
    _, problems = parse_yaml("x.yaml", b"a: &x 1\nb: 2\nc: *x\n")
    assert [(p.line, "aliases" in p.message) for p in problems] == [(3, True)]


def test_a_merge_key_is_refused():
    _, problems = parse_yaml("x.yaml", b"base: {a: 1}\nother:\n  <<: {b: 2}\n")
    assert problems and "merge keys" in problems[0].message


def test_every_tab_indented_line_is_reported():
    _, problems = parse_yaml("x.yaml", b"a:\n\t- 1\n\t- 2\n")
    assert [p.line for p in problems] == [2, 3]


def test_a_syntax_error_names_its_line_and_gives_a_hint():
    _, problems = parse_yaml("x.yaml", b"- id: a\n  title: Pakistan: a story\n")
    assert problems[0].line == 2
    assert "in quotes" in problems[0].message


def test_the_compiled_schema_check_agrees_with_the_full_one():
    """The fast path may only skip jsonschema when jsonschema would find nothing."""
    import fastjsonschema
    from explainer.dataset.schema import fast_validator, validator_for

    samples = [
        [{"id": "a", "title": "T", "summary": "S", "date": "2019", "themes": ["x"], "confidence": "high",
          "revised": "2026-11-29", "location": {"name": "X", "country": "PK"}, "cameo": "042", "cameo_reason": "R",
          "sources": [{"title": "t", "publisher": "p", "url": "https://x.org/a", "date": "undated", "kind": "news"}]}],
        [{"id": "Bad Id"}], [{"id": "a", "tittle": "x"}], {"not": "a list"}, [],
        [{"id": "a", "title": "T" * 121, "summary": "S", "date": "2019", "themes": ["x"], "confidence": "high",
          "revised": "2026-11-29", "location": {"name": "X", "country": "PK"}, "cameo": "042", "cameo_reason": "R",
          "sources": [{"title": "t", "publisher": "p", "url": "https://x.org/a", "date": "undated", "kind": "news"}]}],
        [{"id": "a", "title": "T", "summary": "S", "date": "2019-2", "themes": [], "confidence": "sure", "sources": []}],
    ]
    for sample in samples:
        full_ok = not list(validator_for("events").iter_errors(sample))
        try:
            fast_validator("events")(sample)
            fast_ok = True
        except fastjsonschema.JsonSchemaException:
            fast_ok = False
        assert fast_ok == full_ok, sample
