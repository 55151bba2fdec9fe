"""The plan's models keep themselves whole: a Renstra has one year row per year, an indicator one owner, a target
a year of its own agency's Renstra."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicators.models import Target
from tests.factories import GoalFactory, IndicatorFactory, ObjectiveFactory, RenstraFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_saving_a_renstra_creates_one_year_row_per_year_of_its_period():
    renstra = RenstraFactory(start_year=2021, end_year=2026)
    assert list(renstra.years.values_list("year", flat=True)) == [2021, 2022, 2023, 2024, 2025, 2026]


def test_shortening_a_renstra_drops_the_years_outside_it_with_their_targets():
    target = TargetFactory(year=2026, renstra_value="63")
    renstra = target.renstra_year.renstra
    renstra.end_year = 2025
    renstra.save()
    assert list(renstra.years.values_list("year", flat=True)) == [2021, 2022, 2023, 2024, 2025]
    assert not Target.objects.filter(pk=target.pk).exists()


def test_an_indicator_of_a_goal_and_an_objective_at_once_is_refused_by_the_database():
    goal = GoalFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(goal=goal, objective=ObjectiveFactory(goal=goal))


def test_an_indicator_of_a_goal_and_an_objective_at_once_is_refused_by_its_form_check():
    goal = GoalFactory()
    indicator = IndicatorFactory.build(
        goal=goal, objective=ObjectiveFactory(goal=goal), agency=goal.renstra.agency, code="IKU-9"
    )
    with pytest.raises(ValidationError, match="tepat satu"):
        indicator.clean()


def test_a_target_in_another_agencys_renstra_is_refused():
    target = TargetFactory.build(indicator=IndicatorFactory(), renstra_year=RenstraFactory().years.get(year=2024))
    with pytest.raises(ValidationError) as refused:
        target.clean()
    assert "renstra_year" in refused.value.message_dict
