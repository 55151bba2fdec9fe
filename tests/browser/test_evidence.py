"""A planner's evidence, in a real browser: log in, upload a PDF to an indicator's row, download it back."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_a_planner_uploads_an_evidence_pdf_and_downloads_it(live_server, import_demo, page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    belitung = import_demo("belitung-timur-2024")
    planner = member_of(belitung, username="perencana-beltim")

    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", planner.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.goto(f"{live_server.url}/agencies/{belitung.code}/2024/evidence/")
    expect(page.locator("h1")).to_contain_text("Berkas bukti dukung 2024")

    row = page.locator("#row-iku-1")
    row.locator("input[type=file]").set_input_files(
        {"name": "SK Kepala BKPSDM.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE_PDF}
    )
    row.get_by_role("button", name="Unggah").click()
    expect(page.locator(".messages")).to_contain_text("Berkas “SK Kepala BKPSDM.pdf” tersimpan sebagai bukti IKU-1.")

    with page.expect_download() as download_info:
        page.locator("#row-iku-1").get_by_role("link", name="SK Kepala BKPSDM.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "SK Kepala BKPSDM.pdf"
    assert download.path().read_bytes() == EVIDENCE_PDF
