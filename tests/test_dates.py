import datetime as dt

import pytest
from explainer.dataset.dates import PartialDate, format_span


@pytest.mark.parametrize(
    "text, shown, precision",
    [("1965", "1965", "year"), ("2018-02", "February 2018", "month"), ("2014-06-02", "2 June 2014", "day")],
)
def test_dates_are_shown_at_their_precision(text, shown, precision):
    date = PartialDate.parse(text)
    assert str(date) == shown
    assert date.precision == precision
    assert date.iso() == text


@pytest.mark.parametrize("text", ["2019-02-30", "2018-13", "2018-00", "June 2014", "14-06-2014", "", "2014-6-2", "20140602"])
def test_impossible_or_free_text_dates_are_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_first_and_last_day_cover_the_precision():
    assert PartialDate.parse("2016-02").last_day == dt.date(2016, 2, 29)
    assert PartialDate.parse("1999").first_day == dt.date(1999, 1, 1)
    assert PartialDate.parse("1999").last_day == dt.date(1999, 12, 31)


@pytest.mark.parametrize(
    "start, end, shown",
    [
        ("2018-02-18", "2018-02-23", "18–23 February 2018"),
        ("2019-06-30", "2019-07-02", "30 June – 2 July 2019"),
        ("2018-12-30", "2019-01-02", "30 December 2018 – 2 January 2019"),
        ("1972", "1973", "1972 – 1973"),
        ("2023-04", "2023-06", "April – June 2023"),
        ("2014-06-02", None, "2 June 2014"),
    ],
)
def test_spans_do_not_repeat_what_both_ends_share(start, end, shown):
    assert format_span(PartialDate.parse(start), PartialDate.parse(end) if end else None) == shown
