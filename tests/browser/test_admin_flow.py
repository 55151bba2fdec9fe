"""A reviewer's first visit, in a real browser: log in, check an indicator's results, read the year page."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, reviewer_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_logs_in_reads_an_indicators_achievement_and_opens_the_year_page(live_server, import_demo, page):
    bengkalis = import_demo("bengkalis-2024")
    reviewer = reviewer_of(bengkalis.government, username="inspektur-bengkalis")

    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", reviewer.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("LAKIP — Administrasi")

    page.get_by_role("link", name="Indikator", exact=True).click()
    page.fill("#searchbar", "IKU-2")
    page.press("#searchbar", "Enter")
    page.get_by_role("link", name="IKU-2", exact=True).click()
    realisations = page.locator("#realisations-group")
    expect(realisations).to_contain_text("153,20%")
    expect(realisations).to_contain_text("Sangat Tinggi")

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=bengkalis.name).click()
    page.get_by_role("link", name="LAKIP 2024").click()
    expect(page.locator("h1")).to_contain_text("Capaian kinerja 2024")
    expect(page.locator("table.results")).to_contain_text("126,60%")
