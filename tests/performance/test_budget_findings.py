"""Budget findings on hand-made snapshots: what a reviewer must see when a line's figures cannot add up."""

from decimal import Decimal

from performance.results import compute_results
from performance.snapshot import LineData, Money
from tests.snapshots import snapshot

D = Decimal


def test_a_line_with_a_realisation_but_no_budget_is_an_error_and_its_parent_absorption_is_inflated():
    program = LineData("1.01", "Program", "program", figures={})
    funded = LineData("1.01.2.01", "Kegiatan A", "activity", parent="1.01", figures={2024: Money(D(100), D(90))})
    unfunded = LineData("1.01.2.02", "Kegiatan B", "activity", parent="1.01", figures={2024: Money(None, D(350))})
    results = compute_results(snapshot(lines=[program, funded, unfunded]), 2024)
    parent = next(line for line in results.budget_lines if line.code == "1.01")
    assert parent.absorption == D(440)
    found = [f for f in results.findings if f.rule == "realisation_without_budget"]
    assert [(f.severity, f.subject) for f in found] == [("error", "1.01.2.02")]
    assert found[0].message == "Realisasi Rp350 dicatat tanpa pagu tahun 2024"


def test_a_line_with_a_budget_of_zero_is_over_budget_not_without_budget():
    line = LineData("1.01", "Program", "program", figures={2024: Money(D(0), D(5))})
    rules = {f.rule for f in compute_results(snapshot(lines=[line]), 2024).findings}
    assert "realisation_exceeds_budget" in rules
    assert "realisation_without_budget" not in rules


def test_a_line_without_budget_and_without_realisation_is_not_reported():
    line = LineData("1.01", "Program", "program", figures={2024: Money(None, None)})
    rules = {f.rule for f in compute_results(snapshot(lines=[line]), 2024).findings}
    assert "realisation_without_budget" not in rules
