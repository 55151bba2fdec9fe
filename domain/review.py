"""The review of a report by the Inspektorat (reviu APIP): its states, who moves it, and what each move needs.

A report (one agency-year) is written as a draft, submitted by a planner, then returned for corrections or
approved by a reviewer of its government. An approved report is frozen: its data can no longer change, and its
PDF, ``lakip/1`` and ``lakip-results/1`` are kept as a numbered version. A reviewer may reopen it, which starts
the next version and keeps the approved one. A planner may withdraw a submitted report to change it again.

The rules here are plain: the workflow (``publication.workflow``) gathers the counts and the web pages, the
admin and the tests ask these functions, so each rule is written once.
"""

import re
from dataclasses import dataclass

from domain.enums import Choices, ReportStatus


class Role(Choices):
    PLANNER = "planner", "Perencana"
    REVIEWER = "reviewer", "Reviewer"


class Action(Choices):
    SUBMIT = "submit", "Ajukan untuk reviu"
    WITHDRAW = "withdraw", "Tarik kembali"
    RETURN = "return", "Kembalikan untuk diperbaiki"
    APPROVE = "approve", "Setujui"
    REOPEN = "reopen", "Buka kembali"


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    role: str


TRANSITIONS = {
    Action.SUBMIT: Transition((ReportStatus.DRAFT, ReportStatus.RETURNED), ReportStatus.SUBMITTED, Role.PLANNER),
    Action.WITHDRAW: Transition((ReportStatus.SUBMITTED,), ReportStatus.DRAFT, Role.PLANNER),
    Action.RETURN: Transition((ReportStatus.SUBMITTED,), ReportStatus.RETURNED, Role.REVIEWER),
    Action.APPROVE: Transition((ReportStatus.SUBMITTED,), ReportStatus.APPROVED, Role.REVIEWER),
    Action.REOPEN: Transition((ReportStatus.APPROVED,), ReportStatus.DRAFT, Role.REVIEWER),
}


def planner_may_edit(status):
    """Whether the planner's pages accept changes: a draft or a returned report. A submitted report waits for
    its reviewer (the planner withdraws it to change it) and an approved one is frozen."""
    return status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


def is_frozen(status):
    """Whether the data of the report's year is refused any change, by anyone, in every layer."""
    return status == ReportStatus.APPROVED


def transition_problems(action, status, *, roles, unexplained_errors=0, open_notes=0, reason=""):
    """What stops ``action`` on a report in ``status`` by a user holding ``roles`` (a set of ``Role``); empty
    when it may go ahead.

    - Submitting needs every error finding fixed or explained (``unexplained_errors`` counts those left).
    - Approving needs every review note closed (``open_notes``).
    - Returning and reopening need a reason the planner can act on.
    """
    transition = TRANSITIONS[action]
    problems = []
    if transition.role not in roles:
        who = "perencana perangkat daerah" if transition.role == Role.PLANNER else "reviewer Inspektorat"
        problems.append(f"Hanya {who} yang dapat memilih «{action.label}».")
    if status not in transition.sources:
        problems.append(f"Laporan berstatus «{ReportStatus.label_of(status)}»: «{action.label}» tidak berlaku.")
    if action == Action.SUBMIT and unexplained_errors:
        problems.append(
            f"Masih ada {unexplained_errors} temuan kesalahan yang belum diperbaiki atau dijelaskan; "
            "perbaiki datanya atau tulis penjelasannya di panel Temuan."
        )
    if action == Action.APPROVE and open_notes:
        problems.append(f"Masih ada {open_notes} catatan reviu yang terbuka; tutup semuanya sebelum menyetujui.")
    if action in (Action.RETURN, Action.REOPEN) and not reason.strip():
        problems.append("Tuliskan alasannya untuk perencana.")
    return problems


# An explanation is "a sentence": at least this many words, so "ok" or "-" does not explain an error.
EXPLANATION_WORDS = 3


def explanation_problems(text):
    """Why ``text`` does not explain a finding: empty, or shorter than a sentence of ``EXPLANATION_WORDS`` words."""
    words = re.findall(r"\w+", text or "")
    if not words:
        return ["Tuliskan penjelasannya."]
    if len(words) < EXPLANATION_WORDS:
        return [f"Jelaskan dalam satu kalimat (paling sedikit {EXPLANATION_WORDS} kata)."]
    return []


class NoteSubject(Choices):
    """What a review note is pinned to."""

    REPORT = "report", "Laporan secara keseluruhan"
    REALISATION = "realisation", "Realisasi indikator"
    TARGET = "target", "Target indikator"
    BUDGET_LINE = "budget_line", "Baris anggaran"
    NARRATIVE = "narrative", "Bagian narasi"


SHA256 = re.compile(r"[0-9a-f]{64}")


def normalised_sha256(text):
    """A typed SHA-256 as 64 lower-case hex digits (spaces, colons and case forgiven), or None if it is not one."""
    digits = re.sub(r"[\s:]", "", text or "").lower()
    return digits if SHA256.fullmatch(digits) else None


# The statement of PermenPAN-RB 53/2014 (Lampiran, format "Pernyataan Telah Direviu"), with the agency's name
# and the report's year filled in. Each item is one paragraph.
REVIEW_STATEMENT = (
    "Kami telah mereviu Laporan Kinerja {agency} untuk tahun anggaran {year} sesuai Pedoman Reviu atas Laporan "
    "Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen {agency}.",
    "Reviu bertujuan untuk memberikan keyakinan terbatas laporan kinerja telah disajikan secara akurat, andal, dan "
    "valid.",
    "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini "
    "keandalan informasi yang disajikan di dalam Laporan Kinerja ini.",
)


def review_statement(agency, year):
    """The statement's paragraphs for ``agency`` (its name) and ``year``."""
    return [paragraph.format(agency=agency, year=year) for paragraph in REVIEW_STATEMENT]
