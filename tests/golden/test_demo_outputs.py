"""What users see of each demo agency stays what it was: every figure of ``export_results`` and the text of
every PDF page, compared with files saved before a restructuring.

A deliberate change to a figure or to the report's wording is made by regenerating the files
(``LAKIP_UPDATE_GOLDEN=1 make test PYTEST_ARGS="tests/golden"``) and reviewing their diff in the commit.
"""

import json
import os
from pathlib import Path

import pytest
from django.db import transaction

from agencies.models import Agency
from interchange.importer import import_file
from interchange.results import results_document
from performance.results import agency_results
from reports.pdf import render_pdf
from tests.conftest import demo_path
from tests.reports.pdftext import read_pdf

GOLDEN_DIR = Path(__file__).resolve().parent / "files"
DEMOS = ("bengkalis-2024", "bengkulu-2024", "belitung-timur-2024")
UPDATE = os.environ.get("LAKIP_UPDATE_GOLDEN") == "1"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def outputs(django_db_setup, django_db_blocker):
    """Results document and PDF page texts of each demo agency's 2024 report, computed once."""
    computed = {}
    with django_db_blocker.unblock(), transaction.atomic():
        for name in DEMOS:
            agency = Agency.objects.get(code=import_file(demo_path(name)).agency_code)
            document = results_document(agency_results(agency=agency, year=2024))
            pages = read_pdf(render_pdf(agency, 2024)).pages
            computed[name] = {"results": document, "pdf_pages": [" ".join(page.split()) for page in pages]}
        transaction.set_rollback(True)
    return computed


def _compare(name, kind, actual):
    path = GOLDEN_DIR / f"{name}.{kind}.json"
    if UPDATE:
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected


@pytest.mark.parametrize("name", DEMOS)
def test_results_document_is_unchanged(outputs, name):
    _compare(name, "results", outputs[name]["results"])


@pytest.mark.parametrize("name", DEMOS)
def test_pdf_text_is_unchanged(outputs, name):
    _compare(name, "pdf", outputs[name]["pdf_pages"])
