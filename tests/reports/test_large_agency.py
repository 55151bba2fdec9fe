"""An agency at the upper end of real sizes (150 indicators, 400 budget lines) renders in one pass."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.synthetic import build_large_agency
from reports.context import build_context
from reports.pdf import render_pdf
from tests.reports.pdftext import read_pdf

pytestmark = pytest.mark.django_db


def test_large_agency_renders_every_indicator_and_budget_line():
    agency = build_large_agency()

    report = read_pdf(render_pdf(agency, 2024))

    assert "standar nomor 150" in report.text
    assert "1.02.10.2.06.0005" in report.text
    assert "menunggu hasil" in report.text


def test_context_queries_do_not_grow_with_the_agency(import_demo):
    small = import_demo("bengkalis-2024")
    with CaptureQueriesContext(connection) as for_small:
        build_context(agency=small, year=2024)
    large = build_large_agency()
    with CaptureQueriesContext(connection) as for_large:
        build_context(agency=large, year=2024)
    assert len(for_large) == len(for_small)
