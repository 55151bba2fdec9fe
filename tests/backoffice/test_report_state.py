"""A report's state moves only through the review workflow (the reviewer's desk): in the admin it is read-only for
everybody, with the way to the desk; an approved report is read-only whole."""

import pytest
from django.urls import reverse

from agencies.models import ReportYear
from domain.enums import ReportStatus
from tests.adminforms import change_url, save
from tests.factories import AgencyFactory, UserFactory, member_of, reviewer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_year():
    return ReportYear.objects.create(agency=AgencyFactory(), year=2024, signed_city="Manggar")


def people(report_year):
    return {
        "planner": member_of(report_year.agency),
        "reviewer": reviewer_of(report_year.agency.government),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


@pytest.mark.parametrize("who", ["planner", "reviewer", "superuser"])
def test_nobody_changes_the_state_in_the_admin(client, report_year, who):
    client.force_login(people(report_year)[who])
    page = client.get(change_url(report_year)).content.decode()
    assert 'name="status"' not in page

    response = save(client, report_year, status=ReportStatus.APPROVED, signed_city="Tanjung Pandan")

    assert response.status_code == 302  # the form was saved, only without the state
    report_year.refresh_from_db()
    assert (report_year.status, report_year.signed_city) == (ReportStatus.DRAFT, "Tanjung Pandan")


def test_the_reviewer_is_sent_to_the_desk_and_the_planner_to_the_year_page(client, report_year):
    code, year = report_year.agency.code, report_year.year
    users = people(report_year)
    client.force_login(users["reviewer"])
    assert reverse("publication:review", args=[code, year]) in client.get(change_url(report_year)).content.decode()
    client.force_login(users["planner"])
    page = client.get(change_url(report_year)).content.decode()
    assert reverse("publication:review", args=[code, year]) not in page
    assert reverse("web:agency_year", args=[code, year]) in page


def test_a_new_report_year_starts_as_a_draft(client):
    agency = AgencyFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:agencies_reportyear_add"), {"agency": agency.pk, "year": 2025, **EMPTY})
    assert response.status_code == 302
    assert ReportYear.objects.get(agency=agency, year=2025).status == ReportStatus.DRAFT


EMPTY = {
    f"{prefix}-{key}": "0"
    for prefix in ("narratives", "expense_type_budgets", "finding_notes")
    for key in ("TOTAL_FORMS", "INITIAL_FORMS")
}


@pytest.mark.parametrize("who", ["planner", "reviewer", "superuser"])
def test_an_approved_report_is_read_only_whole(client, report_year, who):
    ReportYear.objects.filter(pk=report_year.pk).update(status=ReportStatus.APPROVED)
    client.force_login(people(report_year)[who])

    page = client.get(change_url(report_year)).content.decode()
    response = client.post(change_url(report_year), {"signed_city": "Lain", **EMPTY})

    assert 'name="_save"' not in page and 'name="signed_city"' not in page
    assert response.status_code == 403
    report_year.refresh_from_db()
    assert report_year.signed_city == "Manggar"
