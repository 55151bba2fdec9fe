"""Only a reviewer (or an administrator) changes a report's state: a planner cannot approve their own report."""

import pytest
from django.urls import reverse

from agencies.models import ReportYear
from domain.enums import ReportStatus
from tests.adminforms import save
from tests.factories import AgencyFactory, UserFactory, member_of, reviewer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_year():
    return ReportYear.objects.create(agency=AgencyFactory(), year=2024)


def post_status(client, user, report_year, status):
    client.force_login(user)
    return save(client, report_year, status=status)


def test_a_planner_cannot_approve_their_own_report(client, report_year):
    planner = member_of(report_year.agency)
    client.force_login(planner)
    page = client.get(reverse("admin:agencies_reportyear_change", args=[report_year.pk])).content.decode()
    assert 'name="status"' not in page
    response = post_status(client, planner, report_year, ReportStatus.APPROVED)
    assert response.status_code == 302  # the form was saved, only without the state
    report_year.refresh_from_db()
    assert report_year.status == ReportStatus.DRAFT


def test_a_reviewer_of_the_government_approves_the_report(client, report_year):
    reviewer = reviewer_of(report_year.agency.government)
    response = post_status(client, reviewer, report_year, ReportStatus.APPROVED)
    assert response.status_code == 302
    report_year.refresh_from_db()
    assert report_year.status == ReportStatus.APPROVED


def test_a_superuser_approves_the_report(client, report_year):
    post_status(client, UserFactory(is_staff=True, is_superuser=True), report_year, ReportStatus.APPROVED)
    report_year.refresh_from_db()
    assert report_year.status == ReportStatus.APPROVED
