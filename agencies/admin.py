"""Admin of governments, agencies and report years, and the agency scoping every LAKIP admin page uses.

Reviewers (Inspektorat) and planners get their rights from their role on a government or an agency,
not from Django's global model permissions: a global permission cannot say *which* agency. So every
ModelAdmin and inline of the project mixes in ``AgencyScopedMixin``, which narrows querysets, choices
and permissions to ``agencies.access``.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse

from agencies.access import agency_id_of, agency_ids_for, filter_by_agency, governments_for, scope_queryset
from agencies.models import Agency, Government, Narrative, ReportYear
from budgets.models import ExpenseTypeBudget
from domain.numbers import format_percent, format_rupiah
from performance import results
from reports.admin_actions import download_pdf

admin.site.site_header = "LAKIP — Administrasi"
admin.site.site_title = "LAKIP — Administrasi"
admin.site.index_title = "Data kinerja perangkat daerah"


def is_superuser(user):
    return user.is_active and user.is_superuser


def narrow_choices_to_agency(form_class, obj):
    """Offer only ``obj``'s own agency's objects in the related fields of a form about ``obj``.

    Codes such as ``S1`` or ``2024`` repeat across agencies; a reviewer of several agencies must not
    be able to link a target to another agency's Renstra year. ``form_class`` is built anew for every
    request by ``get_form``/``get_formset``, so changing its fields affects this request only.
    """
    agency_id = agency_id_of(obj) if obj is not None else None
    if agency_id is None:
        return
    for formfield in form_class.base_fields.values():
        if hasattr(formfield, "queryset"):
            formfield.queryset = filter_by_agency(formfield.queryset, agency_id)


class AgencyScopedMixin:
    """Scope a ModelAdmin or an inline to the agencies the user may access.

    Superusers see everything. Other active staff users see, add, change and delete the rows of their
    agencies (``agencies.access.agencies_for``) and pick related objects only among those. For an
    inline, ``obj`` is the parent object, so the parent's agency decides.
    """

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._scoped(super().formfield_for_foreignkey(db_field, request, **kwargs), request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._scoped(super().formfield_for_manytomany(db_field, request, **kwargs), request)

    def _scoped(self, formfield, request):
        if formfield is not None and hasattr(formfield, "queryset"):
            formfield.queryset = scope_queryset(formfield.queryset, request.user)
        return formfield

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        narrow_choices_to_agency(form, obj)
        return form

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        narrow_choices_to_agency(formset.form, obj)
        return formset

    def has_agency_access(self, request, obj=None):
        user = request.user
        if is_superuser(user):
            return True
        if not (user.is_active and user.is_staff):
            return False
        if obj is None:
            return bool(agency_ids_for(user))
        return agency_id_of(obj) in agency_ids_for(user)

    def has_module_permission(self, request):
        return self.has_agency_access(request)

    def has_view_permission(self, request, obj=None):
        return self.has_agency_access(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_agency_access(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_agency_access(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_agency_access(request, obj)


class ResultsCache:
    """``agency_results`` per (agency, year), computed once however many rows show them.

    Create one per request (a changelist's columns, an inline instance): results change with every
    edit, so they must not outlive the request that shows them.
    """

    def __init__(self):
        self._results = {}

    def get(self, agency, year):
        key = (agency.pk, year)
        if key not in self._results:
            self._results[key] = results.agency_results(agency=agency, year=year)
        return self._results[key]

    def indicator(self, realisation):
        """The engine's result for the indicator and year of ``realisation``."""
        indicator = realisation.indicator
        return self.get(indicator.agency, realisation.year).indicator(indicator.code)

    def budget_line(self, figure):
        """The engine's result for the budget line and year of ``figure``."""
        line = figure.line
        found = self.get(line.agency, figure.year).budget_lines
        return next((result for result in found if result.code == line.code), None)


def year_column(path="year", description="tahun"):
    """An admin column of a year written as a year (``2024``).

    The site groups digits (``USE_THOUSAND_SEPARATOR``), so Django would print an integer column as ``2.024``.
    """

    @admin.display(description=description, ordering=path)
    def year(obj):
        for name in path.split("__"):
            obj = getattr(obj, name)
        return str(obj)

    return year


def agency_column(path="agency"):
    """An admin column naming the agency of a row by its code: short, unique, and fits a narrow column."""

    @admin.display(description="perangkat daerah", ordering=f"{path}__code")
    def agency(obj):
        for name in path.split("__"):
            obj = getattr(obj, name)
        return obj.code

    return agency


class OptionalJSONField(forms.JSONField):
    """An empty box for "no value", where Django's JSON field would show the word ``null``."""

    def prepare_value(self, value):
        return "" if value is None else super().prepare_value(value)


def achievement_columns(cache):
    """The computed achievement and category of a realisation, as admin columns or readonly fields."""

    @admin.display(description="capaian")
    def achievement(realisation):
        if realisation.pk is None:
            return "—"
        result = cache.indicator(realisation)
        return format_percent(result.achievement if result else None)

    @admin.display(description="kategori")
    def category(realisation):
        if realisation.pk is None:
            return "—"
        result = cache.indicator(realisation)
        return (result.category if result else None) or "—"

    return achievement, category


def absorption_column(cache):
    """The computed absorption (serapan) of a budget figure, as an admin column or readonly field."""

    @admin.display(description="serapan")
    def absorption(figure):
        if figure.pk is None:
            return "—"
        result = cache.budget_line(figure)
        return format_percent(result.absorption if result else None)

    return absorption


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    """Governments are set up by a superuser; reviewers and planners only see their own."""

    list_display = ("name", "code", "level")
    list_filter = ("level",)
    search_fields = ("name", "code")
    filter_horizontal = ("reviewers",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=governments_for(request.user).values("pk"))

    def has_module_permission(self, request):
        user = request.user
        return is_superuser(user) or (user.is_active and user.is_staff and governments_for(user).exists())

    def has_view_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request):
        return is_superuser(request.user)

    def has_change_permission(self, request, obj=None):
        return is_superuser(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_superuser(request.user)


@admin.register(Agency)
class AgencyAdmin(AgencyScopedMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "code", "government")
    list_filter = (("government", admin.RelatedOnlyFieldListFilter), "government__level")
    search_fields = ("name", "short_name", "code")
    list_select_related = ("government",)
    filter_horizontal = ("members",)
    formfield_overrides = {models.JSONField: {"form_class": OptionalJSONField}}
    fieldsets = (
        ("Identitas", {"fields": ("government", "code", "name", "short_name", "city")}),
        ("Kepala perangkat daerah", {"fields": ("head_name", "head_title", "head_rank", "head_nip")}),
        (
            "Pengaturan perhitungan",
            {"fields": ("achievement_cap", "efficiency_method", "category_bands", "paper_size")},
        ),
        ("Akses", {"fields": ("members",)}),
    )

    def get_readonly_fields(self, request, obj=None):
        """Only a superuser moves an agency, renames its code or decides who its planners are."""
        if is_superuser(request.user):
            return ()
        return ("government", "code", "members")

    def has_add_permission(self, request, obj=None):
        return is_superuser(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_superuser(request.user)

    def view_on_site(self, obj):
        return reverse("web:agency_detail", args=[obj.code])


class NarrativeInline(AgencyScopedMixin, admin.StackedInline):
    model = Narrative
    extra = 0
    fields = ("key", "position", "text")


class ExpenseTypeBudgetInline(AgencyScopedMixin, admin.TabularInline):
    model = ExpenseTypeBudget
    extra = 0
    fields = ("expense_type", "budget", "realisation")


@admin.register(ReportYear)
class ReportYearAdmin(AgencyScopedMixin, admin.ModelAdmin):
    list_display = ("agency", year_column(), "status", "budget_total_display", "realisation_total_display")
    list_filter = (("agency", admin.RelatedOnlyFieldListFilter), "year", "status")
    search_fields = ("agency__name", "agency__code")
    list_select_related = ("agency",)
    inlines = (NarrativeInline, ExpenseTypeBudgetInline)
    actions = (download_pdf,)
    fieldsets = (
        (None, {"fields": ("agency", "year", "status")}),
        ("Penandatanganan", {"fields": ("signed_city", "signed_date")}),
        ("Anggaran", {"fields": ("budget_total", "realisation_total")}),
    )

    @admin.display(description="total pagu", ordering="budget_total")
    def budget_total_display(self, obj):
        return format_rupiah(obj.budget_total)

    @admin.display(description="total realisasi", ordering="realisation_total")
    def realisation_total_display(self, obj):
        return format_rupiah(obj.realisation_total)

    def view_on_site(self, obj):
        return reverse("web:agency_year", args=[obj.agency.code, obj.year])
