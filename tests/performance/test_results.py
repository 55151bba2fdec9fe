"""compute_results on hand-made snapshots: the roll-ups and finding rules in the cases the seeds lack."""

from decimal import Decimal

from domain.numbers import plain
from performance.results import compute_results
from performance.snapshot import (
    GoalData,
    LineData,
    Money,
    NarrativeData,
    ObjectiveData,
    RealisationData,
    TargetData,
    YearData,
)
from tests.snapshots import indicator, snapshot

D = Decimal


def rules_of(results):
    return {(f.rule, f.subject) for f in results.findings}


def test_a_pending_realisation_has_no_achievement_and_drops_out_of_the_roll_up():
    objective = ObjectiveData(
        "S1", "Sasaran", "T1", [indicator("A", "50", "60"), indicator("B", "50", None, status="pending")]
    )
    results = compute_results(snapshot([objective]), 2024)
    assert results.indicator("B").achievement is None
    assert plain(results.objective("S1").achievement) == "120.00"
    assert ("missing_realisation", "B") in rules_of(results)


def test_an_objective_with_no_computable_indicator_has_no_achievement_and_no_category():
    objective = ObjectiveData("S1", "Sasaran", "T1", [indicator("A", "0", "5")])
    results = compute_results(snapshot([objective]), 2024)
    assert results.objective("S1").achievement is None
    assert results.objective("S1").category is None
    assert results.totals.achievement is None
    assert ("zero_target", "A") in rules_of(results)


def test_missing_target_and_wrong_kind_are_reported_independently():
    objective = ObjectiveData(
        "S1", "Sasaran", "T1", [indicator("A", None, "BB"), indicator("B", "BB", "70"), indicator("C", "5", None)]
    )
    found = rules_of(compute_results(snapshot([objective]), 2024))
    assert {("missing_target", "A"), ("value_kind_mismatch", "A")} <= found
    assert ("value_kind_mismatch", "B") in found
    assert ("missing_realisation", "C") in found
    assert ("value_kind_mismatch", "C") not in found


def test_an_objective_budget_is_the_sum_of_the_highest_lines_naming_it():
    lines = [
        LineData("P1", "Program", "program", None, ("S1",), {2024: Money(D(100), D(90))}),
        LineData("P1.K1", "Kegiatan", "activity", "P1", ("S1",), {2024: Money(D(60), D(55))}),
        LineData("P1.K2", "Kegiatan", "activity", "P1", (), {2024: Money(D(40), D(35))}),
        LineData("P2", "Program", "program", None, (), {}),
        LineData("P2.K1", "Kegiatan", "activity", "P2", ("S1",), {2024: Money(D(50), None)}),
    ]
    objective = ObjectiveData("S1", "Sasaran", "T1", [indicator("A", "50", "50")])
    result = compute_results(snapshot([objective], lines), 2024).objective("S1")
    assert result.budget == D(150)
    assert result.realisation == D(90)
    assert result.budget_lines == ("P1", "P2.K1")


def test_an_objectives_own_budget_wins_over_linked_lines():
    lines = [LineData("P1", "Program", "program", None, ("S1",), {2024: Money(D(100), D(90))})]
    objective = ObjectiveData("S1", "Sasaran", "T1", [], budgets={2024: Money(D(10), D(12))})
    results = compute_results(snapshot([objective], lines), 2024)
    assert results.objective("S1").budget == D(10)
    assert ("realisation_exceeds_budget", "S1") in rules_of(results)


def test_totals_fall_back_to_programs_then_to_objective_budgets():
    lines = [LineData("P1", "Program", "program", None, ("S1",), {2024: Money(D(100), D(90))})]
    objective = ObjectiveData("S1", "Sasaran", "T1", [], budgets={2024: Money(D(10), D(5))})
    assert compute_results(snapshot([objective], lines), 2024).totals.budget == D(100)
    assert compute_results(snapshot([objective]), 2024).totals.budget == D(10)
    with_total = snapshot([objective], lines, years={2024: YearData(2024, budget_total=D(500), realisation_total=D(1))})
    assert compute_results(with_total, 2024).totals.budget == D(500)


def test_objective_without_budget_is_flagged():
    objective = ObjectiveData("S1", "Sasaran", "T1", [indicator("A", "50", "50")])
    assert ("objective_without_budget", "S1") in rules_of(compute_results(snapshot([objective]), 2024))


