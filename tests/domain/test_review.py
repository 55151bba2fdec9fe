"""The review's rules: which move a role may make from which state, what blocks it, and what explains a finding."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.enums import ReportStatus
from domain.review import (
    TRANSITIONS,
    Action,
    Role,
    explanation_problems,
    is_frozen,
    normalised_sha256,
    planner_may_edit,
    review_statement,
    transition_problems,
)

PLANNER, REVIEWER = {Role.PLANNER}, {Role.REVIEWER}
DRAFT, SUBMITTED, RETURNED, APPROVED = (
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.RETURNED,
    ReportStatus.APPROVED,
)


@pytest.mark.parametrize(
    ("action", "status", "roles", "target"),
    [
        (Action.SUBMIT, DRAFT, PLANNER, SUBMITTED),
        (Action.SUBMIT, RETURNED, PLANNER, SUBMITTED),
        (Action.WITHDRAW, SUBMITTED, PLANNER, DRAFT),
        (Action.RETURN, SUBMITTED, REVIEWER, RETURNED),
        (Action.APPROVE, SUBMITTED, REVIEWER, APPROVED),
        (Action.REOPEN, APPROVED, REVIEWER, DRAFT),
    ],
)
def test_each_move_is_allowed_from_its_states_for_its_role(action, status, roles, target):
    reason = "Realisasi IKU-1 tidak didukung bukti."
    assert transition_problems(action, status, roles=roles, reason=reason) == []
    assert TRANSITIONS[action].target == target


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (Action.SUBMIT, SUBMITTED),
        (Action.SUBMIT, APPROVED),
        (Action.WITHDRAW, DRAFT),
        (Action.WITHDRAW, APPROVED),
        (Action.RETURN, DRAFT),
        (Action.RETURN, APPROVED),
        (Action.APPROVE, DRAFT),
        (Action.APPROVE, RETURNED),
        (Action.APPROVE, APPROVED),
        (Action.REOPEN, SUBMITTED),
        (Action.REOPEN, DRAFT),
    ],
)
def test_a_move_from_another_state_is_refused_with_the_state_named(action, status):
    role = TRANSITIONS[action].role
    problems = transition_problems(action, status, roles={role}, reason="alasan yang cukup jelas")
    assert problems == [f"Laporan berstatus «{ReportStatus.label_of(status)}»: «{action.label}» tidak berlaku."]


def test_a_planner_may_not_approve_and_a_reviewer_may_not_submit():
    assert transition_problems(Action.APPROVE, SUBMITTED, roles=PLANNER) == [
        "Hanya reviewer Inspektorat yang dapat memilih «Setujui»."
    ]
    assert transition_problems(Action.SUBMIT, DRAFT, roles=REVIEWER) == [
        "Hanya perencana perangkat daerah yang dapat memilih «Ajukan untuk reviu»."
    ]


def test_submitting_needs_every_error_fixed_or_explained():
    problems = transition_problems(Action.SUBMIT, DRAFT, roles=PLANNER, unexplained_errors=2)
    assert len(problems) == 1
    assert "2 temuan kesalahan" in problems[0]


def test_approving_needs_every_note_closed():
    problems = transition_problems(Action.APPROVE, SUBMITTED, roles=REVIEWER, open_notes=1)
    assert problems == ["Masih ada 1 catatan reviu yang terbuka; tutup semuanya sebelum menyetujui."]


@pytest.mark.parametrize("action", [Action.RETURN, Action.REOPEN])
@pytest.mark.parametrize("reason", ["", "   \n"])
def test_returning_and_reopening_need_a_reason(action, reason):
    status = TRANSITIONS[action].sources[0]
    assert transition_problems(action, status, roles=REVIEWER, reason=reason) == ["Tuliskan alasannya untuk perencana."]


@given(
    action=st.sampled_from(list(Action)),
    status=st.sampled_from(list(ReportStatus)),
    roles=st.sets(st.sampled_from(list(Role))),
    errors=st.integers(min_value=0, max_value=5),
    notes=st.integers(min_value=0, max_value=5),
)
def test_a_move_is_allowed_exactly_when_role_state_and_counts_allow_it(action, status, roles, errors, notes):
    transition = TRANSITIONS[action]
    allowed = (
        transition.role in roles
        and status in transition.sources
        and not (action == Action.SUBMIT and errors)
        and not (action == Action.APPROVE and notes)
    )
    problems = transition_problems(
        action, status, roles=roles, unexplained_errors=errors, open_notes=notes, reason="alasan yang jelas"
    )
    assert (problems == []) == allowed


def test_only_a_draft_or_returned_report_is_editable_and_only_an_approved_one_frozen():
    assert [s for s in ReportStatus if planner_may_edit(s)] == [DRAFT, RETURNED]
    assert [s for s in ReportStatus if is_frozen(s)] == [APPROVED]


@pytest.mark.parametrize(
    ("text", "explains"),
    [
        ("", False),
        ("  ", False),
        ("-", False),
        ("ok", False),
        ("sudah benar", False),
        ("Data BKN terlambat terbit.", True),
        ("Nilai IP ASN menunggu hasil BKN 2025", True),
    ],
)
def test_an_explanation_is_a_sentence_of_at_least_three_words(text, explains):
    assert (explanation_problems(text) == []) == explains


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("A" * 64, "a" * 64),
        (" ".join(["ab12"] * 16), "ab12" * 16),
        (":".join(["0f"] * 32), "0f" * 32),
        ("a" * 63, None),
        ("g" * 64, None),
        ("", None),
        (None, None),
    ],
)
def test_a_typed_sha256_is_read_forgiving_case_spaces_and_colons(typed, expected):
    assert normalised_sha256(typed) == expected


def test_the_statement_names_the_agency_and_the_year():
    paragraphs = review_statement("Badan Kepegawaian Daerah Provinsi Bengkulu", 2024)
    assert paragraphs[0].startswith(
        "Kami telah mereviu Laporan Kinerja Badan Kepegawaian Daerah Provinsi Bengkulu untuk tahun anggaran 2024"
    )
    assert paragraphs[0].endswith("tanggung jawab manajemen Badan Kepegawaian Daerah Provinsi Bengkulu.")
    assert len(paragraphs) == 3
