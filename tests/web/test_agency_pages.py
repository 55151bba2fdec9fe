"""The agency pages: login required, only accessible agencies, figures from the engine, text escaped."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from indicators.models import Indicator, Realisation
from tests.factories import UserFactory, member_of, reviewer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


@pytest.fixture
def bengkulu(import_demo):
    return import_demo("bengkulu-2024")


def year_url(agency, year=2024):
    return reverse("web:agency_year", args=[agency.code, year])


@pytest.mark.parametrize(
    "url",
    ["/", "/agencies/bkpp-bengkalis/", "/agencies/bkpp-bengkalis/2024/"],
)
def test_pages_require_login(url, bengkalis, client):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_agency_list_shows_only_accessible_agencies(bengkalis, bengkulu, client):
    client.force_login(reviewer_of(bengkalis.government))
    page = client.get(reverse("web:agency_list")).content.decode()
    assert bengkalis.name in page
    assert bengkulu.name not in page


def test_agency_list_searches_by_name(bengkalis, bengkulu, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("web:agency_list"), {"q": "Bengkulu"}).content.decode()
    assert bengkulu.name in page
    assert bengkalis.name not in page


def test_agency_page_lists_its_report_years(bengkalis, client):
    client.force_login(member_of(bengkalis))
    page = client.get(reverse("web:agency_detail", args=[bengkalis.code])).content.decode()
    assert year_url(bengkalis) in page
    assert "LAKIP 2024" in page
    assert "19740210 199311 1 001" in page


@pytest.mark.parametrize("view", ["agency_detail", "agency_year"])
def test_foreign_agency_is_not_found(view, bengkalis, bengkulu, client):
    client.force_login(member_of(bengkulu))
    args = [bengkalis.code] if view == "agency_detail" else [bengkalis.code, 2024]
    assert client.get(reverse(f"web:{view}", args=args)).status_code == 404


def test_unknown_agency_and_unknown_year_are_not_found(bengkalis, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("web:agency_detail", args=["tidak-ada"])).status_code == 404
    assert client.get(year_url(bengkalis, 1999)).status_code == 404


def test_year_page_shows_objective_and_indicator_achievement_from_the_engine(bengkalis, client):
    client.force_login(reviewer_of(bengkalis.government))
    page = client.get(year_url(bengkalis)).content.decode()
    assert "126,60%" in page
    assert "153,20%" in page
    assert "Sangat Tinggi" in page


def test_year_page_links_to_the_pdf_and_its_render_state(bengkalis, client):
    client.force_login(reviewer_of(bengkalis.government))
    pdf_url = reverse("reports:lakip_pdf", args=[bengkalis.code, 2024])
    status_url = reverse("reports:lakip_status", args=[bengkalis.code, 2024])
    page = client.get(year_url(bengkalis)).content.decode()
    assert f'href="{pdf_url}"' in page
    assert f'href="{status_url}">PDF belum dirender</a>' in page
    assert client.get(pdf_url).url == f"{status_url}?unduh=1"
    assert f'href="{status_url}">PDF menunggu antrean</a>' in client.get(year_url(bengkalis)).content.decode()


def test_year_page_marks_provisional_realisations(bengkalis, client):
    client.force_login(member_of(bengkalis))
    page = client.get(year_url(bengkalis)).content.decode()
    assert '78,13 <span class="status provisional">(sementara)</span>' in page


def test_year_page_says_pending_realisations_are_awaited(bengkalis, client):
    Realisation.objects.filter(indicator__agency=bengkalis, indicator__code="IKU-2", year=2024).update(
        status="pending", value=""
    )
    client.force_login(member_of(bengkalis))
    page = client.get(year_url(bengkalis)).content.decode()
    assert '<span class="status pending">menunggu hasil</span>' in page


def test_year_page_counts_findings_by_severity_and_lists_budget_lines(bengkulu, client):
    client.force_login(member_of(bengkulu))
    page = client.get(year_url(bengkulu)).content.decode()
    findings_url = reverse("web:findings", args=[bengkulu.code, 2024])
    counts = {
        severity: " ".join(strip_tags(page.split(f'id="findings-{severity}">')[1].split("</li>")[0]).split())
        for severity in ("error", "warning", "info")
    }
    # Bengkulu 2024: 2 realisations above pagu and a parent's sum (errors), 7 warnings, 1 provisional realisation.
    assert counts == {"error": "Kesalahan 3 temuan", "warning": "Peringatan 7 temuan", "info": "Informasi 1 temuan"}
    assert f'href="{findings_url}#severity-error"' in page
    assert "5.03.01" in page
    assert "99,48%" in page


def test_user_text_is_escaped_on_the_year_page(bengkalis, client):
    Indicator.objects.filter(agency=bengkalis, code="IKU-2").update(name="<script>alert('x')</script>")
    client.force_login(member_of(bengkalis))
    page = client.get(year_url(bengkalis)).content.decode()
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page


def test_pages_refuse_post(bengkalis):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_of(bengkalis))
    assert client.post(year_url(bengkalis)).status_code == 403
    client = Client()
    client.force_login(member_of(bengkalis))
    assert client.post(year_url(bengkalis)).status_code == 405


def test_logout_without_csrf_token_is_refused(bengkalis):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_of(bengkalis))
    assert client.post(reverse("admin:logout")).status_code == 403
    assert client.get(year_url(bengkalis)).status_code == 200


def test_year_page_names_the_settings_the_engine_computed_with(bengkalis, client):
    client.force_login(reviewer_of(bengkalis.government))
    page = client.get(year_url(bengkalis)).content.decode()
    assert "Batas atas capaian: tidak dibatasi" in page
    assert "Metode efisiensi: 100% − serapan" in page
