"""``python manage.py render_lakip --agency CODE --year YYYY -o FILE.pdf``: the same PDF as the download."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from reports.pdf import render_pdf


class Command(BaseCommand):
    help = "Tulis LAKIP satu perangkat daerah untuk satu tahun sebagai PDF."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="kode perangkat daerah, mis. bkpp-bengkalis")
        parser.add_argument("--year", required=True, type=int, help="tahun laporan, mis. 2024")
        parser.add_argument("-o", "--output", required=True, help="berkas PDF yang ditulis")

    def handle(self, *args, agency, year, output, **options):
        try:
            found = Agency.objects.get(code=agency)
        except Agency.DoesNotExist:
            raise CommandError(f"Perangkat daerah dengan kode {agency!r} tidak ada.") from None
        path = Path(output)
        path.write_bytes(render_pdf(found, year))
        self.stdout.write(f"{path} ditulis ({path.stat().st_size} byte).")
