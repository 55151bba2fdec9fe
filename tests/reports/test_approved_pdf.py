"""The approved PDF: no DRAFT mark, the reviewer's statement page with its QR code, attached to its version.

The Bengkulu demo is rendered once approved (a version written with the models, ``tests/reports/approval.py``)
and once as a draft. The QR code is read back from the statement page drawn by poppler's ``pdftoppm`` (a system
package CI installs) and decoded by zxing-cpp. The render queue's tests replace WeasyPrint by ``fake_print``.
"""

import hashlib
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import pytest
import zxingcpp
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from PIL import Image

from agencies.models import Agency, ReportYear
from domain.review import review_statement
from interchange.importer import import_file
from reports import pdf, tasks
from reports.context import build_context
from reports.models import RenderState, StoredPdf
from reports.pdf import render_pdf
from reports.tasks import queue_render
from review.models import ReportVersion
from tests.conftest import demo_path
from tests.factories import AgencyFactory, ReportYearFactory, member_of
from tests.reports.approval import approve, attach_pdf, reopen
from tests.reports.pdfqueue import fake_print, pdf_queue, run_queued
from tests.reports.pdftext import read_pdf

__all__ = ["pdf_queue"]

STATEMENT_TITLE = "PERNYATAAN TELAH DIREVIU"


def verification_url(version):
    return settings.LAKIP_PUBLIC_URL + reverse("publication:verify_version", args=[version.token])


@pytest.fixture(scope="module")
def approved_report(django_db_setup, django_db_blocker):
    """The Bengkulu demo's 2024 report approved as version 1: its PDF's text and the verification URL it was
    made for. The data is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        agency = Agency.objects.get(code=import_file(demo_path("bengkulu-2024")).agency_code)
        version = approve(ReportYear.objects.get(agency=agency, year=2024))
        report = read_pdf(render_pdf(agency, 2024))
        url = verification_url(version)
        transaction.set_rollback(True)
    return report, url


def page_with(report, phrase):
    return next(index for index, page in enumerate(report.pages) if phrase in page)


def page_image(pdf_bytes, number, tmp_path):
    """Page ``number`` (1-based) of a PDF drawn at 150 dpi by pdftoppm, as a Pillow image."""
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed to read the QR code back"
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf_bytes)
    pages = ["-f", str(number), "-l", str(number), "-singlefile"]
    subprocess.run(["pdftoppm", "-r", "150", "-png", *pages, source, tmp_path / "page"], check=True)
    return Image.open(tmp_path / "page.png")


# --- The approved PDF ----------------------------------------------------------------------------------------


def test_approved_pdf_has_no_draft_mark_and_no_findings(approved_report):
    report, _ = approved_report
    assert "DRAFT" not in report.text
    assert "Temuan yang belum diselesaikan" not in report.text
    assert "Versi 1 · disetujui" in report.pages[0]


def test_draft_pdf_is_marked_and_has_no_statement_page(demo_report):
    report = demo_report("bengkulu-2024")
    assert all("DRAFT" in page for page in report.pages)
    assert STATEMENT_TITLE not in report.text
    assert "Pernyataan Telah Direviu" not in report.text


def test_statement_page_follows_the_perjanjian_kinerja_with_the_reviewers_name_nip_and_statement(approved_report):
    report, _ = approved_report
    statement = page_with(report, STATEMENT_TITLE)
    assert page_with(report, "PERJANJIAN KINERJA TAHUN 2024") < statement
    text = " ".join(report.pages[statement].split())
    assert "BADAN KEPEGAWAIAN DAERAH PROVINSI BENGKULU" in text
    for paragraph in review_statement("Badan Kepegawaian Daerah Provinsi Bengkulu", 2024):
        assert paragraph in text
    assert "Bengkulu, 10 Maret 2025" in text
    assert "Inspektur Daerah" in text
    assert "Drs. Ahmad Fauzi, M.Si." in text
    assert "NIP. 19740210 199311 1 001" in text


def test_table_of_contents_lists_the_statement_in_the_lampiran(approved_report):
    report, _ = approved_report
    contents = report.pages[page_with(report, "Daftar Isi")]
    lampiran = contents.index("1. Perjanjian Kinerja Tahun 2024")
    assert contents.index("2. Pernyataan Telah Direviu") > lampiran


def test_statement_page_prints_the_verification_address_in_words(approved_report):
    report, url = approved_report
    page = report.pages[page_with(report, STATEMENT_TITLE)]
    assert "Pindai untuk memeriksa keaslian dokumen ini:" in page
    assert url in "".join(page.split())


def test_qr_code_of_the_statement_page_decodes_to_the_verification_url(approved_report, tmp_path):
    report, url = approved_report
    image = page_image(report.pdf, page_with(report, STATEMENT_TITLE) + 1, tmp_path)
    decoded = [(code.format, code.text) for code in zxingcpp.read_barcodes(image)]
    assert decoded == [(zxingcpp.BarcodeFormat.QRCode, url)]


# --- The context ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_approved_year_without_a_version_prints_as_a_draft():
    report_year = ReportYearFactory(year=2024)
    report_year.status = "approved"
    report_year.save()
    context = build_context(agency=report_year.agency, year=2024)
    assert context["draft"] is True
    assert context["approval"] is None


@pytest.mark.django_db
def test_the_context_prints_the_current_version_not_a_reopened_one():
    report_year = ReportYearFactory(year=2024)
    first = approve(report_year)
    reopen(first)
    second = approve(report_year, number=2, reviewer_nip="198001012005011002")
    approval = build_context(agency=report_year.agency, year=2024)["approval"]
    assert approval["version"] == second
    assert approval["number"] == 2
    assert approval["url"] == verification_url(second)
    assert approval["reviewer_nip"] == "198001012005011002"


# --- The render queue attaches the PDF to its version --------------------------------------------------------


@pytest.fixture
def queued(pdf_queue, monkeypatch):
    """WeasyPrint replaced by ``fake_print``: a PDF-looking file that differs with the HTML."""
    monkeypatch.setattr(pdf, "print_pdf", fake_print)


@pytest.fixture
def report_year(db):
    return ReportYearFactory(agency=AgencyFactory(code="bkd-bengkulu"), year=2024)


def stored_bytes(report_year):
    return RenderState.objects.get(report_year=report_year).current.file.open("rb").read()


def version_bytes(version):
    version.refresh_from_db()
    return version.pdf.open("rb").read() if version.pdf else None


@pytest.mark.usefixtures("queued")
def test_the_render_of_an_approved_year_attaches_its_pdf_to_the_version(report_year):
    version = approve(report_year)
    queue_render(report_year)
    outcomes = run_queued()
    assert outcomes[-1].endswith("; attached to version 1; fresh")
    data = stored_bytes(report_year)
    assert version_bytes(version) == data
    assert version.pdf.name.endswith("/LAKIP-2024-bkd-bengkulu-v1.pdf")
    assert version.pdf_sha256 == hashlib.sha256(data).hexdigest() == StoredPdf.objects.get().sha256


@pytest.mark.usefixtures("queued")
def test_the_download_of_an_approved_year_is_the_version_pdf(report_year, client):
    version = approve(report_year)
    queue_render(report_year)
    run_queued()
    client.force_login(member_of(report_year.agency))
    response = client.get(reverse("reports:lakip_pdf", args=["bkd-bengkulu", 2024]))
    assert response["Content-Disposition"] == 'attachment; filename="LAKIP-2024-bkd-bengkulu-v1.pdf"'
    assert b"".join(response.streaming_content) == version_bytes(version)


@pytest.mark.usefixtures("queued")
def test_a_draft_render_attaches_nothing(report_year):
    queue_render(report_year)
    assert "attached" not in run_queued()[-1]
    assert not ReportVersion.objects.exists()


@pytest.mark.usefixtures("queued")
def test_html_built_before_the_approval_is_never_attached_the_next_render_is(report_year):
    """A render that read the data as a draft while the reviewer approved: its PDF prints as a draft, and the
    approval's own render (queued by the change of state) attaches the approved one."""
    build = pdf.render_html_and_version
    approved = []

    def build_then_approve(**kwargs):
        built = build(**kwargs)
        if not approved:
            approved.append(approve(report_year))
            queue_render(report_year, changed=True)
        return built

    queue_render(report_year)
    with mock.patch.object(tasks, "render_html_and_version", side_effect=build_then_approve):
        first, second = run_queued()
    assert "attached" not in first
    assert "attached to version 1" in second
    draft_pdf, approved_pdf = StoredPdf.objects.order_by("rendered_at", "pk")
    version = approved[0]
    assert version_bytes(version) == approved_pdf.file.open("rb").read() != draft_pdf.file.open("rb").read()
    assert version.pdf_sha256 == approved_pdf.sha256


