"""The settings the tests run with: the site's own, on a development machine (``DEBUG=1`` allows the
development ``SECRET_KEY``). pytest-django still runs every test with ``DEBUG`` off; the production guards
themselves are tested in ``tests/test_settings.py`` by starting Django with production variables."""

import os

os.environ.setdefault("DEBUG", "1")

from lakip_site.settings import *  # noqa: E402, F403

# Tests never need a running worker: jobs are recorded by the dummy backend, and a test that wants a render runs
# the task function itself (tests/reports/test_pdf_queue.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
