"""The review from both sides in a real browser, then the public checking the published PDF.

A reviewer returns a report with a note on one realisation; the planner answers the note, fixes the figure and
submits again; the reviewer closes the notes and approves; the public page offers the approved PDF, whose QR code
(read back from the printed statement page) leads to the verification page, which calls the downloaded file
genuine.
"""

import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from indicators.models import Realisation
from review.models import ReportVersion
from tests.factories import PASSWORD, member_of, reviewer_of
from tests.reports.pdfqueue import pdf_queue, run_queued  # noqa: F401 (pdf_queue is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, user, next_path):
    page.goto(f"{base}/masuk/?next={next_path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def qr_codes(pdf_path, tmp_path):
    """Every QR code printed in the PDF, as text (the pages drawn by poppler's pdftoppm, decoded by zxing-cpp)."""
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) reads the QR code back"
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf_path), str(tmp_path / "page")], check=True)
    found = []
    for image in sorted(tmp_path.glob("page*.png")):
        found += [code.text for code in zxingcpp.read_barcodes(Image.open(image))]
    return found


def test_returned_answered_fixed_resubmitted_approved_published_and_verified(
    live_server,
    import_demo,
    page,
    pdf_queue,  # noqa: F811
    settings,
    tmp_path,
):
    settings.LAKIP_PUBLIC_URL = live_server.url
    bengkalis = import_demo("bengkalis-2024")
    planner = member_of(bengkalis, username="perencana-reviu", email="perencana@lakip.example")
    reviewer = reviewer_of(bengkalis.government, username="inspektur-reviu", first_name="Dra. Rina Marlina")
    base, year = live_server.url, f"/agencies/{bengkalis.code}/2024/"

    # The planner submits the draft.
    log_in(page, base, planner, year)
    page.get_by_role("button", name="Ajukan untuk reviu").click()
    expect(page.locator("#review-status")).to_contain_text("Diajukan untuk reviu")

    # The reviewer, in their own browser, pins a note to IKU-1's realisation and returns the report.
    with page.context.browser.new_context(locale="id-ID") as context:
        desk = context.new_page()
        log_in(desk, base, reviewer, "/reviu/")
        desk.get_by_role("link", name=bengkalis.name).first.click()
        row = desk.locator("tr.note-row").filter(has=desk.locator("input[name=indicator]")).first
        row.locator("summary", has_text="Tambah catatan reviu").click()
        row.locator("textarea[name=text]").fill("Realisasi IKU-1 tidak sesuai dengan bukti dukung.")
        row.get_by_role("button", name="Simpan catatan").click()
        expect(desk.locator(".review-note.open")).to_contain_text("Realisasi IKU-1 tidak sesuai")
        desk.locator("form.decision.return textarea").fill("Mohon perbaiki realisasi IKU-1.")
        desk.get_by_role("button", name="Kembalikan").click()
        expect(desk.locator("main")).to_contain_text("Dikembalikan untuk diperbaiki")

        # The planner sees the decision, answers the note beside the realisation, fixes it and submits again.
        page.goto(f"{base}{year}")
        expect(page.locator("#review-status")).to_contain_text("Dikembalikan untuk diperbaiki")
        page.goto(f"{base}{year}realisations/")
        notes = page.locator("#row-iku-1 details.review-notes")
        notes.locator("summary").click()
        notes.locator("textarea[name=text]").fill("Sudah dikoreksi sesuai Listing Nilai IP ASN.")
        notes.get_by_role("button", name="Kirim jawaban").click()
        page.goto(f"{base}{year}realisations/")
        page.locator('#row-iku-1 input[name$="-value"]').fill("81,5")
        page.get_by_role("button", name="Simpan realisasi").click()
        expect(page.locator(".messages")).to_contain_text("disimpan")
        assert Realisation.objects.get(indicator__agency=bengkalis, indicator__code="IKU-1", year=2024).value == "81.5"
        page.goto(f"{base}{year}")
        page.get_by_role("button", name="Ajukan untuk reviu").click()
        expect(page.locator("#review-status")).to_contain_text("Diajukan untuk reviu")

        # The reviewer reads the answer, closes both notes and approves.
        desk.reload()
        pinned = desk.locator(".review-note.open", has_text="Realisasi IKU-1 tidak sesuai")
        expect(pinned).to_contain_text("Sudah dikoreksi sesuai Listing Nilai IP ASN.")
        while desk.get_by_role("button", name="Tutup catatan").count():
            desk.get_by_role("button", name="Tutup catatan").first.click()
            desk.wait_for_load_state()
        desk.locator("form.decision.approve input[name=reviewer_nip]").fill("196803121994032005")
        desk.get_by_role("button", name="Setujui laporan").click()
        expect(desk.locator("main")).to_contain_text("Disetujui")

    version = ReportVersion.objects.get(report_year__agency=bengkalis, report_year__year=2024)
    assert version.number == 1
    run_queued()  # the worker renders the approved PDF and attaches it to its version
    version.refresh_from_db()
    assert version.pdf_sha256

    # Anyone, without logging in, finds the approved PDF on the public page and checks it.
    with page.context.browser.new_context(locale="id-ID") as context:
        public = context.new_page()
        public.goto(f"{base}/publik/")
        public.get_by_role("link", name=bengkalis.government.name).click()
        row = public.locator("tr", has_text=bengkalis.name)
        expect(row).to_contain_text("2024")
        with public.expect_download() as download:
            row.get_by_role("link", name="PDF").click()
        pdf_path = tmp_path / download.value.suggested_filename
        download.value.save_as(pdf_path)

        verification_url = f"{base}/verifikasi/{version.token}/"
        assert qr_codes(pdf_path, tmp_path) == [verification_url]
        public.goto(verification_url)
        expect(public.locator("main")).to_contain_text("Dokumen yang sah")
        public.locator("input[type=file]").set_input_files(pdf_path)
        public.get_by_role("button", name="Periksa").click()
        expect(public.locator("main")).to_contain_text("ASLI")
        expect(public.locator("main")).to_contain_text(bengkalis.name)
