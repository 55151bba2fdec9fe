"""The year's dashboard: ``/agencies/<code>/<year>/``.

Every figure comes from the engine: the results (``performance.results``), how complete the year's data is and
where the headline figures stand among the agency's category bands (``performance.completeness``), and the
charts the PDF draws (``presentation.charts``), the same calls as ``reports.context``.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.access import get_report_year_or_404
from performance import completeness
from performance.results import agency_results
from presentation.charts import budget_absorption_chart, objective_achievement_charts


@login_required
@require_GET
def agency_year(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    agency = report_year.agency
    results = agency_results(agency=agency, year=year)
    charts = objective_achievement_charts(results)
    absorption_chart, absorption_by_program = budget_absorption_chart(results)
    return render(
        request,
        "web/agency_year.html",
        {
            "tab": "agency_year",
            "agency": agency,
            "report_year": report_year,
            "results": results,
            "completeness": completeness.completeness(results),
            "achievement": completeness.standing(results.totals.achievement, results.category_bands),
            "absorption": completeness.standing(results.totals.absorption, results.category_bands),
            "finding_counts": completeness.findings_by_severity(results.findings),
            "charts": [(o, charts[o.code]) for o in results.objectives if charts[o.code]],
            "absorption_chart": absorption_chart,
            "absorption_by_program": absorption_by_program,
        },
    )
