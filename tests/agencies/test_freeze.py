"""The freeze guard (``agencies.freeze``): while a report is approved no record of its agency-year is saved or
deleted, by any path, and its ``ReportYear`` may change its state only; once reopened everything is open again."""

import pytest
from django.db import transaction

from agencies.freeze import FrozenError, frozen_message, guarded_models
from agencies.models import Agency, FindingNote, Narrative, ReportYear
from budgets.models import ExpenseTypeBudget, ObjectiveBudget
from domain.enums import ExpenseType, ReportStatus
from indicators.models import EvidenceFile, ObjectiveNarrative, Realisation
from tests.factories import (
    AgencyFactory,
    BudgetFigureFactory,
    BudgetLineFactory,
    IndicatorFactory,
    ObjectiveFactory,
    RealisationFactory,
    RenstraFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db
YEAR = 2024


def rows_of_a_year(agency, year=YEAR):
    """One row of every guarded model in ``year`` of ``agency``, by name."""
    report_year = ReportYear.objects.get_or_create(agency=agency, year=year)[0]
    objective = ObjectiveFactory(renstra=RenstraFactory(agency=agency))
    indicator = IndicatorFactory(objective=objective)
    realisation = RealisationFactory(indicator=indicator, year=year)
    return {
        "narrative": Narrative.objects.create(report_year=report_year, key="background", text="Latar belakang."),
        "finding_note": FindingNote.objects.create(
            report_year=report_year, rule="repeated", subject="IKU-1", text="Nilainya memang sama."
        ),
        "target": TargetFactory(indicator=indicator, year=year),
        "realisation": realisation,
        "evidence_file": EvidenceFile.objects.create(
            realisation=realisation,
            file="bukti/x.pdf",
            name="x.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
        ),
        "objective_narrative": ObjectiveNarrative.objects.create(
            objective=objective, year=year, key="analysis", text="Analisis."
        ),
        "budget_figure": BudgetFigureFactory(line=BudgetLineFactory(agency=agency), year=year),
        "objective_budget": ObjectiveBudget.objects.create(objective=objective, year=year, budget=10, realisation=9),
        "expense_type_budget": ExpenseTypeBudget.objects.create(
            report_year=report_year, expense_type=ExpenseType.PEGAWAI, budget=10, realisation=9
        ),
    }


def set_status(agency, status, year=YEAR):
    """Move the report's state as the review workflow does: a save of ``status`` alone."""
    report_year = ReportYear.objects.get(agency=agency, year=year)
    report_year.status = status
    report_year.save()
    return report_year


def refused(action):
    """``action`` raises FrozenError and writes nothing (a deletion runs in a savepoint, as a request would)."""
    with pytest.raises(FrozenError) as error, transaction.atomic():
        action()
    return error.value.messages


@pytest.fixture
def agency():
    return AgencyFactory()


def test_the_rows_cover_every_guarded_model(agency):
    assert {type(row) for row in rows_of_a_year(agency).values()} | {ReportYear} == set(guarded_models())


@pytest.mark.parametrize(
    "name",
    [
        "narrative",
        "finding_note",
        "target",
        "realisation",
        "evidence_file",
        "objective_narrative",
        "budget_figure",
        "objective_budget",
        "expense_type_budget",
    ],
)
def test_a_row_of_an_approved_year_is_neither_saved_nor_deleted_until_the_report_is_reopened(agency, name):
    row = rows_of_a_year(agency)[name]
    set_status(agency, ReportStatus.APPROVED)

    assert refused(row.save) == [frozen_message(YEAR)]
    assert refused(row.delete) == [frozen_message(YEAR)]
    assert type(row).objects.filter(pk=row.pk).exists()

    set_status(agency, ReportStatus.DRAFT)
    row.save()
    row.delete()
    assert not type(row).objects.filter(pk=row.pk).exists()


def test_a_new_row_in_an_approved_year_is_refused(agency):
    realisation = rows_of_a_year(agency)["realisation"]
    set_status(agency, ReportStatus.APPROVED)
    assert refused(lambda: Narrative.objects.create(report_year=ReportYear.objects.get(agency=agency), key="x"))
    assert refused(lambda: RealisationFactory(indicator=IndicatorFactory(objective=realisation.indicator.objective)))


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.DRAFT])
def test_a_report_that_is_not_approved_is_open(agency, status):
    row = rows_of_a_year(agency)["realisation"]
    set_status(agency, status)
    row.value = "90"
    row.save()
    row.delete()


def test_a_realisation_moved_out_of_or_into_an_approved_year_is_refused(agency):
    realisation = rows_of_a_year(agency)["realisation"]
    ReportYear.objects.create(agency=agency, year=2025)
    later = RealisationFactory(indicator=realisation.indicator, year=2025)
    set_status(agency, ReportStatus.APPROVED)

    realisation.year = 2026
    assert refused(realisation.save) == [frozen_message(YEAR)]
    later.year = YEAR
    later.value = "1"
    assert refused(later.save) == [frozen_message(YEAR)]
    assert sorted(Realisation.objects.values_list("year", flat=True)) == [YEAR, 2025]


def test_an_approved_report_year_changes_its_state_only(agency):
    rows_of_a_year(agency)
    report_year = set_status(agency, ReportStatus.APPROVED)

    report_year.signed_city = "Manggar"
    assert refused(report_year.save) == [frozen_message(YEAR)]
    assert refused(ReportYear.objects.get(pk=report_year.pk).delete) == [frozen_message(YEAR)]

    reopened = set_status(agency, ReportStatus.DRAFT)
    assert reopened.status == ReportStatus.DRAFT
    reopened.signed_city = "Manggar"
    reopened.save()


def test_deleting_the_agency_of_an_approved_report_is_refused_and_deletes_nothing(agency):
    rows = rows_of_a_year(agency)
    set_status(agency, ReportStatus.APPROVED)

    assert refused(agency.delete)
    assert refused(Agency.objects.filter(pk=agency.pk).delete)

    assert Agency.objects.filter(pk=agency.pk).exists()
    assert all(type(row).objects.filter(pk=row.pk).exists() for row in rows.values())


def test_another_year_and_another_agency_stay_open(agency):
    rows_of_a_year(agency)
    later = rows_of_a_year(agency, 2025)["realisation"]
    other = rows_of_a_year(AgencyFactory())["realisation"]
    set_status(agency, ReportStatus.APPROVED)
    for row in (later, other):
        row.value = "50"
        row.save()
        row.delete()
