"""Charts write the engine's figures (real ``IndicatorResult`` objects from ``compute_results``); they never
compute one of their own."""

import re
from decimal import Decimal

from domain import rules
from presentation.charts import absorption_chart, achievement_chart
from tests.snapshots import indicator_result


def test_achievement_chart_prints_realisation_target_and_achievement():
    # Seed 000's IP ASN: 78,13 / 51 = 153,20%.
    svg = achievement_chart([indicator_result("51", "78.13")], "Capaian")
    assert svg.startswith("<svg")
    assert "78,13 / 51 = 153,20%" in svg


def test_achievement_chart_marks_a_provisional_realisation():
    svg = achievement_chart([indicator_result("51", "78.13", status="provisional")], "Capaian")
    assert "78,13 / 51 = 153,20% (sementara)" in svg


def test_achievement_chart_says_a_pending_realisation_is_awaited():
    svg = achievement_chart([indicator_result("51", None, status="pending")], "Capaian")
    assert "menunggu hasil" in svg
    assert "153,20%" not in svg


def test_chart_labels_are_escaped():
    svg = achievement_chart([indicator_result("51", "78.13", name="<script>alert(1)</script>")], "Capaian")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def hundred_percent_mark(svg):
    """Where the chart draws its 100% mark (x of the "100%" label)."""
    return Decimal(re.search(r'<text x="([0-9.]+)"[^>]*>100%</text>', svg).group(1))


def test_absorption_chart_axis_grows_when_a_line_overspends():
    # Bengkulu's kegiatan 5.03.02.1.02 spent Rp893.618.832 of Rp860.000.000; its neighbour 663.009.785 of 684.000.000.
    overspent = rules.absorption(Decimal(860000000), Decimal(893618832))
    within = rules.absorption(Decimal(684000000), Decimal(663009785))
    overspending = absorption_chart([("5.03.02.1.02", overspent), ("5.03.02.1.03", within)], "Serapan")
    spending_within = absorption_chart([("5.03.02.1.03", within)], "Serapan")
    assert "103,91%" in overspending
    assert hundred_percent_mark(overspending) < hundred_percent_mark(spending_within)


def test_absorption_chart_says_a_line_has_no_pagu():
    assert "tanpa pagu" in absorption_chart([("5.03.01.1.01.S1", None)], "Serapan")
