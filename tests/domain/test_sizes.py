"""The size of a number LAKIP keeps: judged from its exponent, so a huge one is refused at once."""

from decimal import Decimal

import pytest

from domain.numbers import MONEY_DIGITS, size_problem


@pytest.mark.parametrize(
    ("number", "digits", "fits"),
    [
        ("999999999999999", None, True),  # 15 digits before the point
        ("1000000000000000", None, False),
        ("0.0000000001", None, True),  # 10 places
        ("0.00000000001", None, False),
        ("78.130000000000000", None, True),  # trailing zeros are not places
        ("-123.45", None, True),
        ("0", None, True),
        ("0E-999999999", None, True),
        ("1E+999999999", None, False),
        ("1E-999999999", None, False),
        ("9999999999999999.99", MONEY_DIGITS, True),  # the column numeric(18, 2)
        ("10000000000000000", MONEY_DIGITS, False),
        ("0.001", MONEY_DIGITS, False),
        ("1.10", MONEY_DIGITS, True),
    ],
)
def test_a_number_fits_when_its_digits_before_and_after_the_point_do(number, digits, fits):
    problem = size_problem(Decimal(number), *([digits] if digits else []))
    assert (problem is None) is fits
