"""The review workflow (``publication.workflow``): who may move a report, what each move needs, what it stores and
whom it tells."""

import hashlib
import json
import logging
import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from smtplib import SMTPException

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from agencies.freeze import FrozenError
from agencies.models import FindingNote, Narrative, ReportYear
from domain.enums import ReportStatus
from domain.review import NoteSubject, Role
from indicators.models import Indicator, Objective, ObjectiveNarrative, Realisation
from publication import workflow
from publication.workflow import WorkflowError
from reports.models import RenderState
from review.models import ReportVersion, ReviewNote
from tests.factories import BudgetLineFactory, IndicatorFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

SIGNATURE = {
    "reviewer_name": "Rina Wulandari",
    "reviewer_nip": "197402101993112001",
    "reviewer_title": "Inspektur",
    "reviewed_city": "Sungai Uji",
    "reviewed_on": date(2025, 3, 10),
}


def problems_of(call, *args, **kwargs):
    with pytest.raises(WorkflowError) as caught:
        call(*args, **kwargs)
    return caught.value.problems


def fresh(report_year):
    return ReportYear.objects.get(pk=report_year.pk)


def add_error(report_year):
    """An error finding: a second indicator of sasaran S1 without a target for the year (``missing_target``)."""
    objective = Objective.objects.get(renstra__agency=report_year.agency, code="S1")
    return IndicatorFactory(objective=objective, code="IKU-2", name="Persentase ASN yang dilatih")


def explain(report_year, text, user=None):
    FindingNote.objects.update_or_create(
        report_year=report_year, rule="missing_target", subject="IKU-2", defaults={"text": text, "written_by": user}
    )


@pytest.fixture
def submitted(report_a, planner_a):
    workflow.submit(report_a, planner_a)
    return report_a


def realisation_note(report_year, user, text="Realisasi 78 belum didukung bukti yang cukup."):
    indicator = Indicator.objects.get(agency=report_year.agency, code="IKU-1")
    return workflow.add_note(report_year, user, subject=NoteSubject.REALISATION, text=text, indicator=indicator)


# --- Roles -------------------------------------------------------------------------------------------------------


def test_roles_follow_membership_and_review_and_nobody_reviews_an_agency_they_plan_for(
    agency_a, agency_b, planner_a, reviewer, other_reviewer, outsider, government
):
    assert workflow.roles_of(planner_a, agency_a) == {Role.PLANNER}
    assert workflow.roles_of(planner_a, agency_b) == set()
    assert workflow.roles_of(reviewer, agency_a) == {Role.REVIEWER}
    assert workflow.roles_of(other_reviewer, agency_a) == set()
    assert workflow.roles_of(outsider, agency_a) == set()
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    assert workflow.roles_of(admin, agency_a) == {Role.PLANNER, Role.REVIEWER}
    # A reviewer of the government who also plans for agency A is only its planner (read again: access is cached
    # on the user object, which lives for one request).
    government.reviewers.add(planner_a)
    both = type(planner_a).objects.get(pk=planner_a.pk)
    assert workflow.roles_of(both, agency_a) == {Role.PLANNER}
    assert workflow.roles_of(both, agency_b) == {Role.REVIEWER}
    assert list(workflow.reviewed_agencies(both)) == [agency_b]


# --- Submit and withdraw ------------------------------------------------------------------------------------------


def test_submit_is_refused_while_an_error_is_unexplained_and_a_two_word_note_does_not_explain_it(report_a, planner_a):
    add_error(report_a)
    assert problems_of(workflow.submit, report_a, planner_a) == [
        "Masih ada 1 temuan kesalahan yang belum diperbaiki atau dijelaskan; perbaiki datanya atau tulis "
        "penjelasannya di panel Temuan."
    ]
    explain(report_a, "Belum ditetapkan.")
    assert len(problems_of(workflow.submit, report_a, planner_a)) == 1
    assert fresh(report_a).status == ReportStatus.DRAFT

    explain(report_a, "Target indikator baru ditetapkan dalam perubahan Renstra tahun depan.", planner_a)
    workflow.submit(report_a, planner_a)
    assert report_a.status == fresh(report_a).status == ReportStatus.SUBMITTED
    record = report_a.history.latest()
    assert (record.status, record.history_user, record.history_change_reason) == (
        ReportStatus.SUBMITTED,
        planner_a,
        "Diajukan untuk reviu",
    )


