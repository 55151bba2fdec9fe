"""Write an agency back as a ``lakip/1`` document: the reverse of the import, so files round-trip exactly.

The document is the engine's snapshot (``performance.snapshot.load_snapshot``) written out: the export
makes no query of its own, so it writes the same Renstra, the same targets and the same lines that the
pages, the PDF and ``export_results`` compute with. Decimal values are written as the strings they were
entered as; money as whole rupiah (a JSON integer) unless it has cents. Empty optional texts are written
as null, the way the files themselves say "none".
"""

from collections import defaultdict

from domain.numbers import plain_money
from domain.sections import OBJECTIVE_SECTIONS, year_section
from performance.snapshot import load_snapshot

from .format import FORMAT, LINE_CHILDREN


class ExportError(Exception):
    """The agency cannot be written as a ``lakip/1`` document (it has no Renstra yet, say)."""


def money_json(value):
    """Whole rupiah as a JSON integer; an amount with cents as a string with 2 places.

    The rule of when cents are written is the results file's (``plain_money``); only the JSON type differs.
    """
    written = plain_money(value)
    return int(written) if written is not None and written.isdigit() else written


def budget_json(money):
    budget = {"budget": money_json(money.budget), "realisation": money_json(money.realisation)}
    if money.expense_type:
        budget["expense_type"] = money.expense_type
    return budget


def export_document(agency, *, years=None):
    """The ``lakip/1`` document of an agency and its current Renstra (the latest, as the engine chooses it).

    ``years`` (an iterable of years) limits what is written per year (realisations, budgets, year
    narratives and the ``years`` section) to those years; the plan and its targets are always complete.
    Re-importing such a partial file removes the other years from the agency, as for any file.
    """
    snapshot = load_snapshot(agency)
    renstra = snapshot.renstra
    if renstra is None:
        raise ExportError(f"Perangkat daerah {snapshot.code} belum memiliki Renstra.")
    wanted_years = None if years is None else {int(year) for year in years}

    def by_year(values, write):
        """A per-year mapping as the file writes it (years as string keys), limited to the wanted years."""
        return {
            str(year): write(value) for year, value in values.items() if wanted_years is None or year in wanted_years
        }

    def indicator_json(indicator):
        entry = {
            "code": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit or None,
            "direction": indicator.direction,
            "scale": indicator.scale,
            "formula": indicator.formula or None,
            "data_source": indicator.data_source or None,
            "national_standard": indicator.national_standard,
        }
        if indicator.baseline:
            entry["baseline"] = indicator.baseline
        targets = indicator.targets.items()
        entry["targets"] = {str(year): target.renstra for year, target in targets if target.renstra}
        entry["agreement_targets"] = {str(year): target.agreement for year, target in targets if target.agreement}
        reasons = {str(year): target.agreement_reason for year, target in targets if target.agreement_reason}
        if reasons:
            entry["agreement_reasons"] = reasons
        entry["realisations"] = by_year(indicator.realisations, _realisation_json)
        return entry

    children = defaultdict(list)
    for line in snapshot.lines:
        children[line.parent].append(line)

    def line_json(line):
        entry = {
            "code": line.code,
            "name": line.name,
            "objectives": list(line.objectives),
            "budgets": by_year(line.figures, budget_json),
            "indicators": [indicator_json(indicator) for indicator in line.indicators],
        }
        children_key = LINE_CHILDREN.get(line.level)
        if children_key:
            entry[children_key] = [line_json(child) for child in children[line.code]]
        return entry

    return {
        "format": FORMAT,
        "agency": {
            "code": snapshot.code,
            "name": snapshot.name,
            "short_name": snapshot.short_name,
            "government": {
                "code": snapshot.government_code,
                "name": snapshot.government_name,
                "level": snapshot.government_level,
                **({"head_name": snapshot.government_head_name} if snapshot.government_head_name else {}),
            },
            "city": snapshot.city,
            "head": {
                "name": snapshot.head_name,
                "title": snapshot.head_title,
                "rank": snapshot.head_rank,
                "nip": snapshot.head_nip,
            },
        },
        "settings": {
            "achievement_cap": snapshot.achievement_cap,
            "efficiency_method": snapshot.efficiency_method,
            "category_bands": snapshot.category_bands,
        },
        "renstra": {
            "start_year": renstra.start_year,
            "end_year": renstra.end_year,
            "vision": renstra.vision or None,
            "missions": list(renstra.missions),
            "goals": [
                {"code": goal.code, "text": goal.text, "indicators": [indicator_json(i) for i in goal.indicators]}
                for goal in snapshot.goals
            ],
            "objectives": [
                {
                    "code": objective.code,
                    "goal": objective.goal,
                    "text": objective.text,
                    "indicators": [indicator_json(i) for i in objective.indicators],
                    "budgets": by_year(objective.budgets, budget_json),
                    "narratives": by_year(objective.narratives, _objective_narratives_json),
                }
                for objective in snapshot.objectives
            ],
        },
        "programs": [line_json(program) for program in children[None]],
        "years": by_year(snapshot.years, _year_json),
    }


def _realisation_json(realisation):
    entry = {
        "value": realisation.value,
        "status": realisation.status,
        "evidence": realisation.evidence or None,
        "note": realisation.note or None,
    }
    if realisation.evidence_date:
        entry["evidence_date"] = realisation.evidence_date.isoformat()
    if any(realisation.quarters):
        entry["quarters"] = {str(number): value for number, value in enumerate(realisation.quarters, start=1)}
    return entry


def _year_json(year):
    return {
        "signed_city": year.signed_city,
        "signed_date": year.signed_date.isoformat() if year.signed_date else None,
        "budget_total": {"budget": money_json(year.budget_total), "realisation": money_json(year.realisation_total)},
        "budget_by_type": [
            {"type": expense_type, "budget": money_json(money.budget), "realisation": money_json(money.realisation)}
            for expense_type, money in year.expense_types
        ],
        "narratives": {key: _narrative_json(key, narrative) for key, narrative in year.narratives.items()},
    }


def _narrative_json(key, narrative):
    """An agency-year section: its Markdown text, or the object form where its title or chapter differs from its
    key's (``domain.sections``), so that a round trip keeps them. A key the project does not know has no title or
    chapter of its own to differ from: whatever it has is written."""
    known = year_section(key)
    section = {}
    if narrative.title and (known is None or narrative.title != known.title):
        section["title"] = narrative.title
    if narrative.chapter and (known is None or narrative.chapter != known.chapter):
        section["chapter"] = narrative.chapter
    return {**section, "text": narrative.text} if section else narrative.text


def _objective_narratives_json(narratives):
    """A sasaran's sections of one year: each its Markdown text, or ``{"title", "text"}`` where its title differs
    from its key's."""
    return {
        key: narrative.text
        if not narrative.title or narrative.title == OBJECTIVE_SECTIONS.get(key)
        else {"title": narrative.title, "text": narrative.text}
        for key, narrative in narratives.items()
    }
