"""The budget: program → kegiatan → sub kegiatan with pagu and realisasi per year."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agencies.fields import MoneyField
from agencies.models import Agency, ReportYear
from domain.enums import PARENT_LEVEL, BudgetLevel, ExpenseType
from domain.validators import NAME_LENGTH
from indicators.models import Objective


class BudgetLine(models.Model):
    """A program, kegiatan (activity) or sub kegiatan (sub-activity) with its official code."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="budget_lines", verbose_name="perangkat daerah"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="induk"
    )
    level = models.CharField("tingkat", max_length=16, choices=BudgetLevel.choices())
    code = models.CharField("kode", max_length=64)
    name = models.TextField("nama", max_length=NAME_LENGTH)
    position = models.PositiveIntegerField("urutan", default=0)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="budget_lines", verbose_name="sasaran yang didukung"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "program/kegiatan"
        verbose_name_plural = "program/kegiatan/sub kegiatan"
        ordering = ["agency", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="budget_line_unique_code"),
            models.CheckConstraint(
                condition=Q(level="program", parent__isnull=True) | (~Q(level="program") & Q(parent__isnull=False)),
                name="budget_line_only_programs_are_roots",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name[:80]}"

    def clean(self):
        if self.parent_id:
            if self.parent.agency_id != self.agency_id:
                raise ValidationError({"parent": "Induk harus dari perangkat daerah yang sama."})
            if PARENT_LEVEL.get(self.level) != self.parent.level:
                raise ValidationError({"parent": "Kegiatan berinduk program; sub kegiatan berinduk kegiatan."})


def objectives_of_other_agencies(agency, objectives):
    """The sasaran among ``objectives`` that belong to another agency than ``agency``: a budget line supports only
    its own agency's sasaran. A many-to-many link is set after the line is saved, so every form that links a line
    to sasaran checks its choice with this before saving (the import links only within one file's agency)."""
    return [objective for objective in objectives if objective.renstra.agency_id != agency.pk]


class Amounts(models.Model):
    """Pagu and realisasi of one year, never negative; a line, a sasaran or an expense type has these."""

    year = models.PositiveSmallIntegerField("tahun")
    budget = MoneyField("pagu", null=True, blank=True)
    realisation = MoneyField("realisasi", null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="%(class)s_budget_not_negative"),
            models.CheckConstraint(condition=Q(realisation__gte=0), name="%(class)s_realisation_not_negative"),
        ]


class BudgetFigure(Amounts):
    """Pagu and realisasi of a budget line in one year."""

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="figures", verbose_name="program/kegiatan"
    )
    expense_type = models.CharField("jenis belanja", max_length=16, choices=ExpenseType.choices(), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "anggaran"
        verbose_name_plural = "anggaran"
        ordering = ["line", "year"]
        constraints = [
            *Amounts.Meta.constraints,
            models.UniqueConstraint(fields=["line", "year"], name="budget_figure_unique_year"),
        ]

    def __str__(self):
        return f"{self.line.code} {self.year}"


class ObjectiveBudget(Amounts):
    """Budget reported per sasaran, for agencies that do not report it per program line."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="budgets", verbose_name="sasaran")
    expense_type = models.CharField("jenis belanja", max_length=16, choices=ExpenseType.choices(), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "anggaran sasaran"
        verbose_name_plural = "anggaran sasaran"
        ordering = ["objective", "year"]
        constraints = [
            *Amounts.Meta.constraints,
            models.UniqueConstraint(fields=["objective", "year"], name="objective_budget_unique_year"),
        ]

    def __str__(self):
        return f"{self.objective.code} {self.year}"


class ExpenseTypeBudget(models.Model):
    """The agency's budget of one year by expense type (belanja pegawai, barang dan jasa, modal)."""

    report_year = models.ForeignKey(
        ReportYear, on_delete=models.CASCADE, related_name="expense_type_budgets", verbose_name="tahun laporan"
    )
    expense_type = models.CharField("jenis belanja", max_length=16, choices=ExpenseType.choices())
    budget = MoneyField("pagu", null=True, blank=True)
    realisation = MoneyField("realisasi", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "anggaran per jenis belanja"
        verbose_name_plural = "anggaran per jenis belanja"
        ordering = ["report_year", "expense_type"]
        constraints = [
            models.UniqueConstraint(fields=["report_year", "expense_type"], name="expense_type_budget_unique"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="expense_type_budget_not_negative"),
            models.CheckConstraint(condition=Q(realisation__gte=0), name="expense_type_realisation_not_negative"),
        ]

    def __str__(self):
        return f"{self.report_year} {self.get_expense_type_display()}"