@pytest.mark.usefixtures("queued")
def test_html_of_a_version_reopened_during_the_render_is_not_attached(report_year):
    version = approve(report_year)
    build = pdf.render_html_and_version

    def build_then_reopen(**kwargs):
        built = build(**kwargs)
        reopen(version)
        return built

    queue_render(report_year)
    with mock.patch.object(tasks, "render_html_and_version", side_effect=build_then_reopen):
        assert "attached" not in run_queued()[0]
    assert version_bytes(version) is None
    assert ReportVersion.objects.get().pdf_sha256 == ""


@pytest.mark.usefixtures("queued")
def test_a_version_keeps_the_pdf_it_has(report_year):
    version = attach_pdf(approve(report_year), b"%PDF-1.7 the approved one")
    queue_render(report_year)
    assert "attached" not in run_queued()[-1]
    assert version_bytes(version) == b"%PDF-1.7 the approved one"


@pytest.mark.usefixtures("queued")
def test_of_two_workers_attaching_at_once_one_writes_and_the_other_removes_its_copy(report_year):
    version = approve(report_year)
    queue_render(report_year)
    run_queued()
    attached = version_bytes(version)
    other = StoredPdf(report_year=report_year, sha256="f" * 64)
    other.file.save("other.pdf", ContentFile(b"%PDF-1.7 another render"), save=False)
    late = ReportVersion.objects.select_related("report_year__agency").get(pk=version.pk)
    late.pdf = ""
    # The second worker looked before the first wrote: only the UPDATE stands between them.
    with mock.patch.object(QuerySet, "exists", return_value=False):
        assert tasks._attach(late, other) == ""
    assert version_bytes(version) == attached
    kept = Path(settings.MEDIA_ROOT) / "versi/2024/bkd-bengkulu/v1"
    assert [path.name for path in kept.iterdir()] == ["LAKIP-2024-bkd-bengkulu-v1.pdf"]