def test_only_a_planner_of_the_agency_submits(report_a, reviewer, planner_b, other_reviewer, outsider):
    assert problems_of(workflow.submit, report_a, reviewer) == [
        "Hanya perencana perangkat daerah yang dapat memilih «Ajukan untuk reviu»."
    ]
    for stranger in (planner_b, other_reviewer, outsider):
        assert problems_of(workflow.submit, report_a, stranger) == [workflow.NO_ACCESS]
    assert fresh(report_a).status == ReportStatus.DRAFT


def test_a_planner_withdraws_a_submitted_report_a_reviewer_cannot(submitted, planner_a, reviewer):
    assert "Hanya perencana" in problems_of(workflow.withdraw, submitted, reviewer)[0]
    workflow.withdraw(submitted, planner_a)
    assert fresh(submitted).status == ReportStatus.DRAFT
    assert "«Draf»" in problems_of(workflow.withdraw, submitted, planner_a)[0]


# --- Notes -------------------------------------------------------------------------------------------------------


def test_notes_are_opened_by_the_reviewer_answered_by_the_planner_and_closed_by_the_reviewer(
    submitted, planner_a, reviewer
):
    note = realisation_note(submitted, reviewer)
    assert (note.subject, note.indicator.code, note.written_by, note.is_open) == (
        NoteSubject.REALISATION,
        "IKU-1",
        reviewer,
        True,
    )
    answer = workflow.reply(note, planner_a, "  Bukti dukung sudah diunggah pada halaman Bukti.  ")
    assert (answer.text, answer.written_by) == ("Bukti dukung sudah diunggah pada halaman Bukti.", planner_a)
    workflow.reply(note, reviewer, "Terima kasih, sudah diperiksa.")
    assert problems_of(workflow.close_note, note, planner_a) == [
        "Hanya reviewer Inspektorat yang dapat menutup catatan reviu."
    ]

    workflow.close_note(note, reviewer)
    note.refresh_from_db()
    assert (note.is_open, note.closed_by) == (False, reviewer)
    closed_at = note.closed_at
    workflow.close_note(note, reviewer)  # closing a closed note changes nothing
    note.refresh_from_db()
    assert note.closed_at == closed_at
    assert problems_of(workflow.reply, note, planner_a, "Satu lagi.") == [
        "Catatan ini sudah ditutup; jawaban tidak dapat ditambahkan."
    ]
    assert [r.text for r in note.replies.all()] == [
        "Bukti dukung sudah diunggah pada halaman Bukti.",
        "Terima kasih, sudah diperiksa.",
    ]


def test_only_a_reviewer_adds_notes_and_only_while_the_report_is_submitted(report_a, planner_a, reviewer):
    assert problems_of(realisation_note, report_a, reviewer) == [
        "Laporan berstatus «Draf»: catatan reviu hanya dapat ditulis selama laporan diajukan untuk reviu."
    ]
    workflow.submit(report_a, planner_a)
    assert problems_of(realisation_note, report_a, planner_a) == [
        "Hanya reviewer Inspektorat yang dapat menulis catatan reviu."
    ]
    assert problems_of(realisation_note, report_a, reviewer, text="   ") == ["Tuliskan catatannya."]
    assert problems_of(realisation_note, report_a, reviewer, text="x" * 5001) == [
        "Catatan paling panjang 5.000 karakter."
    ]
    assert not ReviewNote.objects.exists()


