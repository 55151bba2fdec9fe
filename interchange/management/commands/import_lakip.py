"""``manage.py import_lakip FILE...``: import ``lakip/1`` files, each one all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from interchange.importer import LakipFileError, import_file


class Command(BaseCommand):
    help = "Impor berkas lakip/1 (rencana dan data perangkat daerah); tiap berkas diimpor utuh atau tidak sama sekali."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="berkas .lakip.json")

    def handle(self, *args, files, **options):
        """Import every file even after a bad one, then fail once, listing the problems of every bad file."""
        refused = []
        for path in files:
            try:
                result = import_file(path)
            except LakipFileError as error:
                refused.append(error)
                continue
            self.stdout.write(f"{path}: diimpor, {result}")
        if refused:
            lines = [f"{error.source}: {problem}" for error in refused for problem in error.problems]
            summary = f"{len(refused)} dari {len(files)} berkas ditolak; isi berkas yang ditolak tidak disimpan:"
            raise CommandError("\n".join([summary, *lines]))
