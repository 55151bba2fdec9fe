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
from domain.enums import ReportStatus
from review.models import ReportVersion

from .files import pdf_filename
from .models import RenderState
from .tasks import check, file_lost, queue_render

# Seconds between two looks of the status page at a render on its way.
REFRESH_SECONDS = 3


def stored_pdf_response(file, filename):
    """A stored file (a ``FieldFile``) as an attachment, streamed from the storage; FileNotFoundError when it is
    gone."""
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename)
    patch_cache_control(response, private=True)
    return response


def approved_version(report_year):
    """The current approved version of ``report_year`` once its PDF is attached, or None."""
    if report_year.status != ReportStatus.APPROVED:
        return None
    return ReportVersion.objects.filter(report_year=report_year).current().exclude(pdf="").first()


@login_required
@require_GET
def lakip_pdf(request, code, year):
    """The current PDF when it is fresh; otherwise the status page, which downloads it once it is ready.

    An approved report's PDF is its version's, the one the reviewer approved and the public pages verify, even
    when data it shares with other years (the plan, the government's name) changed since and a render followed.
    """
    report_year = get_report_year_or_404(request.user, code, year)
    version = approved_version(report_year)
    if version is not None:
        try:
            return stored_pdf_response(version.pdf, pdf_filename(report_year.agency, year, version=version.number))
        except FileNotFoundError:
            raise Http404("Berkas PDF versi yang disetujui tidak ditemukan.") from None
    state = check(report_year)
    if state.is_fresh:
        try:
            return stored_pdf_response(state.current.file, pdf_filename(report_year.agency, year))
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
        return stored_pdf_response(
            state.current.file, pdf_filename(report_year.agency, year, outdated=not state.is_fresh)
        )
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