def test_a_note_is_pinned_to_something_of_the_same_report(submitted, report_b, reviewer):
    add = workflow.add_note
    other_indicator = Indicator.objects.get(agency=report_b.agency, code="IKU-1")
    other_line = report_b.agency.budget_lines.get()
    assert problems_of(
        add, submitted, reviewer, subject=NoteSubject.TARGET, text="Cek.", indicator=other_indicator
    ) == ["Indikator itu bukan milik perangkat daerah laporan ini."]
    assert problems_of(
        add, submitted, reviewer, subject=NoteSubject.BUDGET_LINE, text="Cek.", budget_line=other_line
    ) == ["Baris anggaran itu bukan milik perangkat daerah laporan ini."]
    assert problems_of(add, submitted, reviewer, subject=NoteSubject.TARGET, text="Cek.") == [
        "Catatan tentang «Target indikator» harus menunjuk tepat satu hal yang sesuai."
    ]
    assert problems_of(add, submitted, reviewer, subject="apa saja", text="Cek.") == ["Pilih tentang apa catatan ini."]
    assert problems_of(add, submitted, reviewer, subject=NoteSubject.NARRATIVE, text="Cek.", section="background") == [
        "Laporan tahun 2024 tidak memiliki bagian narasi «background»."
    ]

    Narrative.objects.create(report_year=submitted, key="background", text="Latar belakang.")
    objective = Objective.objects.get(renstra__agency=submitted.agency, code="S1")
    ObjectiveNarrative.objects.create(objective=objective, year=2024, key="analysis", text="Analisis.")
    ObjectiveNarrative.objects.create(objective=objective, year=2023, key="obstacles", text="Kendala 2023.")
    assert workflow.narrative_sections(submitted) == {"background", "S1-analysis"}
    for section in ("background", "S1-analysis"):
        note = add(submitted, reviewer, subject=NoteSubject.NARRATIVE, text="Perlu data terbaru.", section=section)
        assert note.section == section
    line = submitted.agency.budget_lines.get()
    assert add(submitted, reviewer, subject=NoteSubject.BUDGET_LINE, text="Cek.", budget_line=line).budget_line == line
    assert add(submitted, reviewer, subject=NoteSubject.REPORT, text="Lampirkan PK.").subject == NoteSubject.REPORT


# --- Return ------------------------------------------------------------------------------------------------------


def test_return_needs_a_reason_stored_as_an_open_note_on_the_whole_report(
    submitted, reviewer, planner_a, django_capture_on_commit_callbacks
):
    assert problems_of(workflow.return_report, submitted, reviewer, "  ") == ["Tuliskan alasannya untuk perencana."]
    assert "Hanya reviewer" in problems_of(workflow.return_report, submitted, planner_a, "Perbaiki.")[0]
    reason = "Realisasi IKU-1 perlu bukti dukung; " + "mohon dilengkapi " * 10
    with django_capture_on_commit_callbacks(execute=True):
        note = workflow.return_report(submitted, reviewer, reason)
    assert fresh(submitted).status == ReportStatus.RETURNED
    assert (note.subject, note.text, note.written_by, note.is_open) == (
        NoteSubject.REPORT,
        reason.strip(),
        reviewer,
        True,
    )
    record = submitted.history.latest()
    assert record.history_user == reviewer
    assert record.history_change_reason.startswith("Dikembalikan: Realisasi IKU-1 perlu bukti dukung;")
    assert len(record.history_change_reason) == workflow.CHANGE_REASON_LENGTH
    assert [m.to for m in mail.outbox] == [[planner_a.email]]
    assert (
        mail.outbox[0].subject
        == "Laporan kinerja Badan Kepegawaian Daerah Uji tahun 2024 dikembalikan untuk diperbaiki"
    )
    assert "mohon dilengkapi" in mail.outbox[0].body
    assert "http://localhost:8000/agencies/bkd-uji/2024/" in mail.outbox[0].body


# --- Approve, reopen, versions ----------------------------------------------------------------------------------


