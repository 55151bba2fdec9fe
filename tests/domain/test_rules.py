"""The computation rules, table-driven from the domain brief's worked examples, and their properties."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from domain import rules, validators, values
from domain.enums import ACHIEVEMENT_CAPS
from domain.numbers import plain

D = Decimal


def achieved(target, realisation, **kwargs):
    return plain(rules.achievement(target, realisation, **kwargs).value)


@pytest.mark.parametrize(
    ("target", "realisation", "kwargs", "expected"),
    [
        # 1. Higher is better: seed 000 IP ASN 78,13 / 51.
        ("51", "78.13", {}, "153.20"),
        ("84", "98.07", {}, "116.75"),
        ("0.63", "0.63", {}, "100.00"),
        # 2. Lower is better: T 8,50, R 8,20.
        ("8.50", "8.20", {"direction": "lower"}, "103.53"),
        ("10", "25", {"direction": "lower"}, "0.00"),
        # 3. Range targets, higher and lower is better (spec's precise readings).
        ("80-90", "70", {}, "87.50"),
        ("80-90", "85", {}, "100.00"),
        ("80-90", "99", {}, "110.00"),
        ("7-8", "6.5", {"direction": "lower"}, "107.14"),
        ("7-8", "9", {"direction": "lower"}, "87.50"),
        ("76.61-88.30", "88.57", {}, "100.31"),
        # 4. Graded: seed 002 AKIP 70,30 is BB against BB; seed 001 A against BB.
        ("BB", "70.30", {"scale": values.SAKIP}, "100.00"),
        ("BB", "A", {"scale": values.SAKIP}, "100.00"),
        ("A", "BB", {"scale": values.SAKIP}, "83.33"),
        ("B", "70", {"scale": values.IKM}, "66.67"),
        ("B", "88.31", {"scale": values.IKM}, "100.00"),
        # 5. Zero targets.
        ("0", "0", {}, "100.00"),
        ("0", "3", {"direction": "lower"}, "0.00"),
        ("0", "3", {}, None),
        # 6. Cap: seed 001 caps at 100.
        ("90.29", "91.86", {"cap": 100}, "100.00"),
        ("2", "4", {"cap": 150}, "150.00"),
        ("90.29", "91.86", {}, "101.74"),
    ],
)
def test_worked_examples_of_the_domain_brief(target, realisation, kwargs, expected):
    assert achieved(target, realisation, **kwargs) == expected


@pytest.mark.parametrize(
    ("target", "realisation", "scale", "problem"),
    [
        (None, "5", None, rules.NO_TARGET),
        ("5", None, None, rules.NO_REALISATION),
        ("0", "3", None, rules.ZERO_TARGET),
        ("BB", "70", None, rules.WRONG_KIND),
        ("5", "B", None, rules.WRONG_KIND),
        ("B", "3", values.resolve_scale(["D", "C", "B", "A"]), rules.WRONG_KIND),
        ("XYZ", "A", values.SAKIP, rules.WRONG_KIND),
        ("5", "4-6", None, rules.WRONG_KIND),
    ],
)
def test_an_achievement_that_cannot_be_computed_says_why(target, realisation, scale, problem):
    outcome = rules.achievement(target, realisation, scale=scale)
    assert outcome.value is None
    assert outcome.problem == problem


def test_custom_scale_with_bands_grades_a_number_inclusively():
    scale = values.resolve_scale([{"grade": "D", "min": 0}, {"grade": "C", "min": 50}, {"grade": "B", "min": 70}])
    assert scale.grade_of(values.Number(D(70))) == "B"
    assert scale.grade_of(values.Number(D("69.99"))) == "C"
    assert achieved("B", "55", scale=scale) == "66.67"


@pytest.mark.parametrize(
    ("spec", "usable"),
    [
        (None, True),
        ("sakip", True),
        (["D", "C", "B", "A"], True),
        ([{"grade": "D"}, {"grade": "C", "min": 50}], True),
        ("abc", False),
        ([], False),
        (["A", "a"], False),
        ([{"grade": "D", "min": 50}, {"grade": "C", "min": 40}], False),
    ],
)
def test_scale_problems_accept_the_spec_forms_and_refuse_the_rest(spec, usable):
    assert (validators.scale_problems(spec) == []) is usable


def test_sakip_bands_are_strict_lower_bounds():
    assert values.SAKIP.grade_of(values.Number(D(90))) == "A"
    assert values.SAKIP.grade_of(values.Number(D("90.01"))) == "AA"
    assert values.SAKIP.grade_of(values.Number(D(30))) == "D"


# The brief's five bands (lower bounds 91/76/66/51), from the lowest up.
CATEGORIES = ("Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi")


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("153.196", "Sangat Tinggi"),  # above 100 stays in the top band
        ("91", "Sangat Tinggi"),
        ("90.996", "Sangat Tinggi"),  # written 91,00
        ("90.995", "Sangat Tinggi"),  # written 91,00: half rounds up
        ("90.994", "Tinggi"),  # written 90,99
        ("90.99", "Tinggi"),
        ("76", "Tinggi"),
        ("75.995", "Tinggi"),  # written 76,00
        ("75.99", "Sedang"),
        ("66", "Sedang"),
        ("65.995", "Sedang"),  # written 66,00
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.995", "Rendah"),  # written 51,00
        ("50.99", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
    ],
)
def test_category_is_the_band_of_the_achievement_as_written(value, label):
    assert rules.category(D(value)) == label


def test_agency_category_bands_replace_the_default():
    bands = rules.category_bands([{"min": 90, "label": "Sangat Memuaskan"}, {"min": 0, "label": "Sangat Kurang"}])
    assert rules.category(D("98.05"), bands) == "Sangat Memuaskan"
    assert rules.category(D("89.99"), bands) == "Sangat Kurang"


def test_objective_achievement_is_the_mean_of_known_indicator_achievements():
    # Seed 000 Sasaran 1: (100 + 153,196) / 2 = 126,60; a pending indicator drops out.
    s1 = rules.mean([D(100), rules.achievement("51", "78.13").value, None])
    assert plain(s1) == "126.60"
    assert rules.mean([None, None]) is None


@pytest.mark.parametrize(
    ("budget", "realisation", "expected"),
    [
        ("6111568080", "3802972920", "62.23"),
        ("396277707", "273475416", "69.01"),
        ("19717644784", "15308783844", "77.64"),
        ("0", "5", None),
        ("100", None, None),
    ],
)
def test_absorption(budget, realisation, expected):
    value = rules.absorption(D(budget), D(realisation) if realisation else None)
    assert plain(value) == expected


@pytest.mark.parametrize(
    ("method", "expected"),
    [("ratio", "1.69"), ("unspent", "30.99"), ("gap", "47.74")],
)
def test_efficiency_methods_on_seed_000_sasaran_2(method, expected):
    value = rules.efficiency(method, achievement_value=D("116.75"), budget=D(396277707), realisation=D(273475416))
    assert plain(value) == expected


def test_eka_efficiency_score_follows_pmk_22_2021():
    # E = 1 − 273.475.416 / (396.277.707 × 1,1675) = 0,40889...; NE = 50 + E / 0,2 × 50, clamped to 100.
    value = rules.efficiency("eka", achievement_value=D("116.75"), budget=D(396277707), realisation=D(273475416))
    assert value == D(100)
    # C = 70%, serapan 69,01%: E = 1 − 0,6901 / 0,70 = 0,01414...; NE = 53,54.
    value = rules.efficiency("eka", achievement_value=D(70), budget=D(10000), realisation=D(6901))
    assert plain(value) == "53.54"


def test_unspent_efficiency_needs_no_achievement():
    assert plain(rules.efficiency("unspent", achievement_value=None, budget=D(100), realisation=D(40))) == "60.00"
    assert rules.efficiency("ratio", achievement_value=None, budget=D(100), realisation=D(40)) is None


def test_a_parent_line_takes_the_sums_of_its_children_and_keeps_its_own_figure_for_comparison():
    children = [
        rules.LineFigures(D(860000000), D(893618832), D(860000000), D(893618832)),
        rules.LineFigures(D(684000000), D(663009785), D(684000000), D(663009785)),
        rules.LineFigures(None, None, None, None),
    ]
    figures = rules.line_figures(D(1544000000), D(1502628617), children)
    assert figures.from_children
    assert (figures.budget, figures.realisation) == (D(1544000000), D(1556628617))
    assert (figures.own_budget, figures.children_budget) == (D(1544000000), D(1544000000))
    assert (figures.own_realisation, figures.children_realisation) == (D(1502628617), D(1556628617))


def test_a_line_without_children_figures_keeps_its_own():
    figures = rules.line_figures(D(5), D(4), [rules.LineFigures(None, None, None, None)])
    assert (figures.budget, figures.realisation, figures.from_children) == (D(5), D(4), False)


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [("75", "75.00", True), ("70-80", "70.0-80", True), ("BB", "BB", True), ("BB", "A", False), ("5", "6", False)],
)
def test_targets_compare_as_numbers_ranges_and_grades(a, b, equal):
    assert values.values_equal(a, b) is equal


# --- Properties ---------------------------------------------------------------------------------------

positive = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2)
any_amount = st.decimals(min_value=D("0"), max_value=D("100000"), places=2)


@given(target=positive, low=any_amount, high=any_amount)
def test_higher_is_better_is_monotone_in_the_realisation(target, low, high):
    assume(low <= high)
    a = rules.achievement(str(target), str(low)).value
    b = rules.achievement(str(target), str(high)).value
    assert a <= b


@given(target=positive, realisation=any_amount, cap=st.sampled_from(ACHIEVEMENT_CAPS))
def test_a_capped_achievement_never_exceeds_the_cap(target, realisation, cap):
    assert rules.achievement(str(target), str(realisation), cap=cap).value <= cap


@given(target=positive, realisation=any_amount)
def test_lower_is_better_is_never_negative(target, realisation):
    assert rules.achievement(str(target), str(realisation), direction="lower").value >= 0


@given(target=positive, low=any_amount, high=any_amount)
def test_lower_is_better_never_rewards_a_higher_realisation(target, low, high):
    assume(low <= high)
    a = rules.achievement(str(target), str(low), direction="lower").value
    b = rules.achievement(str(target), str(high), direction="lower").value
    assert a >= b


@given(
    pairs=st.lists(st.tuples(positive, any_amount), min_size=1, max_size=6),
    direction=st.sampled_from(["higher", "lower"]),
)
def test_an_objective_achievement_lies_between_its_indicators_least_and_greatest(pairs, direction):
    values = [rules.achievement(str(t), str(r), direction=direction).value for t, r in pairs]
    objective = rules.mean(values)
    assert min(values) <= objective <= max(values)


# The SAKIP grades of the brief, from the lowest up.
SAKIP_ORDER = ("D", "C", "CC", "B", "BB", "A", "AA")


@given(target=st.sampled_from(SAKIP_ORDER), realisation=st.sampled_from(SAKIP_ORDER))
def test_a_graded_achievement_is_100_exactly_when_the_grade_meets_the_target(target, realisation):
    value = rules.achievement(target, realisation, scale=values.SAKIP).value
    met = SAKIP_ORDER.index(realisation) >= SAKIP_ORDER.index(target)
    assert (value == 100) is met
    assert 0 < value <= 100


@given(
    low=positive,
    width=any_amount,
    fraction=st.decimals(min_value=0, max_value=1, places=2),
    direction=st.sampled_from(["higher", "lower"]),
)
def test_a_realisation_inside_a_range_target_scores_100(low, width, fraction, direction):
    high = low + width
    realisation = low + width * fraction
    assert rules.achievement(f"{low}-{high}", str(realisation), direction=direction).value == 100


achievements = st.decimals(min_value=D("0"), max_value=D("200"), places=4)


@given(low=achievements, high=achievements)
def test_a_higher_achievement_never_falls_in_a_lower_category(low, high):
    assume(low <= high)
    assert CATEGORIES.index(rules.category(low)) <= CATEGORIES.index(rules.category(high))


@given(value=achievements)
def test_an_achievement_and_its_written_form_fall_in_the_same_category(value):
    assert rules.category(value) == rules.category(D(plain(value)))


def test_a_childs_realisation_counts_even_where_the_child_has_no_pagu():
    children = [
        rules.LineFigures(D(100), D(90), D(100), D(90)),
        rules.LineFigures(None, D(5), None, D(5)),
    ]
    figures = rules.line_figures(None, None, children)
    assert (figures.budget, figures.realisation) == (D(100), D(95))
