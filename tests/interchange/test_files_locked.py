"""Uploads follow the review: a planner uploads nothing while the report is submitted, nobody once it is approved;
applying a preview asks again; a change to a locked year is a problem of the preview; the downloads stay."""

import io

import pytest
from openpyxl import load_workbook

from agencies.freeze import frozen_message
from agencies.models import ReportYear
from domain.enums import ReportStatus
from indicators.models import Realisation, Target
from interchange.locks import submitted_message
from interchange.models import WorkbookUpload
from interchange.workbook import ApplyError, apply_changes, preview_workbook, write_workbook
from performance.snapshot import load_snapshot
from tests.factories import reviewer_of
from tests.interchange.test_files_page import (
    YEAR,
    edited_workbook,
    lakip_file,
    logged_in,
    queue,  # noqa: F401 (autouse: the uploads' storage and jobs of each test)
    run_upload_jobs,
    upload_excel,
    url,
)


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


def set_status(agency, status, year=YEAR):
    ReportYear.objects.filter(agency=agency, year=year).update(status=status)


def value_of(code="IKU-2"):
    return Realisation.objects.get(indicator__code=code, year=YEAR).value


def test_a_planner_uploads_nothing_while_the_report_is_submitted_and_still_downloads(client, belitung, demo_document):
    set_status(belitung, ReportStatus.SUBMITTED)
    logged_in(client, belitung)

    page = client.get(url("files", belitung)).content.decode()
    assert submitted_message(YEAR) in page
    assert url("upload_excel", belitung) not in page and url("upload_lakip", belitung) not in page
    for name in ("download_excel", "download_lakip", "download_results"):
        assert client.get(url(name, belitung)).status_code == 200

    excel = upload_excel(client, belitung, edited_workbook(belitung))
    lakip = client.post(url("upload_lakip", belitung), {"lakip-file": lakip_file(demo_document("belitung-timur-2024"))})
    assert excel.url == lakip.url == url("files", belitung)
    assert submitted_message(YEAR) in client.get(excel.url).content.decode()
    assert not WorkbookUpload.objects.exists()


def test_apply_is_refused_when_the_report_was_submitted_after_the_preview(client, belitung):
    logged_in(client, belitung)
    upload_excel(client, belitung, edited_workbook(belitung))
    run_upload_jobs()
    upload = WorkbookUpload.objects.get()
    set_status(belitung, ReportStatus.SUBMITTED)

    page = client.get(url("upload", belitung, upload.pk)).content.decode()
    assert 'id="apply"' not in page and submitted_message(YEAR) in page
    response = client.post(url("apply", belitung, upload.pk), follow=True)

    assert submitted_message(YEAR) in response.content.decode()
    assert value_of() == "79.03"
    upload.refresh_from_db()
    assert upload.status == WorkbookUpload.Status.READY


def test_a_reviewer_applies_while_the_report_is_submitted_but_nobody_once_it_is_approved(client, belitung):
    set_status(belitung, ReportStatus.SUBMITTED)
    client.force_login(reviewer_of(belitung.government))
    upload_excel(client, belitung, edited_workbook(belitung))
    run_upload_jobs()
    upload = WorkbookUpload.objects.get()
    set_status(belitung, ReportStatus.APPROVED)

    response = client.post(url("apply", belitung, upload.pk), follow=True)

    assert frozen_message(YEAR) in response.content.decode()
    assert value_of() == "79.03"
    set_status(belitung, ReportStatus.SUBMITTED)
    client.post(url("apply", belitung, upload.pk))
    assert value_of() == "80.5"


def test_queued_work_is_refused_when_the_report_was_submitted_after_the_upload(client, belitung, demo_document):
    logged_in(client, belitung)
    upload_excel(client, belitung, edited_workbook(belitung))
    client.post(url("upload_lakip", belitung), {"lakip-file": lakip_file(demo_document("belitung-timur-2024"))})
    set_status(belitung, ReportStatus.SUBMITTED)

    assert run_upload_jobs() == ["refused", "refused"]
    assert set(WorkbookUpload.objects.values_list("status", "message")) == {("failed", submitted_message(YEAR))}


def test_a_changed_target_of_an_approved_year_is_a_problem_of_the_preview_and_never_applied(belitung):
    ReportYear.objects.create(agency=belitung, year=2025, status=ReportStatus.APPROVED)
    book = load_workbook(io.BytesIO(write_workbook(load_snapshot(belitung, YEAR), YEAR)))
    sheet = book["Target"]
    column = next(cell.column - 1 for cell in sheet[1] if cell.value == "Target Renstra 2025")
    next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "IKU-2")[column].value = 99
    output = io.BytesIO()
    book.save(output)

    preview = preview_workbook(belitung, YEAR, output.getvalue())

    (problem,) = preview.problems
    assert (problem.sheet, problem.code, problem.column, problem.message) == (
        "Target",
        "IKU-2",
        "Target Renstra 2025",
        frozen_message(2025),
    )
    with pytest.raises(ApplyError, match="2025 sudah disetujui"):
        apply_changes(belitung, YEAR, preview.changes)
    assert not Target.objects.filter(indicator__code="IKU-2", renstra_year__year=2025, renstra_value="99").exists()
