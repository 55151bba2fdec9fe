"""The budget tree: programs at the root, kegiatan under programs, sub kegiatan under kegiatan, one agency; a
parent line's figures are the sums of its children's, its own figure only compared (spec, "Budget tree")."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budgets.models import BudgetLine
from domain.numbers import plain
from performance.results import agency_results
from tests.factories import AgencyFactory, BudgetFigureFactory, BudgetLineFactory

pytestmark = pytest.mark.django_db


def test_a_line_takes_its_level_agency_and_code_from_its_parent():
    program = BudgetLineFactory()
    activity = BudgetLineFactory(parent=program)
    sub_activity = BudgetLineFactory(parent=activity)
    assert [line.level for line in (program, activity, sub_activity)] == ["program", "activity", "sub_activity"]
    assert {line.agency_id for line in (program, activity, sub_activity)} == {program.agency_id}
    assert sub_activity.code.startswith(activity.code + ".") and activity.code.startswith(program.code + ".")


def test_only_a_program_may_stand_without_a_parent():
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLineFactory(level="activity")


def test_a_sub_kegiatan_directly_under_a_program_is_refused():
    program = BudgetLineFactory()
    line = BudgetLine(agency=program.agency, parent=program, level="sub_activity", code="x", name="x")
    with pytest.raises(ValidationError, match="sub kegiatan berinduk kegiatan"):
        line.clean()


def test_a_parent_of_another_agency_is_refused():
    program = BudgetLineFactory()
    line = BudgetLine(agency=AgencyFactory(), parent=program, level="activity", code="x", name="x")
    with pytest.raises(ValidationError, match="perangkat daerah yang sama"):
        line.clean()


def test_a_program_takes_the_sums_of_its_kegiatan_and_its_own_differing_figure_is_an_error():
    # Bengkulu's kegiatan 5.03.02.1.02 (overspent) and 5.03.02.1.03 under a program entered as 1.544.000.000 /
    # 1.502.628.617: the program reads 1.556.628.617 / 1.544.000.000 = 100,82%.
    program = BudgetLineFactory()
    BudgetFigureFactory(line=program, budget=1544000000, realisation=1502628617)
    BudgetFigureFactory(line=BudgetLineFactory(parent=program), budget=860000000, realisation=893618832)
    BudgetFigureFactory(line=BudgetLineFactory(parent=program), budget=684000000, realisation=663009785)
    results = agency_results(agency=program.agency, year=2024)
    line = next(line for line in results.budget_lines if line.code == program.code)
    assert (line.budget, line.realisation) == (1544000000, 1556628617)
    assert plain(line.absorption) == "100.82"
    assert ("children_sum_mismatch", program.code) in {(f.rule, f.subject) for f in results.findings}
