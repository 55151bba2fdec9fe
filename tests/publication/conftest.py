"""The people and reports of the review workflow's tests, built with ``tests.factories``; other helpers' tests may
reuse them.

One government ("Kabupaten Uji") with a reviewer of its Inspektorat and two agencies, A and B, each with a planner;
a reviewer of another government; a user without agency. ``report_a`` is agency A's 2024 report: a Renstra
2021–2026 with one sasaran, one indicator with targets and realisations for 2023 and 2024, and one program with its
pagu and realisasi for both years, linked to the sasaran; it has no error finding. Stored files go to a temporary
``MEDIA_ROOT``.
"""

import pytest

from tests.factories import (
    AgencyFactory,
    BudgetFigureFactory,
    BudgetLineFactory,
    GovernmentFactory,
    IndicatorFactory,
    ObjectiveFactory,
    RealisationFactory,
    RenstraFactory,
    ReportYearFactory,
    TargetFactory,
    UserFactory,
    member_of,
    reviewer_of,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def government(db):
    return GovernmentFactory(code="kab-uji", name="Pemerintah Kabupaten Uji")


@pytest.fixture
def reviewer(government):
    return reviewer_of(government, username="inspektur", first_name="Rina", last_name="Wulandari")


@pytest.fixture
def agency_a(government):
    return AgencyFactory(government=government, code="bkd-uji", name="Badan Kepegawaian Daerah Uji", city="Sungai Uji")


@pytest.fixture
def agency_b(government):
    return AgencyFactory(government=government, code="dinkes-uji", name="Dinas Kesehatan Uji")


@pytest.fixture
def planner_a(agency_a):
    return member_of(agency_a, username="perencana-a", first_name="Budi", last_name="Santoso")


@pytest.fixture
def planner_b(agency_b):
    return member_of(agency_b, username="perencana-b")


@pytest.fixture
def other_government(db):
    return GovernmentFactory(code="kota-lain", name="Pemerintah Kota Lain")


@pytest.fixture
def other_reviewer(other_government):
    return reviewer_of(other_government, username="inspektur-lain")


@pytest.fixture
def outsider(db):
    return UserFactory(username="tanpa-opd")


def build_report(agency, year=2024):
    """A report of ``agency`` for ``year`` without error findings: one sasaran, its indicator ``IKU-1`` with targets
    and realisations of the year and the one before, one program ``2.16.01`` linked to it with its figures."""
    renstra = RenstraFactory(agency=agency)
    objective = ObjectiveFactory(renstra=renstra, code="S1", text="Meningkatnya profesionalitas ASN")
    indicator = IndicatorFactory(objective=objective, code="IKU-1", name="Indeks Profesionalitas ASN")
    for past, target, value in ((year - 1, "70", "68"), (year, "75", "78")):
        TargetFactory(indicator=indicator, year=past, renstra_value=target)
        RealisationFactory(indicator=indicator, year=past, value=value)
    line = BudgetLineFactory(agency=agency, objectives=[objective])
    BudgetFigureFactory(line=line, year=year - 1, budget=1_000_000, realisation=900_000)
    BudgetFigureFactory(line=line, year=year, budget=1_200_000, realisation=1_140_000)
    return ReportYearFactory(agency=agency, year=year)


@pytest.fixture
def report_a(agency_a):
    return build_report(agency_a)


@pytest.fixture
def report_b(agency_b):
    return build_report(agency_b)
