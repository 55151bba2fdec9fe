"""An import may not change a locked year: an approved report for everybody, a submitted one for its planner.

The file is compared with the stored rows as every import does: a row of a locked year the file would create,
change or delete refuses the whole file, naming the year, and nothing is written; a file whose data of that year is
identical changes nothing there and passes.
"""

import pytest

from agencies.models import ReportYear
from domain.enums import ReportStatus
from indicators.models import Indicator, Realisation, Target
from interchange.importer import LakipFileError, import_document
from review.models import ReportVersion
from tests.factories import member_of, reviewer_of

YEAR = 2024


@pytest.fixture
def bengkulu(import_demo):
    return import_demo("bengkulu-2024")


def set_status(agency, status, year=YEAR):
    ReportYear.objects.filter(agency=agency, year=year).update(status=status)


def first_indicator(document):
    return document["renstra"]["objectives"][0]["indicators"][0]


def every_indicator(document):
    """The indicators of the file's goals, sasaran and budget lines."""
    owners = [*document["renstra"]["goals"], *document["renstra"]["objectives"]]
    lines = list(document["programs"])
    while lines:
        line = lines.pop()
        owners.append(line)
        lines += line.get("activities", []) + line.get("sub_activities", [])
    return [indicator for owner in owners for indicator in owner.get("indicators", [])]


def refusal(document, **kwargs):
    with pytest.raises(LakipFileError) as refused:
        import_document(document, **kwargs)
    return [str(problem) for problem in refused.value.problems]


def test_the_same_file_passes_while_the_year_is_approved(bengkulu, demo_document):
    set_status(bengkulu, ReportStatus.APPROVED)
    result = import_document(demo_document("bengkulu-2024"))
    assert not result.changed


def test_a_changed_realisation_of_an_approved_year_refuses_the_file_and_writes_nothing(bengkulu, demo_document):
    set_status(bengkulu, ReportStatus.APPROVED)
    document = demo_document("bengkulu-2024")
    first_indicator(document)["realisations"]["2024"]["value"] = "75"
    document["agency"]["name"] = "Nama Baru"  # an open field changed in the same file is not kept either

    problems = refusal(document)

    assert len(problems) == 1
    assert problems[0].startswith("$: Laporan tahun 2024 sudah disetujui Inspektorat")
    assert problems[0].endswith("Yang diubah berkas ini pada tahun 2024: realisasi.")
    assert Realisation.objects.get(indicator__code="IKU-1", indicator__agency=bengkulu, year=YEAR).value == "89"
    bengkulu.refresh_from_db()
    assert bengkulu.name != "Nama Baru"


def test_every_kind_of_row_of_the_year_is_named(bengkulu, demo_document):
    set_status(bengkulu, ReportStatus.APPROVED)
    document = demo_document("bengkulu-2024")
    first_indicator(document)["targets"]["2024"] = "90"
    document["programs"][0]["budgets"]["2024"]["budget"] = 1
    document["years"]["2024"]["signed_city"] = "Kota Lain"
    document["years"]["2024"]["narratives"]["background"] = "Teks lain."

    (problem,) = refusal(document)

    assert "target, anggaran, penandatanganan dan total anggaran laporan, narasi laporan." in problem


def test_other_years_stay_open_while_one_is_approved(bengkulu, demo_document):
    set_status(bengkulu, ReportStatus.APPROVED)
    document = demo_document("bengkulu-2024")
    first_indicator(document)["targets"]["2025"] = "90"
    first_indicator(document)["realisations"]["2023"]["value"] = "80"

    result = import_document(document)

    assert result.created == {"target": 1} and result.updated == {"realisation": 1}


def test_removing_an_indicator_with_a_realisation_of_the_approved_year_is_refused(bengkulu, demo_document):
    set_status(bengkulu, ReportStatus.APPROVED)
    document = demo_document("bengkulu-2024")
    removed = document["renstra"]["objectives"][0]["indicators"].pop(0)

    (problem,) = refusal(document)

    assert "pada tahun 2024: target, realisasi." in problem
    assert Indicator.objects.filter(agency=bengkulu, code=removed["code"]).exists()


def test_replacing_or_shortening_the_renstra_of_the_approved_year_is_refused(bengkulu, demo_document):
    set_status(bengkulu, ReportStatus.APPROVED)
    replaced = demo_document("bengkulu-2024")
    replaced["renstra"]["start_year"] = 2022
    shortened = demo_document("bengkulu-2024")
    shortened["renstra"]["end_year"] = 2023
    for document in (replaced, shortened):
        period = range(document["renstra"]["start_year"], document["renstra"]["end_year"] + 1)
        for indicator in every_indicator(document):
            indicator["targets"] = {year: v for year, v in indicator["targets"].items() if int(year) in period}

        (problem,) = refusal(document)

        assert "Yang diubah berkas ini pada tahun 2024: Renstra yang memuat tahun 2024." in problem
    assert Target.objects.filter(indicator__agency=bengkulu, renstra_year__year=YEAR).exists()


def test_the_change_passes_once_the_report_is_reopened(bengkulu, demo_document):
    set_status(bengkulu, ReportStatus.APPROVED)
    document = demo_document("bengkulu-2024")
    first_indicator(document)["realisations"]["2024"]["value"] = "75"
    refusal(document)

    set_status(bengkulu, ReportStatus.DRAFT)
    import_document(document)

    assert Realisation.objects.get(indicator__code="IKU-1", indicator__agency=bengkulu, year=YEAR).value == "75"


def test_a_submitted_year_is_locked_for_its_planner_only(bengkulu, demo_document):
    set_status(bengkulu, ReportStatus.SUBMITTED)
    document = demo_document("bengkulu-2024")
    first_indicator(document)["realisations"]["2024"]["value"] = "75"

    (problem,) = refusal(document, user=member_of(bengkulu))
    assert problem.startswith("$: Laporan tahun 2024 sedang direviu Inspektorat; tarik kembali pengajuannya")

    import_document(document, user=reviewer_of(bengkulu.government))
    assert Realisation.objects.get(indicator__code="IKU-1", indicator__agency=bengkulu, year=YEAR).value == "75"


def test_a_year_with_an_approved_version_is_never_deleted(bengkulu, demo_document):
    report_year = ReportYear.objects.get(agency=bengkulu, year=YEAR)
    ReportVersion.objects.create(
        report_year=report_year,
        number=1,
        approved_at="2025-03-01T10:00:00+07:00",
        reviewer_name="Reviewer",
        reviewer_title="Auditor",
        reviewed_on="2025-03-01",
        lakip="versi/x.lakip.json",
        lakip_sha256="0" * 64,
        results="versi/x.results.json",
        results_sha256="0" * 64,
        reopened_at="2025-03-02T10:00:00+07:00",
    )
    document = demo_document("bengkulu-2024")
    del document["years"]

    (problem,) = refusal(document)

    assert problem.startswith("$: Laporan tahun 2024 punya versi yang disetujui Inspektorat")
    assert "tahun laporannya dihapus (tidak ada di berkas)" in problem
    assert ReportYear.objects.filter(pk=report_year.pk).exists()
