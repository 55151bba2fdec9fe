"""The audit trail: every change to a realisation, a target, a budget figure, a narrative, the agency's settings and
the report's state is recorded with who made it, when, and each field's old and new value, whether it came from an
import, an Excel workbook, the admin or the review workflow."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from agencies.models import Agency, Narrative, ReportYear
from budgets.models import BudgetFigure
from domain.enums import EfficiencyMethod, ReportStatus
from indicators.models import Indicator, Realisation, Target
from interchange.importer import import_document
from interchange.workbook import apply_changes, preview_workbook, write_workbook
from performance.snapshot import load_snapshot
from publication import workflow
from tests.adminforms import save
from tests.factories import (
    AgencyFactory,
    BudgetFigureFactory,
    BudgetLineFactory,
    IndicatorFactory,
    ObjectiveFactory,
    RealisationFactory,
    RenstraFactory,
    TargetFactory,
    UserFactory,
    member_of,
    reviewer_of,
)

pytestmark = pytest.mark.django_db
YEAR = 2024


def latest(obj):
    """The newest history row of ``obj``."""
    return obj.history.order_by("-history_date", "-history_id").first()


def changes(record):
    """``{field: (old, new)}`` of ``record`` against the version before it."""
    return {change.field: (change.old, change.new) for change in record.diff_against(record.prev_record).changes}


@pytest.fixture
def started():
    return timezone.now()


def plain(pair):
    """An (old, new) pair as comparable text, an amount as its number whatever its scale (``120`` or ``120.00``)."""
    return tuple(format(Decimal(str(v)).normalize(), "f") if isinstance(v, int | Decimal) else str(v) for v in pair)


def assert_recorded(record, user, started, history_type="~"):
    assert (record.history_user, record.history_type) == (user, history_type)
    assert started <= record.history_date <= timezone.now()


# By an import -----------------------------------------------------------------------------------------------------


@pytest.fixture
def imported(demo_document, started):
    """Bengkulu imported by an administrator, then a changed file imported by a reviewer of its government."""
    administrator = UserFactory(is_staff=True, is_superuser=True)
    import_document(demo_document("bengkulu-2024"), user=administrator)
    agency = Agency.objects.get(code="bkd-bengkulu")
    reviewer = reviewer_of(agency.government)
    document = demo_document("bengkulu-2024")
    indicator = document["renstra"]["objectives"][0]["indicators"][0]
    indicator["realisations"]["2024"]["value"] = "75"
    indicator["targets"]["2024"] = "90"
    document["programs"][0]["budgets"]["2024"]["budget"] = 13201715000
    document["years"]["2024"]["narratives"]["background"] = "Latar belakang yang baru."
    document["years"]["2024"]["signed_city"] = "Kota Bengkulu"
    document["settings"] = {"achievement_cap": 150, "efficiency_method": EfficiencyMethod.RATIO}
    removed = document["renstra"]["goals"][0]["indicators"].pop(0)
    import_document(document, user=reviewer)
    return {"administrator": administrator, "reviewer": reviewer, "agency": agency, "removed": removed["code"]}


def test_an_import_records_every_row_it_creates_under_the_importing_user(imported, started):
    agency = imported["agency"]
    for model, rows in (
        (Realisation, Realisation.objects.filter(indicator__agency=agency)),
        (Target, Target.objects.filter(indicator__agency=agency)),
        (BudgetFigure, BudgetFigure.objects.filter(line__agency=agency)),
        (Narrative, Narrative.objects.filter(report_year__agency=agency)),
    ):
        created = model.history.filter(history_type="+", id__in=rows.values("pk"))
        assert created.count() == rows.count() > 0
        assert set(created.values_list("history_user", flat=True)) == {imported["administrator"].pk}
    assert_recorded(agency.history.earliest("history_date"), imported["administrator"], started, "+")


def test_an_import_records_each_change_old_to_new_under_the_importing_user(imported, started):
    agency, reviewer = imported["agency"], imported["reviewer"]
    realisation = Realisation.objects.get(indicator__agency=agency, indicator__code="IKU-1", year=YEAR)
    target = Target.objects.get(indicator__agency=agency, indicator__code="IKU-1", renstra_year__year=YEAR)
    figure = BudgetFigure.objects.get(line__agency=agency, line__code="5.03.01", year=YEAR)
    narrative = Narrative.objects.get(report_year__agency=agency, key="background")
    report_year = ReportYear.objects.get(agency=agency, year=YEAR)
    expected = {
        realisation: {"value": ("89", "75")},
        target: {"renstra_value": ("88.30", "90")},
        figure: {"budget": (13201715554, 13201715000)},
        report_year: {"signed_city": ("Bengkulu", "Kota Bengkulu")},
        agency: {"achievement_cap": (100, 150)},
    }
    for obj, fields in expected.items():
        record = latest(obj)
        assert_recorded(record, reviewer, started)
        recorded = changes(record)
        assert {name: plain(recorded[name]) for name in fields} == {name: plain(pair) for name, pair in fields.items()}
    record = latest(narrative)
    assert_recorded(record, reviewer, started)
    assert changes(record)["text"][1] == "Latar belakang yang baru."


def test_an_import_records_the_rows_it_deletes_under_the_importing_user(imported, started):
    gone = Indicator.history.filter(code=imported["removed"], history_type="-").get()
    assert_recorded(gone, imported["reviewer"], started, "-")
    deleted = Realisation.history.filter(indicator_id=gone.id, history_type="-")
    assert deleted.exists() and set(deleted.values_list("history_user", flat=True)) == {imported["reviewer"].pk}


# By an Excel workbook ---------------------------------------------------------------------------------------------


def test_an_applied_workbook_records_its_changes_under_the_user(import_demo, started):
    agency = import_demo("belitung-timur-2024")
    planner = member_of(agency)
    book = load_workbook(io.BytesIO(write_workbook(load_snapshot(agency, YEAR), YEAR)))
    sheet = book["Realisasi"]
    next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "IKU-2")[3].value = 80.5
    output = io.BytesIO()
    book.save(output)

    apply_changes(agency, YEAR, preview_workbook(agency, YEAR, output.getvalue()).changes, planner)

    record = latest(Realisation.objects.get(indicator__agency=agency, indicator__code="IKU-2", year=YEAR))
    assert_recorded(record, planner, started)
    assert changes(record) == {"value": ("79.03", "80.5")}


# By the admin and the review workflow -----------------------------------------------------------------------------


@pytest.fixture
def report():
    """A small 2024 report without error findings: one sasaran with one indicator, one program linked to it."""
    agency = AgencyFactory()
    objective = ObjectiveFactory(renstra=RenstraFactory(agency=agency))
    indicator = IndicatorFactory(objective=objective)
    for year in (2023, YEAR):
        TargetFactory(indicator=indicator, year=year, renstra_value="80")
        RealisationFactory(indicator=indicator, year=year, value="82")
        BudgetFigureFactory(line=BudgetLineFactory(agency=agency, objectives=[objective]), year=year)
    report_year = ReportYear.objects.create(
        agency=agency, year=YEAR, signed_city="Manggar", signed_date=date(2025, 2, 1)
    )
    Narrative.objects.create(report_year=report_year, key="background", text="Latar belakang.")
    return report_year


def test_the_admin_records_each_change_with_its_user(client, report, started):
    agency = report.agency
    planner = member_of(agency)
    client.force_login(planner)
    realisation = Realisation.objects.get(year=YEAR)
    target = Target.objects.get(renstra_year__year=YEAR)
    figure = BudgetFigure.objects.get(year=YEAR)

    for obj, typed in (
        (realisation, {"value": "85"}),
        (target, {"renstra_value": "81"}),
        (figure, {"budget": "120"}),
        (report, {"narratives-0-text": "Latar belakang yang baru."}),
        (agency, {"efficiency_method": EfficiencyMethod.GAP, "achievement_cap": "120"}),
    ):
        assert save(client, obj, **typed).status_code == 302

    assert changes(latest(realisation)) == {"value": ("82", "85")}
    assert changes(latest(target)) == {"renstra_value": ("80", "81")}
    assert {name: plain(pair) for name, pair in changes(latest(figure)).items()} == {"budget": ("100", "120")}
    assert changes(latest(Narrative.objects.get())) == {"text": ("Latar belakang.", "Latar belakang yang baru.")}
    assert changes(latest(agency)) == {
        "efficiency_method": (EfficiencyMethod.RATIO, EfficiencyMethod.GAP),
        "achievement_cap": (None, 120),
    }
    for obj in (realisation, target, figure, Narrative.objects.get(), agency):
        assert_recorded(latest(obj), planner, started)


def test_the_workflow_records_each_move_of_the_report_with_its_user_and_reason(report, started):
    planner = member_of(report.agency)
    reviewer = reviewer_of(report.agency.government)

    workflow.submit(report, planner)
    workflow.return_report(report, reviewer, "Perbaiki realisasi IKU.")

    submitted, returned = report.history.filter(history_type="~").order_by("history_date", "history_id")
    assert_recorded(submitted, planner, started)
    assert changes(submitted) == {"status": (ReportStatus.DRAFT, ReportStatus.SUBMITTED)}
    assert_recorded(returned, reviewer, started)
    assert changes(returned) == {"status": (ReportStatus.SUBMITTED, ReportStatus.RETURNED)}
    assert returned.history_change_reason.startswith("Dikembalikan")
