"""Uploaded files waiting for, or done with, their work on the task queue (``interchange.tasks``).

An upload is stored at once (the file through Django's storage API under MEDIA_ROOT, never served from
MEDIA_URL) and its slow work runs in a worker: for an Excel workbook the preview of its changes, for a
``lakip/1`` file the import itself. The page shows the upload's status until the work is done.
"""

import uuid

from django.conf import settings
from django.db import models

from agencies.models import ReportYear


def upload_path(instance, filename):
    """``uploads/<agency>/<year>/<random>.<ext>``: never the uploaded name, which may hold anything."""
    extension = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    report_year = instance.report_year
    return f"uploads/{report_year.agency.code}/{report_year.year}/{uuid.uuid4().hex}.{extension}"


class WorkbookUpload(models.Model):
    """One uploaded Excel workbook or ``lakip/1`` file of an agency-year and what became of it.

    ``preview`` holds what the worker computed, as JSON: for a workbook ``{"changes": [...], "problems": [...]}``
    (``interchange.workbook.Preview.as_json``), for a ``lakip/1`` file ``{"problems": [...]}`` or the import's
    counts. ``message`` says in one sentence why an upload failed or what it did.
    """

    class Kind(models.TextChoices):
        EXCEL = "excel", "Excel"
        LAKIP = "lakip", "lakip/1"

    class Status(models.TextChoices):
        QUEUED = "queued", "Dalam antrean"
        READY = "ready", "Siap ditinjau"
        FAILED = "failed", "Ditolak"
        APPLIED = "applied", "Diterapkan"
        CANCELLED = "cancelled", "Dibatalkan"

    report_year = models.ForeignKey(
        ReportYear, on_delete=models.CASCADE, related_name="uploads", verbose_name="tahun laporan"
    )
    kind = models.CharField("jenis", max_length=8, choices=Kind.choices)
    file = models.FileField("berkas", upload_to=upload_path, max_length=255)
    name = models.CharField("nama berkas", max_length=200)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.QUEUED)
    preview = models.JSONField("pratinjau", null=True, blank=True)
    message = models.TextField("keterangan", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diunggah oleh",
    )
    uploaded_at = models.DateTimeField("diunggah pada", auto_now_add=True)
    finished_at = models.DateTimeField("selesai pada", null=True, blank=True)

    class Meta:
        verbose_name = "unggahan berkas"
        verbose_name_plural = "unggahan berkas"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return f"{self.report_year} · {self.name}"

    @property
    def is_waiting(self):
        return self.status == self.Status.QUEUED
