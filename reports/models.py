"""The stored LAKIP PDFs and the render state of each agency-year.

A download never renders: it serves the stored PDF when it is fresh, and otherwise says where the render is.
Workers (``reports.tasks``) write both models; the PDF file itself goes through Django's storage API (the file
system under MEDIA_ROOT by default, an S3-compatible store in a multi-machine setup), never into the database.
"""

from django.db import models

from agencies.models import ReportYear

# How many stored PDFs an agency-year keeps: the current one and a few before it, so that undoing a change
# serves the earlier file again without a render (the fingerprint matches) while the storage stays bounded.
KEEP_STORED = 5


def stored_pdf_path(instance, filename):
    """``lakip/2024/bkpp-bengkalis/<fingerprint>.pdf``: readable by year and agency, unique per content."""
    report_year = instance.report_year
    return f"lakip/{report_year.year}/{report_year.agency.code}/{instance.fingerprint}.pdf"


class StoredPdf(models.Model):
    """One rendered PDF of an agency-year, identified by the fingerprint of everything it prints.

    The fingerprint is the SHA-256 of the report's HTML (which holds every printed figure, text and setting)
    and of the print stylesheet, fonts and WeasyPrint version; the same fingerprint means the same PDF, so
    a render whose fingerprint is already stored is skipped.
    """

    report_year = models.ForeignKey(
        ReportYear, on_delete=models.CASCADE, related_name="stored_pdfs", verbose_name="tahun laporan"
    )
    fingerprint = models.CharField("sidik isi", max_length=64)
    sha256 = models.CharField("SHA-256 berkas", max_length=64)
    pages = models.PositiveIntegerField("halaman")
    size = models.PositiveIntegerField("ukuran (byte)")
    render_seconds = models.DecimalField("lama render (detik)", max_digits=9, decimal_places=3)
    rendered_at = models.DateTimeField("dirender pada")
    file = models.FileField("berkas", upload_to=stored_pdf_path, max_length=255)

    class Meta:
        verbose_name = "PDF LAKIP tersimpan"
        verbose_name_plural = "PDF LAKIP tersimpan"
        ordering = ["-rendered_at"]
        constraints = [
            models.UniqueConstraint(fields=["report_year", "fingerprint"], name="stored_pdf_unique_fingerprint")
        ]

    def __str__(self):
        return f"{self.report_year} · {self.rendered_at:%Y-%m-%d %H:%M}"


class RenderState(models.Model):
    """Where the PDF of one agency-year stands, and the bookkeeping that makes its renders safe.

    ``version`` counts data changes: a render that started at one version and finished at another is outdated
    at once and queues the next. ``claim`` is the token of the worker holding the render and ``lease_until``
    the time its heartbeat last promised to be alive until: a render whose lease ran out belongs to a dead
    worker and is queued again. ``attempts`` bounds the retries of a failing render.
    """

    class State(models.TextChoices):
        FRESH = "fresh", "selesai"
        STALE = "stale", "perlu dirender ulang"
        QUEUED = "queued", "menunggu antrean"
        RENDERING = "rendering", "sedang dirender"
        FAILED = "failed", "gagal"

    report_year = models.OneToOneField(
        ReportYear, on_delete=models.CASCADE, related_name="pdf_state", verbose_name="tahun laporan"
    )
    state = models.CharField("status PDF", max_length=16, choices=State.choices, default=State.STALE)
    reason = models.TextField("alasan", blank=True)
    attempts = models.PositiveSmallIntegerField("percobaan", default=0)
    version = models.PositiveIntegerField("versi data", default=0)
    changed_at = models.DateTimeField("data terakhir berubah", null=True, blank=True)
    queued_at = models.DateTimeField("masuk antrean", null=True, blank=True)
    started_at = models.DateTimeField("render dimulai", null=True, blank=True)
    lease_until = models.DateTimeField("sewa pekerja sampai", null=True, blank=True)
    claim = models.CharField("token pekerja", max_length=32, blank=True)
    task_id = models.CharField("id tugas", max_length=64, blank=True)
    current = models.ForeignKey(
        StoredPdf,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="PDF terakhir",
    )

    class Meta:
        verbose_name = "status PDF LAKIP"
        verbose_name_plural = "status PDF LAKIP"

    def __str__(self):
        return f"{self.report_year}: {self.get_state_display()}"

    @property
    def is_fresh(self):
        return self.state == self.State.FRESH and self.current_id is not None

    @property
    def is_pending(self):
        """A render is on its way (or will be once a status check queues it): the status page refreshes."""
        return self.state in (self.State.STALE, self.State.QUEUED, self.State.RENDERING)
