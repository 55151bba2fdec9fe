"""The review's records in the admin: notes with their replies, approved versions with their files, and uploads;
read-only for everyone and scoped like every page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import ReportYear
from domain.review import NoteSubject
from indicators.models import Indicator
from interchange.models import WorkbookUpload
from review.models import ReportVersion, ReviewNote, ReviewReply
from tests.factories import (
    AgencyFactory,
    IndicatorFactory,
    ObjectiveFactory,
    RenstraFactory,
    UserFactory,
    member_of,
    reviewer_of,
)

pytestmark = pytest.mark.django_db
SHA = "ab" * 32


@pytest.fixture
def report_year():
    agency = AgencyFactory()
    IndicatorFactory(objective=ObjectiveFactory(renstra=RenstraFactory(agency=agency)), code="IKU-7")
    return ReportYear.objects.create(agency=agency, year=2024)


@pytest.fixture
def note(report_year):
    reviewer = reviewer_of(report_year.agency.government, username="inspektur")
    note = ReviewNote.objects.create(
        report_year=report_year,
        subject=NoteSubject.REALISATION,
        indicator=Indicator.objects.get(),
        text="Realisasi <b>IKU-7</b> tidak sesuai bukti.",
        written_by=reviewer,
    )
    ReviewReply.objects.create(note=note, text="Sudah diperbaiki.", written_by=member_of(report_year.agency))
    ReviewNote.objects.create(
        report_year=report_year, text="Lengkapi kata pengantar.", closed_at=timezone.now(), closed_by=reviewer
    )
    return note


@pytest.fixture
def version(report_year):
    return ReportVersion.objects.create(
        report_year=report_year,
        number=1,
        approved_at=timezone.now(),
        reviewer_name="Dra. Reviewer",
        reviewer_title="Auditor Madya",
        reviewed_on="2025-03-01",
        lakip="versi/2024/x/v1/x.lakip.json",
        lakip_sha256=SHA,
        results="versi/2024/x/v1/x.results.json",
        results_sha256="cd" * 32,
    )


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_reviewer_lists_the_notes_with_their_pin_and_state(client, note):
    client.force_login(reviewer_of(note.report_year.agency.government))

    listed = client.get(url(ReviewNote, "changelist"))
    open_only = client.get(url(ReviewNote, "changelist"), {"terbuka": "ya"})

    page = listed.content.decode()
    assert "IKU-7" in page and "Realisasi &lt;b&gt;IKU-7&lt;/b&gt;" in page and "inspektur" in page
    assert len(listed.context["cl"].result_list) == 2
    assert list(open_only.context["cl"].result_list) == [note]


def test_a_note_reads_with_its_replies_and_the_way_to_the_desk_and_changes_nothing(client, note):
    client.force_login(reviewer_of(note.report_year.agency.government))
    report_year = note.report_year

    page = client.get(url(ReviewNote, "change", note.pk)).content.decode()
    posted = client.post(url(ReviewNote, "change", note.pk), {"text": "lain"})

    assert "Sudah diperbaiki." in page and 'name="_save"' not in page
    assert reverse("publication:review", args=[report_year.agency.code, report_year.year]) in page
    assert posted.status_code == 403 and ReviewNote.objects.get(pk=note.pk).text.startswith("Realisasi")
    assert client.get(url(ReviewNote, "add")).status_code == 403


def test_a_version_shows_its_files_with_their_sha256_and_its_verification_page(client, version):
    report_year = version.report_year
    client.force_login(member_of(report_year.agency))

    page = client.get(url(ReportVersion, "change", version.pk)).content.decode()

    code, year = report_year.agency.code, report_year.year
    assert reverse("publication:version_file", args=[code, year, 1, "lakip"]) in page and SHA in page
    assert reverse("publication:version_file", args=[code, year, 1, "pdf"]) not in page
    assert "PDF: belum tersedia" in page
    assert reverse("publication:verify_version", args=[version.token]) in page
    assert "versi/2024" not in page  # the storage is never linked
    assert 'name="_save"' not in page


def test_an_upload_shows_what_became_of_it_and_links_its_page(client, report_year):
    planner = member_of(report_year.agency)
    upload = WorkbookUpload.objects.create(
        report_year=report_year,
        kind="excel",
        file="uploads/x/2024/a.xlsx",
        name="realisasi.xlsx",
        status="ready",
        preview={"changes": [{}, {}], "problems": []},
        uploaded_by=planner,
    )
    client.force_login(planner)

    page = client.get(url(WorkbookUpload, "change", upload.pk)).content.decode()

    assert "2 perubahan, 0 masalah" in page and 'name="_save"' not in page
    assert reverse("interchange:upload", args=[report_year.agency.code, 2024, upload.pk]) in page
    assert "uploads/x/2024" not in page


@pytest.mark.parametrize("who", ["reviewer of another government", "planner of another agency"])
def test_nobody_else_sees_them(client, note, version, who):
    other = AgencyFactory()
    client.force_login(reviewer_of(other.government) if who.startswith("reviewer") else member_of(other))
    for model, obj in ((ReviewNote, note), (ReportVersion, version)):
        assert not client.get(url(model, "changelist")).context["cl"].result_list
        response = client.get(url(model, "change", obj.pk))
        assert response.status_code == 302 and response.url == reverse("admin:index")


def test_the_report_year_page_links_its_notes_and_versions(client, note):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    report_year = note.report_year
    page = client.get(url(ReportYear, "change", report_year.pk)).content.decode()
    assert f"{url(ReviewNote, 'changelist')}?report_year__id__exact={report_year.pk}" in page
    assert f"{url(ReportVersion, 'changelist')}?report_year__id__exact={report_year.pk}" in page
