"""The computed figures of one agency-year: what every page, the admin, the PDF and the exports show.

``agency_results(agency=..., year=...)`` is the one entry point. It loads the agency's data in a fixed
number of queries (``performance.snapshot``), hands plain values to the rules (``performance.rules``)
and the finding rules (``performance.findings``), and returns an ``AgencyResults``. Every decimal here
is unrounded; rounding happens only where a figure is written (``performance.numbers``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class YearFigure:
    """One year of an indicator's history: its target, realisation and achievement."""

    year: int
    target: str | None
    realisation: str | None
    status: str | None
    achievement: Decimal | None


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    name: str
    unit: str
    direction: str
    scale: object
    formula: str
    data_source: str
    goal: str | None
    objective: str | None
    budget_line: str | None
    target: str | None
    renstra_target: str | None
    agreement_target: str | None
    agreement_reason: str
    realisation: str | None
    status: str | None
    evidence: str
    note: str
    quarters: tuple
    achievement: Decimal | None
    category: str | None
    previous_realisation: str | None
    end_target: str | None
    achievement_vs_end_target: Decimal | None
    achievement_vs_renstra_target: Decimal | None
    national_standard: str | None
    achievement_vs_national_standard: Decimal | None
    history: tuple[YearFigure, ...]

    @property
    def is_pending(self):
        return self.status == "pending"

    @property
    def is_provisional(self):
        return self.status == "provisional"


@dataclass(frozen=True)
class ObjectiveResult:
    code: str
    text: str
    goal: str | None
    indicators: tuple[IndicatorResult, ...]
    achievement: Decimal | None
    category: str | None
    budget: Decimal | None
    realisation: Decimal | None
    absorption: Decimal | None
    efficiency: Decimal | None
    budget_lines: tuple[str, ...]
    narratives: dict[str, str]
    history: tuple[tuple[int, Decimal | None], ...]


@dataclass(frozen=True)
class BudgetLineResult:
    code: str
    name: str
    level: str
    depth: int
    parent: str | None
    expense_type: str
    objectives: tuple[str, ...]
    budget: Decimal | None
    realisation: Decimal | None
    absorption: Decimal | None
    own_budget: Decimal | None
    own_realisation: Decimal | None


@dataclass(frozen=True)
class ExpenseTypeResult:
    expense_type: str
    label: str
    budget: Decimal | None
    realisation: Decimal | None
    absorption: Decimal | None
    share: Decimal | None


@dataclass(frozen=True)
class Totals:
    achievement: Decimal | None
    category: str | None
    budget: Decimal | None
    realisation: Decimal | None
    absorption: Decimal | None


@dataclass(frozen=True)
class Finding:
    severity: str
    rule: str
    subject: str
    message: str


@dataclass
class AgencyResults:
    agency: str
    year: int
    achievement_cap: int | None
    efficiency_method: str
    category_bands: tuple
    goal_indicators: tuple[IndicatorResult, ...]
    objectives: tuple[ObjectiveResult, ...]
    line_indicators: tuple[IndicatorResult, ...]
    budget_lines: tuple[BudgetLineResult, ...]
    expense_types: tuple[ExpenseTypeResult, ...]
    totals: Totals
    findings: tuple[Finding, ...]
    snapshot: object = field(repr=False)

    @property
    def indicators(self):
        """Every indicator: goal indicators, then each objective's, then the budget lines'."""
        return (
            *self.goal_indicators,
            *(i for o in self.objectives for i in o.indicators),
            *self.line_indicators,
        )

    def indicator(self, code):
        return next((i for i in self.indicators if i.code == code), None)

    def objective(self, code):
        return next((o for o in self.objectives if o.code == code), None)
