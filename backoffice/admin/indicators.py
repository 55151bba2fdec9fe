"""Admin of the plan: Renstra, sasaran, indicators, targets and realisations.

Achievement and category are shown next to every realisation, always as the computation engine
(``performance.results``) gives them (``backoffice.admin.columns``).
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html

from backoffice.admin.base import RowHistoryAdmin, TrackedAdmin
from backoffice.admin.columns import (
    OptionalJSONField,
    ResultsCache,
    achievement_columns,
    agency_column,
    year_column,
)
from backoffice.admin.history import HistoryLinkInline
from backoffice.admin.scoping import AgencyScopedMixin
from budgets.models import ObjectiveBudget
from domain.numbers import format_value
from indicators.models import (
    EvidenceFile,
    Goal,
    Indicator,
    Mission,
    Objective,
    ObjectiveNarrative,
    Realisation,
    Renstra,
    RenstraYear,
    Target,
)

COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class MissionInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    model = Mission
    extra = 0
    fields = ("position", "text")
    formfield_overrides = COMPACT_TEXT


class GoalInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    model = Goal
    extra = 0
    fields = ("code", "text", "position")
    formfield_overrides = COMPACT_TEXT


class ObjectiveInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    model = Objective
    extra = 0
    fields = ("code", "text", "goal", "position")
    show_change_link = True
    formfield_overrides = COMPACT_TEXT


@admin.register(Renstra)
class RenstraAdmin(TrackedAdmin):
    list_display = (
        "__str__",
        agency_column(),
        year_column("start_year", "tahun awal"),
        year_column("end_year", "tahun akhir"),
    )
    list_filter = (("agency", admin.RelatedOnlyFieldListFilter), "start_year")
    search_fields = ("agency__name", "agency__code", "vision")
    list_select_related = ("agency",)
    fields = ("agency", "start_year", "end_year", "vision")
    inlines = (MissionInline, GoalInline, ObjectiveInline)


class IndicatorLinkInline(AgencyScopedMixin, admin.TabularInline):
    """The sasaran's indicators (IKU), read here and edited on their own page with targets and realisations."""

    model = Indicator
    fk_name = "objective"
    extra = 0
    fields = ("code", "name", "unit", "direction")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ObjectiveBudgetInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    model = ObjectiveBudget
    extra = 0
    fields = ("year", "budget", "realisation", "expense_type")


class ObjectiveNarrativeInline(HistoryLinkInline, AgencyScopedMixin, admin.StackedInline):
    model = ObjectiveNarrative
    extra = 0
    fields = (("year", "key", "position"), "title", "text")


admin.site.register([Mission, Goal, ObjectiveNarrative], RowHistoryAdmin)


