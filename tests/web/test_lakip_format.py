"""The one filter library (``web.templatetags.lakip_format``) writes every kind of figure, the same on a page
and in the PDF.

The pages render with Django's localisation on; the PDF's ``reports/lakip.html`` turns it off. A figure reads the
same in both only because every one goes through a filter of this library, which writes it as text the Indonesian
way. The figures are real: the engine's results (``compute_results``) for the domain brief's worked examples.
"""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from performance.results import compute_results
from performance.snapshot import Money, ObjectiveData
from tests.snapshots import indicator, indicator_result, snapshot

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# As the page templates (templates/web/) and the PDF's (templates/reports/lakip.html) render a figure.
ON_A_PAGE = "{% load lakip_format %}EXPRESSION"
IN_THE_PDF = "{% load l10n lakip_format %}{% localize off %}EXPRESSION{% endlocalize %}"


def seed_000_sasaran_2(method):
    """Seed 000's Sasaran 2 as the engine computes it under ``method``: achievement 98,07 / 84 = 116,75%, serapan
    273.475.416 / 396.277.707 = 69,01%."""
    objective = ObjectiveData(
        "S2",
        "Sasaran 2",
        "T1",
        [indicator("IKU-3", "84", "98.07", objective="S2")],
        budgets={2024: Money(Decimal(396277707), Decimal(273475416))},
    )
    results = compute_results(snapshot([objective], efficiency_method=method), 2024)
    return {"figure": results.objective("S2"), "method": results.efficiency_method}


def ip_asn(status="final", value="78.13"):
    """Seed 000's IP ASN: realisation 78,13 against target 51, 153,20%."""
    return {"figure": indicator_result("51", value, status=status)}


FIGURES = [
    pytest.param("{{ figure.achievement|percent }}", ip_asn(), "153,20%", id="percent"),
    pytest.param("{{ figure.budget|rupiah }}", seed_000_sasaran_2("ratio"), "Rp396.277.707", id="rupiah"),
    pytest.param("{{ figure.absorption|number }}", seed_000_sasaran_2("ratio"), "69,01", id="number"),
    pytest.param("{{ figure.realisation|value }}", ip_asn(), "78,13", id="value-number"),
    pytest.param(
        "{{ figure.target|value }}", {"figure": indicator_result("76.61-88.30", "88.57")}, "76,61–88,30", id="range"
    ),
    pytest.param(
        "{{ figure.target|value }}", {"figure": indicator_result("BB", "70.30", scale="sakip")}, "BB", id="grade"
    ),
    pytest.param(
        "{{ figure|realisation }}",
        ip_asn("provisional"),
        '78,13 <span class="status provisional">(sementara)</span>',
        id="provisional-realisation",
    ),
    pytest.param(
        "{{ figure|realisation }}",
        ip_asn("pending", None),
        '<span class="status pending">menunggu hasil</span>',
        id="pending-realisation",
    ),
    pytest.param("{{ figure|achievement }}", ip_asn(), "153,20%", id="achievement"),
    pytest.param("{{ figure|achievement }}", ip_asn("pending", None), "menunggu", id="pending-achievement"),
    pytest.param(
        "{{ figure.efficiency|efficiency:method }}", seed_000_sasaran_2("ratio"), "1,69", id="efficiency-ratio"
    ),
    pytest.param(
        "{{ figure.efficiency|efficiency:method }}", seed_000_sasaran_2("unspent"), "30,99%", id="efficiency-unspent"
    ),
    pytest.param(
        "{{ figure.efficiency|efficiency:method }}", seed_000_sasaran_2("gap"), "47,74 poin", id="efficiency-gap"
    ),
    # E = 1 − 273.475.416 / (396.277.707 × 1,1675) = 0,4089; NE = 50 + E / 20% × 50 = 152,2, clamped to 100.
    pytest.param("{{ figure.efficiency|efficiency:method }}", seed_000_sasaran_2("eka"), "100,00", id="efficiency-eka"),
    pytest.param("{{ figure|tanggal }}", {"figure": date(2025, 3, 10)}, "10 Maret 2025", id="date"),
    pytest.param("{{ figure|nip }}", {"figure": "197402101993111001"}, "19740210 199311 1 001", id="nip"),
]


@pytest.mark.parametrize(("expression", "context", "expected"), FIGURES)
def test_each_kind_of_figure_reads_the_same_on_a_page_and_in_the_pdf(expression, context, expected):
    on_a_page = Template(ON_A_PAGE.replace("EXPRESSION", expression)).render(Context(context))
    in_the_pdf = Template(IN_THE_PDF.replace("EXPRESSION", expression)).render(Context(context))
    assert on_a_page == in_the_pdf == expected


@pytest.mark.parametrize("method", ["ratio", "unspent", "gap", "eka"])
def test_a_sasaran_without_budget_prints_no_efficiency(method):
    objective = ObjectiveData("S1", "Sasaran", "T1", [indicator("IKU-1", "84", "98.07")])
    results = compute_results(snapshot([objective], efficiency_method=method), 2024)
    context = Context({"figure": results.objective("S1"), "method": results.efficiency_method})
    assert Template(ON_A_PAGE.replace("EXPRESSION", "{{ figure.efficiency|efficiency:method }}")).render(context) == "—"


def loaded_libraries(template):
    return {name for tag in re.findall(r"{% load ([^%]+) %}", template.read_text()) for name in tag.split()}


@pytest.mark.parametrize(
    "template",
    sorted([*TEMPLATES.glob("web/*.html"), *TEMPLATES.glob("reports/*.html")]),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_page_and_pdf_templates_load_no_figure_library_but_lakip_format(template):
    # lakip_grid writes a grid's boxes, lakip_review the frame's review state: not figures.
    figure_libraries = loaded_libraries(template) - {
        "l10n",
        "static",
        "django_tables2",
        "lakip_pdf",
        "lakip_grid",
        "lakip_review",
    }
    assert figure_libraries <= {"lakip_format"}
