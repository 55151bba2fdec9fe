"""The year's dashboard: ``/agencies/<code>/<year>/``.

Every figure comes from the engine: the results (``performance.results``), how complete the year's data is and
where the headline figures stand among the agency's category bands (``performance.completeness``), and the
charts the PDF draws (``presentation.charts``), called the way ``reports.context`` calls them.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.access import get_report_year_or_404
from domain.enums import RealisationStatus
from performance import completeness
from performance.results import agency_results
from presentation.charts import achievement_chart


def objective_charts(results):
    """Each sasaran with indicators and its achievement chart, titled as in the PDF's Bab III."""
    title = f"Capaian terhadap target per indikator tahun {results.year}"
    return [
        (objective, achievement_chart(objective.indicators, title))
        for objective in results.objectives
        if objective.indicators
    ]


@login_required
@require_GET
def agency_year(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    agency = report_year.agency
    results = agency_results(agency=agency, year=year)
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
            "charts": objective_charts(results),
            "status_choices": RealisationStatus.choices(),
        },
    )
