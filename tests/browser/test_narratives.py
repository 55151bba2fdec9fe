"""A planner edits a narrative section in a real browser: types, sees the preview the PDF would print, saves."""

import pytest
from playwright.sync_api import expect

from agencies.models import Narrative
from tests.factories import PASSWORD, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_planner_edits_a_section_previews_it_and_saves(live_server, import_demo, page):
    belitung = import_demo("belitung-timur-2024")
    planner = member_of(belitung, username="perencana-beltim")

    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", planner.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.goto(f"{live_server.url}/agencies/{belitung.code}/2024/narratives/")

    section = page.locator("#row-background")
    section.locator(":scope > summary").click()  # its own, not the summary of its notes or history
    section.locator("#id_background-title").fill("1.1 Latar Belakang")
    text = section.locator("#id_background-text")
    table = "| Tahun | Capaian |\n|---|---|\n| 2024 | 98,5 |"
    text.fill(f"Kinerja **meningkat**.\n\n<script>window.hacked = 1</script>\n\n{table}")

    # htmx asks for the preview as the text is typed: the sanitised HTML of the PDF, the script dropped.
    preview = section.locator("#preview-row-background")
    expect(preview.locator("strong")).to_have_text("meningkat")
    expect(preview.locator("td").last).to_have_text("98,5")
    assert page.evaluate("window.hacked") is None

    # The plain button previews without saving, the typed text kept in its box.
    section.get_by_role("button", name="Pratinjau").click()
    section = page.locator("#row-background")
    expect(section.locator("#preview-row-background strong")).to_have_text("meningkat")
    assert "Kinerja **meningkat**." not in Narrative.objects.get(report_year__agency=belitung, key="background").text

    section.get_by_role("button", name="Simpan bagian").click()
    expect(page.locator(".messages")).to_contain_text("Bagian «1.1 Latar Belakang» tersimpan.")
    # Back on the page at the saved section, which is open.
    expect(page.locator("#row-background")).to_have_attribute("open", "")
    saved = Narrative.objects.get(report_year__agency=belitung, key="background")
    assert (saved.title, saved.text.startswith("Kinerja **meningkat**.")) == ("1.1 Latar Belakang", True)
