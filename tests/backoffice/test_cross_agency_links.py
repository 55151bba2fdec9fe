"""No row is linked to a row of another agency, whichever admin form it comes from.

A reviewer sees every agency of a government, so an add form (which cannot narrow its choices to one agency
before the agency is chosen) offers sasaran and lines of several agencies; the models refuse the mix.
"""

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from indicators.models import Indicator
from tests.factories import AgencyFactory, BudgetLineFactory, ObjectiveFactory, RenstraFactory, reviewer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies():
    first = AgencyFactory()
    second = AgencyFactory(government=first.government)
    return first, second


@pytest.fixture
def reviewer_client(client, two_agencies):
    client.force_login(reviewer_of(two_agencies[0].government))
    return client


def indicator_post(reviewer_client, agency, objective, code):
    """The admin's add form of an indicator of ``agency`` under ``objective``."""
    return reviewer_client.post(
        reverse("admin:indicators_indicator_add"),
        {
            "agency": agency.pk,
            "objective": objective.pk,
            "code": code,
            "name": "Indeks uji",
            "direction": "higher",
            "position": 0,
            "targets-TOTAL_FORMS": 0,
            "targets-INITIAL_FORMS": 0,
            "realisations-TOTAL_FORMS": 0,
            "realisations-INITIAL_FORMS": 0,
        },
    )


def test_an_indicator_of_one_agency_under_another_agencys_sasaran_is_refused(reviewer_client, two_agencies):
    first, second = two_agencies
    foreign = ObjectiveFactory(renstra=RenstraFactory(agency=second))
    response = indicator_post(reviewer_client, first, foreign, "IKU-X")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["objective"] == ["Harus dari perangkat daerah indikator ini, bukan perangkat daerah lain."]
    assert not Indicator.objects.filter(code="IKU-X").exists()


def test_an_indicator_under_its_own_agencys_sasaran_is_saved(reviewer_client, two_agencies):
    first, _ = two_agencies
    own = ObjectiveFactory(renstra=RenstraFactory(agency=first))
    response = indicator_post(reviewer_client, first, own, "IKU-Y")
    assert response.status_code == 302
    assert Indicator.objects.get(code="IKU-Y").objective == own


def line_post(reviewer_client, agency, objectives, parent=None):
    return reviewer_client.post(
        reverse("admin:budgets_budgetline_add"),
        {
            "agency": agency.pk,
            "level": "activity" if parent else "program",
            "parent": parent.pk if parent else "",
            "code": "9.99.01",
            "name": "Program uji",
            "position": 0,
            "objectives": [objective.pk for objective in objectives],
            "figures-TOTAL_FORMS": 0,
            "figures-INITIAL_FORMS": 0,
        },
    )


def test_a_budget_line_linked_to_another_agencys_sasaran_is_refused(reviewer_client, two_agencies):
    first, second = two_agencies
    foreign = ObjectiveFactory(renstra=RenstraFactory(agency=second))
    response = line_post(reviewer_client, first, [foreign])
    assert response.status_code == 200
    assert foreign.code in response.context["adminform"].form.errors["objectives"][0]
    assert not BudgetLine.objects.filter(code="9.99.01").exists()


def test_a_budget_line_under_another_agencys_program_is_refused(reviewer_client, two_agencies):
    first, second = two_agencies
    response = line_post(reviewer_client, first, [], parent=BudgetLineFactory(agency=second))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert not BudgetLine.objects.filter(code="9.99.01").exists()


def test_a_budget_line_linked_to_its_own_agencys_sasaran_is_saved(reviewer_client, two_agencies):
    first, _ = two_agencies
    own = ObjectiveFactory(renstra=RenstraFactory(agency=first))
    assert line_post(reviewer_client, first, [own]).status_code == 302
    assert list(BudgetLine.objects.get(code="9.99.01").objectives.all()) == [own]
