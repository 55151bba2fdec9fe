"""The verification pages, no login: a PDF (uploaded, or its SHA-256 typed) is an approved version, or unknown.

``pdfs`` renders agency A's report for real once per module, as a draft and approved as version 1 (its token
fixed); ``rendered`` writes that version again in each test with the approved PDF attached, as the render queue
attaches it (``tests/reports/test_approved_pdf.py`` tests the attaching).
"""

import hashlib
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from reports.pdf import render_pdf
from tests.factories import AgencyFactory, GovernmentFactory, ReportYearFactory
from tests.publication.conftest import build_report
from tests.reports.approval import approve, attach_pdf, reopen

pytestmark = pytest.mark.django_db

VERIFY = reverse("publication:verify")
TOKEN = uuid.UUID("0d5a7397-0917-4a94-8422-62496b70ea58")
PDF = b"%PDF-1.7\n% the approved one\n%%EOF\n"


def text(response):
    """The page's text, tags dropped and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def upload(data, name="LAKIP.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture(scope="module")
def pdfs(django_db_setup, django_db_blocker):
    """Agency A's 2024 PDF as a draft and as version 1 with ``TOKEN``; the data is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        government = GovernmentFactory(code="kab-uji", name="Pemerintah Kabupaten Uji")
        agency = AgencyFactory(government=government, code="bkd-uji", name="Badan Kepegawaian Daerah Uji")
        report_year = build_report(agency)
        draft = render_pdf(agency, 2024)
        approve(report_year, token=TOKEN)
        approved = render_pdf(agency, 2024)
        transaction.set_rollback(True)
    return draft, approved


@pytest.fixture
def rendered(report_a, pdfs):
    """The draft PDF, and version 1 of agency A's report with its approved PDF attached."""
    draft, approved = pdfs
    return draft, attach_pdf(approve(report_a, token=TOKEN), approved)


def test_the_approved_pdf_is_genuine_with_its_agency_year_version_and_date(client, rendered):
    _, version = rendered
    response = client.post(VERIFY, {"berkas": upload(version.pdf.open("rb").read())})
    page = text(response)
    assert response.status_code == 200
    assert "ASLI" in page and "TIDAK DIKENAL" not in page
    assert "Berkas ini adalah versi 1 LAKIP Badan Kepegawaian Daerah Uji tahun 2024" in page
    assert "disetujui pada 10 Maret 2025" in page
    assert "Pemerintah Kabupaten Uji" in page
    assert "Drs. Ahmad Fauzi, M.Si., Inspektur Daerah" in page
    assert "berlaku" in page
    assert reverse("publication:public_pdf", args=[version.token]) in response.content.decode()
    assert version.pdf_sha256 in page


