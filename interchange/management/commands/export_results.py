import json

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from interchange.results import results_document
from performance.results import agency_results


class Command(BaseCommand):
    help = "Tulis hasil perhitungan satu perangkat daerah untuk satu tahun (format lakip-results/1)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="kode perangkat daerah, mis. bkpp-bengkalis")
        parser.add_argument("--year", required=True, type=int, help="tahun laporan, mis. 2024")
        parser.add_argument("-o", "--output", help="berkas tujuan (bawaan: keluaran standar)")

    def handle(self, *args, agency, year, output, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"Perangkat daerah dengan kode «{agency}» tidak ditemukan.")
        text = json.dumps(results_document(agency_results(agency=found, year=year)), ensure_ascii=False, indent=2)
        if output:
            try:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
            except OSError as error:
                raise CommandError(f"Tidak dapat menulis {output}: {error.strerror}") from error
        else:
            self.stdout.write(text)
