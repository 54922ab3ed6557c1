"""The arithmetic every summary shares: deltas, percentages, approximate figures."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from avereport.model.compute import CountLine, change_percent, difference, percent_of
from avereport.model.edition import Qualifier


def test_a_delta_needs_both_figures():
    assert CountLine(key="k", label="l", value=71, previous=69).delta == 2
    assert CountLine(key="k", label="l", value=71).delta is None
    assert CountLine(key="k", label="l", value=None, previous=69).delta is None
    assert CountLine(key="k", label="l", value=5, previous=5).delta == 0


def test_an_approximate_figure_gets_no_delta_against_last_year():
    over = CountLine(key="k", label="l", value=2_000, previous=2_173, qualifier=Qualifier.OVER)
    assert over.delta is None and over.change is None
    before = CountLine(key="k", label="l", value=2_173, previous=2_000, previous_qualifier=Qualifier.ABOUT)
    assert before.delta is None


def test_relative_change_in_whole_percent():
    assert CountLine(key="k", label="l", value=71, previous=58).change == 22
    assert change_percent(120, 80) == 50
    assert change_percent(58, 71) == -18
    assert change_percent(5, 0) is None
    assert change_percent(None, 5) is None


def test_differences_of_decimals_have_no_binary_noise():
    assert difference(55.52, 50.1) == 5.42
    assert difference(0.3, 0.1) == 0.2
    assert difference(3.5, 1.5) == 2 and isinstance(difference(3.5, 1.5), int)


def test_percentages_round_half_up():
    assert percent_of(100, 147) == 68
    assert percent_of(1, 8) == 13
    assert percent_of(1, 40) == 3
    assert percent_of(5, 0) is None
    assert percent_of(None, 5) is None


@given(st.integers(min_value=-10_000, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_percent_of_matches_exact_half_up_rounding(part, whole):
    exact = Fraction(part * 100, whole)
    half_up = math.floor(abs(exact) + Fraction(1, 2))
    assert percent_of(part, whole) == (half_up if exact >= 0 else -half_up)
