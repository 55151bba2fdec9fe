"""Import → export → import is a round trip: the second import changes nothing and the exports agree."""

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgets.models import BudgetLine
from indicators.models import Indicator, Objective, Realisation, Renstra, Target
from interchange.exporter import export_document
from interchange.importer import import_document, parse_json

DEMOS = ["bengkalis-2024", "bengkulu-2024", "belitung-timur-2024"]


def as_file(document):
    """What writing the document to a file and reading it back gives."""
    return parse_json(json.dumps(document, ensure_ascii=False, default=str))


def comparable(value):
    """A document with the differences the spec treats as equal removed.

    Keys starting with ``_`` are comments, and an absent key, null, ``""``, ``[]`` and ``{}`` all say
    "none"; numbers compare by value.
    """
    if isinstance(value, dict):
        kept = {k: comparable(v) for k, v in value.items() if not k.startswith("_")}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Decimal(value)
    return value


@pytest.mark.parametrize("name", DEMOS)
def test_exported_demo_reimports_without_any_change(name, import_demo):
    agency = import_demo(name)
    result = import_document(as_file(export_document(agency)))
    assert not result.changed, (result.created, result.updated, result.deleted)


@pytest.mark.parametrize("name", DEMOS)
def test_export_after_reimport_is_identical(name, import_demo):
    agency = import_demo(name)
    first = export_document(agency)
    import_document(as_file(first))
    agency.refresh_from_db()
    assert export_document(agency) == first


@pytest.mark.parametrize("name", DEMOS)
def test_export_holds_every_field_of_the_demo_file(name, import_demo, demo_document):
    agency = import_demo(name)
    assert comparable(as_file(export_document(agency))) == comparable(demo_document(name))


def test_money_without_cents_is_a_json_integer_and_with_cents_a_two_place_string(import_demo, demo_document):
    document = demo_document("bengkalis-2024")
    document["years"]["2024"]["budget_total"]["realisation"] = "15308783844.5"
    agency = import_demo("bengkalis-2024")
    import_document(document)
    total = export_document(agency)["years"]["2024"]["budget_total"]
    assert total == {"budget": 19717644784, "realisation": "15308783844.50"}


def test_export_can_be_limited_to_some_years(import_demo):
    agency = import_demo("bengkalis-2024")
    document = export_document(agency, years=[2023])
    assert document["years"] == {}
    indicator = document["renstra"]["objectives"][0]["indicators"][0]
    assert list(indicator["realisations"]) == ["2023"]
    assert "2024" in indicator["targets"]


def test_export_writes_the_current_renstra_with_its_own_targets_and_objectives_only(import_demo):
    """An older Renstra overlapping the current one (2016-2021 beside 2021-2026) changes nothing in the file:
    neither its target of the shared year nor its objective named by a budget line is written."""
    agency = import_demo("bengkalis-2024")
    before = export_document(agency)
    older = Renstra.objects.create(agency=agency, start_year=2016, end_year=2021)
    old_objective = Objective.objects.create(renstra=older, code="S9", text="Sasaran Renstra lama")
    BudgetLine.objects.filter(agency=agency, level="program").first().objectives.add(old_objective)
    for indicator in Indicator.objects.filter(agency=agency):
        Target.objects.create(indicator=indicator, renstra_year=older.years.get(year=2021), renstra_value="999")
    assert export_document(agency) == before


decimal_strings = st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=0, max_value=10**9).map(
    lambda d: format(d, "f")
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=decimal_strings, realisation=decimal_strings)
def test_any_decimal_string_round_trips_exactly(target, realisation, import_demo, demo_document):
    document = demo_document("bengkalis-2024")
    indicator = document["renstra"]["objectives"][0]["indicators"][1]
    indicator["targets"]["2025"] = target
    indicator["realisations"]["2024"]["value"] = realisation
    agency = import_demo("bengkalis-2024")
    import_document(document)
    code = indicator["code"]
    assert Target.objects.get(indicator__code=code, renstra_year__year=2025).renstra_value == target
    assert Realisation.objects.get(indicator__code=code, year=2024).value == realisation
    exported = export_document(agency)["renstra"]["objectives"][0]["indicators"][1]
    assert exported["targets"]["2025"] == target
    assert exported["realisations"]["2024"]["value"] == realisation
