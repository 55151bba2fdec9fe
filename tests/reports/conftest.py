"""Rendering a demo report takes seconds, so each is rendered once per test module and its text shared."""

import pytest
from django.db import transaction

from agencies.models import Agency
from interchange.importer import import_file
from reports.pdf import render_pdf
from tests.conftest import demo_path
from tests.reports.pdftext import read_pdf


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker):
    """Return a callable rendering a demo agency's 2024 report, cached for the module.

    The import runs inside a transaction that is rolled back, so the module's other tests start from an empty
    database as usual.
    """
    cache = {}

    def render(name):
        if name not in cache:
            with django_db_blocker.unblock(), transaction.atomic():
                agency = Agency.objects.get(code=import_file(demo_path(name)).agency_code)
                cache[name] = read_pdf(render_pdf(agency, 2024))
                transaction.set_rollback(True)
        return cache[name]

    return render
