"""The LAKIP PDF for whoever may see the agency: the stored file at once, or a page saying where its render is.

No view renders: WeasyPrint runs only in the workers (``reports.tasks``). Every view finds the report year through
``get_report_year_or_404``, so an agency the user may not see is a 404 and its code does not leak.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from agencies.access import get_report_year_or_404

from .models import RenderState
from .tasks import check, file_lost, queue_render

# Seconds between two looks of the status page at a render on its way.
REFRESH_SECONDS = 3


def pdf_filename(agency, year, *, outdated=False):
    """``LAKIP-2024-bkpp-bengkalis.pdf``: year first so a folder of reports sorts by year, then agency."""
    return f"LAKIP-{year}-{agency.code}{'-versi-lama' if outdated else ''}.pdf"


def stored_pdf_response(stored, filename):
    """The stored file as an attachment, streamed from the storage; FileNotFoundError when it is gone."""
    response = FileResponse(stored.file.open("rb"), as_attachment=True, filename=filename)
    patch_cache_control(response, private=True)
    return response


@login_required
@require_GET
def lakip_pdf(request, code, year):
    """The current PDF when it is fresh; otherwise the status page, which downloads it once it is ready."""
    report_year = get_report_year_or_404(request.user, code, year)
    state = check(report_year)
    if state.is_fresh:
        try:
            return stored_pdf_response(state.current, pdf_filename(report_year.agency, year))
        except FileNotFoundError:
            file_lost(state)
    return redirect(f"{reverse('reports:lakip_status', args=[code, year])}?unduh=1")


@login_required
@require_GET
def lakip_pdf_previous(request, code, year):
    """The last stored PDF whatever the state, named as outdated unless it is current."""
    report_year = get_report_year_or_404(request.user, code, year)
    state = RenderState.objects.select_related("current").filter(report_year=report_year).first()
    if state is None or state.current is None:
        raise Http404("Belum ada PDF tersimpan.")
    try:
        return stored_pdf_response(state.current, pdf_filename(report_year.agency, year, outdated=not state.is_fresh))
    except FileNotFoundError:
        raise Http404("Berkas PDF tersimpan tidak ditemukan.") from None


@login_required
@require_GET
def lakip_status(request, code, year):
    """Where the render stands; refreshes itself while it is on its way.

    Reached from the download with ``?unduh=1``: once the PDF is fresh the page starts the download itself.
    """
    report_year = get_report_year_or_404(request.user, code, year)
    state = check(report_year)
    response = render(
        request,
        "reports/status.html",
        {
            "agency": report_year.agency,
            "report_year": report_year,
            "state": state,
            "refresh_seconds": REFRESH_SECONDS if state.is_pending else None,
            "max_attempts": settings.PDF_RENDER_ATTEMPTS,
            "download_now": state.is_fresh and request.GET.get("unduh") == "1",
        },
    )
    patch_cache_control(response, no_store=True)
    return response


@login_required
@require_POST
def lakip_render(request, code, year):
    """Render again after a failure (or at any time): a new render with fresh attempts, unless one is on its way."""
    report_year = get_report_year_or_404(request.user, code, year)
    queue_render(report_year)
    return redirect("reports:lakip_status", code, year)
