"""The public pages, no login: the governments publishing approved reports, each government's approved versions
with their achievement and date, and each version's PDF. Drafts and versions without a PDF appear nowhere."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import ReportYear
from tests.factories import AgencyFactory, ReportYearFactory
from tests.reports.approval import JAKARTA, approve, attach_pdf, reopen

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% the approved one\n%%EOF\n"


def rows(response):
    """The text of each body row of the page's table, whitespace collapsed."""
    html = response.content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>")[:-1]]


@pytest.fixture
def published(agency_a, agency_b, other_government):
    """Agency A's 2024 report approved with its PDF; agency B's 2024 report a draft; another government's agency
    with an approved report of its own."""
    version = attach_pdf(approve(ReportYearFactory(agency=agency_a, year=2024)), PDF)
    ReportYearFactory(agency=agency_b, year=2024)
    elsewhere = AgencyFactory(government=other_government, code="dispar-lain", name="Dinas Pariwisata Lain")
    attach_pdf(approve(ReportYearFactory(agency=elsewhere, year=2024), achievement=Decimal("101.25")), PDF)
    return version


def test_the_index_lists_the_governments_with_published_versions_and_their_counts(client, published, government):
    AgencyFactory(code="tanpa-laporan")  # a government without any approved report
    response = client.get(reverse("publication:public_index"))
    assert response.status_code == 200
    assert rows(response) == ["Pemerintah Kabupaten Uji 1 1 1", "Pemerintah Kota Lain 1 1 1"]
    assert reverse("publication:public_government", args=["kab-uji"]) in response.content.decode()
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_a_version_without_its_pdf_yet_is_not_published(client, agency_a):
    approve(ReportYearFactory(agency=agency_a, year=2024))
    assert rows(client.get(reverse("publication:public_index"))) == ["Belum ada laporan yang disetujui."]
    assert rows(client.get(reverse("publication:public_government", args=["kab-uji"]))) == [
        "Belum ada laporan yang disetujui."
    ]


def test_a_government_page_lists_its_approved_versions_only(client, published):
    response = client.get(reverse("publication:public_government", args=["kab-uji"]))
    assert response.status_code == 200
    assert rows(response) == ["Badan Kepegawaian Daerah Uji 2024 Versi 1 berlaku 89,50% 10 Maret 2025 PDF · verifikasi"]
    html = response.content.decode()
    assert "Dinas Kesehatan Uji" not in html  # a draft
    assert "Dinas Pariwisata Lain" not in html and "101,25%" not in html  # another government's
    assert reverse("publication:public_pdf", args=[published.token]) in html
    assert reverse("publication:verify_version", args=[published.token]) in html
    assert "public" in response["Cache-Control"]


def test_a_reopened_version_stays_listed_marked_with_the_version_that_replaced_it(client, agency_a):
    report_year = ReportYearFactory(agency=agency_a, year=2024)
    first = attach_pdf(approve(report_year), PDF)
    reopen(first)
    second_at = datetime(2025, 4, 20, 8, 0, tzinfo=JAKARTA)
    attach_pdf(approve(report_year, number=2, approved_at=second_at, achievement=Decimal("91")), PDF + b"v2")
    response = client.get(reverse("publication:public_government", args=["kab-uji"]))
    assert rows(response) == [
        "Badan Kepegawaian Daerah Uji 2024 Versi 2 berlaku 91,00% 20 April 2025 PDF · verifikasi",
        "Badan Kepegawaian Daerah Uji 2024 Versi 1 dibuka kembali 2 April 2025; digantikan oleh versi 2 89,50% "
        "10 Maret 2025 PDF · verifikasi",
    ]


def test_a_reopened_version_not_yet_replaced_says_so(client, agency_a):
    reopen(attach_pdf(approve(ReportYearFactory(agency=agency_a, year=2024)), PDF))
    response = client.get(reverse("publication:public_government", args=["kab-uji"]))
    assert "dibuka kembali 2 April 2025; versi baru belum disetujui" in rows(response)[0]


def test_the_year_filter_keeps_one_year(client, agency_a):
    attach_pdf(approve(ReportYearFactory(agency=agency_a, year=2023)), PDF)
    attach_pdf(approve(ReportYearFactory(agency=agency_a, year=2024)), PDF)
    url = reverse("publication:public_government", args=["kab-uji"])
    assert [row.split()[4] for row in rows(client.get(url))] == ["2024", "2023"]
    assert [row.split()[4] for row in rows(client.get(url, {"tahun": "2023"}))] == ["2023"]
    assert len(rows(client.get(url, {"tahun": "bukan-tahun"}))) == 2


def test_an_unknown_government_is_a_404(client, published):
    assert client.get(reverse("publication:public_government", args=["tidak-ada"])).status_code == 404


def test_the_version_pdf_is_streamed_as_a_named_attachment(client, published):
    response = client.get(reverse("publication:public_pdf", args=[published.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="LAKIP-2024-bkd-uji-v1.pdf"'
    assert b"".join(response.streaming_content) == PDF
    assert "public" in response["Cache-Control"]


def test_a_version_without_a_pdf_or_an_unknown_token_is_a_404(client, agency_a):
    version = approve(ReportYearFactory(agency=agency_a, year=2024))
    assert client.get(reverse("publication:public_pdf", args=[version.token])).status_code == 404
    unknown = "0d5a7397-0917-4a94-8422-62496b70ea58"
    assert client.get(reverse("publication:public_pdf", args=[unknown])).status_code == 404
    assert client.get(reverse("publication:verify_version", args=[unknown])).status_code == 404


def test_the_public_pages_accept_only_get(client, published):
    assert client.post(reverse("publication:public_index")).status_code == 405
    assert client.post(reverse("publication:public_pdf", args=[published.token])).status_code == 405


def test_no_draft_year_is_reachable(client, agency_a):
    """A report year that was never approved has no version, so no token, no row and no page."""
    ReportYear.objects.create(agency=agency_a, year=2024)
    assert rows(client.get(reverse("publication:public_government", args=["kab-uji"]))) == [
        "Belum ada laporan yang disetujui."
    ]
