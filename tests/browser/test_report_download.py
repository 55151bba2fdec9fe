"""A planner downloads the year's LAKIP in a real browser: the first click finds the PDF on its way (the render
runs on the queue, never in the request), and once a worker has rendered it the same link downloads it."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, member_of
from tests.reports.pdfqueue import pdf_queue, run_queued  # noqa: F401 (pdf_queue is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_planner_downloads_the_report_once_the_queue_has_rendered_it(live_server, import_demo, page, pdf_queue):  # noqa: F811
    bengkalis = import_demo("bengkalis-2024")
    planner = member_of(bengkalis, username="perencana-unduh")
    page.goto(f"{live_server.url}/masuk/?next=/agencies/{bengkalis.code}/2024/")
    page.fill("#id_username", planner.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.get_by_role("link", name="Unduh LAKIP (PDF)").click()
    expect(page.locator("main")).to_contain_text("antrean")

    run_queued()  # what the worker does
    page.goto(f"{live_server.url}/agencies/{bengkalis.code}/2024/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh LAKIP (PDF)").click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
