"""The data of one agency as plain values, loaded in a fixed number of queries.

The rules and the finding rules work on these dataclasses only, never on the ORM, so they can be
tested exhaustively without a database and cost the same whatever the size of the agency. The snapshot
holds every year's data and everything a ``lakip/1`` file holds, so the pages, the PDF and both exports
read one loading of the agency and one decision of which Renstra applies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from agencies.models import Agency, ReportYear
from budgets.models import BudgetFigure, BudgetLine, ObjectiveBudget
from domain.enums import EfficiencyMethod, ExpenseType, PaperSize, RealisationStatus
from domain.plan import applicable_period
from indicators.models import (
    EvidenceFile,
    Indicator,
    Objective,
    ObjectiveNarrative,
    Realisation,
    Renstra,
    Target,
)

EXPENSE_TYPE_ORDER = {kind: position for position, kind in enumerate(ExpenseType)}


@dataclass(frozen=True)
class TargetData:
    renstra: str | None
    agreement: str | None
    agreement_reason: str = ""
    quarters: tuple = (None, None, None, None)


@dataclass(frozen=True)
class EvidenceFileData:
    """An uploaded evidence file: its name as uploaded and the day it was uploaded."""

    name: str
    uploaded_on: date


@dataclass(frozen=True)
class RealisationData:
    value: str | None
    status: str = RealisationStatus.FINAL
    evidence: str = ""
    evidence_date: date | None = None
    note: str = ""
    quarters: tuple = (None, None, None, None)
    files: tuple[EvidenceFileData, ...] = ()


@dataclass(frozen=True)
class Money:
    budget: Decimal | None
    realisation: Decimal | None
    expense_type: str = ""


@dataclass
class IndicatorData:
    code: str
    name: str
    unit: str = ""
    direction: str = "higher"
    scale: object = None
    formula: str = ""
    data_source: str = ""
    national_standard: str | None = None
    baseline: str = ""
    goal: str | None = None
    objective: str | None = None
    budget_line: str | None = None
    targets: dict[int, TargetData] = field(default_factory=dict)
    realisations: dict[int, RealisationData] = field(default_factory=dict)


@dataclass(frozen=True)
class NarrativeData:
    """A narrative section: its Markdown text and its own title and chapter (``""`` where it has none, so its key's
    in ``domain.sections`` apply; a sasaran's section has no chapter)."""

    text: str
    title: str = ""
    chapter: str = ""


@dataclass
class GoalData:
    code: str
    text: str
    indicators: list[IndicatorData] = field(default_factory=list)


@dataclass
class ObjectiveData:
    code: str
    text: str
    goal: str | None = None
    indicators: list[IndicatorData] = field(default_factory=list)
    budgets: dict[int, Money] = field(default_factory=dict)
    narratives: dict[int, dict[str, NarrativeData]] = field(default_factory=dict)


@dataclass
class LineData:
    """A budget line; ``lines`` of a snapshot lists them parents first, in the order of the file."""

    code: str
    name: str
    level: str
    parent: str | None = None
    objectives: tuple[str, ...] = ()
    figures: dict[int, Money] = field(default_factory=dict)
    indicators: list[IndicatorData] = field(default_factory=list)


@dataclass
class YearData:
    year: int
    signed_city: str = ""
    signed_date: date | None = None
    budget_total: Decimal | None = None
    realisation_total: Decimal | None = None
    status: str = "draft"
    expense_types: list[tuple[str, Money]] = field(default_factory=list)
    narratives: dict[str, NarrativeData] = field(default_factory=dict)
    # The planner's explanations of findings, by (rule, subject): ``agencies.models.FindingNote``.
    finding_notes: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class RenstraData:
    start_year: int
    end_year: int
    vision: str = ""
    missions: tuple[str, ...] = ()

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)


