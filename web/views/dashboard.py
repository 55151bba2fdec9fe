"""The year's dashboard: ``/agencies/<code>/<year>/``."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.access import get_report_year_or_404
from performance.results import agency_results


@login_required
@require_GET
def agency_year(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    agency = report_year.agency
    return render(
        request,
        "web/agency_year.html",
        {"agency": agency, "report_year": report_year, "results": agency_results(agency=agency, year=year)},
    )
