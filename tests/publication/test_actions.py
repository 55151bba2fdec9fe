"""The workflow's buttons (``publication.views.actions``): POST only, scoped, a 403 for the wrong role, the
workflow's problems as messages, back to a safe ``next``; and the download of a version's files."""

import hashlib
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from agencies.models import FindingNote, ReportYear
from domain.enums import ReportStatus
from indicators.models import Indicator, Objective
from publication import workflow
from review.models import ReportVersion, ReviewNote
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

CODE, YEAR = "bkd-uji", 2024
APPROVAL = {
    "reviewer_name": "Rina Wulandari",
    "reviewer_nip": "19740210 199311 2 001",
    "reviewer_title": "Inspektur Kabupaten Uji",
    "reviewed_city": "Sungai Uji",
    "reviewed_on": "2025-03-10",
}


def url(name, *extra):
    return reverse(f"publication:{name}", args=[CODE, YEAR, *extra])


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def messages_of(response):
    """The messages a redirect carries: those it added, after any that no page has shown yet."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def last_message(response):
    return messages_of(response)[-1]


def status(report_year):
    return ReportYear.objects.get(pk=report_year.pk).status


def test_the_whole_flow_through_the_pages(report_a, planner_a, reviewer, django_capture_on_commit_callbacks):
    planner, inspector = client_of(planner_a), client_of(reviewer)
    objective = Objective.objects.get(renstra__agency=report_a.agency, code="S1")
    IndicatorFactory(objective=objective, code="IKU-2", name="Persentase ASN yang dilatih")

    # An unexplained error stops the submission: the message says why, back on the dashboard.
    response = planner.post(url("submit"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:agency_year", args=[CODE, YEAR])
    assert "Masih ada 1 temuan kesalahan" in last_message(response)
    FindingNote.objects.create(
        report_year=report_a, rule="missing_target", subject="IKU-2", text="Target ditetapkan pada perubahan Renstra."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = planner.post(url("submit"), {"next": "/agencies/bkd-uji/2024/findings/"})
    assert response["Location"] == "/agencies/bkd-uji/2024/findings/"
    assert status(report_a) == ReportStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [[reviewer.email]]

    # The reviewer notes a realisation; the planner answers; the reviewer returns the report.
    indicator = Indicator.objects.get(agency=report_a.agency, code="IKU-1")
    response = inspector.post(
        url("add_note"),
        {"subject": "realisation", "indicator": indicator.pk, "text": "Bukti realisasi belum ada.", "next": "x"},
    )
    assert response["Location"] == url("review")
    note = ReviewNote.objects.get(indicator=indicator)
    with django_capture_on_commit_callbacks(execute=True):
        inspector.post(url("return"), {"reason": "Lengkapi bukti realisasi IKU-1."})
    assert status(report_a) == ReportStatus.RETURNED
    assert mail.outbox[-1].to == [planner_a.email]
    response = planner.post(url("reply", note.pk), {"text": "Bukti sudah diunggah."})
    assert response["Location"] == reverse("web:agency_year", args=[CODE, YEAR])
    assert note.replies.get().written_by == planner_a
    planner.post(url("submit"))
    assert status(report_a) == ReportStatus.SUBMITTED

    # Approval waits for every note to be closed, the return's note included.
    response = inspector.post(url("approve"), APPROVAL)
    assert last_message(response) == "Masih ada 2 catatan reviu yang terbuka; tutup semuanya sebelum menyetujui."
    for open_note in ReviewNote.objects.filter(closed_at__isnull=True):
        inspector.post(url("close_note", open_note.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = inspector.post(url("approve"), APPROVAL)
    assert last_message(response) == (
        "Laporan disetujui sebagai versi 1 dan datanya dikunci; PDF yang disetujui sedang disiapkan."
    )
    assert status(report_a) == ReportStatus.APPROVED
    first = ReportVersion.objects.get()
    assert (first.reviewer_nip, first.reviewed_on) == ("19740210 199311 2 001", date(2025, 3, 10))

    # Reopened and approved again: version 2, and version 1 still downloads.
    inspector.post(url("reopen"), {"reason": "Realisasi IKU-1 dikoreksi."})
    planner.post(url("submit"))
    inspector.post(url("approve"), APPROVAL)
    assert list(ReportVersion.objects.values_list("number", flat=True)) == [1, 2]
    response = planner.get(url("version_file", 1, "lakip"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bkd-uji-2024-v1.lakip.json"'
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == first.lakip_sha256


@pytest.mark.parametrize("name", ["submit", "withdraw", "return", "approve", "reopen", "add_note"])
def test_actions_are_post_only_and_need_a_login(report_a, planner_a, name):
    assert client_of(planner_a).get(url(name)).status_code == 405
    response = Client().post(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["return", "approve", "reopen", "add_note"])
def test_a_planner_cannot_decide_on_their_own_report(report_a, planner_a, reviewer, name):
    workflow.submit(report_a, planner_a)
    assert client_of(planner_a).post(url(name), {**APPROVAL, "reason": "Saya sendiri."}).status_code == 403
    assert status(report_a) == ReportStatus.SUBMITTED


@pytest.mark.parametrize("name", ["submit", "withdraw", "return", "approve", "reopen", "add_note"])
def test_nobody_else_sees_the_agency(report_a, planner_b, other_reviewer, outsider, name):
    for stranger in (planner_b, other_reviewer, outsider):
        assert client_of(stranger).post(url(name), APPROVAL).status_code == 404


def test_a_reviewer_cannot_submit_and_notes_are_closed_by_reviewers_only(submitted_with_note, planner_a, reviewer):
    report_year, note = submitted_with_note
    assert client_of(reviewer).post(url("submit")).status_code == 403
    assert client_of(planner_a).post(url("close_note", note.pk)).status_code == 403
    assert ReviewNote.objects.get(pk=note.pk).is_open


def test_notes_of_other_reports_are_not_found(submitted_with_note, report_b, planner_b, reviewer):
    _, note = submitted_with_note
    other = reverse("publication:reply", args=[report_b.agency.code, YEAR, note.pk])
    assert client_of(planner_b).post(other, {"text": "Bukan catatan kami."}).status_code == 404
    assert client_of(planner_b).post(url("reply", note.pk), {"text": "Coba."}).status_code == 404
    assert not note.replies.exists()


@pytest.fixture
def submitted_with_note(report_a, planner_a, reviewer):
    workflow.submit(report_a, planner_a)
    indicator = Indicator.objects.get(agency=report_a.agency, code="IKU-1")
    note = workflow.add_note(report_a, reviewer, subject="target", text="Target terlalu rendah.", indicator=indicator)
    return report_a, note


def test_a_form_error_or_a_refusal_comes_back_as_messages_and_next_must_be_local(submitted_with_note, reviewer):
    _, note = submitted_with_note
    inspector = client_of(reviewer)
    response = inspector.post(url("return"), {"reason": "", "next": "https://contoh.example/curi"})
    assert response["Location"] == url("review")
    assert messages_of(response) == ["Alasan: Bidang ini tidak boleh kosong."]
    response = inspector.post(url("approve"), {**APPROVAL, "reviewed_on": "kemarin"})
    assert last_message(response) == "Tanggal reviu: Masukkan tanggal yang valid."
    response = inspector.post(url("add_note"), {"subject": "realisation", "indicator": 999999, "text": "Cek."})
    assert last_message(response).startswith("Indikator:")
    response = inspector.post(url("approve"), {**APPROVAL, "next": url("review") + "#keputusan"})
    assert response["Location"] == url("review") + "#keputusan"
    assert last_message(response) == "Masih ada 1 catatan reviu yang terbuka; tutup semuanya sebelum menyetujui."
    response = inspector.post(url("close_note", note.pk), {"next": "catatan"})
    assert response["Location"] == url("review")


def test_every_action_checks_csrf(report_a, planner_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(planner_a)
    assert client.post(url("submit")).status_code == 403
    assert status(report_a) == ReportStatus.DRAFT


# --- Version files ------------------------------------------------------------------------------------------------


@pytest.fixture
def approved(report_a, planner_a, reviewer):
    workflow.submit(report_a, planner_a)
    return workflow.approve(
        report_a,
        reviewer,
        reviewer_name="Rina Wulandari",
        reviewer_nip="",
        reviewer_title="Inspektur",
        reviewed_city="Sungai Uji",
        reviewed_on=date(2025, 3, 10),
    )


def test_version_files_download_to_whoever_sees_the_agency(approved, planner_a, reviewer, planner_b, other_reviewer):
    for user in (planner_a, reviewer):
        response = client_of(user).get(url("version_file", 1, "results"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"] == 'attachment; filename="bkd-uji-2024-v1.results.json"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == approved.results_sha256
    for stranger in (planner_b, other_reviewer):
        assert client_of(stranger).get(url("version_file", 1, "results")).status_code == 404
    assert Client().get(url("version_file", 1, "results")).status_code == 302


def test_a_missing_file_an_unknown_kind_or_version_is_not_found(approved, planner_a, media_root):
    planner = client_of(planner_a)
    assert planner.get(url("version_file", 1, "pdf")).status_code == 404  # not rendered yet
    assert planner.get(url("version_file", 1, "lakip.json")).status_code == 404
    assert planner.get(url("version_file", 2, "lakip")).status_code == 404
    approved.pdf.save("LAKIP.pdf", ContentFile(b"%PDF-1.7"))
    response = planner.get(url("version_file", 1, "pdf"))
    assert response["Content-Disposition"] == 'attachment; filename="LAKIP-2024-bkd-uji-v1.pdf"'
    assert response["Content-Type"] == "application/pdf"
    (media_root / approved.lakip.name).unlink()
    assert planner.get(url("version_file", 1, "lakip")).status_code == 404
