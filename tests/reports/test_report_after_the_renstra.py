"""A report year after the Renstra's last year (a 2027 LAKIP while the next Renstra is not yet entered) is
measured against the last Renstra, and the PDF prints that Renstra: its period, its tujuan and its targets."""

import pytest

from performance.results import agency_results
from reports.pdf import render_html
from tests.factories import (
    GoalFactory,
    IndicatorFactory,
    ObjectiveFactory,
    RealisationFactory,
    RenstraFactory,
    ReportYearFactory,
    TargetFactory,
)
from tests.htmltables import table_headed

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_in_2027():
    """An agency whose only Renstra is 2021–2026 (seed 000's IP ASN, end target 63), reporting on 2027."""
    renstra = RenstraFactory(start_year=2021, end_year=2026)
    goal = GoalFactory(renstra=renstra, text="Meningkatnya profesionalisme aparatur sipil negara")
    indicator = IndicatorFactory(objective=ObjectiveFactory(goal=goal), code="IKU-2", name="Indeks Profesional ASN")
    TargetFactory(indicator=indicator, year=2025, renstra_value="57")
    TargetFactory(indicator=indicator, year=2026, renstra_value="63")
    RealisationFactory(indicator=indicator, year=2027, value="78.13")
    ReportYearFactory(agency=renstra.agency, year=2027)
    return renstra.agency


def test_the_engine_measures_a_year_after_the_renstra_against_the_last_renstra(agency_in_2027):
    results = agency_results(agency=agency_in_2027, year=2027)
    assert (results.snapshot.start_year, results.snapshot.end_year) == (2021, 2026)
    assert results.indicator("IKU-2").end_target == "63"


def test_the_pdf_heads_bab_ii_with_the_renstra_the_engine_used(agency_in_2027):
    snapshot = agency_results(agency=agency_in_2027, year=2027).snapshot
    html = render_html(agency=agency_in_2027, year=2027)
    assert f"Rencana Strategis {snapshot.start_year}–{snapshot.end_year}</h2>" in html


def test_the_pdf_prints_the_tujuan_and_targets_of_the_last_renstra(agency_in_2027):
    renstra_table = table_headed(render_html(agency=agency_in_2027, year=2027), "Tujuan", "Sasaran", "Indikator")
    row = renstra_table.row(Indikator="Indeks Profesional ASN")
    assert row["Tujuan"] == "Meningkatnya profesionalisme aparatur sipil negara"
    assert (row["2025"], row["2026"]) == ("57", "63")
