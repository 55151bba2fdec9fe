"""Read-only admin of the uploaded Excel workbooks and ``lakip/1`` files, for reviewers and planners of the agency.

The uploads are written by the "Excel & berkas" page and its workers (``interchange``); here they are listed with
what became of them and a link to their page, which checks access. Consumers do not import one another, so the model
is taken from the app registry by label; the stored file itself is never served.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.urls import reverse
from django.utils.html import format_html

from backoffice.admin.columns import year_column
from backoffice.admin.scoping import ReadOnlyScopedAdmin, report_agency

WorkbookUpload = apps.get_model("interchange", "WorkbookUpload")


@admin.register(WorkbookUpload)
class WorkbookUploadAdmin(ReadOnlyScopedAdmin):
    list_display = (
        report_agency,
        year_column("report_year__year"),
        "kind",
        "name",
        "status",
        "uploaded_by",
        "uploaded_at",
        "finished_at",
    )
    list_filter = ("kind", "status", *ReadOnlyScopedAdmin.list_filter)
    list_select_related = ("report_year__agency", "uploaded_by")
    search_fields = ("name", *ReadOnlyScopedAdmin.search_fields)
    fields = (
        "report_year",
        ("kind", "name"),
        "status",
        "message",
        "outcome",
        ("uploaded_by", "uploaded_at"),
        "finished_at",
        "page",
    )
    readonly_fields = flatten_fieldsets([(None, {"fields": fields})])

    @admin.display(description="isi pratinjau")
    def outcome(self, obj):
        """How many changes and problems the worker found (the list itself is on the upload's page)."""
        preview = obj.preview or {}
        return f"{len(preview.get('changes', []))} perubahan, {len(preview.get('problems', []))} masalah"

    @admin.display(description="halaman unggahan")
    def page(self, obj):
        report_year = obj.report_year
        url = reverse("interchange:upload", args=[report_year.agency.code, report_year.year, obj.pk])
        return format_html('<a href="{}">Lihat pratinjau dan hasilnya</a>', url)
