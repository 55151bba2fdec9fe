"""What the workspace shows beside a figure: the reviewer's notes pinned to it, and the way to its history.

A review note (``review.ReviewNote``) is pinned to an indicator's realisation or target, a budget line, a
narrative section or the whole report. A page loads the year's notes of the subjects it shows in a fixed number of
queries (the notes with their pins and authors, then their replies with theirs) and hands each row the notes of
its pin: an indicator's code on the realisation and target grids, a budget line's code on the budget tree, a
section's anchor on the narratives page (its key for a section of the year, ``<sasaran code>-<key>`` for a
sasaran's, ``web.narrative_forms.objective_anchor``), nothing for the whole report.

Readings chosen: the planner answers a note while the report is not approved (``publication.workflow.reply`` checks
the rest); closing a note is the reviewer's act on their desk, so the workspace offers no close button.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.urls import reverse

from domain.enums import ReportStatus
from domain.review import NoteSubject
from review.models import ReviewNote, ReviewReply


@dataclass(frozen=True)
class PinnedNote:
    note: ReviewNote
    can_reply: bool


@dataclass(frozen=True)
class Aside:
    """Beside one figure: its notes (``PinnedNote``), the address of its history ("" for a figure not stored), and
    the address a reply comes back to (the figure's row)."""

    notes: tuple = ()
    history_url: str = ""
    back: str = ""

    @property
    def open_count(self):
        return sum(1 for pinned in self.notes if pinned.note.is_open)


def history_url(report_year, model_name, pk):
    """The address of the history of one stored object of the year's agency (``web.views.history``)."""
    return reverse("web:history", args=[report_year.agency.code, report_year.year, model_name, pk])


def _pin(note):
    if note.indicator_id:
        return note.indicator.code
    if note.budget_line_id:
        return note.budget_line.code
    return note.section


def year_notes(report_year, subjects):
    """The year's review notes about ``subjects``, as ``PinnedNote`` lists by (subject, pin), oldest first: two
    queries at most, whatever the number of notes and replies."""
    notes = (
        ReviewNote.objects.filter(report_year=report_year, subject__in=subjects)
        .select_related("indicator", "budget_line", "written_by", "closed_by")
        .prefetch_related(Prefetch("replies", queryset=ReviewReply.objects.select_related("written_by")))
        .order_by("written_at", "id")
    )
    may_reply = report_year.status != ReportStatus.APPROVED
    by_pin = {}
    for note in notes:
        note.report_year = report_year  # the note's template reads its agency and year
        by_pin.setdefault((note.subject, _pin(note)), []).append(PinnedNote(note, may_reply))
    return by_pin


def row_asides(report_year, subject, rows, *, page_url, model_name="", stored=None):
    """An ``Aside`` per row key of ``rows`` (pairs of key and HTML id): the notes about ``subject`` pinned to the
    key, the history of the row's stored object (``stored`` maps a key to the pk of a ``model_name`` object) and the
    row's address on ``page_url``."""
    notes = year_notes(report_year, [subject]) if subject else {}
    stored = stored or {}
    return {
        key: Aside(
            notes=tuple(notes.get((subject, key), ())),
            history_url=history_url(report_year, model_name, stored[key]) if key in stored else "",
            back=f"{page_url}#{anchor}",
        )
        for key, anchor in rows
    }


# The tab of the workspace where the notes of each subject show (a url name of ``web``).
SUBJECT_TABS = {
    NoteSubject.REPORT: "agency_year",
    NoteSubject.REALISATION: "realisations",
    NoteSubject.TARGET: "targets",
    NoteSubject.BUDGET_LINE: "budget",
    NoteSubject.NARRATIVE: "narratives",
}


def open_notes_by_tab(report_year):
    """How many review notes of the year are open, by the tab of the workspace where they show (one query)."""
    counts = (
        ReviewNote.objects.filter(report_year=report_year, closed_at__isnull=True)
        .order_by()
        .values_list("subject")
        .annotate(count=Count("id"))
    )
    by_tab = {}
    for subject, count in counts:
        tab = SUBJECT_TABS[subject]
        by_tab[tab] = by_tab.get(tab, 0) + count
    return by_tab
