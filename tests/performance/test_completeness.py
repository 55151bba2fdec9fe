"""What the dashboard counts and colours, read from the engine's results: table-driven over small snapshots built in
memory, then the demo agencies' real figures."""

from datetime import date
from decimal import Decimal

import pytest

from domain.enums import Severity
from domain.rules import DEFAULT_CATEGORY_BANDS
from performance.completeness import Count, Standing, completeness, findings_by_severity, standing
from performance.findings import Finding
from performance.results import agency_results, compute_results
from performance.snapshot import (
    AgencySnapshot,
    EvidenceFileData,
    IndicatorData,
    LineData,
    Money,
    ObjectiveData,
    RealisationData,
    RenstraData,
    TargetData,
)

YEAR = 2024


def indicator(code, *, target="10", realisation=None, **recorded):
    targets = {YEAR: TargetData(target, None)} if target is not None else {}
    realisations = {YEAR: RealisationData(realisation, **recorded)} if realisation or recorded else {}
    return IndicatorData(code=code, name=code, targets=targets, realisations=realisations)


def results_of(indicators=(), lines=()):
    snapshot = AgencySnapshot(
        code="opd",
        name="OPD",
        renstra=RenstraData(2021, 2026),
        objectives=[ObjectiveData("S1", "Sasaran", indicators=list(indicators))],
        lines=list(lines),
    )
    return compute_results(snapshot, YEAR)


@pytest.mark.parametrize(
    ("indicators", "expected"),
    [
        ([], (Count(0, 0), Count(0, 0), Count(0, 0))),
        ([indicator("A")], (Count(1, 1), Count(0, 1), Count(0, 1))),
        ([indicator("A", target=None, realisation="5")], (Count(0, 1), Count(1, 1), Count(0, 1))),
        # A pending realisation is awaited, not known; its evidence (the letter it waits for) still counts.
        (
            [indicator("A", realisation=None, status="pending", evidence="Surat BKN")],
            (Count(1, 1), Count(0, 1), Count(1, 1)),
        ),
        ([indicator("A", realisation="8", status="provisional")], (Count(1, 1), Count(1, 1), Count(0, 1))),
        # Evidence is a document named in words or an uploaded file; blank words are none.
        ([indicator("A", realisation="8", evidence="   ")], (Count(1, 1), Count(1, 1), Count(0, 1))),
        (
            [indicator("A", realisation="8", files=(EvidenceFileData("sk.pdf", date(2025, 1, 5)),)), indicator("B")],
            (Count(2, 2), Count(1, 2), Count(1, 2)),
        ),
    ],
)
def test_indicators_with_a_target_a_realisation_and_evidence(indicators, expected):
    found = completeness(results_of(indicators))
    assert (found.with_target, found.with_realisation, found.with_evidence) == expected


def line(code, parent=None, budget=None, realisation=None):
    figures = {YEAR: Money(budget, realisation)} if budget is not None or realisation is not None else {}
    return LineData(code, code, "program" if parent is None else "kegiatan", parent, figures=figures)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([], Count(0, 0)),
        ([line("P1", budget=Decimal(100), realisation=Decimal(90))], Count(1, 1)),
        ([line("P1", budget=Decimal(100))], Count(0, 1)),
        # A line without a pagu is not counted (its realisation is a finding of its own).
        ([line("P1", realisation=Decimal(5))], Count(0, 0)),
        # A program's figures are its kegiatan's sum: one kegiatan with realisasi gives the program one.
        (
            [line("P1"), line("K1", "P1", Decimal(100), Decimal(80)), line("K2", "P1", Decimal(50))],
            Count(2, 3),
        ),
    ],
)
def test_budget_lines_with_a_pagu_and_their_realisasi(lines, expected):
    assert completeness(results_of(lines=lines)).lines_with_realisation == expected


def test_a_count_gives_its_share_and_whether_it_is_complete():
    assert Count(3, 4).share == 75
    assert Count(0, 0).share is None
    assert Count(4, 4).is_complete and not Count(3, 4).is_complete


FOUR_BANDS = ((Decimal(90), "Baik sekali"), (Decimal(70), "Baik"), (Decimal(50), "Cukup"), (Decimal(0), "Kurang"))


@pytest.mark.parametrize(
    ("value", "bands", "expected"),
    [
        (None, DEFAULT_CATEGORY_BANDS, Standing(None, None)),
        (Decimal("153.20"), DEFAULT_CATEGORY_BANDS, Standing("Sangat Tinggi", 0)),
        (Decimal("90.995"), DEFAULT_CATEGORY_BANDS, Standing("Sangat Tinggi", 0)),
        (Decimal("77.68"), DEFAULT_CATEGORY_BANDS, Standing("Tinggi", 1)),
        (Decimal("66"), DEFAULT_CATEGORY_BANDS, Standing("Sedang", 2)),
        (Decimal("50.99"), DEFAULT_CATEGORY_BANDS, Standing("Sangat Rendah", 4, lowest=True)),
        (Decimal("55"), FOUR_BANDS, Standing("Cukup", 2)),
        (Decimal("10"), FOUR_BANDS, Standing("Kurang", 3, lowest=True)),
    ],
)
def test_a_figure_stands_in_its_band_by_position_counted_from_the_highest(value, bands, expected):
    assert standing(value, bands) == expected


def test_findings_are_counted_by_severity_errors_first_with_zeros():
    findings = [Finding(Severity.INFO, "r", "s", "m"), Finding(Severity.INFO, "r", "t", "m")]
    assert findings_by_severity(findings) == (("error", 0), ("warning", 0), ("info", 2))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("demo", "indicators", "lines", "achievement", "absorption", "findings"),
    [
        # Belitung Timur: every one of its 53 indicators and 47 budget lines entered; its own bands.
        ("belitung-timur-2024", (53, 53, 53, 53), (47, 47), "Sangat Memuaskan", "Sangat Memuaskan", (0, 44, 3)),
        # Bengkulu: IKSK-1 and IKSK-2 without a target, IKSK-2 without a realisation, neither with evidence; its 12
        # programs and kegiatan carry a pagu (its sub kegiatan have none), all with realisasi.
        ("bengkulu-2024", (9, 7, 8, 7), (12, 12), "Sangat Tinggi", "Sangat Tinggi", (3, 7, 1)),
        # Bengkalis reports its budget per sasaran only: its programs carry no pagu; serapan 77,64% is "Tinggi".
        ("bengkalis-2024", (4, 4, 4, 4), (0, 0), "Sangat Tinggi", "Tinggi", (0, 8, 3)),
    ],
)
def test_the_demo_agencies(import_demo, demo, indicators, lines, achievement, absorption, findings):
    results = agency_results(agency=import_demo(demo), year=YEAR)
    found = completeness(results)
    total, *done = indicators
    assert [found.with_target, found.with_realisation, found.with_evidence] == [Count(d, total) for d in done]
    assert found.lines_with_realisation == Count(lines[0], lines[1])
    assert standing(results.totals.achievement, results.category_bands).category == achievement
    assert standing(results.totals.absorption, results.category_bands).category == absorption
    assert [count for _, count in findings_by_severity(results.findings)] == list(findings)
