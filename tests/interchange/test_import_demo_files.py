"""Each demo file imports completely: every objective, indicator, budget line and year arrives."""

import pytest

from agencies.models import Narrative, ReportYear
from budgets.models import BudgetFigure, BudgetLine
from indicators.models import Goal, Indicator, Objective, Realisation, Target

DEMOS = ["bengkalis-2024", "bengkulu-2024", "belitung-timur-2024"]


def walk_lines(lines, level="program"):
    children = {"program": ("activities", "activity"), "activity": ("sub_activities", "sub_activity")}
    for line in lines:
        yield line, level
        if level in children:
            key, child_level = children[level]
            yield from walk_lines(line.get(key, []), child_level)


def file_indicators(document):
    renstra = document["renstra"]
    for owner in renstra["goals"] + renstra["objectives"]:
        yield from owner["indicators"]
    for line, _ in walk_lines(document["programs"]):
        yield from line["indicators"]


@pytest.mark.parametrize("name", DEMOS)
def test_demo_file_imports_every_goal_objective_indicator_and_line(name, import_demo, demo_document):
    document = demo_document(name)
    agency = import_demo(name)
    assert agency.code == document["agency"]["code"]
    assert Goal.objects.filter(renstra__agency=agency).count() == len(document["renstra"]["goals"])
    assert Objective.objects.filter(renstra__agency=agency).count() == len(document["renstra"]["objectives"])
    assert Indicator.objects.filter(agency=agency).count() == len(list(file_indicators(document)))
    assert BudgetLine.objects.filter(agency=agency).count() == len(list(walk_lines(document["programs"])))


@pytest.mark.parametrize("name", DEMOS)
def test_demo_file_imports_every_target_and_realisation(name, import_demo, demo_document):
    document = demo_document(name)
    agency = import_demo(name)
    indicators = list(file_indicators(document))
    years_with_target = sum(len(i["targets"].keys() | i.get("agreement_targets", {}).keys()) for i in indicators)
    assert Target.objects.filter(indicator__agency=agency).count() == years_with_target
    assert Realisation.objects.filter(indicator__agency=agency).count() == sum(
        len(i["realisations"]) for i in indicators
    )


@pytest.mark.parametrize("name", DEMOS)
def test_demo_file_imports_every_year_with_its_narratives_in_file_order(name, import_demo, demo_document):
    document = demo_document(name)
    agency = import_demo(name)
    assert sorted(ReportYear.objects.filter(agency=agency).values_list("year", flat=True)) == sorted(
        int(y) for y in document["years"]
    )
    for year, report in document["years"].items():
        keys = list(
            Narrative.objects.filter(report_year__agency=agency, report_year__year=year).values_list("key", flat=True)
        )
        assert keys == list(report["narratives"])


def test_budget_line_levels_and_parents_follow_the_file(import_demo, demo_document):
    document = demo_document("bengkulu-2024")
    agency = import_demo("bengkulu-2024")
    lines = {line.code: line for line in BudgetLine.objects.filter(agency=agency).select_related("parent")}
    for program in document["programs"]:
        assert lines[program["code"]].level == "program"
        assert lines[program["code"]].parent is None
        for activity in program["activities"]:
            assert lines[activity["code"]].level == "activity"
            assert lines[activity["code"]].parent.code == program["code"]
            for sub in activity["sub_activities"]:
                assert lines[sub["code"]].level == "sub_activity"
                assert lines[sub["code"]].parent.code == activity["code"]


def test_decimal_values_are_stored_as_the_strings_of_the_file(import_demo):
    agency = import_demo("bengkalis-2024")
    realisation = Realisation.objects.get(indicator__agency=agency, indicator__code="IKU-2", year=2024)
    assert realisation.value == "78.13"
    assert realisation.status == "provisional"
    target = Target.objects.get(indicator__agency=agency, indicator__code="IKU-2", renstra_year__year=2026)
    assert target.renstra_value == "63"
    assert target.agreement_value == ""


def test_agency_head_settings_and_year_totals_are_imported(import_demo):
    agency = import_demo("bengkalis-2024")
    assert agency.head_nip == "197402101993111001"
    assert agency.government.code == "kab-bengkalis"
    assert agency.efficiency_method == "unspent"
    assert agency.achievement_cap is None
    report = agency.report_years.get(year=2024)
    assert report.budget_total == 19717644784
    assert report.signed_date.isoformat() == "2025-03-10"
    assert report.expense_type_budgets.get(expense_type="pegawai").realisation is None


def test_objective_budgets_are_imported_for_an_agency_that_reports_budget_per_objective(import_demo):
    agency = import_demo("bengkalis-2024")
    objective = Objective.objects.get(renstra__agency=agency, code="S2")
    budget = objective.budgets.get(year=2024)
    assert (budget.budget, budget.realisation) == (396277707, 273475416)


def test_budget_figures_keep_their_expense_type(import_demo, demo_document):
    document = demo_document("belitung-timur-2024")
    agency = import_demo("belitung-timur-2024")
    typed = [
        (line["code"], year, budget["expense_type"])
        for line, _ in walk_lines(document["programs"])
        for year, budget in line["budgets"].items()
        if budget.get("expense_type")
    ]
    assert typed
    for code, year, expense_type in typed:
        assert BudgetFigure.objects.get(line__agency=agency, line__code=code, year=year).expense_type == expense_type
