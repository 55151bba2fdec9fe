"""The one access rule: superuser all, reviewer their government's agencies, planner their own agency."""

import pytest
from django.contrib.auth.models import AnonymousUser

from agencies.access import agencies_for, can_access_agency, scope_queryset
from indicators.models import Realisation
from tests.factories import AgencyFactory, GovernmentFactory, UserFactory, member_of, reviewer_of

pytestmark = pytest.mark.django_db


def test_superuser_accesses_every_agency():
    agencies = AgencyFactory.create_batch(2)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert set(agencies_for(superuser)) == set(agencies)
    assert all(can_access_agency(superuser, agency) for agency in agencies)


def test_reviewer_accesses_every_agency_of_their_government_and_no_other():
    government = GovernmentFactory()
    own = AgencyFactory.create_batch(2, government=government)
    other = AgencyFactory()
    reviewer = reviewer_of(government)
    assert set(agencies_for(reviewer)) == set(own)
    assert not can_access_agency(reviewer, other)


def test_planner_accesses_only_the_agency_they_are_a_member_of():
    agency = AgencyFactory()
    neighbour = AgencyFactory(government=agency.government)
    planner = member_of(agency)
    assert list(agencies_for(planner)) == [agency]
    assert not can_access_agency(planner, neighbour)


def test_reviewer_who_is_also_a_member_elsewhere_sees_both_once():
    government = GovernmentFactory()
    reviewed = AgencyFactory(government=government)
    elsewhere = AgencyFactory()
    user = reviewer_of(government)
    elsewhere.members.add(user)
    assert sorted(agencies_for(user), key=lambda a: a.pk) == sorted([reviewed, elsewhere], key=lambda a: a.pk)


def test_inactive_and_anonymous_users_access_nothing():
    agency = AgencyFactory()
    inactive = member_of(agency, is_active=False)
    assert not agencies_for(inactive).exists()
    assert not agencies_for(AnonymousUser()).exists()
    assert not can_access_agency(AnonymousUser(), agency)


def test_scope_queryset_keeps_only_rows_of_accessible_agencies(import_demo):
    bengkalis = import_demo("bengkalis-2024")
    bengkulu = import_demo("bengkulu-2024")
    reviewer = reviewer_of(bengkalis.government)
    scoped = scope_queryset(Realisation.objects.all(), reviewer)
    assert scoped.exists()
    assert set(scoped.values_list("indicator__agency", flat=True)) == {bengkalis.pk}
    assert not scoped.filter(indicator__agency=bengkulu).exists()
