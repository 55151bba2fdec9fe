"""The "Excel & berkas" page of a report year: downloads (Excel workbook, ``lakip/1``, ``lakip-results/1``, the PDF)
and uploads (an Excel workbook to preview and apply, a ``lakip/1`` file to import).

No request waits for slow work: an upload is stored and its work queued (``interchange.tasks``); its page shows
the progress until the worker is done. Applying a previewed workbook is one fast transaction and runs inline.
Every view checks access with ``get_report_year_or_404``, so another agency's planner gets a 404 everywhere.

Uploads change data, so they follow the review (``interchange.locks``): while the report is submitted its planner
uploads nothing, and while it is approved nobody does; the page says why instead of offering the forms. Applying a
preview asks again, since the report may have been submitted since the preview. The downloads stay available.
"""

from dataclasses import asdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from agencies.access import get_report_year_or_404
from agencies.models import ReportYear
from interchange.exporter import ExportError, export_document
from interchange.locks import report_year_problem
from interchange.models import WorkbookUpload
from interchange.results import results_document
from interchange.tasks import import_lakip_upload, prepare_preview
from interchange.workbook import ApplyError, WorkbookError, apply_changes, compute_preview, write_workbook
from performance.results import agency_results
from performance.snapshot import load_snapshot

MAX_UPLOAD = 10 * 1024 * 1024
RECENT_UPLOADS = 10
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Status = WorkbookUpload.Status


class UploadForm(forms.Form):
    file = forms.FileField(label="Berkas")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(f"Berkas terlalu besar: paling besar {MAX_UPLOAD // (1024 * 1024)} MB.")
        return upload


def _page(request, report_year, *, excel_form=None, lakip_form=None, status=200):
    uploads = report_year.uploads.select_related("uploaded_by")[:RECENT_UPLOADS]
    context = {
        "tab": "files",
        "agency": report_year.agency,
        "report_year": report_year,
        "upload_lock": report_year_problem(report_year, request.user),
        "uploads": uploads,
        "excel_form": excel_form or UploadForm(prefix="excel"),
        "lakip_form": lakip_form or UploadForm(prefix="lakip"),
    }
    return render(request, "interchange/files.html", context, status=status)


