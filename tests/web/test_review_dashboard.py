"""The dashboard's review panel: the report's status, the submit button held back by unexplained error findings
(counted, linked to the findings panel), withdrawal while submitted, the reviewer's last decision, the notes on the
whole report, and every approved version with its files; the year's frame shows the status on every page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from agencies.models import FindingNote, ReportYear
from domain.enums import ReportStatus, Severity
from domain.review import NoteSubject
from performance.results import agency_results
from review.models import ReportVersion, ReviewNote
from tests.factories import member_of, reviewer_of

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def bengkulu(import_demo):
    return import_demo("bengkulu-2024")


@pytest.fixture
def reviewer(bengkulu):
    return reviewer_of(bengkulu.government, first_name="Inspektur", last_name="Pembantu")


@pytest.fixture
def planner(client, bengkulu):
    client.force_login(member_of(bengkulu))
    return client


def dashboard(client, agency):
    response = client.get(reverse("web:agency_year", args=[agency.code, YEAR]))
    assert response.status_code == 200
    return response.content.decode()


def panel(html):
    return html[html.index('id="review"') :].split("</section>")[0]


def words(html):
    return " ".join(strip_tags(html).split())


def report_year(agency):
    return ReportYear.objects.get(agency=agency, year=YEAR)


def move(agency, status, user, reason):
    """Move the report as the workflow does: a save recording who and why in its history."""
    ry = report_year(agency)
    ry.status = status
    ry._history_user = user
    ry._change_reason = reason
    ry.save()


def version(agency, number, *, pdf="", reopened=False, approved_by=None):
    return ReportVersion.objects.create(
        report_year=report_year(agency),
        number=number,
        approved_at=timezone.now(),
        approved_by=approved_by,
        reviewer_name="Dra. Siti Reviu, M.Si.",
        reviewer_title="Auditor Ahli Madya",
        reviewed_on=date(2025, 3, 1),
        pdf=pdf,
        lakip=f"versi/v{number}.lakip.json",
        lakip_sha256="a" * 64,
        results=f"versi/v{number}.results.json",
        results_sha256="b" * 64,
        reopened_at=timezone.now() if reopened else None,
        reopen_reason="Salah ketik realisasi IKU-2." if reopened else "",
    )


def test_a_draft_with_unexplained_errors_cannot_be_submitted_yet(bengkulu, planner):
    html = panel(dashboard(planner, bengkulu))
    assert "Status laporan: Draf" in words(html)
    submit = reverse("publication:submit", args=[bengkulu.code, YEAR])
    assert f'<form method="post" action="{submit}">' in html
    assert 'name="next" value="{}"'.format(reverse("web:agency_year", args=[bengkulu.code, YEAR])) in html
    assert 'disabled aria-describedby="unexplained-errors"' in html
    assert "3 temuan kesalahan belum diperbaiki atau dijelaskan" in words(html)
    assert f'href="{reverse("web:findings", args=[bengkulu.code, YEAR])}#severity-error"' in html


def test_once_every_error_is_explained_the_button_may_be_pressed(bengkulu, planner):
    errors = [f for f in agency_results(agency=bengkulu, year=YEAR).findings if f.severity == Severity.ERROR]
    for finding in errors:
        FindingNote.objects.update_or_create(
            report_year=report_year(bengkulu),
            rule=finding.rule,
            subject=finding.subject,
            defaults={"text": "Sudah dikonfirmasi dengan bidang anggaran."},
        )
    html = panel(dashboard(planner, bengkulu))
    assert "Ajukan untuk reviu</button>" in html
    assert " disabled" not in html
    assert "Tidak ada temuan kesalahan yang menghalangi pengajuan." in html


def test_a_submitted_report_offers_withdrawal(bengkulu, planner):
    ReportYear.objects.filter(agency=bengkulu).update(status=ReportStatus.SUBMITTED)
    html = panel(dashboard(planner, bengkulu))
    assert f'action="{reverse("publication:withdraw", args=[bengkulu.code, YEAR])}"' in html
    assert "Tarik kembali</button>" in html
    assert "publication:submit" not in html and "Ajukan untuk reviu" not in html


def test_a_returned_report_shows_the_decision_its_reason_and_the_notes_on_the_report(bengkulu, planner, reviewer):
    move(bengkulu, ReportStatus.SUBMITTED, None, "Diajukan")
    move(bengkulu, ReportStatus.RETURNED, reviewer, "Dikembalikan: lengkapi bukti IKU-2")
    note = ReviewNote.objects.create(
        report_year=report_year(bengkulu),
        subject=NoteSubject.REPORT,
        text="Lengkapi bukti dukung IKU-2 dan jelaskan selisih anggaran.",
        written_by=reviewer,
    )
    html = panel(dashboard(planner, bengkulu))
    decision = words(html[html.index('id="review-decision"') :].split("</div>")[0])
    assert "Keputusan terakhir: Dikembalikan untuk diperbaiki ·" in decision
    assert "Inspektur Pembantu" in decision and "Dikembalikan: lengkapi bukti IKU-2" in decision
    assert "Catatan reviu atas laporan (1 terbuka)" in html
    assert "Lengkapi bukti dukung IKU-2 dan jelaskan selisih anggaran." in html
    assert f'action="{reverse("publication:reply", args=[bengkulu.code, YEAR, note.pk])}"' in html
    # A returned report may be submitted again.
    assert "Ajukan untuk reviu</button>" in html


def test_an_approved_report_shows_its_version_and_every_version_with_its_files(bengkulu, planner, reviewer):
    version(bengkulu, 1, pdf="versi/v1.pdf", reopened=True, approved_by=reviewer)
    version(bengkulu, 2, approved_by=reviewer)
    move(bengkulu, ReportStatus.APPROVED, reviewer, "Disetujui: versi 2")
    page = dashboard(planner, bengkulu)
    html = panel(page)
    decision = words(html[html.index('id="review-decision"') :].split("</div>")[0])
    assert "Keputusan terakhir: Disetujui ·" in decision
    assert "Versi 2 disetujui" in decision and "Dra. Siti Reviu, M.Si., Auditor Ahli Madya" in decision
    versions = html[html.index('id="review-versions"') :].split("</table>")[0]
    v1 = words(versions[versions.index('id="version-1"') :].split("</tr>")[0])
    v2_html = versions[versions.index('id="version-2"') :].split("</tr>")[0]
    assert "dibuka kembali" in v1 and "Salah ketik realisasi IKU-2." in v1
    assert "berlaku" in words(v2_html)
    for kind in ("pdf", "lakip", "results"):
        assert reverse("publication:version_file", args=[bengkulu.code, YEAR, 1, kind]) in versions
    for kind in ("lakip", "results"):
        assert reverse("publication:version_file", args=[bengkulu.code, YEAR, 2, kind]) in v2_html
    assert "PDF sedang dirender" in v2_html
    assert "Ajukan untuk reviu" not in html and "Tarik kembali" not in html
    assert '<p class="lock-banner" role="status">Laporan versi 2 sudah disetujui; data dikunci.</p>' in page


def test_a_reviewer_reads_the_panel_without_the_planners_buttons(bengkulu, client, reviewer):
    client.force_login(reviewer)
    html = panel(dashboard(client, bengkulu))
    assert "Status laporan: Draf" in words(html)
    assert "Ajukan untuk reviu" not in html


def test_every_page_of_the_year_shows_the_status_beside_the_tabs(bengkulu, planner):
    ReportYear.objects.filter(agency=bengkulu).update(status=ReportStatus.RETURNED)
    for name in ("web:realisations", "web:findings", "interchange:files"):
        html = planner.get(reverse(name, args=[bengkulu.code, YEAR])).content.decode()
        assert '<span class="status returned">Dikembalikan untuk diperbaiki</span>' in html, name


def test_the_panel_costs_the_same_queries_with_one_version_or_three(bengkulu, planner, reviewer):
    version(bengkulu, 1, reopened=True)
    with CaptureQueriesContext(connection) as one:
        dashboard(planner, bengkulu)
    version(bengkulu, 2, reopened=True, approved_by=reviewer)
    version(bengkulu, 3, approved_by=reviewer)
    with CaptureQueriesContext(connection) as three:
        dashboard(planner, bengkulu)
    assert len(three) == len(one)
