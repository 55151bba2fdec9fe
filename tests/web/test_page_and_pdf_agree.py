"""The year page and the PDF print a demo agency's figures alike: the same indicator and the same sasaran read
the same in both, as a planner compares them. The expected texts are the demo agencies' real figures."""

import pytest

from indicators.models import Indicator, Objective
from reports.pdf import render_html
from tests.factories import member_of
from tests.htmltables import table_headed

pytestmark = pytest.mark.django_db


@pytest.fixture
def belitung_timur(import_demo):
    """Belitung Timur: efficiency method ``unspent``, PK targets that differ from the Renstra, its own categories."""
    return import_demo("belitung-timur-2024")


def agency_page(client, agency, path=""):
    client.force_login(member_of(agency))
    return client.get(f"/agencies/{agency.code}/{path}").content.decode()


def objective_text(agency, code):
    return Objective.objects.get(renstra__agency=agency, code=code).text


def test_belitung_timur_page_and_pdf_print_the_same_unspent_efficiency_for_a_sasaran(belitung_timur, client):
    page = table_headed(agency_page(client, belitung_timur, "2024/"), "Sasaran", "Efisiensi")
    pdf = table_headed(render_html(agency=belitung_timur, year=2024), "Sasaran", "Efisiensi")
    on_the_page = page.row(Sasaran="S1")["Efisiensi"]
    in_the_pdf = pdf.row(Sasaran=objective_text(belitung_timur, "S1"))["Efisiensi"]
    # S1: serapan 1.450.626.919 / 1.601.980.000 = 90,55%, so 100 − 90,55 = 9,45%.
    assert on_the_page == in_the_pdf == "9,45%"


def test_page_and_pdf_print_an_indicators_target_realisation_achievement_and_category_alike(belitung_timur, client):
    name = Indicator.objects.get(agency=belitung_timur, code="IKU-2").name
    page = table_headed(agency_page(client, belitung_timur, "2024/"), "Kode", "Target", "Capaian")
    pdf = table_headed(render_html(agency=belitung_timur, year=2024), "Indikator Kinerja", "Target", "Kategori")
    on_the_page, in_the_pdf = page.row(Kode="IKU-2"), pdf.row(**{"Indikator Kinerja": name})
    figures = ("Target", "Realisasi", "Capaian", "Kategori")
    # IKU-2 (IP ASN): provisional 79,03 against the PK target 72 = 109,76%, "Sangat Memuaskan" in the agency's bands.
    expected = ["72", "79,03 (sementara)", "109,76%", "Sangat Memuaskan"]
    assert [on_the_page[f] for f in figures] == [in_the_pdf[f] for f in figures] == expected


def test_page_and_pdf_print_a_sasarans_achievement_budget_and_absorption_alike(belitung_timur, client):
    text = objective_text(belitung_timur, "S1")
    html = agency_page(client, belitung_timur, "2024/")
    achievement_row = table_headed(html, "Kode", "Capaian").row(Kode=f"S1 — {text}")
    budget_row = table_headed(html, "Sasaran", "Serapan").row(Sasaran="S1")
    on_the_page = [
        achievement_row["Capaian"],
        achievement_row["Kategori"],
        budget_row["Pagu"],
        budget_row["Realisasi"],
        budget_row["Serapan"],
    ]
    summary = table_headed(render_html(agency=belitung_timur, year=2024), "Sasaran", "Kategori", "Serapan")
    in_the_pdf = [summary.row(Sasaran=text)[f] for f in ("Capaian", "Kategori", "Pagu", "Realisasi", "Serapan")]
    expected = ["98,05%", "Sangat Memuaskan", "Rp1.601.980.000", "Rp1.450.626.919", "90,55%"]
    assert on_the_page == in_the_pdf == expected


def test_agency_page_and_pdf_print_the_heads_nip_and_the_signing_date_alike(import_demo, client):
    bengkalis = import_demo("bengkalis-2024")
    page = agency_page(client, bengkalis)
    html = render_html(agency=bengkalis, year=2024)
    signed = table_headed(page, "Tahun", "Tanggal penandatanganan").row(Tahun="LAKIP 2024")
    # The demo file: NIP 197402101993111001, signed in Bengkalis on 2025-03-10.
    assert "<dt>NIP</dt><dd>19740210 199311 1 001</dd>" in page
    assert "<div>NIP. 19740210 199311 1 001</div>" in html
    assert signed["Tanggal penandatanganan"] == "10 Maret 2025"
    assert "<div>Bengkalis, 10 Maret 2025&nbsp;</div>" in html
