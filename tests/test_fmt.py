"""French formatting: exact strings, with the narrow no-break space (U+202F)
French typography puts between digit groups and before "%"."""

from __future__ import annotations

import pytest

from avereport.model import fmt
from avereport.model.dates import FuzzyDate
from avereport.model.edition import Qualifier

NNBSP = "\u202f"


def test_numbers_group_digits_with_a_narrow_no_break_space():
    assert fmt.number(178_114) == f"178{NNBSP}114"
    assert fmt.number(1_234_567) == f"1{NNBSP}234{NNBSP}567"
    assert fmt.number(71) == "71"


def test_decimals_use_a_comma_and_keep_the_digits_as_written():
    assert fmt.number(55.52) == "55,52"
    assert fmt.number(43.58) == "43,58"
    assert fmt.number(17_000.0) == f"17{NNBSP}000"


def test_percentages_take_a_percentage_not_a_fraction():
    assert fmt.percent(46) == f"46{NNBSP}%"
    assert fmt.percent(55.52) == f"55,52{NNBSP}%"
    assert fmt.percent(100) == f"100{NNBSP}%"


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (FuzzyDate(2021, 6, 22), "22 juin 2021"),
        (FuzzyDate(2021, 9, 30), "30 septembre 2021"),
        (FuzzyDate(2021, 6, 1), "1er juin 2021"),
        (FuzzyDate(2021, 9), "septembre 2021"),
        (FuzzyDate(2022, 4), "avril 2022"),
        (FuzzyDate(2021), "2021"),
    ],
)
def test_dates_are_as_precise_as_they_are_known(date, text):
    assert fmt.date(date) == text


@pytest.mark.parametrize(
    ("value", "text"), [(2, "(+2)"), (-3, "(-3)"), (0, "(=)"), (1_500, f"(+1{NNBSP}500)")]
)
def test_deltas_are_signed_in_parentheses(value, text):
    assert fmt.delta(value) == text


def test_an_unknown_delta_prints_nothing():
    assert fmt.delta(None) == ""


def test_a_figure_with_the_previous_years_figure():
    assert fmt.with_previous(133, 141, 2020) == "133 (141 en 2020)"
    assert fmt.with_previous(178_114, 170_000, 2020) == f"178{NNBSP}114 (170{NNBSP}000 en 2020)"


def test_a_figure_without_a_previous_figure_stands_alone():
    assert fmt.with_previous(133, None, 2020) == "133"


@pytest.mark.parametrize(
    ("value", "text"), [(22, f"+22{NNBSP}%"), (-5, f"-5{NNBSP}%"), (0, f"0{NNBSP}%"), (None, "")]
)
def test_relative_changes(value, text):
    assert fmt.change(value) == text


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((120, "", Qualifier.OVER), "plus de 120"),
        ((2_000, "", Qualifier.OVER), f"plus de 2{NNBSP}000"),
        ((80, "", Qualifier.ABOUT), "environ 80"),
        ((59_600, "heures", Qualifier.NEARLY), f"près de 59{NNBSP}600 heures"),
        ((46, "%", Qualifier.EXACT), f"46{NNBSP}%"),
        ((30, "jours", Qualifier.EXACT), "30 jours"),
    ],
)
def test_quantities_carry_their_qualifier_and_unit(args, text):
    assert fmt.quantity(*args) == text


def test_signed_numbers():
    assert fmt.signed(2) == "+2"
    assert fmt.signed(-3) == "-3"
    assert fmt.signed(5.4) == "+5,4"
