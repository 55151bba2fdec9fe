"""``manage.py export_lakip --agency CODE [-o FILE]``: write an agency as a ``lakip/1`` file."""

import json

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from interchange.exporter import ExportError, export_document


class Command(BaseCommand):
    help = "Ekspor rencana dan data satu perangkat daerah sebagai berkas lakip/1."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, metavar="CODE", help="kode perangkat daerah")
        parser.add_argument("-o", "--output", metavar="FILE", help="berkas tujuan (bawaan: keluaran standar)")
        parser.add_argument("--year", type=int, action="append", dest="years", help="batasi data tahunan ke tahun ini")

    def handle(self, *args, agency, output, years, **options):
        found = Agency.objects.select_related("government").filter(code=agency).first()
        if found is None:
            raise CommandError(f"Perangkat daerah dengan kode {agency!r} tidak ditemukan.")
        try:
            document = export_document(found, years=years)
        except ExportError as error:
            raise CommandError(str(error)) from None
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stderr.write(f"{found.code} diekspor ke {output}")
        else:
            self.stdout.write(text, ending="")
