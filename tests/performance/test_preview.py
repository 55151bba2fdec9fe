"""performance.preview: the figures with typed, unsaved realisations are the engine's figures of those values."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.numbers import plain
from performance.preview import preview_results, with_realisations
from performance.results import compute_results
from performance.snapshot import GoalData, LineData, ObjectiveData, RealisationData, TargetData
from tests.snapshots import YEAR, indicator, snapshot


def agency(value="60", status="final"):
    """Sasaran S1 with IKU-1 (target 51) and IKU-2 (target 84, 98.07), goal indicator IKT-1 (target 10) and
    budget-line indicator IKK-1 (target 100, 90)."""
    goal = GoalData("T1", "Tujuan", [indicator("IKT-1", "10", "8", objective=None, goal="T1")])
    objective = ObjectiveData(
        "S1", "Sasaran", "T1", [indicator("IKU-1", "51", value, status=status), indicator("IKU-2", "84", "98.07")]
    )
    line = LineData("P1", "Program", "program", indicators=[indicator("IKK-1", "100", "90", objective=None)])
    return snapshot([objective], [line], goals=[goal])


@pytest.mark.parametrize(
    ("code", "typed", "achievement", "category", "objective"),
    [
        ("IKU-1", RealisationData("78.13", "provisional"), "153.20", "Sangat Tinggi", "134.97"),
        ("IKU-1", RealisationData("25.5"), "50.00", "Sangat Rendah", "83.38"),
        ("IKU-1", RealisationData("78.13", "pending"), None, None, "116.75"),
        ("IKU-1", None, None, None, "116.75"),
        ("IKU-2", RealisationData("84"), "100.00", "Sangat Tinggi", "108.82"),
        ("IKT-1", RealisationData("5"), "50.00", "Sangat Rendah", "117.20"),
        ("IKK-1", RealisationData("120"), "120.00", "Sangat Tinggi", "117.20"),
    ],
)
def test_a_typed_realisation_gives_the_engines_figures(code, typed, achievement, category, objective):
    results = preview_results(agency(), YEAR, {code: typed})
    figure = results.indicator(code)
    assert (plain(figure.achievement) if figure.achievement is not None else None) == achievement
    assert figure.category == category
    assert plain(results.objective("S1").achievement) == objective


def test_the_snapshot_itself_is_left_as_loaded():
    data = agency()
    before = compute_results(data, YEAR)
    preview_results(data, YEAR, {"IKU-1": RealisationData("1"), "IKK-1": None})
    after = compute_results(data, YEAR)
    assert [i.achievement for i in after.indicators] == [i.achievement for i in before.indicators]
    assert data.objectives[0].indicators[0].realisations[YEAR].value == "60"


def test_other_years_and_other_fields_of_the_record_are_kept():
    data = agency()
    data.objectives[0].indicators[0].realisations[YEAR - 1] = RealisationData("40")
    changed = with_realisations(data, YEAR, {"IKU-1": RealisationData("70", note="baru")})
    realisations = changed.objectives[0].indicators[0].realisations
    assert realisations[YEAR - 1].value == "40"
    assert (realisations[YEAR].value, realisations[YEAR].note) == ("70", "baru")


def test_a_typed_value_is_seen_by_the_finding_rules():
    results = preview_results(agency(), YEAR, {"IKU-1": None})
    assert ("missing_realisation", "IKU-1") in {(f.rule, f.subject) for f in results.findings}


numbers = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)


@given(target=numbers, value=numbers, status=st.sampled_from(["final", "provisional", "pending"]))
def test_the_preview_of_a_stored_value_is_compute_results_figure(target, value, status):
    stored = agency(f"{value}", status)
    stored.objectives[0].indicators[0].targets[YEAR] = TargetData(f"{target}", None)
    empty = with_realisations(stored, YEAR, {"IKU-1": None})
    saved = compute_results(stored, YEAR)
    previewed = preview_results(empty, YEAR, {"IKU-1": RealisationData(f"{value}", status)})
    assert previewed.indicator("IKU-1").achievement == saved.indicator("IKU-1").achievement
    assert previewed.indicator("IKU-1").category == saved.indicator("IKU-1").category
    assert previewed.objective("S1").achievement == saved.objective("S1").achievement
    assert previewed.totals == saved.totals
