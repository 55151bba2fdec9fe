"""What the figures would be with realisations the planner has typed but not saved yet.

The realisation grid shows an indicator's achievement and category as the planner types. Those figures come
from the engine, never from a second copy of its rules: ``preview_results`` puts the typed realisations into a
copy of the snapshot (``dataclasses.replace``; the snapshot itself is left as loaded) and hands it to
``performance.results.compute_results``, so a preview and the saved report can only differ by what was typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from performance.results import AgencyResults, compute_results
from performance.snapshot import AgencySnapshot, RealisationData


def with_realisations(
    snapshot: AgencySnapshot, year: int, typed: Mapping[str, RealisationData | None]
) -> AgencySnapshot:
    """A copy of ``snapshot`` whose indicators named in ``typed`` (by code) carry the typed realisation of
    ``year``; None stands for a realisation cleared of everything, which the year then does not have.

    Only the indicators, and the goals, objectives and budget lines holding them, are copied; the rest is shared
    with ``snapshot``, which is not changed.
    """

    def swap(indicator):
        if indicator.code not in typed:
            return indicator
        realisations = {y: r for y, r in indicator.realisations.items() if y != year}
        if typed[indicator.code] is not None:
            realisations[year] = typed[indicator.code]
        return replace(indicator, realisations=realisations)

    def owners(items):
        return [replace(item, indicators=[swap(i) for i in item.indicators]) for item in items]

    return replace(
        snapshot,
        goals=owners(snapshot.goals),
        objectives=owners(snapshot.objectives),
        lines=owners(snapshot.lines),
    )


def preview_results(snapshot: AgencySnapshot, year: int, typed: Mapping[str, RealisationData | None]) -> AgencyResults:
    """Every figure of the agency-year as it would be with the ``typed`` realisations saved (pure: no database)."""
    return compute_results(with_realisations(snapshot, year, typed), year)
