"""Read-only admin of the review: the reviewers' notes with their replies, and the approved versions with their files.

Reading chosen: notes are written, answered and closed on the reviewer's desk and the planner's workspace only
(``publication``), where the review workflow checks each pin and each move and records it; the admin, a consumer
that may not import the workflow, would need a second copy of those rules. So it lists and shows the notes, with
the way to the desk, and changes nothing. A version is a record of an approval: its files download through the
workflow's own view (``publication:version_file``), which checks access; the storage is never served.
"""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from backoffice.admin.columns import year_column
from backoffice.admin.scoping import AgencyScopedMixin, ReadOnlyScopedAdmin, report_agency
from review.models import ReportVersion, ReviewNote, ReviewReply


def empty_field_filter(title, parameter, field, empty, filled):
    """A list filter on whether ``field`` is empty: a note is open until it is closed, a version current until it
    is reopened."""

    class Filter(admin.SimpleListFilter):
        parameter_name = parameter

        def lookups(self, request, model_admin):
            return (("ya", empty), ("tidak", filled))

        def queryset(self, request, queryset):
            if self.value() in ("ya", "tidak"):
                return queryset.filter(**{f"{field}__isnull": self.value() == "ya"})
            return queryset

    Filter.title = title
    return Filter


class ReplyInline(AgencyScopedMixin, admin.TabularInline):
    model = ReviewReply
    extra = 0
    fields = ("text", "written_by", "written_at")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("written_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def desk_link(report_year, text="Buka di meja reviu"):
    url = reverse("publication:review", args=[report_year.agency.code, report_year.year])
    return format_html('<a href="{}">{}</a>', url, text)


@admin.register(ReviewNote)
class ReviewNoteAdmin(ReadOnlyScopedAdmin):
    list_display = (
        report_agency,
        year_column("report_year__year"),
        "subject",
        "pin",
        "is_open",
        "short_text",
        "written_by",
        "written_at",
        "closed_by",
        "closed_at",
    )
    list_filter = (
        empty_field_filter("status catatan", "terbuka", "closed_at", "Terbuka", "Ditutup"),
        "subject",
        *ReadOnlyScopedAdmin.list_filter,
    )
    list_select_related = ("report_year__agency", "indicator", "budget_line", "written_by", "closed_by")
    search_fields = ("text", *ReadOnlyScopedAdmin.search_fields)
    fields = (
        "report_year",
        "subject",
        "pin",
        "text",
        ("written_by", "written_at"),
        ("closed_by", "closed_at"),
        "desk",
    )
    readonly_fields = flatten_fieldsets([(None, {"fields": fields})])
    inlines = (ReplyInline,)

    @admin.display(description="pada")
    def pin(self, obj):
        """What the note is pinned to: an indicator's code, a budget line's code, a narrative section's key."""
        pinned = obj.indicator or obj.budget_line
        return pinned.code if pinned else obj.section or "—"

    @admin.display(description="terbuka", boolean=True)
    def is_open(self, obj):
        return obj.is_open

    @admin.display(description="catatan")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else f"{obj.text[:79]}…"

    @admin.display(description="meja reviu")
    def desk(self, obj):
        return desk_link(obj.report_year, "Jawab, tutup atau tambah catatan di meja reviu")


VERSION_FILES = (("pdf", "PDF"), ("lakip", "lakip/1"), ("results", "lakip-results/1"))


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyScopedAdmin):
    list_display = (
        report_agency,
        year_column("report_year__year"),
        "number",
        "approved_at",
        "approved_by",
        "reviewer_name",
        "achievement",
        "is_current",
        "reopened_at",
    )
    list_filter = (
        empty_field_filter("berlaku", "berlaku", "reopened_at", "Berlaku", "Dibuka kembali"),
        *ReadOnlyScopedAdmin.list_filter,
    )
    list_select_related = ("report_year__agency", "approved_by")
    fieldsets = (
        (None, {"fields": ("report_year", "number", "is_current", "verification")}),
        ("Persetujuan", {"fields": (("approved_at", "approved_by"), "achievement")}),
        (
            "Reviewer",
            {"fields": ("reviewer_name", "reviewer_nip", "reviewer_title", ("reviewed_city", "reviewed_on"))},
        ),
        ("Berkas", {"fields": ("files",)}),
        ("Dibuka kembali", {"fields": (("reopened_at", "reopened_by"), "reopen_reason")}),
    )
    readonly_fields = flatten_fieldsets(fieldsets)

    @admin.display(description="berlaku", boolean=True)
    def is_current(self, obj):
        return obj.is_current

    @admin.display(description="halaman verifikasi")
    def verification(self, obj):
        url = reverse("publication:verify_version", args=[obj.token])
        return format_html('<a href="{}">{}</a>', url, obj.token)

    @admin.display(description="berkas dan SHA-256")
    def files(self, obj):
        """Each file's download and its SHA-256; the PDF is missing until the render queue has stored it."""
        code, year = obj.report_year.agency.code, obj.report_year.year

        def item(kind, label):
            if not getattr(obj, kind):
                return format_html("{}: belum tersedia", label)
            url = reverse("publication:version_file", args=[code, year, obj.number, kind])
            return format_html('<a href="{}">{}</a> <code>{}</code>', url, label, getattr(obj, f"{kind}_sha256"))

        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((item(*f),) for f in VERSION_FILES)))
