"""Amount columns in the admin sort by the amount, on every database (SQLite keeps amounts as exact text)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetFigure
from tests.factories import BudgetFigureFactory, BudgetLineFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_budget_column_sorts_by_amount_not_by_text(client):
    program = BudgetLineFactory()
    for amount in ("10.00", "9.50", "100", "1000000.01"):
        BudgetFigureFactory(line=BudgetLineFactory(parent=program), budget=Decimal(amount))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = reverse("admin:budgets_budgetfigure_changelist")
    order = client.get(changelist, {"o": "4"}).context["cl"].result_list  # the 4th column: pagu
    assert [figure.budget for figure in order] == sorted(BudgetFigure.objects.values_list("budget", flat=True))
    assert [figure.budget for figure in order][0] == Decimal("9.50")