@admin.register(Objective)
class ObjectiveAdmin(TrackedAdmin):
    list_display = ("code", "text", "goal", agency_column("renstra__agency"))
    list_filter = (("renstra__agency", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("code", "text", "renstra__agency__name")
    list_select_related = ("renstra__agency", "goal")
    fields = ("renstra", "goal", "code", "text", "position")
    inlines = (IndicatorLinkInline, ObjectiveBudgetInline, ObjectiveNarrativeInline)


class OwnerKindFilter(admin.SimpleListFilter):
    """Which part of the plan an indicator measures: a tujuan, a sasaran (IKU) or a program/kegiatan."""

    title = "pemilik"
    parameter_name = "pemilik"

    def lookups(self, request, model_admin):
        return (
            ("goal", "Tujuan"),
            ("objective", "Sasaran (IKU)"),
            ("budget_line", "Program/kegiatan"),
        )

    def queryset(self, request, queryset):
        if self.value() in {"goal", "objective", "budget_line"}:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


def label_renstra_years(formfield):
    """Name the Renstra beside each year in a target's year choice: ``2024`` alone repeats across plans."""
    if formfield is not None and formfield.queryset.model is RenstraYear:
        formfield.queryset = formfield.queryset.select_related("renstra__agency")
        formfield.label_from_instance = lambda renstra_year: f"{renstra_year.year} — {renstra_year.renstra}"
    return formfield


class TargetInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    model = Target
    extra = 0
    fields = ("renstra_year", "renstra_value", "agreement_value", "agreement_reason")
    formfield_overrides = COMPACT_TEXT

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return label_renstra_years(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("renstra_year")


class RealisationInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    """Realisations of one indicator, with the engine's achievement and category beside each.

    Django builds inline instances anew for every request (``get_inline_instances``), so the results
    cache made here lives for one request and serves every row of the page.
    """

    model = Realisation
    extra = 0
    fields = (
        "year",
        "value",
        "status",
        "achievement",
        "category",
        "evidence",
        "evidence_date",
        "note",
        "q1",
        "q2",
        "q3",
        "q4",
    )
    readonly_fields = ("achievement", "category")
    formfield_overrides = {
        **COMPACT_TEXT,
        models.CharField: {"widget": forms.TextInput(attrs={"size": 8})},
    }

    def __init__(self, parent_model, admin_site):
        super().__init__(parent_model, admin_site)
        self.achievement, self.category = achievement_columns(ResultsCache())

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator__agency")


@admin.register(Indicator)
class IndicatorAdmin(TrackedAdmin):
    list_display = ("code", "name", "owner", "unit", "direction", agency_column())
    list_filter = (("agency", admin.RelatedOnlyFieldListFilter), "direction", OwnerKindFilter)
    search_fields = ("code", "name")
    list_select_related = ("agency", "goal", "objective", "budget_line")
    autocomplete_fields = ("objective", "budget_line")
    formfield_overrides = {models.JSONField: {"form_class": OptionalJSONField}}
    fieldsets = (
        ("Pemilik", {"fields": ("agency", "goal", "objective", "budget_line")}),
        ("Indikator", {"fields": ("code", "name", "unit", "direction", "scale", "position")}),
        ("Definisi", {"fields": ("formula", "data_source", "baseline", "national_standard")}),
    )
    inlines = (TargetInline, RealisationInline)

    @admin.display(description="pemilik")
    def owner(self, obj):
        return obj.goal or obj.objective or obj.budget_line


@admin.register(Target)
class TargetAdmin(TrackedAdmin):
    list_display = (
        "indicator",
        year_column("renstra_year__year"),
        "renstra_value_display",
        "agreement_value_display",
        agency_column("indicator__agency"),
    )
    list_filter = (("indicator__agency", admin.RelatedOnlyFieldListFilter), "renstra_year__year")
    search_fields = ("indicator__code", "indicator__name")
    list_select_related = ("indicator__agency", "renstra_year")
    autocomplete_fields = ("indicator",)
    fields = ("indicator", "renstra_year", "renstra_value", "agreement_value", "agreement_reason")

    @admin.display(description="target Renstra")
    def renstra_value_display(self, obj):
        return format_value(obj.renstra_value)

    @admin.display(description="target PK")
    def agreement_value_display(self, obj):
        return format_value(obj.agreement_value) if obj.agreement_value else ""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return label_renstra_years(super().formfield_for_foreignkey(db_field, request, **kwargs))


class EvidenceFileInline(AgencyScopedMixin, admin.TabularInline):
    """The files uploaded as the realisation's evidence, for reading: each downloads through the Bukti page's view,
    which checks access to the agency. Files are added and deleted on that page only."""

    model = EvidenceFile
    extra = 0
    max_num = 0
    fields = ("download", "size_display", "uploaded_at", "uploaded_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("realisation__indicator__agency", "uploaded_by")

    @admin.display(description="nama berkas")
    def download(self, obj):
        realisation = obj.realisation
        url = reverse("web:evidence_file", args=[realisation.indicator.agency.code, realisation.year, obj.pk])
        return format_html('<a href="{}" download>{}</a>', url, obj.name)

    @admin.display(description="ukuran")
    def size_display(self, obj):
        return filesizeformat(obj.size)


@admin.register(Realisation)
class RealisationAdmin(TrackedAdmin):
    list_display = ("indicator", year_column(), "value_display", "status", agency_column("indicator__agency"))
    list_filter = (("indicator__agency", admin.RelatedOnlyFieldListFilter), "year", "status")
    search_fields = ("indicator__code", "indicator__name", "evidence", "note")
    list_select_related = ("indicator__agency",)
    autocomplete_fields = ("indicator",)
    fieldsets = (
        (None, {"fields": ("indicator", "year", "value", "status")}),
        ("Triwulan", {"fields": ("q1", "q2", "q3", "q4")}),
        ("Bukti dukung", {"fields": ("evidence", "evidence_date", "note")}),
    )
    inlines = (EvidenceFileInline,)

    def get_list_display(self, request):
        """Put the engine's achievement and category beside the value, with a results cache for this page only."""
        indicator, year, value, *rest = super().get_list_display(request)
        return (indicator, year, value, *achievement_columns(ResultsCache()), *rest)

    @admin.display(description="realisasi", ordering="value")
    def value_display(self, obj):
        return format_value(obj.value)
