"""The plan: Renstra, goals (tujuan), objectives (sasaran), indicators, targets and realisations."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from agencies.fields import ValueField
from agencies.models import Agency
from domain.enums import Direction, RealisationStatus
from domain.sections import objective_section_title
from domain.validators import (
    NAME_LENGTH,
    TEXT_LENGTH,
    TITLE_LENGTH,
    field_messages,
    narrative_problems,
    scale_problems,
)


class Renstra(models.Model):
    """An agency's five-year strategic plan (Rencana Strategis)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="renstras", verbose_name="perangkat daerah"
    )
    start_year = models.PositiveSmallIntegerField("tahun awal")
    end_year = models.PositiveSmallIntegerField("tahun akhir")
    vision = models.TextField("visi", max_length=TEXT_LENGTH, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["agency__name", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "start_year"], name="renstra_unique_start"),
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="renstra_end_after_start"),
            models.CheckConstraint(condition=Q(start_year__gte=2000), name="renstra_start_plausible"),
        ]

    def __str__(self):
        return f"Renstra {self.agency.short_name or self.agency.name} {self.start_year}–{self.end_year}"

    def save(self, *args, **kwargs):
        """Keep one RenstraYear per year of the period: targets can only point at those."""
        super().save(*args, **kwargs)
        self.years.exclude(year__range=(self.start_year, self.end_year)).delete()
        existing = set(self.years.values_list("year", flat=True))
        RenstraYear.objects.bulk_create(
            RenstraYear(renstra=self, year=y) for y in range(self.start_year, self.end_year + 1) if y not in existing
        )


class RenstraYear(models.Model):
    """One year of a Renstra period. A target refers to one, so no target can lie outside the period."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="years", verbose_name="Renstra")
    year = models.PositiveSmallIntegerField("tahun")

    class Meta:
        verbose_name = "tahun Renstra"
        verbose_name_plural = "tahun Renstra"
        ordering = ["renstra", "year"]
        constraints = [models.UniqueConstraint(fields=["renstra", "year"], name="renstra_year_unique")]

    def __str__(self):
        return str(self.year)


class Mission(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="missions", verbose_name="Renstra")
    position = models.PositiveIntegerField("urutan", default=0)
    text = models.TextField("misi", max_length=NAME_LENGTH)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "misi"
        verbose_name_plural = "misi"
        ordering = ["renstra", "position", "id"]

    def __str__(self):
        return self.text[:80]


class Goal(models.Model):
    """A tujuan of the Renstra."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="goals", verbose_name="Renstra")
    code = models.CharField("kode", max_length=64)
    text = models.TextField("tujuan", max_length=NAME_LENGTH)
    position = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["renstra", "code"], name="goal_unique_code")]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"


class Objective(models.Model):
    """A sasaran strategis; its indicators are the agency's IKU."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="objectives", verbose_name="Renstra")
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="objectives", verbose_name="tujuan"
    )
    code = models.CharField("kode", max_length=64)
    text = models.TextField("sasaran", max_length=NAME_LENGTH)
    position = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["renstra", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["renstra", "code"], name="objective_unique_code")]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"

    def clean(self):
        if self.goal_id and self.goal.renstra_id != self.renstra_id:
            raise ValidationError({"goal": "Tujuan harus dari Renstra yang sama."})


class ObjectiveNarrative(models.Model):
    """Analysis, success factors, obstacles and solutions of one sasaran in one year (Markdown), printed under the
    sasaran in the order of ``position``, each under its own title or else its key's (``domain.sections``)."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="narratives", verbose_name="sasaran"
    )
    year = models.PositiveSmallIntegerField("tahun")
    key = models.SlugField("bagian", max_length=64)
    title = models.CharField(
        "judul",
        max_length=TITLE_LENGTH,
        blank=True,
        help_text="Kosong: judul baku bagian ini (analysis: Analisis capaian). Bagian yang tidak dikenal tanpa "
        "judul dicetak dengan kuncinya.",
    )
    text = models.TextField("teks (Markdown)", blank=True)
    position = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "narasi sasaran"
        verbose_name_plural = "narasi sasaran"
        ordering = ["objective", "year", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "year", "key"], name="objective_narrative_unique_key")
        ]

    def __str__(self):
        return f"{self.objective.code} {self.year} {objective_section_title(self.key, self.title)}"

    def clean(self):
        """Refuses a text longer than ``domain.validators.NARRATIVE_LENGTH``, naming the section (and its year)."""
        problems = narrative_problems(self.text)
        if problems:
            title = f"{objective_section_title(self.key, self.title)} {self.year}"
            raise ValidationError({"text": [f"Bagian «{title}»: {problem.message}" for problem in problems]})


