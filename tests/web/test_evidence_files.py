"""The Bukti page: a planner uploads, downloads and deletes the files that prove a realisation.

Files are judged by content, kept under MEDIA_ROOT with a random name, served only to users who may see the
agency and only under their own agency and year, and every change makes the stored PDF stale.
"""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import ReportYear
from bench.synthetic import build_large_agency
from domain.enums import RealisationStatus
from indicators.models import EvidenceFile, Indicator, Realisation
from reports.models import RenderState
from tests.factories import AgencyFactory, IndicatorFactory, ReportYearFactory, member_of, reviewer_of

pytestmark = pytest.mark.django_db

TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201ff5e6b8a6e0000000049454e44ae426082"
)
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def tiny_jpeg():
    """A real 2×2 JPEG, written by Pillow (a WeasyPrint dependency)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def workbook():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["Indikator", "Realisasi"])
    book.active.append(["IKU-1", 89.5])
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def planner_user(belitung):
    return member_of(belitung, username="perencana-beltim")


@pytest.fixture
def planner(client, planner_user):
    client.force_login(planner_user)
    return client


@pytest.fixture
def stranger(db):
    """A planner of another agency of another government, who may see none of Belitung Timur."""
    other = AgencyFactory(code="opd-lain")
    ReportYearFactory(agency=other, year=2024)
    client = Client()
    client.force_login(member_of(other))
    return client


def url(name, *args, code="bkpsdm-belitung-timur", year=2024):
    return reverse(f"web:{name}", args=[code, year, *args])


def upload(client, name, content, indicator="IKU-1", **kwargs):
    return client.post(
        url("evidence_upload", **kwargs), {"indicator": indicator, "file": SimpleUploadedFile(name, content)}
    )


def stored(indicator="IKU-1"):
    return EvidenceFile.objects.get(realisation__indicator__code=indicator, realisation__year=2024)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("SK Kadis 2024.pdf", MINIMAL_PDF, "application/pdf"),
        ("foto-apel.png", TINY_PNG, "image/png"),
        ("foto-apel.jpeg", tiny_jpeg(), "image/jpeg"),
        ("survei kepuasan.xlsx", workbook(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
    ids=["pdf", "png", "jpeg", "xlsx"],
)
def test_a_planner_uploads_a_file_and_downloads_the_same_bytes(planner, media, name, content, content_type):
    response = upload(planner, name, content)
    assert response.status_code == 302
    assert response.url == url("evidence") + "#row-iku-1"

    evidence = stored()
    assert (evidence.name, evidence.size, evidence.content_type) == (name, len(content), content_type)
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    assert evidence.uploaded_by.username == "perencana-beltim"
    # The stored path is random, under the agency and year, never the uploaded name.
    assert evidence.file.name.startswith("evidence/bkpsdm-belitung-timur/2024/")
    assert name not in evidence.file.name
    assert (media / evidence.file.name).read_bytes() == content

    page = planner.get(url("evidence")).content.decode()
    assert f'href="{url("evidence_file", evidence.pk)}"' in page

    download = planner.get(url("evidence_file", evidence.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")


def test_the_uploaded_name_is_safely_encoded_in_the_download(planner):
    upload(planner, 'Bukti "capaian" – triwulan IV.pdf', MINIMAL_PDF)
    response = planner.get(url("evidence_file", stored().pk))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Bukti%20%22capaian%22%20%E2%80%93%20triwulan%20IV.pdf"
    )


def test_a_pdf_that_is_really_html_is_refused_by_name(planner):
    response = upload(planner, "laporan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Berkas “laporan.pdf” tidak dapat diunggah: menurut isinya bukan PDF, JPEG, PNG, atau XLSX." in page
    assert '<a href="#row-iku-1">IKU-1</a> · Berkas bukti' in page
    assert not EvidenceFile.objects.exists()


def test_a_zip_named_xlsx_without_a_workbook_is_refused(planner):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    response = upload(planner, "rekap.xlsx", archive.getvalue())
    assert response.status_code == 400
    assert "Berkas “rekap.xlsx” tidak dapat diunggah" in response.content.decode()


def test_a_file_over_the_limit_is_refused_with_the_limit(planner, settings):
    settings.LAKIP_EVIDENCE_MAX_BYTES = 1024
    response = upload(planner, "pindaian besar.pdf", MINIMAL_PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "Berkas “pindaian besar.pdf” berukuran 2,1 KB, melebihi batas 1 KB." in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_an_upload_for_an_indicator_without_a_realisation_creates_a_pending_one(planner, belitung):
    indicator = Indicator.objects.get(agency=belitung, code="IKU-1")
    Realisation.objects.filter(indicator=indicator, year=2024).delete()
    assert upload(planner, "SK.pdf", MINIMAL_PDF).status_code == 302
    realisation = Realisation.objects.get(indicator=indicator, year=2024)
    assert (realisation.status, realisation.value) == (RealisationStatus.PENDING, "")
    assert [f.name for f in realisation.files.all()] == ["SK.pdf"]


def test_an_upload_to_an_existing_realisation_keeps_its_value_and_status(planner, belitung):
    before = Realisation.objects.get(indicator__agency=belitung, indicator__code="IKU-1", year=2024)
    upload(planner, "SK.pdf", MINIMAL_PDF)
    after = Realisation.objects.get(pk=before.pk)
    assert (after.value, after.status) == (before.value, before.status)


def test_delete_removes_the_record_and_the_stored_file(planner, media, django_capture_on_commit_callbacks):
    upload(planner, "SK.pdf", MINIMAL_PDF)
    evidence = stored()
    path = media / evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = planner.post(url("evidence_delete", evidence.pk))
    assert response.status_code == 302
    assert response.url == url("evidence") + "#row-iku-1"
    assert not EvidenceFile.objects.exists()
    assert not path.exists()


def test_another_agencys_planner_gets_404_everywhere(planner, stranger):
    upload(planner, "SK.pdf", MINIMAL_PDF)
    evidence = stored()
    assert stranger.get(url("evidence")).status_code == 404
    assert upload(stranger, "SK.pdf", MINIMAL_PDF).status_code == 404
    assert stranger.get(url("evidence_file", evidence.pk)).status_code == 404
    assert stranger.post(url("evidence_delete", evidence.pk)).status_code == 404
    assert list(EvidenceFile.objects.all()) == [evidence]


def test_a_file_is_not_served_under_another_agency_or_year(client, belitung, import_demo):
    bengkalis = import_demo("bengkalis-2024")
    ReportYear.objects.get_or_create(agency=belitung, year=2023)
    user = member_of(belitung)
    bengkalis.members.add(user)
    client.force_login(user)
    upload(client, "SK.pdf", MINIMAL_PDF)
    evidence = stored()
    assert client.get(url("evidence_file", evidence.pk)).status_code == 200
    assert client.get(url("evidence_file", evidence.pk, code=bengkalis.code)).status_code == 404
    assert client.get(url("evidence_file", evidence.pk, year=2023)).status_code == 404
    assert client.post(url("evidence_delete", evidence.pk, code=bengkalis.code)).status_code == 404
    assert EvidenceFile.objects.count() == 1


def test_an_indicator_of_another_agency_cannot_receive_a_file(planner):
    other = IndicatorFactory(code="IKU-LAIN")
    assert upload(planner, "SK.pdf", MINIMAL_PDF, indicator=other.code).status_code == 404
    assert not EvidenceFile.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, belitung):
    assert client.get(url("evidence")).status_code == 302
    assert client.get(url("evidence_file", 1)).status_code == 302


def test_uploading_and_deleting_make_the_stored_pdf_stale(planner, belitung, django_capture_on_commit_callbacks):
    report_year = belitung.report_years.get(year=2024)
    RenderState.objects.create(report_year=report_year, state=RenderState.State.FRESH, version=4)
    with django_capture_on_commit_callbacks(execute=True):
        upload(planner, "SK.pdf", MINIMAL_PDF)
    state = RenderState.objects.get(report_year=report_year)
    assert (state.state, state.version) == (RenderState.State.QUEUED, 5)

    RenderState.objects.filter(pk=state.pk).update(state=RenderState.State.FRESH)
    with django_capture_on_commit_callbacks(execute=True):
        planner.post(url("evidence_delete", stored().pk))
    state.refresh_from_db()
    assert (state.state, state.version) == (RenderState.State.QUEUED, 6)


def test_the_page_lists_each_indicator_with_its_files(planner):
    upload(planner, "SK Kadis.pdf", MINIMAL_PDF)
    upload(planner, "foto.png", TINY_PNG, indicator="IKU-3")
    page = planner.get(url("evidence")).content.decode()
    for code in ("IKU-1", "IKU-2", "IKU-3", "IKU-4"):
        assert f'id="row-{code.lower()}"' in page
    assert "SK Kadis.pdf" in page
    assert "foto.png" in page
    assert "Hapus berkas “SK Kadis.pdf” dari bukti IKU-1?" in page


def test_the_page_and_an_upload_cost_the_same_queries_on_a_small_and_a_large_agency(
    client, belitung, django_assert_num_queries
):
    """Measured on Belitung Timur (8 indicators of 2024), asserted on the synthetic agency (150), each with a file."""
    large = build_large_agency()
    user = member_of(belitung)
    large.members.add(user)
    client.force_login(user)
    upload(client, "SK.pdf", MINIMAL_PDF)
    # Counted at once: every request clears the connection's query log.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("evidence")).status_code == 200
    page = len(queries)
    with CaptureQueriesContext(connection) as queries:
        assert upload(client, "SK2.pdf", MINIMAL_PDF).status_code == 302
    post = len(queries)

    code, indicator = large.code, Indicator.objects.filter(agency=large).first().code
    upload(client, "SK.pdf", MINIMAL_PDF, indicator=indicator, code=code)
    with django_assert_num_queries(page):
        assert client.get(url("evidence", code=code)).status_code == 200
    with django_assert_num_queries(post):
        assert upload(client, "SK2.pdf", MINIMAL_PDF, indicator=indicator, code=code).status_code == 302


def test_a_reviewer_reads_the_files_under_the_realisation_in_the_admin_and_downloads_one(planner, belitung):
    upload(planner, "SK Kadis.pdf", MINIMAL_PDF)
    evidence = stored()
    reviewer = Client()
    reviewer.force_login(reviewer_of(belitung.government))
    page = reviewer.get(reverse("admin:indicators_realisation_change", args=[evidence.realisation_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<a href="{url("evidence_file", evidence.pk)}" download>SK Kadis.pdf</a>' in html
    assert "perencana-beltim" in html
    # Read-only: no field to replace the file and no box to delete it.
    assert 'name="files-0-file"' not in html
    assert 'name="files-0-DELETE"' not in html
    download = reviewer.get(url("evidence_file", evidence.pk))
    assert b"".join(download.streaming_content) == MINIMAL_PDF
