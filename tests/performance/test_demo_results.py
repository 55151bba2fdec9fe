"""The figures and findings of the three real agencies, against the numbers of the brief and their notes."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from domain.numbers import plain
from interchange.exporter import export_document
from performance.results import agency_results
from performance.snapshot import load_snapshot


def findings_of(results, rule):
    return [f for f in results.findings if f.rule == rule]


@pytest.fixture
def bengkalis(import_demo):
    return agency_results(agency=import_demo("bengkalis-2024"), year=2024)


@pytest.fixture
def bengkulu(import_demo):
    return agency_results(agency=import_demo("bengkulu-2024"), year=2024)


@pytest.fixture
def belitung(import_demo):
    return agency_results(agency=import_demo("belitung-timur-2024"), year=2024)


@pytest.mark.parametrize(
    ("code", "achievement", "absorption", "efficiency"),
    [("S1", "126.60", "62.23", "37.77"), ("S2", "116.75", "69.01", "30.99"), ("S3", "100.00", "75.77", "24.23")],
)
def test_bengkalis_objectives_match_the_brief(bengkalis, code, achievement, absorption, efficiency):
    objective = bengkalis.objective(code)
    assert plain(objective.achievement) == achievement
    assert plain(objective.absorption) == absorption
    assert plain(objective.efficiency) == efficiency


def test_bengkalis_totals_use_the_whole_dpa(bengkalis):
    assert bengkalis.totals.budget == 19717644784
    assert plain(bengkalis.totals.absorption) == "77.64"


def test_bengkalis_ip_asn_is_153_20_and_provisional(bengkalis):
    ip_asn = bengkalis.indicator("IKU-2")
    assert plain(ip_asn.achievement) == "153.20"
    assert ip_asn.category == "Sangat Tinggi"
    assert plain(ip_asn.achievement_vs_end_target) == "124.02"
    assert ip_asn.is_provisional
    assert any(f.subject == "IKU-2" for f in findings_of(bengkalis, "realisation_provisional"))


def test_bengkalis_flags_last_years_report_and_the_wrong_regency(bengkalis):
    other_year = [f.message for f in findings_of(bengkalis, "narrative_mentions_other_year")]
    assert any("Laporan Kinerja Tahun 2023" in m for m in other_year)
    regions = [f.message for f in findings_of(bengkalis, "narrative_mentions_other_region")]
    assert any("Kabupaten Bengkulu" in m for m in regions)
    assert any("Kabupaten Bandung" in m for m in regions)
    assert not any("Kabupaten Bengkalis," in m for m in regions)


def test_bengkalis_carried_over_merit_index_is_flagged(bengkalis):
    subjects = {f.subject for f in findings_of(bengkalis, "realisation_same_as_previous_year")}
    assert subjects == {"IKU-1", "IKU-4"}


def test_bengkulu_flags_the_activity_whose_realisation_exceeds_its_pagu(bengkulu):
    exceeding = {f.subject: f.message for f in findings_of(bengkulu, "realisation_exceeds_budget")}
    assert exceeding["5.03.02.1.02"] == "Realisasi Rp893.618.832 melebihi pagu Rp860.000.000 (103,91%)"
    assert "S1" in exceeding


def test_bengkulu_program_takes_the_sum_of_its_activities_and_flags_its_own_figure(bengkulu):
    program = next(line for line in bengkulu.budget_lines if line.code == "5.03.02")
    assert program.realisation == 3752626072
    assert plain(program.absorption) == "96.83"
    assert [f.subject for f in findings_of(bengkulu, "children_sum_mismatch")] == ["5.03.02"]


def test_bengkulu_caps_achievement_at_100_and_leaves_goal_indicators_out_of_the_roll_up(bengkulu):
    assert plain(bengkulu.indicator("IKU-2").achievement) == "100.00"
    assert plain(bengkulu.indicator("IKP-1").achievement) == "100.00"
    assert plain(bengkulu.totals.achievement) == "100.00"
    assert bengkulu.indicator("IKT-2").achievement == 100


def test_bengkulu_unlinked_budget_is_reported_on_the_highest_line_only(bengkulu):
    subjects = [f.subject for f in findings_of(bengkulu, "budget_line_without_objective")]
    assert subjects == ["5.03.01", "5.03.02.1.01"]


def test_bengkulu_short_nip_and_last_years_foreword_are_flagged(bengkulu):
    assert findings_of(bengkulu, "nip_malformed")
    assert any("Tahun 2023" in f.message for f in findings_of(bengkulu, "narrative_mentions_other_year"))


def test_belitung_measures_against_the_pk_and_compares_with_renstra_and_end_targets(belitung):
    merit, ip_asn = belitung.indicator("IKU-1"), belitung.indicator("IKU-2")
    assert (plain(merit.achievement), plain(ip_asn.achievement)) == ("98.05", "109.76")
    assert (plain(merit.achievement_vs_renstra_target), plain(ip_asn.achievement_vs_renstra_target)) == (
        "176.22",
        "141.13",
    )
    assert (plain(merit.achievement_vs_end_target), plain(ip_asn.achievement_vs_end_target)) == ("136.96", "131.72")
    assert {f.subject for f in findings_of(belitung, "target_differs_from_renstra")} == {"IKU-1", "IKU-2"}


def test_belitung_band_targets_and_own_categories(belitung):
    assert plain(belitung.indicator("IKU-3").achievement) == "100.00"
    assert plain(belitung.indicator("IKU-4").achievement) == "100.31"
    s3 = belitung.objective("S3")
    assert plain(s3.achievement) == "100.15"
    assert s3.category == "Sangat Memuaskan"
    assert plain(belitung.totals.achievement) == "102.66"
    assert plain(belitung.totals.absorption) == "95.25"


def test_belitung_budget_lines_reconcile_and_flag_the_misspelt_regency(belitung):
    assert not findings_of(belitung, "children_sum_mismatch")
    regions = " ".join(f.message for f in findings_of(belitung, "narrative_mentions_other_region"))
    assert "Belitang Timur" in regions and "Belitong Timur" in regions


def test_export_results_writes_the_spec_document(import_demo, tmp_path):
    import_demo("bengkalis-2024")
    out = tmp_path / "results.json"
    call_command("export_results", agency="bkpp-bengkalis", year=2024, output=str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "lakip-results/1"
    s1 = next(o for o in document["objectives"] if o["code"] == "S1")
    assert s1 == {
        "code": "S1",
        "goal": "T1",
        "achievement": "126.60",
        "category": "Sangat Tinggi",
        "budget": "6111568080",
        "realisation": "3802972920",
        "absorption": "62.23",
        "efficiency": "37.77",
    }
    ip_asn = next(i for i in document["indicators"] if i["code"] == "IKU-2")
    assert (ip_asn["target"], ip_asn["realisation"], ip_asn["achievement"]) == ("51", "78.13", "153.20")
    assert document["totals"]["absorption"] == "77.64"
    assert document["totals"]["budget"] == "19717644784"


def test_export_results_refuses_an_unknown_agency(db):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("export_results", agency="nope", year=2024)


def test_results_cost_the_same_number_of_queries_whatever_the_agency_size(import_demo, django_assert_num_queries):
    small, large = import_demo("bengkalis-2024"), import_demo("belitung-timur-2024")
    with CaptureQueriesContext(connection) as small_queries:
        agency_results(agency=small, year=2024)
    with django_assert_num_queries(len(small_queries)):
        agency_results(agency=large, year=2024)


def test_the_lakip_export_makes_no_query_beyond_loading_the_snapshot(import_demo, django_assert_num_queries):
    small, large = import_demo("bengkalis-2024"), import_demo("belitung-timur-2024")
    with CaptureQueriesContext(connection) as snapshot_queries:
        load_snapshot(small)
    for agency in (small, large):
        with django_assert_num_queries(len(snapshot_queries)):
            export_document(agency)


def test_expense_types_come_in_the_order_of_the_budget_structure(belitung):
    assert [e.expense_type for e in belitung.expense_types] == ["pegawai", "barang_jasa", "modal"]
    assert [plain(e.share) for e in belitung.expense_types] == ["48.26", "50.27", "1.47"]
