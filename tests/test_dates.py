"""Fuzzy dates: as precise as the source, never an invented day."""

from __future__ import annotations

import datetime as dt

import pytest

from avereport.model.dates import DateError, FuzzyDate


@pytest.mark.parametrize(
    ("text", "precision"), [("2021", "year"), ("2021-09", "month"), ("2021-09-30", "day")]
)
def test_parse_keeps_the_precision_given(text, precision):
    date = FuzzyDate.parse(text)
    assert date.precision == precision
    assert str(date) == text


@pytest.mark.parametrize(
    "text", ["2021-02-29", "2021-13", "2021-00", "0000", "21-09-30", "30/09/2021", "", "2021-9"]
)
def test_impossible_or_unreadable_dates_are_refused_in_french(text):
    with pytest.raises(DateError) as error:
        FuzzyDate.parse(text)
    assert any(word in str(error.value) for word in ("impossible", "illisible"))


def test_leap_day_exists_in_leap_years_only():
    assert FuzzyDate.parse("2020-02-29").last_day() == dt.date(2020, 2, 29)
    with pytest.raises(DateError):
        FuzzyDate(2022, 2, 29)


def test_span_of_a_month_and_a_year():
    assert (FuzzyDate(2021, 2).first_day(), FuzzyDate(2021, 2).last_day()) == (
        dt.date(2021, 2, 1),
        dt.date(2021, 2, 28),
    )
    assert FuzzyDate(2021).last_day() == dt.date(2021, 12, 31)


def test_dates_of_different_precision_sort_by_their_first_day():
    dates = [
        FuzzyDate(2021, 9, 30),
        FuzzyDate(2022),
        FuzzyDate(2021, 9),
        FuzzyDate(2021),
        FuzzyDate(2021, 1, 5),
    ]
    assert [str(d) for d in sorted(dates)] == ["2021", "2021-01-05", "2021-09", "2021-09-30", "2022"]
    assert FuzzyDate(2022) < FuzzyDate(2022, 1, 1)
