"""The real dataset: what the issues promise readers."""

from __future__ import annotations

import pytest
from conftest import REPO
from explainer.cli import read_data_files
from explainer.pipeline import load_dataset
from explainer.tools.quotes import DEFAULT_ARTICLE, fingerprint, quotes_in, read_lock, unrecorded, unverifiable


@pytest.fixture(scope="module")
def data():
    return load_dataset(read_data_files(REPO / "data"))


# The four events the article names, with the dates the sources give.
NAMED = {
    "russia-lifts-arms-embargo-2014": "2 June 2014",
    "fatf-plenary-paris-2018": "18–23 February 2018",
    "sco-summit-bishkek-2019": "13–14 June 2019",
    "space-weapons-joint-statement-2019": "22 May 2019",
}


@pytest.mark.parametrize("event_id, when", NAMED.items())
def test_the_events_the_article_names_have_the_right_dates_and_two_sources(data, event_id, when):
    event = data.event_by_id[event_id]
    assert event.when == when
    assert len({s.publisher.split(" (")[0] for s in event.sources}) >= 2


def test_the_core_events_are_there(data):
    expected = {
        "defence-cooperation-agreement-2014": "20 November 2014",
        "khawaja-asif-moscow-visit-2018": "19–22 February 2018",
        "fatf-grey-listing-2018": "27 June 2018",
        "us-suspends-security-aid-2018": "4 January 2018",
        "ryabkov-sovereign-right-2019": "25 May 2019",
    }
    for event_id, when in expected.items():
        assert data.event_by_id[event_id].when == when


def test_there_are_enough_sourced_events_across_the_whole_story(data):
    assert len(data.events) >= 50
    assert all(event.sources for event in data.events)
    years = [event.date.year for event in data.events]
    assert min(years) <= 1948 and max(years) >= 2025
    assert sum(1 for y in years if 2014 <= y <= 2019) >= 12


def test_every_era_has_events(data):
    for era in data.eras:
        assert data.events_by_era.get(era.id), era.id


def test_every_quote_of_the_article_was_verified_against_its_text():
    """Each quote's fingerprint is in data/verified-quotes.yaml (written by `make
    verify-quotes` when the article's text is at hand), so a new or changed quote fails
    here, on any clone, until someone checks it against the article. Where the text is
    beside the checkout, the quotes are also checked against it directly."""
    quotes = quotes_in(REPO / "data")
    assert len(quotes) >= 40
    assert unrecorded(quotes, read_lock(REPO)) == [], "run `make verify-quotes` with the article beside the checkout"
    if DEFAULT_ARTICLE.is_file():
        article = DEFAULT_ARTICLE.read_text(encoding="utf-8")
        assert unverifiable(quotes, article) == {}
        assert read_lock_article(REPO) == fingerprint(article)


def read_lock_article(root):
    import yaml

    return yaml.safe_load((root / "data" / "verified-quotes.yaml").read_text(encoding="utf-8"))["article"]


def test_a_changed_quote_is_caught_by_its_fingerprint():
    quotes = quotes_in(REPO / "data")
    key = sorted(quotes)[0]
    changed = dict(quotes, **{key: quotes[key] + " (changed)"})
    assert unrecorded(changed, read_lock(REPO)) == [key]
    assert unrecorded(dict(quotes, **{"claim:new": "A new quote."}), read_lock(REPO)) == ["claim:new"]
    assert unverifiable({"x": "Words the article does not have."}, "The article's words.") == {"x": "Words the article does not have"}


def test_the_record_is_complete_where_it_was_thin(data):
    assert len(data.events) >= 120
    assert sum(1 for e in data.events if 1992 <= e.date.year <= 2013) >= 12
    assert all(e.revised for e in data.events)
    assert data.article.record_checked and data.article.newest_source and data.article.record_note


def test_the_named_events_and_eight_other_turning_points_say_how_each_side_saw_them(data):
    with_perspectives = [e for e in data.events if e.perspectives]
    assert set(NAMED) <= {e.id for e in with_perspectives}
    assert len(with_perspectives) >= len(NAMED) + 8
    for event in with_perspectives:
        sides = [p.side for p in event.perspectives]
        assert "pakistan" in sides and "russia" in sides, event.id
        for p in event.perspectives:
            assert p.none_found or (p.source and p.speaker), (event.id, p.side)


def test_every_correction_the_record_owes_is_listed(data):
    corrected = {ident for c in data.corrections for ident in c.events + c.claims + c.actors}
    assert {"lavrov-visits-islamabad-2021", "russia-denies-cpec-talks-2016", "kosygin-visits-pakistan-1968",
            "sco-summit-bishkek-2019", "strategic-stability-talks-2018", "pakistan-taliban-open-war-2026",
            "russia-lifted-arms-embargo-2014", "shared-concerns-over-afghanistan", "india-russias-biggest-customer",
            "new-eastern-outlook"} <= corrected
    assert data.event_by_id["russia-denies-cpec-talks-2016"].when == "29 November 2016"
    assert not data.event_by_id["russia-denies-cpec-talks-2016"].single_source
    assert not data.event_by_id["strategic-stability-talks-2018"].single_source
    assert "Bishkek" in data.event_by_id["sco-summit-bishkek-2019"].title and "Before" in data.event_by_id["sco-summit-bishkek-2019"].title
    for event_id in ("lavrov-visits-islamabad-2021",):
        assert "Oriental Review" not in (data.event_by_id[event_id].unverified or "")
    assert any(s.kind == "official" and "state.gov" in s.url for s in data.actor_by_id["new-eastern-outlook"].sources)


def test_every_source_has_a_kind(data):
    holders = [*data.events, *data.actors, *data.claims, *data.glossary, data.article]
    kinds = {s.kind for h in holders for s in h.sources}
    assert kinds <= {"official", "news", "wire", "analysis", "reference", "blog"} and len(kinds) == 6
