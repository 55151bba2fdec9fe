"""The computed figures of one agency-year: what every page, the admin, the PDF and the exports show.

``agency_results(agency=..., year=...)`` is the one entry point. It loads the agency's data in a fixed
number of queries (``performance.snapshot``), hands plain values to the rules (``performance.rules``)
and the finding rules (``performance.findings``), and returns an ``AgencyResults``. Every decimal here
is unrounded; rounding happens only where a figure is written (``performance.numbers``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain import rules, values
from domain.enums import ExpenseType, RealisationStatus
from performance import snapshot as snapshot_module
from performance.findings import Finding, collect_findings


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
    """One indicator's figures for the report year, beside the plan it was computed from (``plan``).

    The plan's own fields (``code``, ``name``, ``unit``, ``direction``, ``scale``, ``targets``...) read through
    to ``plan``: the result does not copy them.
    """

    plan: snapshot_module.IndicatorData
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
    problem: str | None
    category: str | None
    previous_realisation: str | None
    end_target: str | None
    achievement_vs_end_target: Decimal | None
    achievement_vs_renstra_target: Decimal | None
    achievement_vs_national_standard: Decimal | None
    history: tuple[YearFigure, ...]

    def __getattr__(self, name):
        if name == "plan":
            raise AttributeError(name)
        return getattr(self.plan, name)

    @property
    def is_pending(self):
        return self.status == RealisationStatus.PENDING

    @property
    def is_provisional(self):
        return self.status == RealisationStatus.PROVISIONAL


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
    narratives: dict[str, snapshot_module.NarrativeData]
    history: tuple[tuple[int, Decimal | None], ...]


@dataclass(frozen=True)
class BudgetLineResult:
    """One budget line's figures for the year. ``budget``/``realisation`` are what the report uses: the children's
    sums where any child has a pagu (``from_children``), else the line's own. ``own_*`` are the figures entered on
    the line itself; ``children_*`` the sums of its children's figures (None when no child has a pagu), so a page
    can show both beside each other."""

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
    from_children: bool
    children_budget: Decimal | None
    children_realisation: Decimal | None


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


def _usable(record):
    """The value a realisation contributes: none while it is pending (its value is not yet the year's)."""
    return record.value if record is not None and record.status != RealisationStatus.PENDING else None


def _year_target(targets, year):
    """The target an achievement is measured against: the PK target where one is set, else the Renstra's."""
    target = targets.get(year)
    return (target.agreement or target.renstra) if target else None


def _indicator_result(data, *, year, start_year, end_year, scale_cap, bands):
    """One indicator's figures for the year: achievement against the year's target and the comparisons
    with the Renstra target, the end-of-period target and the national standard, which are never capped."""
    scale = values.resolve_scale(data.scale)

    def score(target, record, cap=None):
        return rules.achievement(target, _usable(record), direction=data.direction, scale=scale, cap=cap)

    target_data = data.targets.get(year) or snapshot_module.TargetData(None, None)
    target = _year_target(data.targets, year)
    record = data.realisations.get(year)
    outcome = score(target, record, scale_cap)
    end_target = data.targets[end_year].renstra if end_year in data.targets else None
    previous = data.realisations.get(year - 1)
    history = tuple(
        YearFigure(
            past,
            _year_target(data.targets, past),
            data.realisations[past].value if past in data.realisations else None,
            data.realisations[past].status if past in data.realisations else None,
            score(_year_target(data.targets, past), data.realisations.get(past), scale_cap).value,
        )
        for past in range(start_year or year, year + 1)
    )
    return IndicatorResult(
        plan=data,
        target=target,
        renstra_target=target_data.renstra,
        agreement_target=target_data.agreement,
        agreement_reason=target_data.agreement_reason,
        realisation=record.value if record else None,
        status=record.status if record else None,
        evidence=record.evidence if record else "",
        note=record.note if record else "",
        quarters=record.quarters if record else (None, None, None, None),
        achievement=outcome.value,
        problem=outcome.problem,
        category=rules.category(outcome.value, bands),
        previous_realisation=previous.value if previous else None,
        end_target=end_target,
        achievement_vs_end_target=score(end_target, record).value,
        achievement_vs_renstra_target=score(target_data.renstra, record).value,
        achievement_vs_national_standard=score(data.national_standard, record).value,
        history=history,
    )


def _line_results(lines, year):
    """Every budget line's figures, children before parents so that sums come from the leaves up."""
    figures = {}
    children = {}
    for line in lines:
        children.setdefault(line.parent, []).append(line)
    for line in reversed(lines):
        own = line.figures.get(year)
        figures[line.code] = rules.line_figures(
            own.budget if own else None,
            own.realisation if own else None,
            [figures[c.code] for c in children.get(line.code, [])],
        )
    return figures


def _objective_money(objective, lines, figures, year):
    """An objective's budget: its own entry for the year where given, else the sum of the highest lines
    that name it (a line is not counted again through its parent). Returns (budget, realisation, codes)."""
    own = objective.budgets.get(year)
    if own is not None:
        return own.budget, own.realisation, ()
    by_code = {line.code: line for line in lines}

    def named_above(line):
        parent = by_code.get(line.parent)
        while parent is not None:
            if objective.code in parent.objectives:
                return True
            parent = by_code.get(parent.parent)
        return False

    highest = [line for line in lines if objective.code in line.objectives and not named_above(line)]
    return (
        rules.sum_known(figures[line.code].budget for line in highest),
        rules.sum_known(figures[line.code].realisation for line in highest),
        tuple(line.code for line in highest),
    )


def compute_results(snapshot, year):
    """All figures and findings of one agency-year from its snapshot (pure: no database)."""
    bands = rules.category_bands(snapshot.category_bands)
    method = snapshot.efficiency_method
    settings = {
        "year": year,
        "start_year": snapshot.start_year,
        "end_year": snapshot.end_year,
        "scale_cap": snapshot.achievement_cap,
        "bands": bands,
    }
    goal_indicators = tuple(_indicator_result(i, **settings) for g in snapshot.goals for i in g.indicators)
    figures = _line_results(snapshot.lines, year)
    objectives = []
    for objective in snapshot.objectives:
        indicators = tuple(_indicator_result(i, **settings) for i in objective.indicators)
        achieved = rules.mean(i.achievement for i in indicators)
        budget, realisation, line_codes = _objective_money(objective, snapshot.lines, figures, year)
        history = ()
        if indicators:
            history = tuple(
                (past, rules.mean(i.history[offset].achievement for i in indicators))
                for offset, past in enumerate(range(snapshot.start_year, year + 1))
            )
        objectives.append(
            ObjectiveResult(
                code=objective.code,
                text=objective.text,
                goal=objective.goal,
                indicators=indicators,
                achievement=achieved,
                category=rules.category(achieved, bands),
                budget=budget,
                realisation=realisation,
                absorption=rules.absorption(budget, realisation),
                efficiency=rules.efficiency(method, achievement_value=achieved, budget=budget, realisation=realisation),
                budget_lines=line_codes,
                narratives=objective.narratives.get(year, {}),
                history=history,
            )
        )
    depth = {}
    line_results = []
    for line in snapshot.lines:
        depth[line.code] = depth[line.parent] + 1 if line.parent else 0
        f = figures[line.code]
        own = line.figures.get(year)
        line_results.append(
            BudgetLineResult(
                code=line.code,
                name=line.name,
                level=line.level,
                depth=depth[line.code],
                parent=line.parent,
                expense_type=own.expense_type if own else "",
                objectives=line.objectives,
                budget=f.budget,
                realisation=f.realisation,
                absorption=rules.absorption(f.budget, f.realisation),
                own_budget=f.own_budget,
                own_realisation=f.own_realisation,
                from_children=f.from_children,
                children_budget=f.children_budget,
                children_realisation=f.children_realisation,
            )
        )
    line_indicators = tuple(_indicator_result(i, **settings) for line in snapshot.lines for i in line.indicators)
    totals = _totals(snapshot, year, objectives, [r for r in line_results if r.level == "program"], bands)
    results = AgencyResults(
        agency=snapshot.code,
        year=year,
        achievement_cap=snapshot.achievement_cap,
        efficiency_method=method,
        category_bands=bands,
        goal_indicators=goal_indicators,
        objectives=tuple(objectives),
        line_indicators=line_indicators,
        budget_lines=tuple(line_results),
        expense_types=_expense_types(snapshot.years.get(year), totals),
        totals=totals,
        findings=(),
        snapshot=snapshot,
    )
    results.findings = tuple(collect_findings(snapshot, results))
    return results


def _totals(snapshot, year, objectives, programs, bands):
    """Totals: the year's budget_total where given, else the sum of the programs, else (no program has
    figures) the sum of the objectives' own budgets. The agency's achievement is the mean of its
    objectives' achievements."""
    achieved = rules.mean(o.achievement for o in objectives)
    year_data = snapshot.years.get(year)
    if year_data is not None and year_data.budget_total is not None:
        budget, realisation = year_data.budget_total, year_data.realisation_total
    elif any(p.budget is not None for p in programs):
        budget = rules.sum_known(p.budget for p in programs)
        realisation = rules.sum_known(p.realisation for p in programs)
    else:
        own = [o.budgets.get(year) for o in snapshot.objectives if o.budgets.get(year) is not None]
        budget = rules.sum_known(m.budget for m in own)
        realisation = rules.sum_known(m.realisation for m in own)
    return Totals(
        achievement=achieved,
        category=rules.category(achieved, bands),
        budget=budget,
        realisation=realisation,
        absorption=rules.absorption(budget, realisation),
    )


def _expense_types(year_data, totals):
    """The year's budget by expense type, each with its absorption and its share of the total pagu
    (of the types' sum when the total is not known)."""
    if year_data is None:
        return ()
    rows = year_data.expense_types
    whole = totals.budget if totals.budget else rules.sum_known(m.budget for _, m in rows)
    return tuple(
        ExpenseTypeResult(
            expense_type=kind,
            label=ExpenseType.label_of(kind),
            budget=money.budget,
            realisation=money.realisation,
            absorption=rules.absorption(money.budget, money.realisation),
            share=rules.percent_of(money.budget, whole),
        )
        for kind, money in rows
    )


def agency_results(*, agency, year):
    """The computed figures and findings of an agency for a report year."""
    return compute_results(snapshot_module.load_snapshot(agency, year), year)
