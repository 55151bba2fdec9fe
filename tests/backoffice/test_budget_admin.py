"""Budget figures in the admin carry the engine's absorption (serapan), rolled up over the line's children."""

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from tests.factories import UserFactory, reviewer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def bengkulu(import_demo):
    return import_demo("bengkulu-2024")


def test_budget_figure_changelist_shows_the_engines_absorption(bengkulu, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("admin:budgets_budgetfigure_changelist"), {"q": "5.03.01"}).content.decode()
    # Program 5.03.01 takes its kegiatan's sums: 13.133.420.294 / 13.201.715.554.
    assert "99,48%" in page


def test_budget_line_page_shows_absorption_of_its_figures(bengkulu, client):
    client.force_login(reviewer_of(bengkulu.government))
    line = BudgetLine.objects.get(agency=bengkulu, code="5.03.01.1.01")
    page = client.get(reverse("admin:budgets_budgetline_change", args=[line.pk])).content.decode()
    # Kegiatan 5.03.01.1.01: 342.011.972 / 350.000.000.
    assert "97,72%" in page


def test_budget_line_changelist_filters_by_level(bengkulu, client):
    client.force_login(reviewer_of(bengkulu.government))
    response = client.get(reverse("admin:budgets_budgetline_changelist"), {"level__exact": "program"})
    assert {line.level for line in response.context["cl"].result_list} == {"program"}


def test_budget_line_offers_only_its_own_agencys_objectives(bengkulu, import_demo, client):
    bengkalis = import_demo("bengkalis-2024")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    line = BudgetLine.objects.get(agency=bengkulu, code="5.03.01")
    form = client.get(reverse("admin:budgets_budgetline_change", args=[line.pk])).context["adminform"].form
    agencies = {objective.renstra.agency_id for objective in form.fields["objectives"].queryset}
    assert agencies == {bengkulu.pk}
    assert bengkalis.pk not in agencies
