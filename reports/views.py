"""The LAKIP PDF as a download, for whoever may see the agency."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from agencies.access import get_report_year_or_404

from .pdf import render_pdf


def pdf_filename(agency, year):
    """``LAKIP-2024-bkpp-bengkalis.pdf``: year first so a folder of reports sorts by year, then agency."""
    return f"LAKIP-{year}-{agency.code}.pdf"


def pdf_response(agency, year):
    """The PDF as an attachment (browsers save it rather than replace the page)."""
    response = HttpResponse(render_pdf(agency, year), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(agency, year)}"'
    return response


@login_required
@require_GET
def lakip_pdf(request, code, year):
    """An agency the user may not see is a 404, so its code does not leak; so is a year it has no report of."""
    report_year = get_report_year_or_404(request.user, code, year)
    return pdf_response(report_year.agency, report_year.year)
