"""The admin's JSON boxes (a scale, category bands) keep typed decimals exact, so what is typed is valid."""

from decimal import Decimal

from backoffice.admin.columns import OptionalJSONField
from domain.validators import category_bands_problems, scale_problems
from domain.values import resolve_scale


def test_a_decimal_minimum_typed_in_a_scale_is_kept_exact_and_grades_on_its_bound():
    scale = OptionalJSONField().clean('[{"grade": "C"}, {"grade": "B", "min": 76.61}, {"grade": "A", "min": 88.31}]')
    assert scale[2] == {"grade": "A", "min": "88.31"}
    assert scale_problems(scale) == []
    assert resolve_scale(scale).grade_of_number(Decimal("88.31")) == "A"


def test_decimal_category_minimums_typed_in_the_box_are_valid_bands():
    bands = OptionalJSONField().clean('[{"min": 90.5, "label": "Sangat Tinggi"}, {"min": 0, "label": "Lainnya"}]')
    assert bands == [{"min": "90.5", "label": "Sangat Tinggi"}, {"min": 0, "label": "Lainnya"}]
    assert category_bands_problems(bands) == []


def test_an_empty_box_is_no_value():
    assert OptionalJSONField(required=False).clean("") is None
    assert OptionalJSONField().prepare_value(None) == ""
