"""Realisations in the admin carry the engine's achievement and category, computed once per agency-year."""

from unittest import mock

import pytest
from django.urls import reverse

from indicators.models import Indicator, Realisation
from performance import results
from tests.factories import (
    BudgetLineFactory,
    GoalFactory,
    IndicatorFactory,
    ObjectiveFactory,
    UserFactory,
    reviewer_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_realisation_changelist_shows_the_computed_achievement_and_category(bengkalis, superuser_client):
    response = superuser_client.get(
        reverse("admin:indicators_realisation_changelist"), {"indicator__agency__id__exact": bengkalis.pk, "q": "IKU-2"}
    )
    page = response.content.decode()
    assert "153,20%" in page
    assert "Sangat Tinggi" in page


def test_realisations_under_their_indicator_show_the_computed_achievement(bengkalis, client):
    client.force_login(reviewer_of(bengkalis.government))
    indicator = Indicator.objects.get(agency=bengkalis, code="IKU-2")
    page = client.get(reverse("admin:indicators_indicator_change", args=[indicator.pk])).content.decode()
    assert "153,20%" in page
    assert "Sangat Tinggi" in page


def test_realisation_changelist_computes_results_once_per_agency_year(bengkalis, import_demo, superuser_client):
    import_demo("bengkulu-2024")
    agency_years = set(Realisation.objects.values_list("indicator__agency", "year"))
    with mock.patch.object(results, "agency_results", wraps=results.agency_results) as computed:
        response = superuser_client.get(reverse("admin:indicators_realisation_changelist"))
    assert response.status_code == 200
    assert Realisation.objects.count() > len(agency_years)
    assert computed.call_count == len(agency_years)


@pytest.mark.parametrize("kind", ["goal", "objective", "budget_line"])
def test_indicator_changelist_filters_by_owner_kind(kind, superuser_client):
    goal = GoalFactory()
    indicators = {
        "goal": IndicatorFactory(goal=goal),
        "objective": IndicatorFactory(objective=ObjectiveFactory(goal=goal)),
        "budget_line": IndicatorFactory(budget_line=BudgetLineFactory(agency=goal.renstra.agency)),
    }
    page = superuser_client.get(reverse("admin:indicators_indicator_changelist"), {"pemilik": kind})
    assert list(page.context["cl"].result_list) == [indicators[kind]]


def test_target_changelist_filters_by_year(bengkalis, superuser_client):
    response = superuser_client.get(reverse("admin:indicators_target_changelist"), {"renstra_year__year": 2024})
    years = {target.renstra_year.year for target in response.context["cl"].result_list}
    assert years == {2024}


def test_indicator_autocomplete_offers_only_accessible_indicators(bengkalis, import_demo, client):
    bengkulu = import_demo("bengkulu-2024")
    client.force_login(reviewer_of(bengkulu.government))
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "indicators", "model_name": "realisation", "field_name": "indicator", "term": ""},
    )
    offered = {int(row["id"]) for row in response.json()["results"]}
    assert offered
    assert offered <= set(Indicator.objects.filter(agency=bengkulu).values_list("pk", flat=True))
