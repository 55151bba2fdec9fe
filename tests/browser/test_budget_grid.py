"""A planner's budget entry in a real browser: type a sub kegiatan's pagu, save, see the parent's children's sum."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_planner_types_a_pagu_saves_and_sees_the_kegiatans_sum_change(live_server, import_demo, page):
    belitung = import_demo("belitung-timur-2024")
    planner = member_of(belitung, username="perencana-beltim")

    page.goto(f"{live_server.url}/masuk/?next=/agencies/{belitung.code}/2024/budget/")
    page.fill("#id_username", planner.username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")

    kegiatan = page.locator("#row-p1k1")
    # P1.K1's sub kegiatan: 64.508.000 + 2.051.000.
    expect(kegiatan.locator("td.sums").first).to_have_text("Rp66.559.000")
    page.locator("#row-p1k1s2 input[name$='-budget']").fill("1.500.000")
    page.get_by_role("button", name="Simpan anggaran").click()

    expect(page.locator(".messages")).to_contain_text("Anggaran 1 baris disimpan.")
    expect(kegiatan.locator("td.sums").first).to_have_text("Rp66.008.000")
    expect(page.locator("#row-p1k1s2 input[name$='-budget']")).to_have_value("1.500.000")
    expect(kegiatan).to_contain_text("pagu Rp66.559.000 ≠ jumlah rincian Rp66.008.000")
