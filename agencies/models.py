"""Who reports: regional governments, their agencies, and the agency's data of one report year."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agencies.fields import MoneyField
from domain.enums import ACHIEVEMENT_CAPS, Chapter, EfficiencyMethod, GovernmentLevel, PaperSize, ReportStatus
from domain.sections import section_title
from domain.validators import TEXT_LENGTH, TITLE_LENGTH, category_bands_problems, field_messages, narrative_problems


class Government(models.Model):
    """A pemerintah daerah (provinsi, kabupaten or kota)."""

    code = models.SlugField("kode", max_length=64, unique=True)
    name = models.CharField("nama", max_length=200)
    level = models.CharField("tingkat", max_length=16, choices=GovernmentLevel.choices())
    head_name = models.CharField(
        "nama kepala daerah",
        max_length=200,
        blank=True,
        help_text="Gubernur, bupati atau wali kota yang menandatangani Perjanjian Kinerja.",
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="reviewed_governments",
        verbose_name="reviewer inspektorat",
        help_text="Reviewer APIP yang dapat melihat laporan semua perangkat daerah pemerintah ini.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """A perangkat daerah (OPD) that writes a LAKIP, with its head and its computation settings."""

    government = models.ForeignKey(
        Government, on_delete=models.PROTECT, related_name="agencies", verbose_name="pemerintah daerah"
    )
    code = models.SlugField("kode", max_length=64, unique=True)
    name = models.CharField("nama", max_length=300)
    short_name = models.CharField("singkatan", max_length=50, blank=True)
    city = models.CharField("kota kedudukan", max_length=100, blank=True)
    head_name = models.CharField("nama kepala", max_length=200, blank=True)
    head_title = models.CharField("jabatan kepala", max_length=300, blank=True)
    head_rank = models.CharField("pangkat/golongan kepala", max_length=100, blank=True)
    head_nip = models.CharField(
        "NIP kepala", max_length=32, blank=True, help_text="18 digit; disimpan dan dicetak sebagaimana diisi."
    )
    achievement_cap = models.PositiveSmallIntegerField(
        "batas atas capaian",
        choices=[(cap, f"{cap}%") for cap in ACHIEVEMENT_CAPS],
        null=True,
        blank=True,
        help_text="Kosong: capaian tidak dibatasi.",
    )
    efficiency_method = models.CharField(
        "metode efisiensi", max_length=16, choices=EfficiencyMethod.choices(), default=EfficiencyMethod.RATIO
    )
    category_bands = models.JSONField(
        "kategori capaian",
        null=True,
        blank=True,
        help_text='Kosong: 91/76/66/51. Atau daftar dari tertinggi: [{"min": 91, "label": "Sangat Tinggi"}, ...]',
    )
    paper_size = models.CharField("ukuran kertas", max_length=2, choices=PaperSize.choices(), default=PaperSize.A4)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="agencies",
        verbose_name="perencana",
        help_text="Pengguna yang mengisi data perangkat daerah ini.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(achievement_cap__isnull=True) | Q(achievement_cap__in=ACHIEVEMENT_CAPS),
                name="agency_achievement_cap_allowed",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = field_messages(category_bands=category_bands_problems(self.category_bands))
        if errors:
            raise ValidationError(errors)


class ReportYear(models.Model):
    """What an agency's report of one year holds beyond the plan: signature, totals and review state."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="report_years", verbose_name="perangkat daerah"
    )
    year = models.PositiveSmallIntegerField("tahun", validators=[MinValueValidator(2000)])
    signed_city = models.CharField("kota penandatanganan", max_length=100, blank=True)
    signed_date = models.DateField("tanggal penandatanganan", null=True, blank=True)
    budget_total = MoneyField("total pagu (DPA)", null=True, blank=True)
    realisation_total = MoneyField("total realisasi", null=True, blank=True)
    status = models.CharField("status", max_length=16, choices=ReportStatus.choices(), default=ReportStatus.DRAFT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tahun laporan"
        verbose_name_plural = "tahun laporan"
        ordering = ["agency__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="report_year_unique"),
            models.CheckConstraint(condition=Q(budget_total__gte=0), name="report_year_budget_total_not_negative"),
            models.CheckConstraint(
                condition=Q(realisation_total__gte=0), name="report_year_realisation_total_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.agency} — {self.year}"


class Narrative(models.Model):
    """A Markdown section of the report of one agency-year (Kata Pengantar, Bab I background...).

    Its title and chapter are its key's in ``domain.sections`` unless it has its own; ``position`` orders the
    sections of a year, and so of each chapter.
    """

    report_year = models.ForeignKey(
        ReportYear, on_delete=models.CASCADE, related_name="narratives", verbose_name="tahun laporan"
    )
    key = models.SlugField("bagian", max_length=64)
    title = models.CharField(
        "judul",
        max_length=TITLE_LENGTH,
        blank=True,
        help_text="Kosong: judul baku bagian ini (background: Latar Belakang). Bagian yang tidak dikenal tanpa "
        "judul dicetak dengan kuncinya.",
    )
    chapter = models.CharField(
        "bab",
        max_length=16,
        choices=Chapter.choices(),
        blank=True,
        help_text="Kosong: bab baku bagian ini; bagian yang tidak dikenal dicetak di bab bagian sebelumnya.",
    )
    text = models.TextField("teks (Markdown)", blank=True)
    position = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "narasi laporan"
        verbose_name_plural = "narasi laporan"
        ordering = ["report_year", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["report_year", "key"], name="narrative_unique_key")]

    def __str__(self):
        return section_title(self.key, self.title)

    def clean(self):
        """Refuses a text longer than ``domain.validators.NARRATIVE_LENGTH``, naming the section: a year's page
        shows all its sections at once."""
        problems = narrative_problems(self.text)
        if problems:
            raise ValidationError({"text": [f"Bagian «{self}»: {problem.message}" for problem in problems]})


class FindingNote(models.Model):
    """A planner's explanation of a finding of one report year, for the reviewer (Inspektorat) to read.

    A finding is named by its rule and subject (``performance.findings.Finding``), so the note stays with the
    finding while the data changes and is simply not shown once the finding is gone.
    """

    report_year = models.ForeignKey(
        ReportYear, on_delete=models.CASCADE, related_name="finding_notes", verbose_name="tahun laporan"
    )
    rule = models.CharField("aturan", max_length=64)
    subject = models.CharField("subjek", max_length=64)
    text = models.TextField("penjelasan", max_length=TEXT_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ditulis oleh",
    )
    written_at = models.DateTimeField("ditulis pada", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "penjelasan temuan"
        verbose_name_plural = "penjelasan temuan"
        ordering = ["report_year", "rule", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["report_year", "rule", "subject"], name="finding_note_unique"),
        ]

    def __str__(self):
        return f"{self.rule} · {self.subject}"
