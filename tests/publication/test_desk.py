"""The reviewer's desk (``publication.views.desk``): the queue of submitted reports with what is open in each, and
the review page with this year's figures beside last year's and the notes beside each figure."""

import re
from datetime import date

import pytest
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import FindingNote, Narrative, ReportYear
from domain.enums import RealisationStatus
from domain.review import NoteSubject
from indicators.models import Indicator, Objective, Realisation
from performance.results import agency_results
from publication import workflow
from tests.factories import AgencyFactory, IndicatorFactory, UserFactory, member_of
from tests.publication.conftest import build_report

pytestmark = pytest.mark.django_db

DESK = "/reviu/"


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def cells(page, row_id):
    """The texts of the cells of the row ``row_id``, tags dropped and spaces collapsed."""
    row = re.search(rf'<tr id="{re.escape(row_id)}"[^>]*>(.*?)</tr>', page, re.S).group(1)
    found = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in found]


def add_unexplained_target(report_year):
    objective = Objective.objects.get(renstra__agency=report_year.agency, code="S1")
    IndicatorFactory(objective=objective, code="IKU-2", name="Persentase ASN yang dilatih")


@pytest.fixture
def queue_reports(report_a, report_b, planner_a, planner_b, reviewer, other_reviewer):
    """Agency A submitted with an explained error, a warning, an info and two open notes (and a closed one); agency
    B submitted, then given an error nobody explained; an agency of another government submitted too."""
    add_unexplained_target(report_a)
    FindingNote.objects.create(
        report_year=report_a, rule="missing_target", subject="IKU-2", text="Target ditetapkan pada perubahan Renstra."
    )
    Realisation.objects.filter(indicator__agency=report_a.agency, year=2024).update(
        status=RealisationStatus.PROVISIONAL
    )
    workflow.submit(report_a, planner_a)
    workflow.add_note(report_a, reviewer, subject=NoteSubject.REPORT, text="Lampirkan PK.")
    workflow.add_note(report_a, reviewer, subject=NoteSubject.REPORT, text="Periksa Bab I.")
    workflow.close_note(workflow.add_note(report_a, reviewer, subject=NoteSubject.REPORT, text="Sudah."), reviewer)
    workflow.submit(report_b, planner_b)
    add_unexplained_target(report_b)
    elsewhere = build_report(AgencyFactory(government=other_reviewer.reviewed_governments.get(), code="opd-lain"))
    workflow.submit(elsewhere, member_of(elsewhere.agency, username="perencana-lain"))
    return report_a, report_b, elsewhere


def test_the_queue_lists_the_submitted_reports_of_the_reviewers_government_with_their_counts(queue_reports, reviewer):
    response = client_of(reviewer).get(DESK)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Menunggu reviu (2)" in page
    assert "opd-lain" not in page
    row_a = cells(page, "antrean-bkd-uji-2024")
    assert row_a[0] == "Badan Kepegawaian Daerah Uji Pemerintah Kabupaten Uji"
    assert row_a[1] == "2024"
    assert row_a[3:] == ["0", "1", "1", "1", "2"]  # unexplained, explained, warnings, infos, open notes
    assert cells(page, "antrean-dinkes-uji-2024")[3:] == ["1", "0", "1", "0", "0"]
    assert f'href="{reverse("publication:review", args=["bkd-uji", 2024])}"' in page
    submitted_at = ReportYear.history.filter(id=queue_reports[0].pk, status="submitted").earliest().history_date
    assert row_a[2] == date_filter(timezone.localtime(submitted_at), "j F Y H.i")


def test_the_superuser_sees_every_government_and_another_reviewer_only_theirs(queue_reports, other_reviewer):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    page = client_of(admin).get(DESK).content.decode()
    assert "Menunggu reviu (3)" in page
    page = client_of(other_reviewer).get(DESK).content.decode()
    assert "Menunggu reviu (1)" in page
    assert "antrean-opd-lain-2024" in page and "bkd-uji" not in page


def test_someone_who_reviews_nothing_is_told_so(report_a, planner_a, outsider):
    for user in (planner_a, outsider):
        response = client_of(user).get(DESK)
        assert response.status_code == 403
        assert "Anda bukan reviewer Inspektorat" in response.content.decode()
    assert Client().get(DESK).status_code == 302


def test_returned_and_approved_reports_are_listed_below(report_a, report_b, planner_a, planner_b, reviewer):
    workflow.submit(report_a, planner_a)
    workflow.return_report(report_a, reviewer, "Lengkapi bukti.")
    workflow.submit(report_b, planner_b)
    workflow.approve(
        report_b,
        reviewer,
        reviewer_name="Rina",
        reviewer_nip="",
        reviewer_title="Inspektur",
        reviewed_city="",
        reviewed_on=date(2025, 3, 10),
    )
    page = client_of(reviewer).get(DESK).content.decode()
    assert "Menunggu reviu (0)" in page
    assert cells(page, "dikembalikan-bkd-uji-2024")[-1] == "1"  # the return's note is open
    approved = cells(page, "disetujui-dinkes-uji-2024")
    assert (approved[2], approved[4]) == ("1", "104,00%")


