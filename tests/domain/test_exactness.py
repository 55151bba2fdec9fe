"""Ratios and means are exact until written: a figure on a half cent is rounded up, whatever its size."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import rules
from domain.numbers import format_decimal, plain, round_half_up
from performance.results import compute_results
from performance.snapshot import ObjectiveData
from tests.snapshots import indicator, snapshot


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Fraction(3793, 40), "94.83"),  # 379,3 / 4
        (Decimal("94.825"), "94.83"),
        (Decimal("94.82499999999999999999999999999"), "94.82"),
        (Fraction(-1, 200), "-0.01"),
        (Fraction(1, 3) * 100, "33.33"),
        (Fraction(2, 3) * 100, "66.67"),
        (Decimal("0.004999"), "0.00"),
        (Decimal("-0.004"), "0.00"),
        (Fraction(10**40) + Fraction(1, 200), "10000000000000000000000000000000000000000.01"),
        (7, "7.00"),
    ],
)
def test_a_figure_is_rounded_half_up_on_its_exact_value(value, written):
    assert plain(value) == written


def test_a_figure_far_beyond_28_digits_is_still_written_in_full():
    assert format_decimal(Fraction(10**30) / 3) == "333.333.333.333.333.333.333.333.333.333,33"


def test_a_mean_exactly_on_a_half_cent_is_written_up():
    """Three indicators at 1/3 of their target and one at 279,3%: (3 × 33,333… + 279,3) / 4 = 94,825 exactly.

    With quotients cut at 28 digits the sum is 379,2999…, and the mean was written 94,82."""
    third = [indicator(f"I{n}", "3", "1") for n in range(3)]
    objective = ObjectiveData("S1", "Sasaran", "T1", [*third, indicator("I3", "100", "279.3")])
    results = compute_results(snapshot([objective]), 2024)
    assert results.objective("S1").achievement == Fraction(3793, 40)
    assert plain(results.objective("S1").achievement) == "94.83"
    assert plain(results.totals.achievement) == "94.83"


def test_an_absorption_on_a_half_cent_is_written_up():
    assert plain(rules.absorption(Decimal(200000), Decimal("189650.01"))) == "94.83"
    assert plain(rules.absorption(Decimal(400), Decimal("379.3"))) == "94.83"


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1E15"), places=2)


@given(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=8))
def test_the_mean_of_achievements_is_the_exact_rational_mean(pairs):
    """An independent computation: each achievement as a rational R / T × 100, their mean, then half-up."""
    achievements = [rules.achievement(str(t), str(r)).value for t, r in pairs]
    exact = sum(Fraction(r) / Fraction(t) * 100 for t, r in pairs) / len(pairs)
    assert rules.mean(achievements) == exact
    doubled = exact * 200  # the written figure is floor(exact × 100 + 1/2) / 100
    assert round_half_up(rules.mean(achievements)) == Decimal(int(doubled + 1) // 2) / 100