class Indicator(models.Model):
    """A performance indicator of exactly one goal, objective (IKU) or budget line (output indicator).

    ``scale`` is null for a numeric indicator, ``"sakip"`` or ``"ikm"`` for the standard grade scales,
    or a list of grades from low to high, optionally with bands (``[{"grade": "D", "min": 0}, ...]``).
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="indicators", verbose_name="perangkat daerah"
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators", verbose_name="tujuan"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators", verbose_name="sasaran"
    )
    budget_line = models.ForeignKey(
        "budgets.BudgetLine",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="program/kegiatan",
    )
    code = models.CharField("kode", max_length=64)
    name = models.TextField("nama indikator", max_length=NAME_LENGTH)
    unit = models.CharField("satuan", max_length=200, blank=True)
    direction = models.CharField("arah", max_length=8, choices=Direction.choices(), default=Direction.HIGHER)
    scale = models.JSONField(
        "skala predikat",
        null=True,
        blank=True,
        help_text='Kosong untuk indikator angka; "sakip", "ikm", atau daftar predikat dari terendah.',
    )
    formula = models.TextField("formula / definisi operasional", max_length=TEXT_LENGTH, blank=True)
    data_source = models.TextField("sumber data", max_length=NAME_LENGTH, blank=True)
    national_standard = ValueField("standar nasional", max_length=255, blank=True)
    baseline = models.CharField("kondisi awal", max_length=255, blank=True)
    position = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["agency", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="indicator_unique_code"),
            models.CheckConstraint(
                condition=(
                    Q(goal__isnull=False, objective__isnull=True, budget_line__isnull=True)
                    | Q(goal__isnull=True, objective__isnull=False, budget_line__isnull=True)
                    | Q(goal__isnull=True, objective__isnull=True, budget_line__isnull=False)
                ),
                name="indicator_has_one_owner",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name[:80]}"

    def clean(self):
        owners = [o for o in (self.goal_id, self.objective_id, self.budget_line_id) if o]
        if len(owners) != 1:
            raise ValidationError("Indikator harus milik tepat satu tujuan, sasaran, atau program/kegiatan.")
        errors = field_messages(scale=scale_problems(self.scale))
        owner_field, owner_agency_id = self._owner_agency()
        if self.agency_id and owner_agency_id is not None and owner_agency_id != self.agency_id:
            errors[owner_field] = ["Harus dari perangkat daerah indikator ini, bukan perangkat daerah lain."]
        if errors:
            raise ValidationError(errors)

    def _owner_agency(self):
        """The owner's field and the agency the owner belongs to (None before an owner is chosen)."""
        if self.goal_id:
            return "goal", self.goal.renstra.agency_id
        if self.objective_id:
            return "objective", self.objective.renstra.agency_id
        if self.budget_line_id:
            return "budget_line", self.budget_line.agency_id
        return None, None


