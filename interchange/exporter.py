"""Write an agency back as a ``lakip/1`` document: the reverse of the import, so files round-trip exactly.

Decimal values are written as the strings they were entered as; money as whole rupiah (a JSON integer)
unless it has cents. Empty optional texts are written as null, the way the files themselves say "none".
"""

from collections import defaultdict

from budgets.models import BudgetFigure, BudgetLine, ObjectiveBudget
from domain.enums import ExpenseType
from indicators.models import Indicator, ObjectiveNarrative

from .format import FORMAT, LINE_CHILDREN


class ExportError(Exception):
    """The agency cannot be written as a ``lakip/1`` document (it has no Renstra yet, say)."""


def money_json(value):
    """Whole rupiah as a JSON integer; an amount with cents as a string with 2 places."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return f"{value:.2f}"


def budget_json(row):
    budget = {"budget": money_json(row.budget), "realisation": money_json(row.realisation)}
    if row.expense_type:
        budget["expense_type"] = row.expense_type
    return budget


def export_document(agency, *, years=None):
    """The ``lakip/1`` document of an agency and its latest Renstra.

    ``years`` (an iterable of years) limits what is written per year (realisations, budgets, year
    narratives and the ``years`` section) to those years; the plan and its targets are always complete.
    Re-importing such a partial file removes the other years from the agency, as for any file.
    """
    renstra = agency.renstras.order_by("-start_year").first()
    if renstra is None:
        raise ExportError(f"Perangkat daerah {agency.code} belum memiliki Renstra.")
    wanted_years = None if years is None else {int(year) for year in years}

    def kept(year):
        return wanted_years is None or year in wanted_years

    government = agency.government
    indicators = _indicators(agency, renstra, kept)
    objective_budgets = defaultdict(dict)
    for row in ObjectiveBudget.objects.filter(objective__renstra=renstra).order_by("year"):
        if kept(row.year):
            objective_budgets[row.objective_id][str(row.year)] = budget_json(row)
    objective_narratives = defaultdict(lambda: defaultdict(dict))
    for row in ObjectiveNarrative.objects.filter(objective__renstra=renstra).order_by("year", "position", "id"):
        if kept(row.year):
            objective_narratives[row.objective_id][str(row.year)][row.key] = row.text

    objectives = list(renstra.objectives.select_related("goal").order_by("position", "id"))
    return {
        "format": FORMAT,
        "agency": {
            "code": agency.code,
            "name": agency.name,
            "short_name": agency.short_name,
            "government": {
                "code": government.code,
                "name": government.name,
                "level": government.level,
                **({"head_name": government.head_name} if government.head_name else {}),
            },
            "city": agency.city,
            "head": {
                "name": agency.head_name,
                "title": agency.head_title,
                "rank": agency.head_rank,
                "nip": agency.head_nip,
            },
        },
        "settings": {
            "achievement_cap": agency.achievement_cap,
            "efficiency_method": agency.efficiency_method,
            "category_bands": agency.category_bands,
        },
        "renstra": {
            "start_year": renstra.start_year,
            "end_year": renstra.end_year,
            "vision": renstra.vision or None,
            "missions": [mission.text for mission in renstra.missions.order_by("position", "id")],
            "goals": [
                {"code": goal.code, "text": goal.text, "indicators": indicators["goal"][goal.pk]}
                for goal in renstra.goals.order_by("position", "id")
            ],
            "objectives": [
                {
                    "code": objective.code,
                    "goal": objective.goal.code if objective.goal else None,
                    "text": objective.text,
                    "indicators": indicators["objective"][objective.pk],
                    "budgets": objective_budgets[objective.pk],
                    "narratives": dict(objective_narratives[objective.pk]),
                }
                for objective in objectives
            ],
        },
        "programs": _programs(agency, indicators["budget_line"], kept),
        "years": _years(agency, kept),
    }


def _indicators(agency, renstra, kept):
    """Every indicator of the agency as a document entry, grouped by owner kind and owner id."""
    grouped = {"goal": defaultdict(list), "objective": defaultdict(list), "budget_line": defaultdict(list)}
    queryset = Indicator.objects.filter(agency=agency).prefetch_related("targets__renstra_year", "realisations")
    for indicator in queryset.order_by("position", "id"):
        targets, agreement_targets, reasons = {}, {}, {}
        for target in sorted(indicator.targets.all(), key=lambda t: t.renstra_year.year):
            if target.renstra_year.renstra_id != renstra.pk:
                continue
            year = str(target.renstra_year.year)
            if target.renstra_value:
                targets[year] = target.renstra_value
            if target.agreement_value:
                agreement_targets[year] = target.agreement_value
            if target.agreement_reason:
                reasons[year] = target.agreement_reason
        entry = {
            "code": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit or None,
            "direction": indicator.direction,
            "scale": indicator.scale,
            "formula": indicator.formula or None,
            "data_source": indicator.data_source or None,
            "national_standard": indicator.national_standard or None,
        }
        if indicator.baseline:
            entry["baseline"] = indicator.baseline
        entry["targets"] = targets
        entry["agreement_targets"] = agreement_targets
        if reasons:
            entry["agreement_reasons"] = reasons
        realisations = sorted(indicator.realisations.all(), key=lambda r: r.year)
        entry["realisations"] = {str(r.year): _realisation(r) for r in realisations if kept(r.year)}
        if indicator.goal_id:
            grouped["goal"][indicator.goal_id].append(entry)
        elif indicator.objective_id:
            grouped["objective"][indicator.objective_id].append(entry)
        else:
            grouped["budget_line"][indicator.budget_line_id].append(entry)
    return grouped


def _realisation(row):
    realisation = {
        "value": row.value or None,
        "status": row.status,
        "evidence": row.evidence or None,
        "note": row.note or None,
    }
    if row.evidence_date:
        realisation["evidence_date"] = row.evidence_date.isoformat()
    quarters = [row.q1, row.q2, row.q3, row.q4]
    if any(quarters):
        realisation["quarters"] = {str(number): value or None for number, value in enumerate(quarters, start=1)}
    return realisation


def _programs(agency, line_indicators, kept):
    """The budget tree, built from one query of lines, one of their figures and one of their links."""
    lines = list(BudgetLine.objects.filter(agency=agency).order_by("position", "id"))
    children = defaultdict(list)
    for line in lines:
        children[line.parent_id].append(line)
    figures = defaultdict(dict)
    for figure in BudgetFigure.objects.filter(line__agency=agency).order_by("year"):
        if kept(figure.year):
            figures[figure.line_id][str(figure.year)] = budget_json(figure)
    links = defaultdict(list)
    through = BudgetLine.objectives.through.objects.filter(budgetline__agency=agency)
    for link in through.select_related("objective").order_by("objective__position", "objective__id"):
        links[link.budgetline_id].append(link.objective.code)

    def entry(line):
        result = {
            "code": line.code,
            "name": line.name,
            "objectives": links[line.pk],
            "budgets": figures[line.pk],
            "indicators": line_indicators[line.pk],
        }
        children_key = LINE_CHILDREN.get(line.level)
        if children_key:
            result[children_key] = [entry(child) for child in children[line.pk]]
        return result

    return [entry(line) for line in children[None]]


def _years(agency, kept):
    years = {}
    report_years = agency.report_years.prefetch_related("expense_type_budgets", "narratives").order_by("year")
    order = {expense_type: index for index, expense_type in enumerate(ExpenseType)}
    for report in report_years:
        if not kept(report.year):
            continue
        by_type = sorted(report.expense_type_budgets.all(), key=lambda row: order[row.expense_type])
        narratives = sorted(report.narratives.all(), key=lambda row: (row.position, row.pk))
        years[str(report.year)] = {
            "signed_city": report.signed_city,
            "signed_date": report.signed_date.isoformat() if report.signed_date else None,
            "budget_total": {
                "budget": money_json(report.budget_total),
                "realisation": money_json(report.realisation_total),
            },
            "budget_by_type": [
                {
                    "type": row.expense_type,
                    "budget": money_json(row.budget),
                    "realisation": money_json(row.realisation),
                }
                for row in by_type
            ],
            "narratives": {row.key: row.text for row in narratives},
        }
    return years
