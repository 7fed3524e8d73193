"""Dates: explicit ones with their precision; relative ones resolved against publication."""

import datetime as dt

import pytest

from pipeline.extract.dates import find_dates, resolve_relative


def _dates(text, published=dt.date(2019, 7, 22), precision="day"):
    return [(d.text, d.date, d.precision, d.basis) for d in find_dates(text, 0, len(text), published, precision)]


def test_explicit_dates():
    assert _dates("signed a contract in September 2014") == [("September 2014", "2014-09", "month", "explicit")]
    assert _dates("on July 12, 2019, and on Nov. 24, 2015") == [
        ("July 12, 2019", "2019-07-12", "day", "explicit"), ("Nov. 24, 2015", "2015-11-24", "day", "explicit")]
    assert _dates("continue through April 2020") == [("April 2020", "2020-04", "month", "explicit")]
    assert _dates("Since 2017, Turkey") == [("2017", "2017", "year", "explicit")]
    assert _dates("sometime in the 2020s") == [("the 2020s", "2020", "decade", "explicit")]


@pytest.mark.parametrize("phrase, published, precision, expected", [
    ("this month", dt.date(2019, 7, 22), "day", ("2019-07", "month")),
    ("last month", dt.date(2015, 5, 1), "month", ("2015-04", "month")),
    ("last month", dt.date(2015, 1, 1), "month", ("2014-12", "month")),
    ("last week", dt.date(2019, 7, 22), "day", ("2019-07", "month")),
    ("last week", dt.date(2019, 4, 1), "month", ("2019", "year")),
    ("last week", dt.date(2019, 1, 1), "month", None),
    ("currently", dt.date(2020, 6, 1), "month", ("2020-06", "month")),
    ("by year's end", dt.date(2016, 11, 1), "month", ("2016", "year")),
    ("on Monday", dt.date(2019, 7, 22), "day", ("2019-07-22", "day")),
    ("Thursday", dt.date(2015, 5, 1), "month", None),
    ("this month", None, "unknown", None),
])
def test_relative_dates(phrase, published, precision, expected):
    assert resolve_relative(phrase, published, precision) == expected


def test_number_that_is_not_a_year_is_ignored():
    assert _dates("14 shipments of S-400 components") == []


def test_year_after_as_early_as():
    assert _dates("with deliveries expected to begin as early as 2020") == [("2020", "2020", "year", "explicit")]


@pytest.mark.parametrize("text, published, expected", [
    ("test-fired them, drawing U.S. sanctions in December.", dt.date(2021, 2, 9), ("December", "2020-12", "month", "relative")),
    ("Kommersant reported in March that Egypt had signed", dt.date(2019, 11, 15), ("March", "2019-03", "month", "relative")),
    ("talks resumed in July, officials said", dt.date(2019, 7, 22), ("July", "2019-07", "month", "relative")),
])
def test_month_without_year_is_the_latest_such_month_up_to_publication(text, published, expected):
    assert _dates(text, published) == [expected]


def test_month_with_year_stays_explicit():
    assert _dates("In May 2015, a Russian delegation attended") == [("May 2015", "2015-05", "month", "explicit")]
    assert _dates("signed in March", published=dt.date(2019, 1, 1), precision="year") == []


@pytest.mark.parametrize("text, expected", [
    ("The remaining jets will be handed over by mid-2016.", [("2016", "2016", "year", "explicit")]),
    ("Deliveries are expected to start in early-2021.", [("2021", "2021", "year", "explicit")]),
    ("Under a 2022 framework agreement, Warsaw can buy more tanks.", [("2022", "2022", "year", "explicit")]),
    ("The last two batteries should arrive before the end of the year.",
     [("before the end of the year", "2019", "year", "relative")]),
    ("A further batch will follow in the coming weeks.", [("in the coming weeks", "2019-07", "month", "relative")]),
])
def test_part_of_a_year_a_framework_agreement_and_the_coming_weeks(text, expected):
    assert _dates(text) == expected


def test_a_year_before_a_noun_other_than_a_deal_is_not_its_date():
    assert _dates("under the resolution that endorsed the 2015 nuclear deal") == []
