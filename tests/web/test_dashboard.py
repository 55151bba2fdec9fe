"""The year's dashboard: the headline figures in their category's colour, how complete the data is, the findings by
severity, the PDF's charts, and a fixed number of queries whatever the size of the agency."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from bench.synthetic import build_large_agency
from tests.factories import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def belitung_timur(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


def dashboard_url(agency, year=2024):
    return reverse("web:agency_year", args=[agency.code, year])


def open_dashboard(client, agency):
    client.force_login(member_of(agency))
    response = client.get(dashboard_url(agency))
    assert response.status_code == 200
    return response.content.decode()


def element_text(page, element_id):
    """The text of the element with ``id`` (one with no nested element of its own kind), whitespace collapsed."""
    start = page.rindex("<", 0, page.index(f'id="{element_id}"'))
    tag = page[start + 1 :].split(maxsplit=1)[0]
    return " ".join(strip_tags(page[start : page.index(f"</{tag}>", start)]).split())


def test_the_dashboard_is_the_summary_tab_of_the_year(bengkalis, client):
    page = open_dashboard(client, bengkalis)
    assert f'<a href="{dashboard_url(bengkalis)}" aria-current="page">Ringkasan</a>' in page
    assert "<title>Ringkasan · " in page


def test_bengkalis_headline_figures_are_coloured_by_their_band(bengkalis, client):
    page = open_dashboard(client, bengkalis)
    # Bengkalis 2024: achievement 114,45% ("Sangat Tinggi", the highest band); serapan 15.308.783.844 /
    # 19.717.644.784 = 77,64% ("Tinggi", the second band).
    assert 'class="figure standing band-0" id="figure-achievement"' in page
    assert element_text(page, "figure-achievement") == "Capaian kinerja 114,45% Sangat Tinggi"
    assert 'class="figure standing band-1" id="figure-absorption"' in page
    assert element_text(page, "figure-absorption") == "Serapan anggaran 77,64% Tinggi"


def test_the_colour_follows_the_agencys_own_bands_by_position(belitung_timur, client):
    page = open_dashboard(client, belitung_timur)
    # Belitung Timur names its top band "Sangat Memuaskan": the colour is the band's position, not its name.
    assert 'class="figure standing band-0" id="figure-achievement"' in page
    assert "Sangat Memuaskan" in element_text(page, "figure-achievement")


def test_completeness_counts_come_from_the_engine_with_links_to_the_grids(import_demo, client):
    bengkulu = import_demo("bengkulu-2024")
    page = open_dashboard(client, bengkulu)
    # Bengkulu 2024: 9 indicators, IKSK-1 and IKSK-2 without a target, IKSK-2 without a realisation.
    assert element_text(page, "complete-target").endswith("7 dari 9 (77,78%) 77,78%")
    assert element_text(page, "complete-realisation").endswith("8 dari 9 (88,89%) 88,89%")
    assert element_text(page, "complete-evidence").endswith("7 dari 9 (77,78%) 77,78%")
    assert element_text(page, "complete-budget").endswith("12 dari 12 (100,00%) 100,00%")
    assert f'<a href="{reverse("web:targets", args=[bengkulu.code, 2024])}">Indikator dengan target</a>' in page


def test_findings_are_counted_by_severity_with_links_to_the_panel(belitung_timur, client):
    page = open_dashboard(client, belitung_timur)
    findings_url = reverse("web:findings", args=[belitung_timur.code, 2024])
    # Belitung Timur 2024: no error, 44 warnings (mostly narratives naming "Belitang Timur"), 3 provisional values.
    assert element_text(page, "findings-error") == "Kesalahan 0 temuan"
    assert element_text(page, "findings-warning") == "Peringatan 44 temuan"
    assert element_text(page, "findings-info") == "Informasi 3 temuan"
    assert f'href="{findings_url}#severity-warning"' in page


def test_the_dashboard_draws_the_pdfs_charts_achievement_per_sasaran_and_absorption(bengkalis, client):
    page = open_dashboard(client, bengkalis)
    assert page.count('<svg class="chart"') == 4
    assert page.count('aria-label="Capaian terhadap target per indikator tahun 2024"') == 3
    assert 'aria-label="Serapan anggaran"' in page
    # IKU-2: 78,13 / 51 = 153,20%, provisional.
    assert "78,13 / 51 = 153,20% (sementara)" in page


def test_the_indicator_table_gives_each_realisations_status(bengkalis, client):
    page = open_dashboard(client, bengkalis)
    row = page[page.index("<td>IKU-3</td>") :].split("</tr>")[0]
    assert '<span class="status final">Final</span>' in row
    row = page[page.index("<td>IKU-2</td>") :].split("</tr>")[0]
    assert '<span class="status provisional">Sementara</span>' in row


def test_another_agencys_planner_gets_404(bengkalis, belitung_timur, client):
    client.force_login(member_of(belitung_timur))
    assert client.get(dashboard_url(bengkalis)).status_code == 404


def test_the_dashboard_costs_the_same_queries_on_a_demo_and_on_a_large_agency(
    bengkalis, client, django_assert_num_queries
):
    large = build_large_agency()
    client.force_login(member_of(bengkalis))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(dashboard_url(bengkalis)).status_code == 200
    client.force_login(member_of(large))
    with django_assert_num_queries(len(queries)):
        assert client.get(dashboard_url(large)).status_code == 200