def test_the_queue_costs_one_engine_computation_per_waiting_report_and_a_fixed_number_of_other_queries(
    queue_reports, reviewer, planner_a
):
    inspector = client_of(reviewer)
    inspector.get(DESK)  # warm the session
    with CaptureQueriesContext(connection) as two:
        inspector.get(DESK)
    third = build_report(AgencyFactory(government=queue_reports[0].agency.government, code="opd-ketiga"))
    workflow.submit(third, member_of(third.agency, username="perencana-3"))
    with CaptureQueriesContext(connection) as engine:
        agency_results(agency=third.agency, year=2024)
    with CaptureQueriesContext(connection) as three:
        inspector.get(DESK)
    assert len(three) - len(two) == len(engine)


# --- The review page ---------------------------------------------------------------------------------------------


@pytest.fixture
def submitted(report_a, planner_a):
    workflow.submit(report_a, planner_a)
    return report_a


def review_url(code="bkd-uji", year=2024):
    return reverse("publication:review", args=[code, year])


def test_the_review_page_is_for_reviewers_of_the_agency(submitted, reviewer, planner_a, planner_b, other_reviewer):
    assert client_of(reviewer).get(review_url()).status_code == 200
    assert client_of(planner_a).get(review_url()).status_code == 403
    assert client_of(planner_b).get(review_url()).status_code == 404
    assert client_of(other_reviewer).get(review_url()).status_code == 404
    assert client_of(reviewer).get(review_url(year=2031)).status_code == 404
    assert Client().get(review_url()).status_code == 302


def test_each_indicator_and_budget_line_shows_this_year_beside_last_year(submitted, reviewer):
    page = client_of(reviewer).get(review_url()).content.decode()
    # 2023: 68 of 70 → 97,14 %; 2024: 78 of 75 → 104,00 %.
    assert cells(page, "indikator-iku-1") == [
        "IKU-1 Indeks Profesionalitas ASN (%)",
        "70",
        "68",
        "97,14%",
        "Sangat Tinggi",
        "75",
        "78",
        "104,00%",
        "Sangat Tinggi",
    ]
    code = submitted.agency.budget_lines.get().code
    assert cells(page, f"anggaran-{code.replace('.', '')}")[1:] == [
        "Rp1.000.000",
        "Rp900.000",
        "90,00%",
        "Rp1.200.000",
        "Rp1.140.000",
        "95,00%",
    ]


def test_notes_show_beside_their_figure_with_forms_only_while_submitted(submitted, reviewer, planner_a):
    indicator = Indicator.objects.get(agency=submitted.agency, code="IKU-1")
    Narrative.objects.create(report_year=submitted, key="background", text="Latar belakang.")
    note = workflow.add_note(
        submitted,
        reviewer,
        subject=NoteSubject.REALISATION,
        text="<script>alert(1)</script> Bukti?",
        indicator=indicator,
    )
    workflow.reply(note, planner_a, "Sudah diunggah.")
    workflow.add_note(submitted, reviewer, subject=NoteSubject.NARRATIVE, text="Data 2022 usang.", section="background")
    page = client_of(reviewer).get(review_url()).content.decode()
    note_row = page[page.index('id="indikator-iku-1"') :]
    note_row = note_row[: note_row.index("</tr>", note_row.index('class="note-row"'))]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Bukti?" in note_row and "<script>alert" not in page
    assert "Sudah diunggah." in note_row
    assert reverse("publication:close_note", args=["bkd-uji", 2024, note.pk]) in note_row
    assert f'value="{review_url()}#indikator-iku-1"' in note_row
    section = page[page.index('id="narasi-background"') :]
    assert "Data 2022 usang." in section[: section.index("</article>", section.index("Data 2022"))]
    assert page.count('class="add-note"') == 4  # the report, IKU-1, the program, the section
    assert 'action="' + reverse("publication:approve", args=["bkd-uji", 2024]) + '"' in page

    workflow.return_report(submitted, reviewer, "Lengkapi bukti.")
    page = client_of(reviewer).get(review_url()).content.decode()
    assert 'class="add-note"' not in page
    assert reverse("publication:approve", args=["bkd-uji", 2024]) not in page
    assert "Lengkapi bukti." in page[page.index('id="catatan-laporan"') :]


def test_the_approval_form_proposes_the_reviewer_the_title_the_city_and_today(submitted, reviewer):
    page = client_of(reviewer).get(review_url()).content.decode()
    assert 'name="reviewer_name" value="Rina Wulandari"' in page
    assert 'name="reviewer_title" value="Inspektur"' in page
    assert 'name="reviewed_city" value="Sungai Uji"' in page
    assert f'name="reviewed_on" value="{timezone.localdate().isoformat()}"' in page


def test_an_approved_report_offers_reopening_and_its_versions(submitted, reviewer):
    workflow.approve(
        submitted,
        reviewer,
        reviewer_name="Rina Wulandari",
        reviewer_nip="197402101993112001",
        reviewer_title="Inspektur",
        reviewed_city="Sungai Uji",
        reviewed_on=date(2025, 3, 10),
    )
    page = client_of(reviewer).get(review_url()).content.decode()
    assert reverse("publication:reopen", args=["bkd-uji", 2024]) in page
    version = cells(page, "versi-1")
    assert version[2] == "Rina Wulandari, NIP 19740210 199311 2 001 Inspektur, Sungai Uji, 10 Maret 2025"
    assert version[3] == "104,00%"
    assert version[4] == "PDF sedang disiapkan lakip/1 lakip-results/1"
    assert "Disetujui: versi 1" in page