class Target(models.Model):
    """The Renstra target of one year and, where it differs, the Perjanjian Kinerja (PK) target.

    A value is a number (``"51"``), a range (``"70-80"``) or a grade of the indicator's scale (``"BB"``).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name="indikator")
    renstra_year = models.ForeignKey(
        RenstraYear, on_delete=models.CASCADE, related_name="targets", verbose_name="tahun"
    )
    renstra_value = ValueField("target Renstra", max_length=64, blank=True)
    agreement_value = ValueField(
        "target PK", max_length=64, blank=True, help_text="Isi hanya bila target Perjanjian Kinerja berbeda."
    )
    agreement_reason = models.TextField("alasan target PK berbeda", max_length=TEXT_LENGTH, blank=True)
    # The rencana aksi (renaksi): the PK target split into quarterly milestones, each cumulative to its quarter.
    q1 = ValueField("target TW I", max_length=64, blank=True)
    q2 = ValueField("target TW II", max_length=64, blank=True)
    q3 = ValueField("target TW III", max_length=64, blank=True)
    q4 = ValueField("target TW IV", max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target"
        verbose_name_plural = "target"
        ordering = ["indicator", "renstra_year__year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "renstra_year"], name="target_unique_year"),
            models.CheckConstraint(condition=~Q(renstra_value="") | ~Q(agreement_value=""), name="target_has_a_value"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.renstra_year.year}"

    @property
    def year(self):
        return self.renstra_year.year

    def clean(self):
        if (
            self.renstra_year_id
            and self.indicator_id
            and self.renstra_year.renstra.agency_id != self.indicator.agency_id
        ):
            raise ValidationError({"renstra_year": "Tahun harus dari Renstra perangkat daerah yang sama."})


class Realisation(models.Model):
    """The measured value of an indicator in one year, with its status and evidence."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="realisations", verbose_name="indikator"
    )
    year = models.PositiveSmallIntegerField("tahun")
    value = ValueField("realisasi", max_length=64, blank=True, allow_range=False)
    status = models.CharField(
        "status", max_length=16, choices=RealisationStatus.choices(), default=RealisationStatus.FINAL
    )
    evidence = models.TextField("bukti dukung", max_length=TEXT_LENGTH, blank=True)
    evidence_date = models.DateField("tanggal bukti", null=True, blank=True)
    note = models.TextField("catatan", max_length=TEXT_LENGTH, blank=True)
    q1 = ValueField("TW I", max_length=64, blank=True, allow_range=False)
    q2 = ValueField("TW II", max_length=64, blank=True, allow_range=False)
    q3 = ValueField("TW III", max_length=64, blank=True, allow_range=False)
    q4 = ValueField("TW IV", max_length=64, blank=True, allow_range=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="realisation_unique_year"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year}"


def evidence_path(instance, filename):
    """``evidence/<agency>/<year>/<indicator>/<random>.<ext>``: never the uploaded name, which may hold anything."""
    realisation = instance.realisation
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return (
        f"evidence/{realisation.indicator.agency.code}/{realisation.year}/{realisation.indicator_id}/"
        f"{uuid.uuid4().hex}.{extension}"
    )


class EvidenceFile(models.Model):
    """A file that proves a realisation (a scanned letter, a survey's workbook...).

    The file goes through Django's storage API under MEDIA_ROOT (outside the web root); it is served only by a
    view that checks access to the agency. ``name`` is the uploaded file's name, shown to users and printed in
    the report's footnote; the stored path is random.
    """

    realisation = models.ForeignKey(
        Realisation, on_delete=models.CASCADE, related_name="files", verbose_name="realisasi"
    )
    file = models.FileField("berkas", upload_to=evidence_path, max_length=255)
    name = models.CharField("nama berkas", max_length=200)
    content_type = models.CharField("jenis berkas", max_length=100)
    size = models.PositiveIntegerField("ukuran (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("diunggah pada", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diunggah oleh",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "berkas bukti"
        verbose_name_plural = "berkas bukti"
        ordering = ["realisation", "uploaded_at", "id"]

    def __str__(self):
        return self.name