@login_required
@require_GET
def files(request, code, year):
    return _page(request, get_report_year_or_404(request.user, code, year))


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def download_excel(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    data = write_workbook(load_snapshot(report_year.agency, year), year)
    return _attachment(HttpResponse(data, content_type=XLSX), f"lakip-{code}-{year}.xlsx")


@login_required
@require_GET
def download_lakip(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    try:
        document = export_document(report_year.agency)
    except ExportError as error:
        messages.error(request, str(error))
        return redirect("interchange:files", code, year)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _attachment(response, f"{code}.lakip.json")


@login_required
@require_GET
def download_results(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    document = results_document(agency_results(agency=report_year.agency, year=year))
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _attachment(response, f"{code}-{year}.lakip-results.json")


def _upload(request, code, year, kind, job):
    """Store the uploaded file, queue its work, and show its page; nothing is stored while the report year does not
    accept the user's changes."""
    report_year = get_report_year_or_404(request.user, code, year)
    locked = report_year_problem(report_year, request.user)
    if locked:
        messages.error(request, locked)
        return redirect("interchange:files", code, year)
    form = UploadForm(request.POST, request.FILES, prefix=kind)
    if not form.is_valid():
        forms_by_kind = {f"{kind}_form": form}
        return _page(request, report_year, status=400, **forms_by_kind)
    uploaded = form.cleaned_data["file"]
    upload = WorkbookUpload(report_year=report_year, kind=kind, name=uploaded.name[:200], uploaded_by=request.user)
    upload.file.save(uploaded.name, uploaded, save=False)
    upload.save()
    try:
        job.enqueue(upload.pk)
    except Exception as error:  # an unreachable queue is said on the upload's page, never a server error
        WorkbookUpload.objects.filter(pk=upload.pk).update(
            status=Status.FAILED, message=f"Antrean tidak dapat dihubungi ({type(error).__name__}); unggah lagi nanti."
        )
    return redirect("interchange:upload", code, year, upload.pk)


@login_required
@require_POST
def upload_excel(request, code, year):
    return _upload(request, code, year, WorkbookUpload.Kind.EXCEL, prepare_preview)


@login_required
@require_POST
def upload_lakip(request, code, year):
    return _upload(request, code, year, WorkbookUpload.Kind.LAKIP, import_lakip_upload)


def _upload_of(request, code, year, pk):
    report_year = get_report_year_or_404(request.user, code, year)
    return report_year, get_object_or_404(
        WorkbookUpload.objects.select_related("uploaded_by"), pk=pk, report_year=report_year
    )


@login_required
@require_GET
def upload(request, code, year, pk):
    """The upload's progress until its work is done (htmx polls it every second; a meta refresh without JS), then
    its outcome: the preview of an Excel workbook's changes and problems, or the import's result."""
    report_year, upload = _upload_of(request, code, year, pk)
    preview = upload.preview or {}
    locked = report_year_problem(report_year, request.user)
    context = {
        "tab": "files",
        "agency": report_year.agency,
        "report_year": report_year,
        "upload": upload,
        "upload_lock": locked,
        "changes": preview.get("changes", []),
        "problems": preview.get("problems", []),
        "can_apply": (
            upload.status == Status.READY and preview.get("changes") and not preview.get("problems") and not locked
        ),
    }
    return render(request, "interchange/upload.html", context)


@login_required
@require_POST
def apply(request, code, year, pk):
    """Apply a ready preview, after reading the workbook again against the data as it is now: when the data
    changed since the preview was computed the changes would differ, so the preview is renewed instead. A report
    year that no longer accepts the user's changes (submitted or approved since the preview) refuses it."""
    report_year, upload = _upload_of(request, code, year, pk)
    with transaction.atomic():
        # The lock the review workflow takes to move the report: a submission waits for this apply, or comes first.
        report_year = ReportYear.objects.select_for_update().select_related("agency").get(pk=report_year.pk)
        locked = report_year_problem(report_year, request.user)
        if locked:
            messages.error(request, locked)
            return redirect("interchange:upload", code, year, pk)
        ready = WorkbookUpload.objects.select_for_update().filter(pk=upload.pk, status=Status.READY, kind="excel")
        upload = ready.first()
        if upload is None:
            messages.error(request, "Unggahan ini tidak siap diterapkan (sudah diterapkan, dibatalkan, atau ditolak).")
            return redirect("interchange:upload", code, year, pk)
        with upload.file.open("rb") as handle:
            data = handle.read()
        try:
            preview = compute_preview(load_snapshot(report_year.agency, year), year, data)
        except WorkbookError as error:
            messages.error(request, str(error))
            return redirect("interchange:upload", code, year, pk)
        if [asdict(change) for change in preview.changes] != upload.preview.get("changes") or preview.problems:
            upload.preview = preview.as_json()
            upload.save(update_fields=["preview"])
            messages.warning(request, "Data berubah sejak pratinjau dibuat: periksa pratinjau yang diperbarui ini.")
            return redirect("interchange:upload", code, year, pk)
        try:
            apply_changes(report_year.agency, year, preview.changes, request.user)
        except ApplyError as error:
            messages.error(request, str(error))
            return redirect("interchange:upload", code, year, pk)
        upload.status = Status.APPLIED
        upload.message = f"{len(preview.changes)} perubahan diterapkan."
        upload.finished_at = timezone.now()
        upload.save(update_fields=["status", "message", "finished_at"])
    messages.success(request, f"{len(preview.changes)} perubahan dari {upload.name} diterapkan.")
    return redirect("interchange:files", code, year)


@login_required
@require_POST
def cancel(request, code, year, pk):
    report_year, upload = _upload_of(request, code, year, pk)
    cancelled = WorkbookUpload.objects.filter(pk=upload.pk, status__in=[Status.QUEUED, Status.READY]).update(
        status=Status.CANCELLED, finished_at=timezone.now()
    )
    if cancelled:
        messages.info(request, f"Unggahan {upload.name} dibatalkan; tidak ada yang diubah.")
    return redirect("interchange:files", code, year)
