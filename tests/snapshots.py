"""Agency snapshots built by hand: the engine's real input (``performance.snapshot`` dataclasses), no database.

``compute_results(snapshot([...]), 2024)`` turns one into the real ``AgencyResults``, so a test of a chart, a
filter or a finding rule works on the objects the pages and the PDF get, not on stand-ins.

- ``indicator("IKU-2", "51", "78.13", status="provisional")``: an indicator with its 2024 target and realisation.
- ``snapshot([ObjectiveData(...)], lines)``: an agency with a Renstra 2021–2026 around the objectives and lines.
- ``indicator_result("51", "78.13")``: the engine's ``IndicatorResult`` of one such indicator for 2024.
"""

from performance.results import compute_results
from performance.snapshot import (
    AgencySnapshot,
    GoalData,
    IndicatorData,
    ObjectiveData,
    RealisationData,
    RenstraData,
    TargetData,
    YearData,
)

YEAR = 2024


def indicator(code, target, value, *, status="final", objective="S1", previous=None, name=None, **extra):
    """An indicator of ``objective`` with its target and realisation of 2024 (and ``previous``, 2023's value)."""
    realisations = {YEAR: RealisationData(value, status)} if value is not None or status == "pending" else {}
    if previous is not None:
        realisations[YEAR - 1] = RealisationData(previous)
    targets = {YEAR: TargetData(target, None)} if target is not None else {}
    return IndicatorData(
        code,
        name or f"Indikator {code}",
        objective=objective,
        targets=targets,
        realisations=realisations,
        **extra,
    )


def snapshot(objectives=(), lines=(), **extra):
    """An agency of Kabupaten Contoh with a Renstra 2021–2026, goal T1, the given objectives and budget lines."""
    defaults = {
        "code": "x",
        "name": "Badan X",
        "government_name": "Pemerintah Kabupaten Contoh",
        "head_nip": "197402101993111001",
        "renstra": RenstraData(2021, 2026),
        "goals": [GoalData("T1", "Tujuan")],
        "years": {YEAR: YearData(YEAR)},
    }
    defaults.update(extra)
    return AgencySnapshot(objectives=list(objectives), lines=list(lines), **defaults)


def indicator_result(target, value, *, code="IKU-2", status="final", **extra):
    """The engine's result for 2024 of one indicator, alone in sasaran S1."""
    data = indicator(code, target, value, status=status, **extra)
    results = compute_results(snapshot([ObjectiveData("S1", "Sasaran", "T1", [data])]), YEAR)
    return results.indicator(code)
