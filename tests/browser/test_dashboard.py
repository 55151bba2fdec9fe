"""A planner's round in a real browser: the dashboard's figures and charts, then from the findings panel to the row
of the grid that fixes a finding, and a finding explained in place (htmx) without leaving the panel."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username, next_path):
    page.goto(f"{live_server.url}/masuk/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_planner_reads_the_dashboard_follows_a_finding_to_its_row_and_fixes_it(live_server, import_demo, page):
    bengkalis = import_demo("bengkalis-2024")
    planner = member_of(bengkalis, username="perencana-bengkalis")
    year_path = f"/agencies/{bengkalis.code}/2024/"

    log_in(page, live_server, planner.username, year_path)
    expect(page.locator("h1")).to_contain_text("Capaian kinerja 2024")
    # Bengkalis 2024: the mean of its sasaran's achievements is 114,45%, "Sangat Tinggi".
    expect(page.locator("#figure-achievement")).to_contain_text("114,45%")
    expect(page.locator("#figure-achievement")).to_contain_text("Sangat Tinggi")
    expect(page.locator("svg.chart")).to_have_count(4)  # one per sasaran, and the absorption chart
    expect(page.locator("svg.chart").first).to_be_visible()

    page.locator("#findings-warning a").click()
    expect(page).to_have_url(re.compile(r"/findings/#severity-warning$"))
    # IKU-1's realisation 0,63 is the same as 2023's: fixed on the realisation grid, at IKU-1's row.
    finding = page.locator("#finding-realisation_same_as_previous_year-iku-1")
    expect(finding).to_contain_text("Realisasi sama dengan tahun lalu")
    finding.get_by_role("link", name="Perbaiki").click()
    expect(page).to_have_url(re.compile(rf"{year_path}realisations/#row-iku-1$"))
    expect(page.locator("tr#row-iku-1")).to_be_visible()
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == "row-iku-1"

    # The planner fixes it there: 2024's own figure, saved; the finding is gone from the panel.
    page.locator('tr#row-iku-1 input[name$="-value"]').fill("0,71")
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.locator(".messages")).to_contain_text("1 baris realisasi disimpan.")
    page.goto(f"{live_server.url}{year_path}findings/")
    expect(page.locator("#finding-realisation_same_as_previous_year-iku-1")).to_have_count(0)


def test_the_dashboard_fits_a_phone(live_server, import_demo, page):
    bengkulu = import_demo("bengkulu-2024")
    planner = member_of(bengkulu, username="perencana-telepon")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, planner.username, f"/agencies/{bengkulu.code}/2024/")
    expect(page.locator("#figure-achievement")).to_be_visible()
    # The figures stack one under another, and wide tables scroll inside their box, not the page.
    achievement, absorption = page.locator("#figure-achievement"), page.locator("#figure-absorption")
    assert absorption.bounding_box()["y"] > achievement.bounding_box()["y"] + achievement.bounding_box()["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_planner_explains_a_warning_in_place(live_server, import_demo, page):
    bengkalis = import_demo("bengkalis-2024")
    planner = member_of(bengkalis, username="perencana-catatan")
    log_in(page, live_server, planner.username, f"/agencies/{bengkalis.code}/2024/findings/")

    finding = page.locator("#finding-realisation_same_as_previous_year-iku-1")
    finding.locator("textarea").fill("Indeks Merit 2024 belum diumumkan KASN; nilai 2023 dipakai sementara.")
    url = page.url
    finding.get_by_role("button", name="Simpan penjelasan").click()
    finding = page.locator("#finding-realisation_same_as_previous_year-iku-1")
    expect(finding.locator(".note")).to_contain_text("nilai 2023 dipakai sementara")
    expect(finding).to_contain_text("Penjelasan disimpan.")
    assert page.url == url

    page.reload()
    expect(page.locator("#finding-realisation_same_as_previous_year-iku-1 .note")).to_contain_text("belum diumumkan")
