from explainer.loader import parse_yaml


def test_values_and_line_numbers_are_kept():
    loaded, problems = parse_yaml("data/x.yaml", b"# c\n- id: a\n  sources:\n    - url: https://x.org\n")
    assert problems == []
    assert loaded.data == [{"id": "a", "sources": [{"url": "https://x.org"}]}]
    assert loaded.line_of((0, "id")) == 2
    assert loaded.line_of((0, "sources", 0, "url")) == 4
    assert loaded.line_of((0, "sources", 0, "missing")) == 4
    assert loaded.line_of((0, "sources")) == 3
    assert loaded.has((0, "sources", 0, "url")) and not loaded.has((0, "title"))


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
