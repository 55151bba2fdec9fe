"""The slow work of an upload, run by a worker (the Django Tasks API, as ``reports.tasks``): the preview of an
Excel workbook's changes, the import of a ``lakip/1`` file. The web request only stores the file and queues.

Each task reads its ``WorkbookUpload``, does the work once and records the outcome on the row (status, preview,
message); an upload that is no longer queued (cancelled, already done) is left alone. The report may have been
submitted or approved since the upload: each task asks ``interchange.locks`` again before it works.
"""

import json
import logging

from django.utils import timezone
from django_tasks import task

from agencies.access import can_review_agency
from interchange.importer import LakipFileError, import_document, parse_json
from interchange.locks import report_year_problem
from interchange.models import WorkbookUpload
from interchange.workbook import WorkbookError, preview_workbook

logger = logging.getLogger(__name__)
Status = WorkbookUpload.Status


def _queued(upload_id):
    return (
        WorkbookUpload.objects.select_related("report_year__agency").filter(pk=upload_id, status=Status.QUEUED).first()
    )


def _finish(upload, status, message="", preview=None):
    WorkbookUpload.objects.filter(pk=upload.pk, status=Status.QUEUED).update(
        status=status, message=message, preview=preview, finished_at=timezone.now()
    )


@task()
def prepare_preview(upload_id):
    """The queued job of an Excel upload: compute its changes and problems and mark it ready (or failed)."""
    upload = _queued(upload_id)
    if upload is None:
        return "nothing queued"
    locked = report_year_problem(upload.report_year, upload.uploaded_by)
    if locked:
        _finish(upload, Status.FAILED, locked)
        return "refused"
    try:
        with upload.file.open("rb") as handle:
            data = handle.read()
        preview = preview_workbook(upload.report_year.agency, upload.report_year.year, data, upload.uploaded_by)
    except WorkbookError as error:
        _finish(upload, Status.FAILED, str(error))
        return "refused"
    except Exception as error:  # any failure is recorded on the upload, never lost in a log
        logger.exception("Preview of upload %s failed", upload.pk)
        _finish(upload, Status.FAILED, f"Pratinjau gagal: {type(error).__name__}.")
        return "failed"
    _finish(upload, Status.READY, preview=preview.as_json())
    return f"{len(preview.changes)} changes, {len(preview.problems)} problems"


def _changes_government(named, agency):
    """Whether the file's ``agency.government`` gives a name, level or head other than the stored ones (a field
    the file leaves out keeps its value, as in the importer)."""
    stored = agency.government
    return any(name in named and named[name] != getattr(stored, name) for name in ("name", "level", "head_name"))


@task()
def import_lakip_upload(upload_id):
    """The queued job of a ``lakip/1`` upload: the import's own checks, then the import (all or nothing).

    Readings: the upload's report year must still accept the uploader's changes (``interchange.locks``), and the
    importer refuses a file that changes any year locked for the uploader. A planner's upload may only replace its
    own agency, so a file naming another agency or another government is refused before the importer sees it. The
    government's own data (its name, level and regional head, printed by every agency of it) is changed by a
    reviewer of that government or an administrator only: a planner's file that would change it is refused,
    whatever else it holds. The import is recorded in the audit trail as the uploader's.
    """
    upload = _queued(upload_id)
    if upload is None:
        return "nothing queued"
    agency = upload.report_year.agency
    locked = report_year_problem(upload.report_year, upload.uploaded_by)
    if locked:
        _finish(upload, Status.FAILED, locked)
        return "refused"
    try:
        with upload.file.open("rb") as handle:
            data = parse_json(handle.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        _finish(upload, Status.FAILED, f"Berkas ini bukan JSON lakip/1 yang sah ({type(error).__name__}).")
        return "refused"
    named = data.get("agency") if isinstance(data, dict) else None
    named = named if isinstance(named, dict) else {}
    government = named.get("government") if isinstance(named.get("government"), dict) else {}
    if named.get("code") != agency.code or government.get("code", agency.government.code) != agency.government.code:
        message = f"Berkas ini untuk perangkat daerah «{str(named.get('code'))[:64]}», bukan «{agency.code}»."
        _finish(upload, Status.FAILED, message)
        return "refused"
    uploader = upload.uploaded_by
    if (uploader is None or not can_review_agency(uploader, agency)) and _changes_government(government, agency):
        message = (
            "Berkas ini mengubah data pemerintah daerah (nama, tingkat atau kepala daerah), yang dipakai semua "
            "perangkat daerahnya: hanya Inspektorat atau administrator yang dapat mengubahnya."
        )
        _finish(upload, Status.FAILED, message)
        return "refused"
    try:
        result = import_document(data, source=upload.name, user=uploader)
    except LakipFileError as error:
        problems = [str(problem) for problem in error.problems]
        _finish(upload, Status.FAILED, f"{len(problems)} masalah; tidak ada yang diimpor.", {"problems": problems})
        return "refused"
    _finish(upload, Status.APPLIED, f"Diimpor: {result}.")
    return "imported"
