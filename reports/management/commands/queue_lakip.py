"""``python manage.py queue_lakip --government kab-bengkalis [--year 2024]``: queue the PDF of every agency.

For a batch (the start of a reporting season, after a deploy that changed the report's templates): the workers
render each agency-year whose report changed and keep the stored PDF of every other one, whose fingerprint is
unchanged. Prints what it queued; the command returns at once.
"""

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Government, ReportYear
from reports.tasks import queue_render


class Command(BaseCommand):
    help = "Antrekan render PDF LAKIP semua perangkat daerah satu pemerintah daerah."

    def add_arguments(self, parser):
        parser.add_argument("--government", required=True, help="kode pemerintah daerah, mis. kab-bengkalis")
        parser.add_argument("--year", type=int, help="hanya tahun laporan ini, mis. 2024")

    def handle(self, *args, government, year, **options):
        try:
            found = Government.objects.get(code=government)
        except Government.DoesNotExist:
            raise CommandError(f"Pemerintah daerah dengan kode {government!r} tidak ada.") from None
        report_years = ReportYear.objects.filter(agency__government=found).select_related("agency")
        if year is not None:
            report_years = report_years.filter(year=year)
        report_years = report_years.order_by("agency__name", "year")
        for report_year in report_years:
            state = queue_render(report_year)
            self.stdout.write(f"{report_year.agency.code} {report_year.year}: {state.get_state_display()}")
        self.stdout.write(f"{len(report_years)} tahun laporan diantrekan.")
