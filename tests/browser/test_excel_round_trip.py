"""A planner's Excel round trip in a real browser: download the workbook, change a realisation in it, upload it,
wait for the preview, check the old → new cell, apply it, and see the new value on the dashboard."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from interchange.models import WorkbookUpload
from interchange.tasks import prepare_preview
from tests.factories import PASSWORD, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_planner_changes_a_realisation_in_excel_previews_and_applies_it(
    live_server, import_demo, page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    belitung = import_demo("belitung-timur-2024")
    planner = member_of(belitung, username="perencana-beltim")
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", planner.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")

    page.goto(f"{live_server.url}/agencies/{belitung.code}/2024/files/")
    with page.expect_download() as download:
        page.click("#download-excel")
    workbook = tmp_path / "lakip.xlsx"
    download.value.save_as(workbook)
    book = load_workbook(workbook)
    sheet = book["Realisasi"]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "IKU-2")
    assert row[3].value == pytest.approx(79.03)
    row[3].value = 81.25
    book.save(workbook)

    page.set_input_files("#id_excel-file", str(workbook))
    page.click("#upload-excel")
    expect(page.locator("#upload-status")).to_contain_text("Dalam antrean")
    # The test's task backend keeps jobs without running them: run this one as a worker would; the page, polling
    # every second, shows the preview when it is ready.
    prepare_preview.call(WorkbookUpload.objects.get().pk)
    change = page.locator("#changes tbody tr", has_text="IKU-2")
    expect(change).to_contain_text("Realisasi 2024")
    expect(change.locator(".old")).to_have_text("79,03")
    expect(change.locator(".new")).to_have_text("81,25")

    page.click("#apply")
    expect(page.locator(".messages")).to_contain_text("1 perubahan dari lakip.xlsx diterapkan.")
    page.goto(f"{live_server.url}/agencies/{belitung.code}/2024/")
    expect(page.locator("main")).to_contain_text("81,25")
