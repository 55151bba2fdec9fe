"""Only a report year of the agency opens, on the year page and the PDF alike; an absurd year costs nothing."""

import pytest
from django.urls import NoReverseMatch, reverse

from agencies.models import ReportYear
from tests.factories import AgencyFactory, member_of

pytestmark = pytest.mark.django_db

PAGES = ("web:agency_year", "reports:lakip_pdf")


@pytest.fixture
def planner_client(client):
    agency = AgencyFactory(code="opd-tahun")
    ReportYear.objects.create(agency=agency, year=2024)
    client.force_login(member_of(agency))
    return client


@pytest.mark.parametrize("name", PAGES)
def test_a_year_the_agency_has_no_report_of_is_not_found(planner_client, name):
    assert planner_client.get(reverse(name, args=["opd-tahun", 2023])).status_code == 404


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("year", ["99999999999999999999", "200000", "0", "-2024", "20x4"])
def test_a_year_that_is_not_four_digits_is_not_an_address(planner_client, name, year):
    path = reverse(name, args=["opd-tahun", 2024]).replace("/2024/", f"/{year}/")
    assert planner_client.get(path).status_code == 404


def test_a_year_that_is_not_four_digits_cannot_be_written_as_an_address():
    with pytest.raises(NoReverseMatch):
        reverse("web:agency_year", args=["opd-tahun", 200000])


def test_the_report_year_opens(planner_client):
    assert planner_client.get(reverse("web:agency_year", args=["opd-tahun", 2024])).status_code == 200
