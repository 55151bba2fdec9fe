"""Admin of governments, agencies and report years."""

from django.contrib import admin, messages
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from agencies.access import can_review_agency, governments_for
from agencies.models import Agency, FindingNote, Government, Narrative, ReportYear
from backoffice.admin.base import RowHistoryAdmin, TrackedAdmin
from backoffice.admin.columns import OptionalJSONField, rupiah_column, year_column
from backoffice.admin.freezing import FreezeAwareAdmin
from backoffice.admin.history import HistoryLinkInline, ScopedHistoryAdmin
from backoffice.admin.scoping import AgencyScopedMixin, is_superuser
from budgets.models import ExpenseTypeBudget

admin.site.site_header = "LAKIP — Administrasi"
admin.site.site_title = "LAKIP — Administrasi"
admin.site.index_title = "Data kinerja perangkat daerah"


@admin.register(Government)
class GovernmentAdmin(FreezeAwareAdmin, ScopedHistoryAdmin):
    """Governments are set up by a superuser; reviewers and planners only see their own, and its history."""

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
class AgencyAdmin(TrackedAdmin):
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


class NarrativeInline(HistoryLinkInline, AgencyScopedMixin, admin.StackedInline):
    """The report's sections: a key, its title and chapter (blank: the key's, ``domain.sections``), its order."""

    model = Narrative
    extra = 0
    fields = (("key", "position"), ("title", "chapter"), "text")


class ExpenseTypeBudgetInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    model = ExpenseTypeBudget
    extra = 0
    fields = ("expense_type", "budget", "realisation")


class FindingNoteInline(HistoryLinkInline, AgencyScopedMixin, admin.TabularInline):
    """The planner's explanations of the year's findings, for the reviewer to read: written on the findings page
    (``web:findings``), never here, so the inline only shows them."""

    model = FindingNote
    extra = 0
    fields = ("rule", "subject", "text", "written_by", "written_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("written_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register([Narrative, FindingNote], RowHistoryAdmin)


@admin.action(description="Unduh LAKIP (PDF)")
def download_pdf(modeladmin, request, queryset):
    """Send the browser to the report's download address, which checks access and serves the PDF.

    One PDF per download: with several report years selected the admin says so instead of guessing. The admin
    links to the PDF rather than rendering it, so the admin does not depend on the report renderer.
    """
    if queryset.count() != 1:
        modeladmin.message_user(request, "Pilih tepat satu tahun laporan untuk diunduh.", messages.WARNING)
        return None
    report_year = queryset.select_related("agency").get()
    return redirect("reports:lakip_pdf", report_year.agency.code, report_year.year)


@admin.register(ReportYear)
class ReportYearAdmin(TrackedAdmin):
    """A report's signature, totals and sections. Its state moves only through the review workflow (submitted by
    its planner, returned, approved or reopened by a reviewer on the desk, ``publication``), which checks and
    records each move: here it is read-only, with the way to the desk. An approved report is read-only whole."""

    list_display = (
        "agency",
        year_column(),
        "status",
        rupiah_column("budget_total", "total pagu"),
        rupiah_column("realisation_total", "total realisasi"),
    )
    list_filter = (("agency", admin.RelatedOnlyFieldListFilter), "year", "status")
    search_fields = ("agency__name", "agency__code")
    list_select_related = ("agency",)
    inlines = (NarrativeInline, ExpenseTypeBudgetInline, FindingNoteInline)
    actions = (download_pdf,)
    fieldsets = (
        (None, {"fields": ("agency", "year", "status", "review")}),
        ("Penandatanganan", {"fields": ("signed_city", "signed_date")}),
        ("Anggaran", {"fields": ("budget_total", "realisation_total")}),
    )
    readonly_fields = ("status", "review")

    @admin.display(description="reviu")
    def review(self, obj):
        """Where the report's state moves: the reviewer's desk, the planner's year page; and its notes and versions
        here."""
        if obj.pk is None:
            return "Laporan baru dimulai sebagai draf."
        code, year = obj.agency.code, obj.year
        if getattr(obj, "viewer_reviews", False):
            where = format_html('<a href="{}">Buka di meja reviu</a>', reverse("publication:review", args=[code, year]))
        else:
            page = reverse("web:agency_year", args=[code, year])
            where = format_html('<a href="{}">Ajukan dari halaman tahun laporan</a>', page)
        notes = reverse("admin:review_reviewnote_changelist") + f"?report_year__id__exact={obj.pk}"
        versions = reverse("admin:review_reportversion_changelist") + f"?report_year__id__exact={obj.pk}"
        return format_html(
            '{} · <a href="{}">catatan reviu</a> · <a href="{}">versi disetujui</a>', where, notes, versions
        )

    def get_object(self, request, object_id, from_field=None):
        """The report year, marked with whether the user reviews it (the object lives for this request only)."""
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.viewer_reviews = can_review_agency(request.user, obj.agency)
        return obj

    def view_on_site(self, obj):
        return reverse("web:agency_year", args=[obj.agency.code, obj.year])