def test_the_approved_pdf_with_one_byte_changed_is_unknown(client, rendered):
    _, version = rendered
    data = bytearray(version.pdf.open("rb").read())
    data[len(data) // 2] ^= 0x01
    page = text(client.post(VERIFY, {"berkas": upload(bytes(data))}))
    assert "TIDAK DIKENAL" in page and "ASLI" not in page
    assert hashlib.sha256(bytes(data)).hexdigest() in page


def test_a_draft_pdf_is_unknown(client, rendered):
    draft, _ = rendered
    page = text(client.post(VERIFY, {"berkas": upload(draft, "draf.pdf")}))
    assert "TIDAK DIKENAL" in page and "ASLI" not in page
    assert "berkas “draf.pdf”" in page


def test_a_typed_sha256_in_upper_case_with_spaces_is_genuine(client, report_a):
    version = attach_pdf(approve(report_a), PDF)
    typed = " ".join(version.pdf_sha256.upper()[i : i + 8] for i in range(0, 64, 8))
    response = client.post(VERIFY, {"sha256": f"  {typed}  "})
    assert response.status_code == 200
    assert "ASLI" in text(response)
    assert "SHA-256 yang ditulis" in text(response)


def test_typed_text_that_is_no_sha256_gets_a_clear_message(client, report_a):
    attach_pdf(approve(report_a), PDF)
    response = client.post(VERIFY, {"sha256": "bukan-sha<script>"})
    assert response.status_code == 400
    page = text(response)
    assert "Yang ditulis bukan SHA-256: tulis 64 angka heksadesimal" in page
    assert "ASLI" not in page and "TIDAK DIKENAL" not in page
    assert "<script>" not in response.content.decode()


def test_an_empty_form_or_both_fields_ask_for_one_of_the_two(client, report_a):
    version = attach_pdf(approve(report_a), PDF)
    assert "Unggah berkas PDF atau tulis SHA-256-nya." in text(client.post(VERIFY, {}))
    both = client.post(VERIFY, {"berkas": upload(PDF), "sha256": version.pdf_sha256})
    assert both.status_code == 400
    assert "Pilih salah satu" in text(both)


def test_an_oversized_upload_gets_a_clear_message(client, settings):
    settings.LAKIP_VERIFY_MAX_BYTES = 1000
    response = client.post(VERIFY, {"berkas": upload(b"x" * 5000, "besar.pdf")})
    assert response.status_code == 400
    assert "Berkas “besar.pdf” berukuran 4,9 KB, melebihi batas 1.000 byte." in text(response)
    assert "Ukuran paling besar 1.000 byte." in text(response)


def test_an_upload_is_hashed_in_chunks_and_never_stored(client, settings, tmp_path, media_root):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    data = bytes(range(256)) * 2000  # 500 KB: many chunks, far above the in-memory size
    page = text(client.post(VERIFY, {"berkas": upload(data)}))
    assert hashlib.sha256(data).hexdigest() in page
    assert list(settings.FILE_UPLOAD_TEMP_DIR.iterdir()) == []
    assert not media_root.exists()


def test_a_reopened_version_is_still_genuine_as_what_was_approved_then(client, report_a):
    version = reopen(attach_pdf(approve(report_a), PDF))
    attach_pdf(approve(report_a, number=2), PDF + b"v2")
    page = text(client.post(VERIFY, {"berkas": upload(PDF)}))
    assert "ASLI" in page
    assert "Berkas ini adalah versi 1" in page
    assert (
        "Versi ini dibuka kembali pada 2 April 2025 dan digantikan oleh versi 2. PDF-nya tetap asli sebagai laporan "
        "yang disetujui pada 10 Maret 2025, tetapi bukan lagi versi yang berlaku" in page
    )
    assert version.pdf_sha256 in page


def test_verification_needs_the_csrf_token_and_is_never_cached(report_a):
    attach_pdf(approve(report_a), PDF)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(VERIFY)
    assert "no-store" in page["Cache-Control"]
    assert browser.post(VERIFY, {"berkas": upload(PDF)}).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    answered = browser.post(VERIFY, {"berkas": upload(PDF), "csrfmiddlewaretoken": token})
    assert answered.status_code == 200
    assert "ASLI" in text(answered)
    assert "no-store" in answered["Cache-Control"]


# --- The version's own page, the QR code's target ------------------------------------------------------------


def test_the_version_page_names_the_version_and_the_sha256_of_its_genuine_pdf(client, rendered):
    _, version = rendered
    response = client.get(reverse("publication:verify_version", args=[version.token]))
    page = text(response)
    assert response.status_code == 200
    assert "LAKIP 2024 versi 1" in page
    assert "Badan Kepegawaian Daerah Uji · Pemerintah Kabupaten Uji" in page
    assert "Dokumen yang sah — versi ini disetujui Inspektorat pada 10 Maret 2025" in page
    assert version.pdf_sha256 in page
    assert "Drs. Ahmad Fauzi, M.Si." in page
    assert "no-store" in response["Cache-Control"]


def test_the_version_page_checks_a_file_against_this_version(client, rendered):
    draft, version = rendered
    url = reverse("publication:verify_version", args=[version.token])
    genuine = text(client.post(url, {"berkas": upload(version.pdf.open("rb").read())}))
    assert "ASLI" in genuine and "adalah PDF versi 1 ini, persis seperti yang disetujui" in genuine
    unknown = text(client.post(url, {"berkas": upload(draft)}))
    assert "TIDAK DIKENAL" in unknown and "bukan PDF versi ini" in unknown


def test_the_version_page_names_another_approved_version_a_file_belongs_to(client, report_a, agency_b):
    mine = attach_pdf(approve(report_a), PDF)
    other = attach_pdf(approve(ReportYearFactory(agency=agency_b, year=2024)), PDF + b"B")
    response = client.post(reverse("publication:verify_version", args=[mine.token]), {"berkas": upload(PDF + b"B")})
    assert "BUKAN VERSI INI" in text(response)
    assert "versi 1 LAKIP Dinas Kesehatan Uji tahun 2024" in text(response)
    assert reverse("publication:verify_version", args=[other.token]) in response.content.decode()


def test_the_page_of_a_version_whose_pdf_is_on_its_way_says_so_without_a_form(client, report_a):
    version = approve(report_a)
    response = client.get(reverse("publication:verify_version", args=[version.token]))
    assert "PDF-nya sedang disiapkan" in text(response)
    assert 'method="post"' not in response.content.decode()
