"""The review of a report by the Inspektorat: notes pinned to what they are about, and the approved versions.

The state of a report lives on ``agencies.ReportYear.status`` and its rules in ``domain.review``; the workflow
that moves it (``publication.workflow``) writes the models here.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from agencies.models import ReportYear
from budgets.models import BudgetLine
from domain.review import NoteSubject
from domain.validators import TEXT_LENGTH
from indicators.models import Indicator


class ReviewNote(models.Model):
    """A reviewer's note on one figure of a report, or on the whole report, open until the reviewer closes it.

    A realisation or a target is named by its indicator (the report's year is the note's), so a note can point at
    a realisation that is missing; a narrative section by its key, so the note outlives a deleted section.
    """

    report_year = models.ForeignKey(
        ReportYear, on_delete=models.CASCADE, related_name="review_notes", verbose_name="tahun laporan"
    )
    subject = models.CharField("tentang", max_length=16, choices=NoteSubject.choices(), default=NoteSubject.REPORT)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="indikator"
    )
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="baris anggaran"
    )
    section = models.SlugField("bagian narasi", max_length=64, blank=True)
    text = models.TextField("catatan", max_length=TEXT_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ditulis oleh",
    )
    written_at = models.DateTimeField("ditulis pada", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ditutup oleh",
    )
    closed_at = models.DateTimeField("ditutup pada", null=True, blank=True)

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["report_year", "written_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="review_note_pinned",
                condition=(
                    Q(subject=NoteSubject.REPORT, indicator__isnull=True, budget_line__isnull=True, section="")
                    | Q(
                        subject__in=[NoteSubject.REALISATION, NoteSubject.TARGET],
                        indicator__isnull=False,
                        budget_line__isnull=True,
                        section="",
                    )
                    | Q(subject=NoteSubject.BUDGET_LINE, indicator__isnull=True, budget_line__isnull=False, section="")
                    | (
                        Q(subject=NoteSubject.NARRATIVE, indicator__isnull=True, budget_line__isnull=True)
                        & ~Q(section="")
                    )
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_subject_display()}: {self.text[:60]}"

    @property
    def is_open(self):
        return self.closed_at is None


class ReviewReply(models.Model):
    """An answer in a note's thread: the planner's, or the reviewer's back."""

    note = models.ForeignKey(ReviewNote, on_delete=models.CASCADE, related_name="replies", verbose_name="catatan")
    text = models.TextField("jawaban", max_length=TEXT_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ditulis oleh",
    )
    written_at = models.DateTimeField("ditulis pada", auto_now_add=True)

    class Meta:
        verbose_name = "jawaban catatan reviu"
        verbose_name_plural = "jawaban catatan reviu"
        ordering = ["note", "written_at", "id"]

    def __str__(self):
        return self.text[:60]


def version_path(instance, filename):
    """``versi/2024/bkd-bengkulu/v1/<filename>``: a version's files together, never overwritten."""
    report_year = instance.report_year
    return f"versi/{report_year.year}/{report_year.agency.code}/v{instance.number}/{filename}"


class ReportVersionQuerySet(models.QuerySet):
    def current(self):
        """The versions not reopened since their approval, newest first: of one report year, the first is the
        approved version the report stands at."""
        return self.filter(reopened_at__isnull=True).order_by("-number")


class ReportVersion(models.Model):
    """One approved version of a report: who approved it, and its files with their SHA-256.

    ``lakip`` and ``results`` are written when the reviewer approves; the PDF follows from the render queue (its
    statement page and QR code need the version), so ``pdf_sha256`` is empty until then. ``token`` is the
    address of the version's public verification page, printed in the PDF as a QR code.
    """

    report_year = models.ForeignKey(
        ReportYear, on_delete=models.PROTECT, related_name="versions", verbose_name="tahun laporan"
    )
    number = models.PositiveSmallIntegerField("versi")
    token = models.UUIDField("kode verifikasi", default=uuid.uuid4, unique=True, editable=False)
    approved_at = models.DateTimeField("disetujui pada")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="disetujui oleh",
    )
    reviewer_name = models.CharField("nama reviewer", max_length=200)
    reviewer_nip = models.CharField("NIP reviewer", max_length=32, blank=True)
    reviewer_title = models.CharField("jabatan reviewer", max_length=300)
    reviewed_city = models.CharField("kota penandatanganan reviu", max_length=100, blank=True)
    reviewed_on = models.DateField("tanggal reviu")
    achievement = models.DecimalField("capaian kinerja (%)", max_digits=12, decimal_places=2, null=True, blank=True)
    pdf = models.FileField("PDF", upload_to=version_path, max_length=255, blank=True)
    pdf_sha256 = models.CharField("SHA-256 PDF", max_length=64, blank=True, db_index=True)
    lakip = models.FileField("lakip/1", upload_to=version_path, max_length=255)
    lakip_sha256 = models.CharField("SHA-256 lakip/1", max_length=64)
    results = models.FileField("lakip-results/1", upload_to=version_path, max_length=255)
    results_sha256 = models.CharField("SHA-256 lakip-results/1", max_length=64)
    reopened_at = models.DateTimeField("dibuka kembali pada", null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dibuka kembali oleh",
    )
    reopen_reason = models.TextField("alasan dibuka kembali", max_length=TEXT_LENGTH, blank=True)

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "versi laporan disetujui"
        verbose_name_plural = "versi laporan disetujui"
        ordering = ["report_year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report_year", "number"], name="report_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.report_year} · versi {self.number}"

    @property
    def is_current(self):
        """Still the approved state of its report (not reopened since)."""
        return self.reopened_at is None
