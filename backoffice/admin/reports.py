"""Read-only admin of the stored LAKIP PDFs and their render state, for reviewers and planners of the agency.

Workers write these rows; nobody edits them here. Consumers do not import one another, so the models are taken
from the app registry by label (as the "Unduh LAKIP (PDF)" action names the download by its URL name) and the
files are linked through the download views, which check access: the storage itself is never served.
"""

from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from backoffice.admin.columns import year_column
from backoffice.admin.scoping import ReadOnlyScopedAdmin, report_agency

StoredPdf = apps.get_model("reports", "StoredPdf")
RenderState = apps.get_model("reports", "RenderState")


@admin.register(RenderState)
class RenderStateAdmin(ReadOnlyScopedAdmin):
    list_display = (report_agency, year_column("report_year__year"), "state", "attempts", "reason", "status_page")
    list_filter = ("state", *ReadOnlyScopedAdmin.list_filter)

    @admin.display(description="halaman status")
    def status_page(self, obj):
        url = reverse("reports:lakip_status", args=[obj.report_year.agency.code, obj.report_year.year])
        return format_html('<a href="{}">Lihat</a>', url)


@admin.register(StoredPdf)
class StoredPdfAdmin(ReadOnlyScopedAdmin):
    list_display = (
        report_agency,
        year_column("report_year__year"),
        "rendered_at",
        "pages",
        "render_seconds",
        "size",
        "sha256",
    )
    exclude = ("file",)
    readonly_fields = ("stored_as",)

    @admin.display(description="berkas di penyimpanan")
    def stored_as(self, obj):
        return obj.file.name
