"""Admin of the budget: program → kegiatan → sub kegiatan lines, their yearly figures, budget by expense type.

Absorption (serapan) is shown next to every figure as the computation engine gives it, rolled up over
the line's children: the admin never computes a figure of its own.
"""

from django.contrib import admin

from backoffice.admin.base import RowHistoryAdmin, TrackedAdmin
from backoffice.admin.columns import ResultsCache, absorption_column, agency_column, rupiah_column, year_column
from backoffice.admin.freezing import FreezeCheckedForm
from backoffice.admin.history import HistoryLinkInline
from backoffice.admin.scoping import AgencyScopedMixin
from budgets.models import BudgetFigure, BudgetLine, ExpenseTypeBudget, ObjectiveBudget, objectives_of_other_agencies


class BudgetFigureInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    """A line's figures per year. Inline instances are built per request, and so is their results cache."""

    model = BudgetFigure
    extra = 0
    fields = ("year", "budget", "realisation", "expense_type", "absorption")
    readonly_fields = ("absorption",)

    def __init__(self, parent_model, admin_site):
        super().__init__(parent_model, admin_site)
        self.absorption = absorption_column(ResultsCache())

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("line__agency")


class BudgetLineForm(FreezeCheckedForm):
    """The line's form: the sasaran it supports must be its own agency's."""

    def clean(self):
        cleaned_data = super().clean()
        agency = cleaned_data.get("agency") or (self.instance.agency if self.instance.agency_id else None)
        foreign = objectives_of_other_agencies(agency, cleaned_data.get("objectives") or ()) if agency else []
        if foreign:
            codes = ", ".join(objective.code for objective in foreign)
            self.add_error("objectives", f"Sasaran {codes} milik perangkat daerah lain, bukan {agency}.")
        return cleaned_data


admin.site.register(ObjectiveBudget, RowHistoryAdmin)


@admin.register(BudgetLine)
class BudgetLineAdmin(TrackedAdmin):
    form = BudgetLineForm
    list_display = ("code", "name", "level", "parent", agency_column())
    list_filter = (("agency", admin.RelatedOnlyFieldListFilter), "level")
    search_fields = ("code", "name")
    list_select_related = ("agency", "parent")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("objectives",)
    fields = ("agency", "level", "parent", "code", "name", "position", "objectives")
    inlines = (BudgetFigureInline,)


@admin.register(BudgetFigure)
class BudgetFigureAdmin(TrackedAdmin):
    list_display = (
        "line",
        agency_column("line__agency"),
        year_column(),
        rupiah_column("budget", "pagu"),
        rupiah_column("realisation", "realisasi"),
        "expense_type",
    )
    list_filter = (("line__agency", admin.RelatedOnlyFieldListFilter), "year", "expense_type")
    search_fields = ("line__code", "line__name")
    list_select_related = ("line__agency",)
    autocomplete_fields = ("line",)
    fields = ("line", "year", "budget", "realisation", "expense_type")

    def get_list_display(self, request):
        """Add the engine's absorption, with a results cache for this page only."""
        return (*super().get_list_display(request), absorption_column(ResultsCache()))


@admin.register(ExpenseTypeBudget)
class ExpenseTypeBudgetAdmin(TrackedAdmin):
    list_display = (
        "report_year",
        year_column("report_year__year"),
        "expense_type",
        rupiah_column("budget", "pagu"),
        rupiah_column("realisation", "realisasi"),
    )
    list_filter = (("report_year__agency", admin.RelatedOnlyFieldListFilter), "report_year__year", "expense_type")
    search_fields = ("report_year__agency__name", "report_year__agency__code")
    list_select_related = ("report_year__agency",)
    fields = ("report_year", "expense_type", "budget", "realisation")
