"""The Bukti page, ``/agencies/<code>/<year>/evidence/``: the files that prove each indicator's realisation.

One row per indicator of the year (the engine's indicators, in the report's order), keyed by the indicator's code
(``row-iku-1``, as on the realisation grid), with its files, an upload form and a delete button per file. Files
are served only by ``download``, to users who may see the agency, and only under the agency and year they belong
to: any other address of a file is a 404. A locked year (``web.locking``) lists and serves its files but refuses
an upload or a deletion. Uploading or deleting a file changes the report's footnote; the stored PDF goes stale
through ``reports.signals``, which watches every model an agency owns.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from agencies.access import get_report_year_or_404
from indicators.models import EvidenceFile, Indicator
from performance.results import agency_results
from web.evidence_forms import EvidenceUploadForm
from web.grid import RowError, row_id
from web.locking import lock_message, refuse_if_locked


def _year_files(report_year):
    """The year's evidence files of the agency, per indicator code, in upload order (one query)."""
    files = (
        EvidenceFile.objects.filter(
            realisation__indicator__agency=report_year.agency, realisation__year=report_year.year
        )
        .select_related("realisation__indicator", "uploaded_by")
        .order_by("uploaded_at", "id")
    )
    by_code = defaultdict(list)
    for evidence in files:
        by_code[evidence.realisation.indicator.code].append(evidence)
    return by_code


def _render_page(request, report_year, failed=None, status=200):
    """The page; ``failed`` is the bound upload form that was refused, shown again in its row."""
    agency = report_year.agency
    results = agency_results(agency=agency, year=report_year.year)
    files = _year_files(report_year)
    failed_code = failed.data.get("indicator") if failed else None
    rows = []
    for indicator in results.indicators:
        key = row_id(indicator.code)
        form = failed if indicator.code == failed_code else EvidenceUploadForm(initial={"indicator": indicator.code})
        form.auto_id = f"{key}-%s"
        rows.append({"indicator": indicator, "row_id": key, "files": files.get(indicator.code, []), "form": form})
    errors = []
    if failed:
        label = failed_code or ""
        errors = [RowError(row_id(label), label, "Berkas bukti", m) for m in failed.errors.get("file", [])]
    return render(
        request,
        "web/evidence.html",
        {
            "agency": agency,
            "report_year": report_year,
            "tab": "realisations",
            "lock": lock_message(report_year),
            "rows": rows,
            "errors": errors,
        },
        status=status,
    )


@login_required
@require_GET
def page(request, code, year):
    return _render_page(request, get_report_year_or_404(request.user, code, year))


@login_required
@require_POST
def upload(request, code, year):
    """Store one file for an indicator of the agency (``EvidenceUploadForm.save``); a refused file shows the page
    again, with its reason in the file's row and in the summary above, as a 400."""
    report_year = get_report_year_or_404(request.user, code, year)
    if refused := refuse_if_locked(request, report_year, reverse("web:evidence", args=[code, year])):
        return refused
    agency = report_year.agency
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_page(request, report_year, failed=form, status=400)
    indicator = get_object_or_404(Indicator, agency=agency, code=form.cleaned_data["indicator"])
    indicator.agency = agency
    evidence = form.save(indicator, year, request.user)
    messages.success(request, f"Berkas “{evidence.name}” tersimpan sebagai bukti {indicator.code}.")
    return redirect(f"{reverse('web:evidence', args=[agency.code, year])}#{row_id(indicator.code)}")


def _year_file_or_404(report_year, pk):
    """The evidence file ``pk`` if it belongs to the report year's agency and year; a 404 otherwise."""
    return get_object_or_404(
        EvidenceFile.objects.select_related("realisation__indicator"),
        pk=pk,
        realisation__indicator__agency=report_year.agency,
        realisation__year=report_year.year,
    )


@login_required
@require_GET
def download(request, code, year, pk):
    """The file as it was uploaded, always as an attachment under its uploaded name, never sniffed by the browser."""
    evidence = _year_file_or_404(get_report_year_or_404(request.user, code, year), pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas bukti tidak ditemukan di penyimpanan.") from None
    response = FileResponse(handle, as_attachment=True, filename=evidence.name, content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def delete(request, code, year, pk):
    """Remove the file's record; its stored file goes once the deletion is committed (``indicators.signals``)."""
    report_year = get_report_year_or_404(request.user, code, year)
    evidence = _year_file_or_404(report_year, pk)
    if refused := refuse_if_locked(request, report_year, reverse("web:evidence", args=[code, year])):
        return refused
    evidence.delete()
    messages.success(request, f"Berkas “{evidence.name}” dihapus dari bukti {evidence.realisation.indicator.code}.")
    target = row_id(evidence.realisation.indicator.code)
    return redirect(f"{reverse('web:evidence', args=[code, year])}#{target}")


urlpatterns = [
    path("evidence/", page, name="evidence"),
    path("evidence/upload/", upload, name="evidence_upload"),
    path("evidence/<int:pk>/", download, name="evidence_file"),
    path("evidence/<int:pk>/delete/", delete, name="evidence_delete"),
]
