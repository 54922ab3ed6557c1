"""Fuzzy dates: as precise as the source, never an invented day."""

from __future__ import annotations

import datetime as dt

import pytest

from avereport.model import fmt
from avereport.model.dates import DateError, FuzzyDate
from avereport.model.user_dates import date_for_input, parse_user_date


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


# --- dates as users type them (model.user_dates) ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("décembre 2021", FuzzyDate(2021, 12)),
        ("Décembre 2021", FuzzyDate(2021, 12)),
        ("DECEMBRE 2021", FuzzyDate(2021, 12)),
        ("déc. 2021", FuzzyDate(2021, 12)),
        ("dec 2021", FuzzyDate(2021, 12)),
        ("févr. 2022", FuzzyDate(2022, 2)),
        ("sept. 2021", FuzzyDate(2021, 9)),
        ("juil. 2021", FuzzyDate(2021, 7)),
        ("août 2021", FuzzyDate(2021, 8)),
        ("1er décembre 2021", FuzzyDate(2021, 12, 1)),
        ("1 décembre 2021", FuzzyDate(2021, 12, 1)),
        ("22 juin 2021", FuzzyDate(2021, 6, 22)),
        ("mercredi 1er décembre 2021", FuzzyDate(2021, 12, 1)),
        ("1er\u00a0déc.\u202f2021", FuzzyDate(2021, 12, 1)),
        ("12/2021", FuzzyDate(2021, 12)),
        ("6/2021", FuzzyDate(2021, 6)),
        ("01/12/2021", FuzzyDate(2021, 12, 1)),
        ("1.12.2021", FuzzyDate(2021, 12, 1)),
        ("01/12/2021 00:00", FuzzyDate(2021, 12, 1)),
        ("2021-12-01 00:00:00", FuzzyDate(2021, 12, 1)),
        ("2021", FuzzyDate(2021)),
        ("2021-12", FuzzyDate(2021, 12)),
        ("  2021-12-01 ", FuzzyDate(2021, 12, 1)),
    ],
)
def test_usual_french_forms_are_read(text, expected):
    date = parse_user_date(text)
    assert date == expected
    assert date.precision == expected.precision


@pytest.mark.parametrize(
    "date",
    [
        FuzzyDate(2021),
        FuzzyDate(2021, 12),
        FuzzyDate(2021, 12, 1),
        FuzzyDate(2021, 6, 22),
        FuzzyDate(2020, 2, 29),
        FuzzyDate(2021, 8),
    ]
    + [FuzzyDate(2021, month) for month in range(1, 13)],
)
def test_what_the_app_shows_and_offers_reads_back_as_the_same_date(date):
    assert fmt.date(date) and parse_user_date(fmt.date(date)) == date
    assert parse_user_date(fmt.date(date)).precision == date.precision
    assert parse_user_date(date_for_input(date)) == date


@pytest.mark.parametrize(
    "text",
    [
        "",
        "demain",
        "brumaire 2021",
        "32 décembre 2021",
        "29 février 2021",
        "13/2021",
        "1er 2021",
        "décembre",
        "01/12/2021 10:30",
        "décembre 21",
    ],
)
def test_unreadable_or_impossible_dates_are_refused_in_french(text):
    with pytest.raises(DateError) as error:
        parse_user_date(text)
    assert any(word in str(error.value) for word in ("impossible", "illisible"))
