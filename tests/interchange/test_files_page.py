"""The "Excel & berkas" page: downloads, an Excel upload through its queued preview to apply, a lakip/1 upload."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import task_backends
from openpyxl import load_workbook

from bench.synthetic import build_large_agency
from indicators.models import Realisation
from interchange.models import WorkbookUpload
from interchange.tasks import import_lakip_upload, prepare_preview
from interchange.workbook import write_workbook
from performance.snapshot import load_snapshot
from tests.conftest import demo_path
from tests.factories import PASSWORD, member_of, reviewer_of

YEAR = 2024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def queue(settings, tmp_path):
    """Uploads stored in a temporary MEDIA_ROOT; the dummy backend's jobs of this test only."""
    settings.MEDIA_ROOT = tmp_path / "media"
    task_backends["default"].clear()
    yield task_backends["default"]
    task_backends["default"].clear()


def run_upload_jobs():
    """Run the queued upload jobs as a worker would (the PDF renders queued meanwhile are not this page's)."""
    ours = (prepare_preview.func, import_lakip_upload.func)
    jobs = [job for job in task_backends["default"].results if job.task.func in ours]
    return [job.task.call(*job.args, **job.kwargs) for job in jobs]


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


def logged_in(client, agency):
    planner = member_of(agency)
    client.login(username=planner.username, password=PASSWORD)
    return client


def url(name, agency, *args):
    return reverse(f"interchange:{name}", args=[agency.code, YEAR, *args])


def edited_workbook(agency, code="IKU-2", value=80.5):
    book = load_workbook(io.BytesIO(write_workbook(load_snapshot(agency, YEAR), YEAR)))
    sheet = book["Realisasi"]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == code)
    row[3].value = value
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile("realisasi.xlsx", output.getvalue(), content_type=XLSX)


def upload_excel(client, agency, file):
    return client.post(url("upload_excel", agency), {"excel-file": file})


def test_the_page_offers_every_download_and_both_uploads(client, belitung):
    response = logged_in(client, belitung).get(url("files", belitung))
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("download_excel", "download_lakip", "download_results", "upload_excel", "upload_lakip"):
        assert url(name, belitung) in page
    assert reverse("reports:lakip_pdf", args=[belitung.code, YEAR]) in page


def test_another_agencys_planner_gets_a_404_on_every_url(client, belitung, import_demo):
    logged_in(client, import_demo("bengkalis-2024"))
    upload = WorkbookUpload.objects.create(report_year=belitung.report_years.get(year=YEAR), kind="excel", name="x")
    for name in ("files", "download_excel", "download_lakip", "download_results"):
        assert client.get(url(name, belitung)).status_code == 404, name
    assert client.get(url("upload", belitung, upload.pk)).status_code == 404
    assert upload_excel(client, belitung, edited_workbook(belitung)).status_code == 404
    lakip = SimpleUploadedFile("a.lakip.json", b"{}")
    assert client.post(url("upload_lakip", belitung), {"lakip-file": lakip}).status_code == 404
    for name in ("apply", "cancel"):
        assert client.post(url(name, belitung, upload.pk)).status_code == 404, name
    assert WorkbookUpload.objects.filter(report_year__agency=belitung).count() == 1
    assert task_backends["default"].results == []


def test_the_downloads(client, belitung):
    logged_in(client, belitung)
    excel = client.get(url("download_excel", belitung))
    assert excel["Content-Type"] == XLSX
    assert "lakip-bkpsdm-belitung-timur-2024.xlsx" in excel["Content-Disposition"]
    assert load_workbook(io.BytesIO(excel.content))["Info"]["B2"].value == belitung.code
    lakip = json.loads(client.get(url("download_lakip", belitung)).content)
    assert (lakip["format"], lakip["agency"]["code"]) == ("lakip/1", belitung.code)
    results = json.loads(client.get(url("download_results", belitung)).content)
    assert results["format"] == "lakip-results/1"
    assert {i["code"]: i["achievement"] for i in results["indicators"]}["IKU-2"] == "109.76"