def test_approve_is_refused_while_a_note_is_open_then_stores_version_1_with_its_files(
    submitted, reviewer, planner_a, django_capture_on_commit_callbacks
):
    note = realisation_note(submitted, reviewer)
    assert problems_of(workflow.approve, submitted, reviewer, **SIGNATURE) == [
        "Masih ada 1 catatan reviu yang terbuka; tutup semuanya sebelum menyetujui."
    ]
    workflow.close_note(note, reviewer)
    assert "Hanya reviewer" in problems_of(workflow.approve, submitted, planner_a, **SIGNATURE)[0]

    with django_capture_on_commit_callbacks(execute=True):
        version = workflow.approve(submitted, reviewer, **SIGNATURE)
    assert fresh(submitted).status == ReportStatus.APPROVED
    assert (version.number, version.approved_by, version.reviewer_name, version.reviewed_on) == (
        1,
        reviewer,
        "Rina Wulandari",
        date(2025, 3, 10),
    )
    assert version.achievement == Decimal("104.00")
    assert workflow.current_version(submitted) == version
    for field, digest, format_name in (
        (version.lakip, version.lakip_sha256, "lakip/1"),
        (version.results, version.results_sha256, "lakip-results/1"),
    ):
        with field.open("rb") as handle:
            data = handle.read()
        assert hashlib.sha256(data).hexdigest() == digest
        assert json.loads(data.decode("utf-8"))["format"] == format_name
    assert version.lakip.name == "versi/2024/bkd-uji/v1/bkd-uji-2024-v1.lakip.json"
    assert version.results.name == "versi/2024/bkd-uji/v1/bkd-uji-2024-v1.results.json"
    assert not version.pdf  # rendered by the queue, after the commit
    assert RenderState.objects.get(report_year=submitted).state == RenderState.State.QUEUED
    assert submitted.history.latest().history_change_reason == "Disetujui: versi 1"
    assert [m.to for m in mail.outbox] == [[planner_a.email]]
    assert "disetujui (versi 1)" in mail.outbox[0].subject
    assert "10 Maret 2025" in mail.outbox[0].body


def test_a_second_approval_is_refused_and_the_data_is_frozen(submitted, reviewer):
    workflow.approve(submitted, reviewer, **SIGNATURE)
    assert problems_of(workflow.approve, submitted, reviewer, **SIGNATURE) == [
        "Laporan berstatus «Disetujui»: «Setujui» tidak berlaku."
    ]
    assert ReportVersion.objects.count() == 1
    realisation = Realisation.objects.get(indicator__code="IKU-1", year=2024)
    realisation.value = "80"
    with pytest.raises(FrozenError):
        realisation.save()


def test_the_signature_is_checked(submitted, reviewer):
    tomorrow = timezone.localdate() + timedelta(days=1)
    wrong = {**SIGNATURE, "reviewer_name": " ", "reviewer_nip": "1974", "reviewed_on": tomorrow}
    assert problems_of(workflow.approve, submitted, reviewer, **wrong) == [
        "Tuliskan nama reviewer yang menandatangani pernyataan reviu.",
        "NIP reviewer harus 18 digit (atau dikosongkan).",
        "Tanggal reviu tidak boleh setelah hari ini.",
    ]
    workflow.approve(submitted, reviewer, **{**SIGNATURE, "reviewer_nip": ""})


def test_a_failed_approval_leaves_no_version_and_no_file(submitted, reviewer, monkeypatch, media_root):
    def broken(*args):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr(workflow.notify, "report_approved", broken)
    with pytest.raises(RuntimeError):
        workflow.approve(submitted, reviewer, **SIGNATURE)
    assert fresh(submitted).status == ReportStatus.SUBMITTED
    assert not ReportVersion.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_reopen_keeps_version_1_and_the_next_approval_makes_version_2(
    submitted, reviewer, planner_a, django_capture_on_commit_callbacks
):
    first = workflow.approve(submitted, reviewer, **SIGNATURE)
    assert problems_of(workflow.reopen, submitted, reviewer, "") == ["Tuliskan alasannya untuk perencana."]
    assert "Hanya reviewer" in problems_of(workflow.reopen, submitted, planner_a, "Ubah.")[0]
    with django_capture_on_commit_callbacks(execute=True):
        reopened = workflow.reopen(submitted, reviewer, "Realisasi IKU-1 dikoreksi BKN.")
    assert reopened == first
    first.refresh_from_db()
    assert (first.reopened_by, first.reopen_reason, first.is_current) == (
        reviewer,
        "Realisasi IKU-1 dikoreksi BKN.",
        False,
    )
    assert fresh(submitted).status == ReportStatus.DRAFT
    assert workflow.current_version(submitted) is None
    assert [m.to for m in mail.outbox] == [[planner_a.email]]
    assert "dibuka kembali" in mail.outbox[0].subject

    realisation = Realisation.objects.get(indicator__code="IKU-1", year=2024)
    realisation.value = "80"
    realisation.save()  # open again
    workflow.submit(submitted, planner_a)
    second = workflow.approve(submitted, reviewer, **SIGNATURE)
    assert second.number == 2
    assert workflow.current_version(submitted) == second
    assert second.lakip_sha256 != first.lakip_sha256
    with first.lakip.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == first.lakip_sha256
    assert [r.history_change_reason for r in submitted.history.order_by("history_date", "history_id")][-5:] == [
        "Diajukan untuk reviu",
        "Disetujui: versi 1",
        "Dibuka kembali: Realisasi IKU-1 dikoreksi BKN.",
        "Diajukan untuk reviu",
        "Disetujui: versi 2",
    ]


