"""``python manage.py lakip_worker [--batch]``: a worker of the PDF queue, whichever queue the settings chose.

Without ``REDIS_URL`` the queue is the database and this is django-tasks-db's ``db_worker``; with it, django-rq's
``rqworker`` with the job class django-tasks-rq needs and its scheduler (which starts jobs queued with
``run_after``). One command for both, so ``make run``, the README and a service file need not know which.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Jalankan pekerja antrean PDF LAKIP (antrean basis data, atau RQ bila REDIS_URL diisi)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="kerjakan antrean sampai kosong, lalu berhenti")

    def handle(self, *args, batch, verbosity, **options):
        if settings.REDIS_URL:
            call_command(
                "rqworker",
                "default",
                burst=batch,
                with_scheduler=True,
                job_class="django_tasks_rq.Job",
                verbosity=verbosity,
            )
        else:
            call_command("db_worker", batch=batch, reload=False, verbosity=verbosity)