def test_an_excel_upload_is_previewed_by_the_worker_then_applied(client, belitung):
    logged_in(client, belitung)
    response = upload_excel(client, belitung, edited_workbook(belitung))
    upload = WorkbookUpload.objects.get()
    assert response.url == url("upload", belitung, upload.pk)
    waiting = client.get(response.url).content.decode()
    assert upload.status == "queued"
    assert 'hx-trigger="every 1s"' in waiting and 'http-equiv="refresh"' in waiting
    assert Realisation.objects.get(indicator__code="IKU-2", year=YEAR).value == "79.03"

    assert run_upload_jobs() == ["1 changes, 0 problems"]
    page = client.get(response.url).content.decode()
    assert "hx-trigger" not in page
    assert "79,03" in page and "80,5" in page and "Realisasi 2024" in page
    applied = client.post(url("apply", belitung, upload.pk), follow=True)
    assert "1 perubahan dari realisasi.xlsx diterapkan." in applied.content.decode()
    assert Realisation.objects.get(indicator__code="IKU-2", year=YEAR).value == "80.5"
    upload.refresh_from_db()
    assert upload.status == "applied"
    assert client.post(url("apply", belitung, upload.pk)).status_code == 302
    assert Realisation.objects.get(indicator__code="IKU-2", year=YEAR).value == "80.5"


def test_problems_block_applying_and_name_sheet_row_code_and_column(client, belitung):
    logged_in(client, belitung)
    upload_excel(client, belitung, edited_workbook(belitung, value="delapan puluh 5?"))
    run_upload_jobs()
    upload = WorkbookUpload.objects.get()
    page = client.get(url("upload", belitung, upload.pk)).content.decode()
    assert '<td>Realisasi</td><td class="num">3</td><td class="code">IKU-2</td><td>Realisasi 2024</td>' in page
    assert 'id="apply"' not in page
    client.post(url("apply", belitung, upload.pk))
    assert Realisation.objects.get(indicator__code="IKU-2", year=YEAR).value == "79.03"


def test_a_preview_made_before_the_data_changed_is_renewed_not_applied(client, belitung):
    logged_in(client, belitung)
    upload_excel(client, belitung, edited_workbook(belitung))
    run_upload_jobs()
    Realisation.objects.filter(indicator__code="IKU-2", year=YEAR).update(value="81")
    upload = WorkbookUpload.objects.get()
    page = client.post(url("apply", belitung, upload.pk), follow=True).content.decode()
    assert "Data berubah sejak pratinjau" in page and "81" in page
    assert Realisation.objects.get(indicator__code="IKU-2", year=YEAR).value == "81"


def test_a_file_that_is_not_a_workbook_fails_with_a_sentence(client, belitung):
    logged_in(client, belitung)
    upload_excel(client, belitung, SimpleUploadedFile("laporan.xlsx", b"%PDF-1.7"))
    run_upload_jobs()
    upload = WorkbookUpload.objects.get()
    assert upload.status == "failed"
    assert "bukan buku kerja Excel (.xlsx)" in client.get(url("upload", belitung, upload.pk)).content.decode()


def test_cancel_leaves_the_data_alone(client, belitung):
    logged_in(client, belitung)
    upload_excel(client, belitung, edited_workbook(belitung))
    run_upload_jobs()
    upload = WorkbookUpload.objects.get()
    client.post(url("cancel", belitung, upload.pk))
    client.post(url("apply", belitung, upload.pk))
    upload.refresh_from_db()
    assert upload.status == "cancelled"
    assert Realisation.objects.get(indicator__code="IKU-2", year=YEAR).value == "79.03"


def lakip_file(document, name="belitung.lakip.json"):
    return SimpleUploadedFile(name, json.dumps(document).encode(), content_type="application/json")


def test_a_lakip_upload_is_imported_by_the_worker(client, belitung, demo_document):
    logged_in(client, belitung)
    document = demo_document("belitung-timur-2024")
    document["renstra"]["objectives"][0]["indicators"][0]["realisations"]["2024"]["value"] = "260"
    client.post(url("upload_lakip", belitung), {"lakip-file": lakip_file(document)})
    assert run_upload_jobs() == ["imported"]
    upload = WorkbookUpload.objects.get()
    assert (upload.kind, upload.status) == ("lakip", "applied")
    assert Realisation.objects.get(indicator__code="IKU-1", year=YEAR).value == "260"


