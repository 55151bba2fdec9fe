"""A planner fills the realisation grid in a real browser: live achievement while typing, a column pasted from
Excel, one save."""

import pytest
from playwright.sync_api import expect

from indicators.models import Realisation
from tests.factories import PASSWORD, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTE = """(text) => {
  const box = document.querySelector('#row-ikp-1 input[name$="-value"]');
  box.focus();
  const data = new DataTransfer();
  data.setData('text/plain', text);
  box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def test_planner_types_sees_the_achievement_change_pastes_a_column_and_saves(live_server, import_demo, page):
    belitung = import_demo("belitung-timur-2024")
    planner = member_of(belitung, username="perencana-beltim")

    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", planner.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.goto(f"{live_server.url}/agencies/{belitung.code}/2024/realisations/")

    expect(page.locator("#row-iku-1-achievement")).to_have_text("98,05%")
    expect(page.locator("#row-iku-1-category")).to_have_text("Sangat Memuaskan")
    value = page.locator('#row-iku-1 input[name$="-value"]')
    value.fill("")
    value.type("78,13")
    expect(page.locator("#row-iku-1-achievement")).to_have_text("30,40%")
    expect(page.locator("#row-iku-1-category")).to_have_text("Kurang")
    expect(page.locator("#objective-s1")).to_contain_text("30,40%")
    value.press("Enter")
    expect(page.locator('#row-iku-2 input[name$="-value"]')).to_be_focused()

    page.evaluate(PASTE, "95,5\n96,25\n97")
    expect(page.locator('#row-ikp-1 input[name$="-value"]')).to_have_value("95,5")
    expect(page.locator('#row-ikp-2 input[name$="-value"]')).to_have_value("96,25")
    expect(page.locator('#row-ikp-3 input[name$="-value"]')).to_have_value("97")
    assert Realisation.objects.get(indicator__code="IKP-1", indicator__agency=belitung, year=2024).value == "99.93"

    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.locator(".messages")).to_contain_text("4 baris realisasi disimpan.")
    stored = {
        r.indicator.code: r.value
        for r in Realisation.objects.filter(indicator__agency=belitung, year=2024).select_related("indicator")
    }
    assert [stored[c] for c in ("IKU-1", "IKP-1", "IKP-2", "IKP-3")] == ["78.13", "95.5", "96.25", "97"]
    assert stored["IKU-2"] == "79.03"
