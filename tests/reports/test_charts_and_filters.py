"""Charts and template filters write the engine's figures; they never compute one of their own."""

from decimal import Decimal
from types import SimpleNamespace

from reports.svg import absorption_chart, achievement_chart
from web.templatetags.lakip_format import achievement, efficiency, realisation


def indicator(**overrides):
    values = {
        "code": "IKU-2",
        "name": "Indeks Profesional ASN",
        "target": "51",
        "realisation": "78.13",
        "status": "final",
        "achievement": Decimal("153.196"),
    }
    values.update(overrides)
    values["is_pending"] = values["status"] == "pending"
    values["is_provisional"] = values["status"] == "provisional"
    return SimpleNamespace(**values)


def test_achievement_chart_prints_realisation_target_and_achievement():
    svg = achievement_chart([indicator()], "Capaian")
    assert svg.startswith("<svg") and "78,13 / 51 = 153,20%" in svg


def test_achievement_chart_marks_provisional_and_pending_indicators():
    svg = achievement_chart(
        [indicator(status="provisional"), indicator(code="IKU-1", status="pending", achievement=None)], "Capaian"
    )
    assert "(sementara)" in svg
    assert "menunggu hasil" in svg


def test_chart_labels_are_escaped():
    svg = achievement_chart([indicator(name="<script>alert(1)</script>")], "Capaian")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_absorption_chart_axis_grows_when_a_line_overspends():
    svg = absorption_chart([("2.16.01 Program", Decimal("103.91")), ("2.16.02 Program", None)], "Serapan")
    assert "103,91%" in svg
    assert "tanpa pagu" in svg


def test_realisation_filter_marks_provisional_and_pending():
    assert realisation(indicator(status="provisional")) == '78,13 <span class="status provisional">(sementara)</span>'
    assert (
        realisation(indicator(status="pending", realisation=None))
        == '<span class="status pending">menunggu hasil</span>'
    )
    assert realisation(indicator(status="final")) == "78,13"
    assert achievement(indicator(status="pending")) == "menunggu"


def test_efficiency_filter_writes_each_method_in_its_unit():
    assert efficiency(Decimal("37.77"), "unspent") == "37,77%"
    assert efficiency(Decimal("1.6917"), "ratio") == "1,69"
    assert efficiency(Decimal("47.74"), "gap") == "47,74 poin"
    assert efficiency(None, "eka") == "—"
