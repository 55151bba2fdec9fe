"""Amounts come back from the database exactly as stored, on SQLite (the default) and PostgreSQL alike."""

from decimal import Decimal

import pytest

from agencies.models import ReportYear
from budgets.models import BudgetFigure
from performance.results import agency_results
from tests.factories import AgencyFactory, BudgetFigureFactory, BudgetLineFactory

pytestmark = pytest.mark.django_db

PROVINCE_TOTAL = Decimal("10286194433788.63")
LARGEST = Decimal("9999999999999999.99")


@pytest.mark.parametrize("amount", [PROVINCE_TOTAL, LARGEST, Decimal("0.01"), Decimal("0")])
def test_an_amount_with_more_than_15_significant_digits_comes_back_to_the_sen(amount):
    report_year = ReportYear.objects.create(agency=AgencyFactory(), year=2024, budget_total=amount)
    report_year.refresh_from_db()
    assert report_year.budget_total == amount
    assert ReportYear.objects.filter(budget_total=amount).get() == report_year


def test_a_parent_equal_to_its_childrens_sum_to_the_sen_is_not_a_mismatch():
    """Two sub-activities summing to 10.286.194.433.788,63, the parent entered with the same figure."""
    program = BudgetLineFactory()
    activity = BudgetLineFactory(parent=program)
    BudgetFigureFactory(line=program, year=2024, budget=PROVINCE_TOTAL, realisation=None)
    BudgetFigureFactory(line=activity, year=2024, budget=PROVINCE_TOTAL, realisation=None)
    ReportYear.objects.create(agency=program.agency, year=2024)
    results = agency_results(agency=program.agency, year=2024)
    assert next(line for line in results.budget_lines if line.code == program.code).budget == PROVINCE_TOTAL
    assert "children_sum_mismatch" not in {finding.rule for finding in results.findings}
    assert BudgetFigure.objects.get(line=program).budget == PROVINCE_TOTAL