@dataclass
class AgencySnapshot:
    """One agency as the report year sees it: who it is, its settings, the Renstra that applies, and its data
    of every year (the history tables and the ``lakip/1`` export need the years around the report year).

    Every consumer (the pages, the PDF, the exports) reads these facts from here, never from queries of its own.
    """

    code: str
    name: str
    short_name: str = ""
    city: str = ""
    government_code: str = ""
    government_name: str = ""
    government_level: str = ""
    government_head_name: str = ""
    head_name: str = ""
    head_title: str = ""
    head_rank: str = ""
    head_nip: str = ""
    paper_size: str = PaperSize.A4
    achievement_cap: int | None = None
    efficiency_method: str = EfficiencyMethod.RATIO
    category_bands: list | None = None
    renstra: RenstraData | None = None
    goals: list[GoalData] = field(default_factory=list)
    objectives: list[ObjectiveData] = field(default_factory=list)
    lines: list[LineData] = field(default_factory=list)
    years: dict[int, YearData] = field(default_factory=dict)

    @property
    def start_year(self):
        return self.renstra.start_year if self.renstra else None

    @property
    def end_year(self):
        return self.renstra.end_year if self.renstra else None


def _text(value):
    return value if value else None


def renstra_for_year(agency, year):
    """The Renstra that applies to a report year (``domain.plan.applicable_period``), or None."""
    renstras = {(r.start_year, r.end_year): r for r in Renstra.objects.filter(agency=agency)}
    period = applicable_period(renstras, year)
    return renstras[period] if period else None


