"""The children's sums of a budget line, as the engine gives them to the budget page beside the line's own pagu."""

from decimal import Decimal

from performance.results import agency_results, compute_results
from performance.snapshot import LineData, Money
from tests.snapshots import snapshot

D = Decimal


def _lines(results):
    return {line.code: line for line in results.budget_lines}


def test_a_parent_shows_its_own_figures_beside_its_childrens_sums():
    program = LineData("1.01", "Program", "program", figures={2024: Money(D(1000), D(900))})
    activity = LineData("1.01.2.01", "Kegiatan", "activity", parent="1.01", figures={2024: Money(D(700), D(650))})
    first = LineData("1.01.2.01.1", "Sub A", "sub_activity", parent="1.01.2.01", figures={2024: Money(D(400), D(380))})
    second = LineData("1.01.2.01.2", "Sub B", "sub_activity", parent="1.01.2.01", figures={2024: Money(D(350), None)})
    lines = _lines(compute_results(snapshot(lines=[program, activity, first, second]), 2024))

    activity_result = lines["1.01.2.01"]
    assert (activity_result.own_budget, activity_result.own_realisation) == (D(700), D(650))
    assert (activity_result.children_budget, activity_result.children_realisation) == (D(750), D(380))
    # The program's children are the activity, whose figures are already its children's sums.
    assert (lines["1.01"].children_budget, lines["1.01"].children_realisation) == (D(750), D(380))
    assert (lines["1.01"].own_budget, lines["1.01"].budget) == (D(1000), D(750))


def test_a_leaf_or_a_parent_whose_children_have_no_pagu_has_no_childrens_sum():
    program = LineData("1.01", "Program", "program", figures={2024: Money(D(500), D(450))})
    activity = LineData("1.01.2.01", "Kegiatan", "activity", parent="1.01", figures={2024: Money(None, D(10))})
    lines = _lines(compute_results(snapshot(lines=[program, activity]), 2024))
    assert lines["1.01"].children_budget is None
    assert lines["1.01"].children_realisation is None
    assert (lines["1.01"].budget, lines["1.01"].from_children) == (D(500), False)
    assert lines["1.01.2.01"].children_budget is None


def test_demo_childrens_sums_are_the_reports_own_figures(import_demo):
    """Belitung Timur's kegiatan P1.K1 is the sum of its two sub kegiatan (64.508.000 + 2.051.000); Bengkulu's
    program 5.03.02 prints a realisation 54.000.000 below its kegiatan's sum, which the page must show."""
    lines = _lines(agency_results(agency=import_demo("belitung-timur-2024"), year=2024))
    assert (lines["P1.K1"].children_budget, lines["P1.K1"].children_realisation) == (D(66559000), D(65769000))
    assert lines["P1.K1.S1"].children_budget is None

    lines = _lines(agency_results(agency=import_demo("bengkulu-2024"), year=2024))
    program = lines["5.03.02"]
    assert (program.own_realisation, program.children_realisation) == (D(3698626072), D(3752626072))
