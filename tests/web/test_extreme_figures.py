"""Figures at the edge of what can be stored never turn a page into a server error for everyone.

Entry paths refuse such numbers now; these rows are written past them (as an old database or a direct SQL fix
could hold them), and every consumer still shows the figure, written out exactly.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import ReportYear
from budgets.models import BudgetFigure
from indicators.models import Realisation
from reports.pdf import render_html
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def extreme(import_demo):
    agency = import_demo("bengkalis-2024")
    Realisation.objects.filter(indicator__agency=agency, indicator__code="IKU-2", year=2024).update(
        value="1" + "0" * 30
    )
    BudgetFigure.objects.filter(line__agency=agency, year=2024).update(budget=Decimal("9999999999999999.99"))
    ReportYear.objects.filter(agency=agency, year=2024).update(budget_total=Decimal("9999999999999999.99"))
    return agency


def test_the_year_page_writes_a_31_digit_realisation_out_in_full(extreme, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("web:agency_year", args=[extreme.code, 2024]))
    assert page.status_code == 200
    assert "1.000.000.000.000.000.000.000.000.000.000" in page.content.decode()
    assert "Rp9.999.999.999.999.999,99" in page.content.decode()


def test_the_admin_lists_show_the_extreme_rows(extreme, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:indicators_realisation_changelist")).status_code == 200
    assert client.get(reverse("admin:budgets_budgetfigure_changelist")).status_code == 200
    assert client.get(reverse("admin:agencies_reportyear_changelist")).status_code == 200


def test_the_report_renders_with_the_extreme_rows(extreme):
    assert "Rp9.999.999.999.999.999,99" in render_html(agency=extreme, year=2024)