def test_a_note_of_an_approved_report_cannot_be_closed(submitted, reviewer):
    note = realisation_note(submitted, reviewer)
    workflow.close_note(note, reviewer)
    workflow.approve(submitted, reviewer, **SIGNATURE)
    open_note = ReviewNote.objects.create(report_year=submitted, text="Ditulis di administrasi.")
    assert problems_of(workflow.close_note, open_note, reviewer) == [
        "Laporan sudah disetujui: catatan reviunya tidak dapat diubah."
    ]


# --- Mail --------------------------------------------------------------------------------------------------------


def test_submitting_mails_the_governments_reviewers_only(
    report_a, planner_a, reviewer, other_reviewer, planner_b, government, django_capture_on_commit_callbacks
):
    second = member_of(report_a.agency, username="perencana-a2")
    government.reviewers.add(second)  # plans for the agency: not its reviewer
    silent = UserFactory(username="inspektur-tanpa-surel", email="")
    government.reviewers.add(silent)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(report_a, planner_a)
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    message = mail.outbox[0]
    assert message.subject == "Laporan kinerja Badan Kepegawaian Daerah Uji tahun 2024 diajukan untuk reviu"
    assert "Budi Santoso telah mengajukan" in message.body
    assert "http://localhost:8000/reviu/bkd-uji/2024/" in message.body


def test_a_decision_is_not_announced_before_it_is_committed(report_a, planner_a, reviewer):
    workflow.submit(report_a, planner_a)  # the test's transaction never commits
    assert mail.outbox == []


def test_a_mail_failure_does_not_undo_the_decision(
    report_a, planner_a, reviewer, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise SMTPException("relay refused")

    monkeypatch.setattr("publication.notify.send_mass_mail", refuse)
    with caplog.at_level(logging.ERROR, logger="publication.notify"), django_capture_on_commit_callbacks(execute=True):
        workflow.submit(report_a, planner_a)
    assert fresh(report_a).status == ReportStatus.SUBMITTED
    assert "Mail submitted of bkd-uji 2024 could not be sent" in caplog.text


def test_an_agency_without_renstra_cannot_be_approved(agency_a, planner_a, reviewer):
    report_year = ReportYear.objects.create(agency=agency_a, year=2024)
    BudgetLineFactory(agency=agency_a)
    workflow.submit(report_year, planner_a)
    assert problems_of(workflow.approve, report_year, reviewer, **SIGNATURE) == [
        "Perangkat daerah bkd-uji belum memiliki Renstra."
    ]
    assert fresh(report_year).status == ReportStatus.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_approvals_cannot_both_win(report_a, planner_a, reviewer, monkeypatch):
    """The second click waits for the first one's lock, then finds the report approved. (PostgreSQL only: SQLite
    writes one transaction at a time anyway.)"""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    workflow.submit(report_a, planner_a)
    export = workflow.export_document

    def slow_export(agency):
        time.sleep(0.5)  # the first approval holds its lock while the second one arrives
        return export(agency)

    monkeypatch.setattr(workflow, "export_document", slow_export)
    outcomes = []

    def click():
        try:
            outcomes.append(workflow.approve(fresh(report_a), reviewer, **SIGNATURE).number)
        except WorkflowError as error:
            outcomes.append(error.problems)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join()
    won, lost = sorted(outcomes, key=lambda outcome: isinstance(outcome, list))  # in whatever order they ended
    assert (won, lost) == (1, ["Laporan berstatus «Disetujui»: «Setujui» tidak berlaku."])
    assert ReportVersion.objects.count() == 1