def test_a_bad_lakip_upload_lists_the_importers_problems_and_imports_nothing(client, belitung, demo_document):
    logged_in(client, belitung)
    document = demo_document("belitung-timur-2024")
    document["renstra"]["objectives"][0]["indicators"][0]["realisations"]["2024"]["value"] = "80-90"
    document["renstra"]["objectives"][0]["indicators"][0]["realisations"]["2023"]["value"] = "12abc"
    client.post(url("upload_lakip", belitung), {"lakip-file": lakip_file(document)})
    run_upload_jobs()
    upload = WorkbookUpload.objects.get()
    page = client.get(url("upload", belitung, upload.pk)).content.decode()
    assert upload.status == "failed" and "2 masalah; tidak ada yang diimpor." in page
    assert "realisations.2024.value" in page and "realisations.2023.value" in page
    assert Realisation.objects.get(indicator__code="IKU-1", year=YEAR).value == "252"


def test_a_lakip_file_of_another_agency_is_refused(client, belitung):
    logged_in(client, belitung)
    other = json.loads(demo_path("bengkalis-2024").read_text(encoding="utf-8"))
    client.post(url("upload_lakip", belitung), {"lakip-file": lakip_file(other)})
    assert run_upload_jobs() == ["refused"]
    assert "bukan «bkpsdm-belitung-timur»" in WorkbookUpload.objects.get().message
    assert not Realisation.objects.filter(indicator__agency__code="bkpp-bengkalis").exists()


def page_queries(client, agency, count_queries):
    """The queries of the files page, a ready preview and applying it, each counted by ``count_queries(index)``."""
    logged_in(client, agency)
    upload_excel(client, agency, edited_workbook(agency, code="IKU-2", value=42))
    run_upload_jobs()
    upload = WorkbookUpload.objects.get(report_year__agency=agency)
    measured = []
    for index, (method, name, args) in enumerate(
        (("get", "files", ()), ("get", "upload", (upload.pk,)), ("post", "apply", (upload.pk,)))
    ):
        with count_queries(index) as captured:
            assert getattr(client, method)(url(name, agency, *args)).status_code in (200, 302)
        measured.append(len(captured))
    assert Realisation.objects.get(indicator__agency=agency, indicator__code="IKU-2", year=YEAR).value == "42"
    return measured


def test_the_page_preview_and_apply_cost_the_same_queries_for_a_small_and_a_large_agency(
    client, belitung, django_assert_num_queries
):
    small = page_queries(client, belitung, lambda index: CaptureQueriesContext(connection))
    client.logout()
    page_queries(client, build_large_agency(), lambda index: django_assert_num_queries(small[index]))


def test_a_planners_file_may_not_change_the_regional_government_a_reviewers_may(client, belitung, demo_document, queue):
    """The government's name and head are printed by all its agencies: a planner's upload that changes them is
    refused whole; the same file from a reviewer of that government (Inspektorat) is imported."""
    document = demo_document("belitung-timur-2024")
    document["agency"]["government"]["head_name"] = "Bupati Lain"
    document["renstra"]["objectives"][0]["indicators"][0]["realisations"]["2024"]["value"] = "260"
    logged_in(client, belitung).post(url("upload_lakip", belitung), {"lakip-file": lakip_file(document)})
    assert run_upload_jobs() == ["refused"]
    assert "hanya Inspektorat atau administrator" in WorkbookUpload.objects.get().message
    assert Realisation.objects.get(indicator__code="IKU-1", year=YEAR).value == "252"

    queue.clear()
    client.force_login(reviewer_of(belitung.government))
    client.post(url("upload_lakip", belitung), {"lakip-file": lakip_file(document)})
    assert run_upload_jobs() == ["imported"]
    belitung.government.refresh_from_db()
    assert belitung.government.head_name == "Bupati Lain"
    assert Realisation.objects.get(indicator__code="IKU-1", year=YEAR).value == "260"
