"""How far a report year's data is entered, and where its headline figures stand: what the year's dashboard shows.

Pure functions over the engine's ``AgencyResults`` (and the snapshot it carries): no query, no rounding. The
page only formats what these return.

Readings chosen where the brief leaves a choice:

- The indicators counted are every indicator of the year (``AgencyResults.indicators``: the tujuan's, the
  sasaran's and the budget lines' output indicators), since each is entered on the same grids.
- An indicator "has a realisation" when a value is entered and it is not pending: a pending realisation is
  awaited, not known (the ``missing_realisation`` finding reads it the same way).
- An indicator "has evidence" when its realisation of the year names a document (the evidence text) or has an
  uploaded evidence file.
- The budget lines counted are those with a pagu for the year (their own or their children's sum); a line "has
  realisasi" when its realisation for the year is known. A realisation without a pagu is a finding of its own.
- The absorption is coloured by the agency's category bands, as the achievement is (Permendagri 86/2017 grades
  both the performance and the budget realisation on the same five-band scale).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain import rules
from domain.enums import RealisationStatus, Severity


@dataclass(frozen=True)
class Count:
    """``done`` of ``total`` items, and the share in percent (None when there is nothing to count)."""

    done: int
    total: int

    @property
    def share(self):
        return rules.percent_of(self.done, self.total)

    @property
    def is_complete(self) -> bool:
        return self.done == self.total


@dataclass(frozen=True)
class Completeness:
    with_target: Count
    with_realisation: Count
    with_evidence: Count
    lines_with_realisation: Count


@dataclass(frozen=True)
class Standing:
    """A figure's category and the category's position among the agency's bands, 0 for the highest band; ``lowest``
    when it is the last band. None for both when the figure is unknown."""

    category: str | None
    position: int | None
    lowest: bool = False


def _has_evidence(indicator, year):
    record = indicator.plan.realisations.get(year)
    return bool(indicator.evidence.strip()) or bool(record is not None and record.files)


def completeness(results) -> Completeness:
    """What is entered for the year: indicators with a target, a realisation, evidence; budget lines with
    realisasi (see the module's readings)."""
    indicators = results.indicators
    lines = [line for line in results.budget_lines if line.budget is not None]
    return Completeness(
        with_target=Count(sum(i.target is not None for i in indicators), len(indicators)),
        with_realisation=Count(
            sum(i.realisation is not None and i.status != RealisationStatus.PENDING for i in indicators),
            len(indicators),
        ),
        with_evidence=Count(sum(_has_evidence(i, results.year) for i in indicators), len(indicators)),
        lines_with_realisation=Count(sum(line.realisation is not None for line in lines), len(lines)),
    )


def standing(value, bands) -> Standing:
    """Where ``value`` (an achievement or an absorption, in percent) stands among ``bands`` (the agency's,
    ``AgencyResults.category_bands``): the category ``domain.rules.category`` gives it and that band's position."""
    category = rules.category(value, bands)
    if category is None:
        return Standing(None, None)
    labels = [label for _, label in bands]
    position = labels.index(category)
    return Standing(category, position, lowest=position == len(labels) - 1)


def findings_by_severity(findings) -> tuple[tuple[str, int], ...]:
    """How many findings of each severity, errors first; a severity without findings counts 0."""
    counts = Counter(f.severity for f in findings)
    return tuple((severity, counts[severity]) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO))
