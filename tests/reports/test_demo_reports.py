"""The whole report of each demo agency: every chapter, the key figures in Indonesian form, the marks."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from agencies.models import ReportYear
from reports.pdf import render_html
from tests.reports.approval import approve

DEMOS = ["bengkalis-2024", "bengkulu-2024", "belitung-timur-2024"]
HEADINGS = [
    "LAPORAN KINERJA INSTANSI PEMERINTAH",
    "Kata Pengantar",
    "Ikhtisar Eksekutif",
    "Daftar Isi",
    "Daftar Tabel",
    "BAB I",
    "Pendahuluan",
    "BAB II",
    "Perencanaan Kinerja",
    "Rencana Strategis",
    "Perjanjian Kinerja Tahun 2024",
    "BAB III",
    "Akuntabilitas Kinerja",
    "Capaian Kinerja Organisasi",
    "Efisiensi Penggunaan Sumber Daya",
    "Realisasi Anggaran",
    "BAB IV",
    "Penutup",
    "Lampiran",
    "PERJANJIAN KINERJA TAHUN 2024",
    "Pihak Pertama",
    "Pihak Kedua",
]


@pytest.mark.parametrize("name", DEMOS)
def test_demo_report_has_every_chapter(name, demo_report):
    text = demo_report(name).text
    missing = [h for h in HEADINGS if h not in text]
    assert not missing


@pytest.mark.parametrize(
    "figure",
    ["153,20%", "126,60%", "62,23%", "37,77%", "Rp19.717.644.784", "Rp15.308.783.844", "Rp6.111.568.080"],
)
def test_bengkalis_prints_the_key_figures_in_indonesian_form(figure, demo_report):
    assert figure in demo_report("bengkalis-2024").text


def test_foreword_is_signed_with_city_indonesian_date_and_grouped_nip(demo_report):
    text = demo_report("bengkalis-2024").text
    assert "Bengkalis, 10 Maret 2025" in text
    assert "DJAMALUDIN, AP, M.Si" in text
    assert "NIP. 19740210 199311 1 001" in text


def test_years_are_not_written_with_a_thousands_separator(demo_report):
    assert "2.024" not in demo_report("bengkalis-2024").text


def test_provisional_realisation_is_marked_and_footnoted_with_its_evidence(demo_report):
    text = demo_report("bengkalis-2024").text
    assert "(sementara)" in text
    assert "Realisasi sementara; bukti: Listing Nilai IP ASN Tahun 2024" in text


def test_efficiency_table_names_the_method(demo_report):
    assert "100% dikurangi persentase serapan anggaran" in demo_report("bengkalis-2024").text


def test_table_of_contents_gives_the_real_page_of_each_chapter(demo_report):
    report = demo_report("bengkalis-2024")
    toc_page = next(i for i, page in enumerate(report.pages) if "Daftar Isi" in page and "BAB IV" in page)
    listed = int(re.search(r"BAB IV Penutup[ .]*?(\d+)\s*$", report.pages[toc_page], re.M).group(1))
    chapter_page = next(i for i, page in enumerate(report.pages) if i > toc_page and page.find("BAB IV") != -1)
    assert listed == chapter_page + 1


def test_draft_report_is_marked_on_every_page_and_lists_findings(demo_report):
    report = demo_report("bengkalis-2024")
    assert all("DRAFT" in page for page in report.pages)
    findings = "".join(page for page in report.pages if "Temuan yang belum diselesaikan" in page)
    assert "peringatan" in findings


@pytest.mark.django_db
def test_approved_report_has_no_draft_mark_and_no_findings(import_demo):
    agency = import_demo("bengkalis-2024")
    approve(ReportYear.objects.get(agency=agency, year=2024))
    html = render_html(agency=agency, year=2024)
    assert "DRAFT" not in html
    assert "Temuan yang belum diselesaikan" not in html


@pytest.mark.django_db
def test_perjanjian_kinerja_is_signed_by_the_regional_head_by_name(import_demo):
    agency = import_demo("bengkalis-2024")
    agency.government.head_name = "KASMARNI, S.Sos., MMP"
    agency.government.save()
    html = render_html(agency=agency, year=2024)
    assert "Nama: KASMARNI, S.Sos., MMP<br>Jabatan: Bupati Bengkalis" in html


def test_report_embeds_only_the_shipped_font(demo_report):
    reader = PdfReader(BytesIO(demo_report("bengkulu-2024").pdf))
    fonts = [font.get_object() for page in reader.pages[:3] for font in page["/Resources"]["/Font"].values()]
    assert fonts
    assert all("LAKIP-Sans" in str(font["/BaseFont"]) for font in fonts)
    assert all("/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"] for font in fonts)