def load_snapshot(agency: Agency, year: int | None = None) -> AgencySnapshot:
    """Everything the rules and the exports need about one agency, in a fixed number of queries.

    ``year`` chooses the Renstra (``renstra_for_year``); None is the agency's latest, the plan it works to
    now, which is what ``export_lakip`` writes. Targets are those of that Renstra only: where periods
    overlap, a year's target is the applicable plan's, never whichever row came last.
    """
    agency = Agency.objects.select_related("government").get(pk=agency.pk)
    renstra = renstra_for_year(agency, year)
    government = agency.government
    snapshot = AgencySnapshot(
        code=agency.code,
        name=agency.name,
        short_name=agency.short_name,
        city=agency.city,
        government_code=government.code,
        government_name=government.name,
        government_level=government.level,
        government_head_name=government.head_name,
        head_name=agency.head_name,
        head_title=agency.head_title,
        head_rank=agency.head_rank,
        head_nip=agency.head_nip,
        paper_size=agency.paper_size,
        achievement_cap=agency.achievement_cap,
        efficiency_method=agency.efficiency_method,
        category_bands=agency.category_bands,
    )
    if renstra:
        snapshot.renstra = RenstraData(
            renstra.start_year,
            renstra.end_year,
            renstra.vision,
            tuple(renstra.missions.order_by("position", "id").values_list("text", flat=True)),
        )

    renstra_pk = renstra.pk if renstra else None
    indicators = {}
    by_owner = defaultdict(list)
    rows = Indicator.objects.filter(agency=agency).select_related("goal", "objective", "budget_line")
    for row in rows.order_by("position", "id"):
        if row.goal_id:
            owner, current = ("goal", row.goal_id), row.goal.renstra_id == renstra_pk
        elif row.objective_id:
            owner, current = ("objective", row.objective_id), row.objective.renstra_id == renstra_pk
        else:
            owner, current = ("line", row.budget_line_id), True
        if not current:
            continue
        indicators[row.pk] = IndicatorData(
            code=row.code,
            name=row.name,
            unit=row.unit,
            direction=row.direction,
            scale=row.scale,
            formula=row.formula,
            data_source=row.data_source,
            national_standard=_text(row.national_standard),
            baseline=row.baseline,
            goal=row.goal.code if row.goal_id else None,
            objective=row.objective.code if row.objective_id else None,
            budget_line=row.budget_line.code if row.budget_line_id else None,
        )
        by_owner[owner].append(indicators[row.pk])
    # The tables with a row per indicator and year are read as plain tuples: building model objects for them
    # cost more than everything else the snapshot does.
    targets = Target.objects.filter(indicator__agency=agency, renstra_year__renstra=renstra)
    for indicator, year, *values, reason in targets.order_by("renstra_year__year").values_list(
        "indicator_id",
        "renstra_year__year",
        "renstra_value",
        "agreement_value",
        "q1",
        "q2",
        "q3",
        "q4",
        "agreement_reason",
    ):
        if indicator in indicators:
            renstra_value, agreement, *quarters = map(_text, values)
            indicators[indicator].targets[year] = TargetData(renstra_value, agreement, reason, tuple(quarters))
    files = defaultdict(list)
    uploaded = EvidenceFile.objects.filter(realisation__indicator__agency=agency)
    for realisation, name, uploaded_at in uploaded.order_by("uploaded_at", "id").values_list(
        "realisation_id", "name", "uploaded_at"
    ):
        files[realisation].append(EvidenceFileData(name, timezone.localdate(uploaded_at)))
    realisations = Realisation.objects.filter(indicator__agency=agency).order_by("year")
    for pk, indicator, year, value, status, evidence, evidence_date, note, *quarters in realisations.values_list(
        "pk", "indicator_id", "year", "value", "status", "evidence", "evidence_date", "note", "q1", "q2", "q3", "q4"
    ):
        if indicator in indicators:
            indicators[indicator].realisations[year] = RealisationData(
                value=_text(value),
                status=status,
                evidence=evidence,
                evidence_date=evidence_date,
                note=note,
                quarters=tuple(map(_text, quarters)),
                files=tuple(files[pk]),
            )
    objectives = {}
    if renstra:
        for goal in renstra.goals.order_by("position", "id"):
            snapshot.goals.append(GoalData(goal.code, goal.text, by_owner[("goal", goal.pk)]))
        for objective in Objective.objects.filter(renstra=renstra).select_related("goal").order_by("position", "id"):
            objectives[objective.pk] = ObjectiveData(
                objective.code,
                objective.text,
                objective.goal.code if objective.goal_id else None,
                by_owner[("objective", objective.pk)],
            )
        for b in ObjectiveBudget.objects.filter(objective__renstra=renstra).order_by("year"):
            objectives[b.objective_id].budgets[b.year] = Money(b.budget, b.realisation, b.expense_type)
        narratives = ObjectiveNarrative.objects.filter(objective__renstra=renstra)
        for n in narratives.order_by("year", "position", "id"):
            objectives[n.objective_id].narratives.setdefault(n.year, {})[n.key] = NarrativeData(n.text, n.title)
        snapshot.objectives = list(objectives.values())

    # A line names objectives of the applicable Renstra only, in the plan's order of the objectives.
    links = defaultdict(list)
    through = BudgetLine.objectives.through.objects.filter(budgetline__agency=agency, objective__renstra=renstra)
    for link in through.order_by("objective__position", "objective__id"):
        links[link.budgetline_id].append(objectives[link.objective_id].code)
    lines = {}
    rows = list(BudgetLine.objects.filter(agency=agency).order_by("position", "id"))
    codes = {row.pk: row.code for row in rows}
    for row in rows:
        lines[row.pk] = LineData(
            row.code,
            row.name,
            row.level,
            codes.get(row.parent_id),
            tuple(links[row.pk]),
            indicators=by_owner[("line", row.pk)],
        )
    figures = BudgetFigure.objects.filter(line__agency=agency).order_by("year")
    for line, year, budget, realisation, expense_type in figures.values_list(
        "line_id", "year", "budget", "realisation", "expense_type"
    ):
        lines[line].figures[year] = Money(budget, realisation, expense_type)
    snapshot.lines = _parents_first(list(lines.values()))

    report_years = ReportYear.objects.filter(agency=agency).prefetch_related(
        "expense_type_budgets", "narratives", "finding_notes"
    )
    for ry in report_years.order_by("year"):
        snapshot.years[ry.year] = YearData(
            year=ry.year,
            signed_city=ry.signed_city,
            signed_date=ry.signed_date,
            budget_total=ry.budget_total,
            realisation_total=ry.realisation_total,
            status=ry.status,
            expense_types=[
                (e.expense_type, Money(e.budget, e.realisation))
                for e in sorted(ry.expense_type_budgets.all(), key=lambda e: EXPENSE_TYPE_ORDER[e.expense_type])
            ],
            narratives={
                n.key: NarrativeData(n.text, n.title, n.chapter)
                for n in sorted(ry.narratives.all(), key=lambda n: (n.position, n.pk))
            },
            finding_notes={(n.rule, n.subject): n.text for n in ry.finding_notes.all()},
        )
    return snapshot


def _parents_first(lines):
    """Depth-first order: each program, then its activities, each followed by its sub-activities."""
    children = defaultdict(list)
    for line in lines:
        children[line.parent].append(line)
    ordered = []

    def visit(parent):
        for line in children[parent]:
            ordered.append(line)
            visit(line.code)

    visit(None)
    return ordered
