"""An admin action that downloads the LAKIP PDF of the selected report year.

The ReportYear admin belongs to ``agencies.admin``, which lists this among its actions; the access check is
repeated here because an action receives whatever rows were posted.
"""

from django.contrib import admin, messages

from agencies.access import can_access_agency

from .views import pdf_response


@admin.action(description="Unduh LAKIP (PDF)")
def download_pdf(modeladmin, request, queryset):
    """One PDF per download: with several report years selected the admin says so instead of guessing."""
    if queryset.count() != 1:
        modeladmin.message_user(request, "Pilih tepat satu tahun laporan untuk diunduh.", messages.WARNING)
        return None
    report_year = queryset.select_related("agency").get()
    if not can_access_agency(request.user, report_year.agency):
        modeladmin.message_user(request, "Anda tidak memiliki akses ke perangkat daerah ini.", messages.ERROR)
        return None
    return pdf_response(report_year.agency, report_year.year)
