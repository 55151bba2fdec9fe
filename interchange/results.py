"""The ``lakip-results/1`` document: the computed figures of one agency-year as the spec writes them.

Every computed decimal is a string with exactly 2 places (rounded half-up); money is whole rupiah
unless it has cents; targets and realisations are echoed as entered (a number, a range or a grade).
"""

from domain.numbers import plain, plain_money


def _indicator(indicator):
    return {
        "code": indicator.code,
        "objective": indicator.objective,
        "goal": indicator.goal,
        "budget_line": indicator.budget_line,
        "target": indicator.target,
        "renstra_target": indicator.renstra_target,
        "agreement_target": indicator.agreement_target,
        "realisation": indicator.realisation,
        "status": indicator.status,
        "achievement": plain(indicator.achievement),
        "category": indicator.category,
        "previous_realisation": indicator.previous_realisation,
        "end_target": indicator.end_target,
        "achievement_vs_end_target": plain(indicator.achievement_vs_end_target),
        "achievement_vs_renstra_target": plain(indicator.achievement_vs_renstra_target),
        "national_standard": indicator.national_standard,
        "achievement_vs_national_standard": plain(indicator.achievement_vs_national_standard),
    }


def results_document(results):
    return {
        "format": "lakip-results/1",
        "agency": results.agency,
        "year": results.year,
        "settings": {
            "achievement_cap": results.achievement_cap,
            "efficiency_method": results.efficiency_method,
        },
        "indicators": [_indicator(i) for i in results.indicators],
        "objectives": [
            {
                "code": o.code,
                "goal": o.goal,
                "achievement": plain(o.achievement),
                "category": o.category,
                "budget": plain_money(o.budget),
                "realisation": plain_money(o.realisation),
                "absorption": plain(o.absorption),
                "efficiency": plain(o.efficiency),
            }
            for o in results.objectives
        ],
        "budget_lines": [
            {
                "code": line.code,
                "level": line.level,
                "parent": line.parent,
                "budget": plain_money(line.budget),
                "realisation": plain_money(line.realisation),
                "absorption": plain(line.absorption),
            }
            for line in results.budget_lines
        ],
        "totals": {
            "achievement": plain(results.totals.achievement),
            "category": results.totals.category,
            "budget": plain_money(results.totals.budget),
            "realisation": plain_money(results.totals.realisation),
            "absorption": plain(results.totals.absorption),
        },
        "findings": [
            {"severity": f.severity, "rule": f.rule, "subject": f.subject, "message": f.message}
            for f in results.findings
        ],
    }