def test_pk_target_differs_from_renstra_compares_numbers_as_numbers():
    same = indicator("A", None, "80")
    same.targets = {2024: TargetData("75", "75.00")}
    differs = indicator("B", None, "80")
    differs.targets = {2024: TargetData("75", "80", "Penyesuaian Renja")}
    results = compute_results(snapshot([ObjectiveData("S1", "Sasaran", "T1", [same, differs])]), 2024)
    found = [f for f in results.findings if f.rule == "target_differs_from_renstra"]
    assert [f.subject for f in found] == ["B"]
    assert "Penyesuaian Renja" in found[0].message
    assert results.indicator("B").target == "80"


def test_same_value_as_last_year_compares_numbers_as_numbers():
    carried = indicator("A", "50", "0.63", previous="0.630")
    moved = indicator("B", "50", "0.64", previous="0.63")
    found = rules_of(compute_results(snapshot([ObjectiveData("S1", "Sasaran", "T1", [carried, moved])]), 2024))
    assert ("realisation_same_as_previous_year", "A") in found
    assert ("realisation_same_as_previous_year", "B") not in found


def test_history_gives_each_renstra_year_so_far():
    data = indicator("A", "50", "60")
    data.targets[2023] = TargetData("40", None)
    data.realisations[2023] = RealisationData("20")
    result = compute_results(snapshot([ObjectiveData("S1", "Sasaran", "T1", [data])]), 2024)
    history = result.indicator("A").history
    assert [h.year for h in history] == [2021, 2022, 2023, 2024]
    assert [plain(h.achievement) for h in history] == [None, None, "50.00", "120.00"]
    assert [(y, plain(a)) for y, a in result.objective("S1").history][-2:] == [(2023, "50.00"), (2024, "120.00")]


def test_other_region_check_accepts_the_own_name_followed_by_other_words():
    years = {
        2024: YearData(
            2024,
            narratives={
                "background": NarrativeData(
                    "Pemerintah Kabupaten Contoh Nomor 5 dan Kabupaten Contoh.\nKota Lain-lain. "
                    "Kabupaten/Kota se-Provinsi. Provinsi Kepegawaian Daerah Contoh. Kota Pangkal Pinang."
                )
            },
        )
    }
    results = compute_results(snapshot(years=years), 2024)
    messages = [f.message for f in results.findings if f.rule == "narrative_mentions_other_region"]
    assert len(messages) == 1
    assert "Kota Pangkal Pinang" in messages[0]


def test_own_region_names_with_lower_case_words_are_recognised():
    years = {
        2024: YearData(
            2024, narratives={"background": NarrativeData("Kabupaten Pangkajene dan Kepulauan. Kabupaten Pangkajene.")}
        )
    }
    results = compute_results(
        snapshot(years=years, government_name="Pemerintah Kabupaten Pangkajene dan Kepulauan"), 2024
    )
    messages = [f.message for f in results.findings if f.rule == "narrative_mentions_other_region"]
    assert len(messages) == 1
    assert "menyebut Kabupaten Pangkajene," in messages[0]


def test_other_year_check_ignores_periods_evaluations_and_the_report_year():
    text = (
        "Laporan Kinerja Tahun 2024 ini disusun. Renstra Tahun 2021-2026. Sumber Data: LHE AKIP Tahun Anggaran 2023. "
        "Perjanjian Kinerja Tahun 2024. Dibandingkan tahun 2023 capaian naik. DPA 2023 lalu."
    )
    results = compute_results(
        snapshot(years={2024: YearData(2024, narratives={"conclusion": NarrativeData(text)})}), 2024
    )
    messages = [f.message for f in results.findings if f.rule == "narrative_mentions_other_year"]
    assert len(messages) == 1
    assert "DPA 2023" in messages[0]


def test_a_malformed_nip_is_a_warning_not_a_refusal():
    results = compute_results(snapshot(head_nip="19710215199703105"), 2024)
    assert ("nip_malformed", "agency") in rules_of(results)
    assert not any(f.rule == "nip_malformed" for f in compute_results(snapshot(), 2024).findings)


def test_goal_indicators_are_computed_but_not_rolled_up():
    goal = GoalData("T1", "Tujuan", [indicator("G", "10", "5", objective=None, goal="T1")])
    objective = ObjectiveData("S1", "Sasaran", "T1", [indicator("A", "50", "50")])
    results = compute_results(snapshot([objective], goals=[goal]), 2024)
    assert plain(results.indicator("G").achievement) == "50.00"
    assert plain(results.totals.achievement) == "100.00"


def test_findings_list_errors_first():
    lines = [LineData("P1", "Program", "program", None, (), {2024: Money(D(10), D(20))})]
    results = compute_results(snapshot([ObjectiveData("S1", "Sasaran", "T1", [])], lines), 2024)
    severities = [f.severity for f in results.findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert severities[0] == "error"
