"""The reviewer's desk: ``/reviu/``, the reports waiting for review, and ``/reviu/<code>/<year>/``, one report
under review.

The queue lists the submitted reports of the agencies the user reviews (``workflow.reviewed_agencies``: their
governments' agencies, every agency for a superuser, never one they plan for), oldest waiting first, each with its
open findings (from the engine, one computation per report: errors split into unexplained and explained) and its
open review notes; below, the returned reports and the latest approved versions. "Since" is when the report
entered its present state, read from its audit trail. A user who reviews no government gets a page saying so, with
status 403.

The review page shows one report to a reviewer of it (404 when they may not see the agency, 403 for its planner):
its state and the decisions open to it, its approved versions, the findings with the planner's explanations, and
per indicator this year's figures beside last year's, per budget line this year's pagu, realisasi and serapan
beside last year's, the narrative sections, each with its review notes and a form to add one. Last year's figures
are the engine's for the year before, computed on the same snapshot: the same plan, so an indicator is compared
with itself.
"""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from agencies.access import get_report_year_or_404
from agencies.models import ReportYear
from budgets.models import BudgetLine
from domain.enums import Chapter, ReportStatus, Severity
from domain.review import NoteSubject, Role
from domain.sections import objective_section_title, place_sections
from indicators.models import Indicator
from performance.findings import unexplained_errors
from performance.results import agency_results, compute_results
from publication import workflow
from publication.forms import ApproveForm, ReasonForm
from review.models import ReportVersion, ReviewNote, ReviewReply
from web.narrative_forms import objective_anchor
from web.views.findings import entries

# How many approved versions the queue lists below the waiting reports.
RECENT_APPROVALS = 20


# --- The queue ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """A submitted report in the queue, with what is still open in it."""

    report_year: ReportYear
    since: object
    unexplained_errors: int
    explained_errors: int
    warnings: int
    infos: int
    open_notes: int


def _since(report_year_ids):
    """When each report year entered its present state: the first record of the last run of equal states in its
    history (one query)."""
    since, last = {}, {}
    history = ReportYear.history.filter(id__in=report_year_ids).order_by("id", "history_date", "history_id")
    for pk, status, when in history.values_list("id", "status", "history_date"):
        if last.get(pk) != status:
            since[pk] = when
        last[pk] = status
    return since


def _open_notes(report_year_ids):
    """How many open review notes each report year has (one query)."""
    counts = (
        ReviewNote.objects.filter(report_year_id__in=report_year_ids, closed_at__isnull=True)
        .values("report_year")
        .annotate(open=Count("pk"))
    )
    return {row["report_year"]: row["open"] for row in counts}


def _waiting(report_year, since, open_notes):
    findings = agency_results(agency=report_year.agency, year=report_year.year).findings
    severities = [f.severity for f in findings]
    unexplained = len(unexplained_errors(findings))
    return Waiting(
        report_year=report_year,
        since=since,
        unexplained_errors=unexplained,
        explained_errors=severities.count(Severity.ERROR) - unexplained,
        warnings=severities.count(Severity.WARNING),
        infos=severities.count(Severity.INFO),
        open_notes=open_notes,
    )


@login_required
@require_GET
def queue(request):
    user = request.user
    if not user.is_superuser and not user.reviewed_governments.exists():
        return render(request, "publication/desk.html", {"reviews_nothing": True}, status=403)
    agencies = workflow.reviewed_agencies(user)
    listed = list(
        ReportYear.objects.filter(agency__in=agencies, status__in=[ReportStatus.SUBMITTED, ReportStatus.RETURNED])
        .select_related("agency__government")
        .order_by("agency__government__name", "agency__name", "-year")
    )
    ids = [report_year.pk for report_year in listed]
    since, notes = _since(ids), _open_notes(ids)
    submitted = sorted(
        (_waiting(r, since.get(r.pk), notes.get(r.pk, 0)) for r in listed if r.status == ReportStatus.SUBMITTED),
        key=lambda row: (row.since is None, row.since),
    )
    returned = [
        Waiting(r, since.get(r.pk), 0, 0, 0, 0, notes.get(r.pk, 0)) for r in listed if r.status == ReportStatus.RETURNED
    ]
    approved = (
        ReportVersion.objects.filter(report_year__agency__in=agencies, report_year__status=ReportStatus.APPROVED)
        .current()
        .select_related("report_year__agency__government")
        .order_by("-approved_at")[:RECENT_APPROVALS]
    )
    context = {"submitted": submitted, "returned": returned, "approved": list(approved)}
    return render(request, "publication/desk.html", context)


# --- The review page ---------------------------------------------------------------------------------------------


@dataclass
class Pinned:
    """Something of the report a note may be pinned to, with its notes and the anchor of its row on the page."""

    anchor: str
    notes: list = field(default_factory=list)


@dataclass
class IndicatorRow(Pinned):
    current: object = None  # this year's IndicatorResult
    previous: object = None  # last year's, or None
    indicator_id: int | None = None


@dataclass
class LineRow(Pinned):
    current: object = None  # this year's BudgetLineResult
    previous: object = None
    line_id: int | None = None


@dataclass
class SectionRow(Pinned):
    name: str = ""  # the note's ``section``
    title: str = ""
    chapter: str = ""  # its label


@dataclass(frozen=True)
class IndicatorGroup:
    title: str
    rows: list


@dataclass(frozen=True)
class FindingRow:
    entry: object  # web.views.findings.Entry
    unexplained: bool


def _notes(report_year):
    """The report's review notes with their replies and their writers (three queries)."""
    replies = ReviewReply.objects.select_related("written_by")
    return list(
        report_year.review_notes.select_related("written_by", "closed_by").prefetch_related(
            Prefetch("replies", queryset=replies)
        )
    )


def _indicator_groups(results, previous, indicator_ids):
    last_year = {i.code: i for i in previous.indicators}

    def row(indicator):
        return IndicatorRow(
            anchor=f"indikator-{slugify(indicator.code)}",
            current=indicator,
            previous=last_year.get(indicator.code),
            indicator_id=indicator_ids.get(indicator.code),
        )

    groups = []
    if results.goal_indicators:
        groups.append(IndicatorGroup("Indikator tujuan", [row(i) for i in results.goal_indicators]))
    for objective in results.objectives:
        groups.append(
            IndicatorGroup(f"Sasaran {objective.code}: {objective.text}", [row(i) for i in objective.indicators])
        )
    if results.line_indicators:
        groups.append(IndicatorGroup("Indikator program dan kegiatan", [row(i) for i in results.line_indicators]))
    return groups


def _line_rows(results, previous, line_ids):
    last_year = {line.code: line for line in previous.budget_lines}
    return [
        LineRow(
            anchor=f"anggaran-{slugify(line.code)}",
            current=line,
            previous=last_year.get(line.code),
            line_id=line_ids.get(line.code),
        )
        for line in results.budget_lines
    ]


def _section_rows(results):
    year = results.snapshot.years.get(results.year)
    narratives = year.narratives if year else {}
    placed = place_sections([(key, n.title, n.chapter) for key, n in narratives.items()])
    rows = [
        SectionRow(anchor=f"narasi-{slugify(p.key)}", name=p.key, title=p.title, chapter=Chapter.label_of(p.chapter))
        for p in placed
    ]
    for objective in results.objectives:
        for key, narrative in objective.narratives.items():
            name = objective_anchor(objective, key)
            rows.append(
                SectionRow(
                    anchor=f"narasi-{slugify(name)}",
                    name=name,
                    title=f"Sasaran {objective.code} · {objective_section_title(key, narrative.title)}",
                    chapter=Chapter.BAB3A.label,
                )
            )
    return rows


def _pin_notes(notes, indicator_groups, line_rows, section_rows):
    """Hand each note to the row it is pinned to; the notes on the whole report and those whose figure the report
    no longer shows (an indicator of another plan, a deleted section) are returned apart."""
    by_indicator = {row.indicator_id: row for group in indicator_groups for row in group.rows}
    by_line = {row.line_id: row for row in line_rows}
    by_section = {row.name: row for row in section_rows}

    def row_of(note):
        if note.subject in (NoteSubject.REALISATION, NoteSubject.TARGET):
            return by_indicator.get(note.indicator_id)
        if note.subject == NoteSubject.BUDGET_LINE:
            return by_line.get(note.budget_line_id)
        return by_section.get(note.section)

    whole, elsewhere = [], []
    for note in notes:
        if note.subject == NoteSubject.REPORT:
            whole.append(note)
            continue
        row = row_of(note)
        (row.notes if row is not None else elsewhere).append(note)
    return whole, elsewhere


def _history(report_year):
    """The report's state changes, newest first: who, when, and the reason recorded."""
    records = report_year.history.select_related("history_user").order_by("history_date", "history_id")
    changes, last = [], None
    for record in records:
        if record.status != last:
            changes.append(record)
        last = record.status
    return changes[::-1]


@login_required
@require_GET
def review(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    agency = report_year.agency
    if Role.REVIEWER not in workflow.roles_of(request.user, agency):
        raise PermissionDenied
    results = agency_results(agency=agency, year=year)
    previous = compute_results(results.snapshot, year - 1)
    indicator_ids = dict(Indicator.objects.filter(agency=agency).values_list("code", "pk"))
    line_ids = dict(BudgetLine.objects.filter(agency=agency).values_list("code", "pk"))
    indicator_groups = _indicator_groups(results, previous, indicator_ids)
    line_rows = _line_rows(results, previous, line_ids)
    section_rows = _section_rows(results)
    notes = _notes(report_year)
    whole, elsewhere = _pin_notes(notes, indicator_groups, line_rows, section_rows)
    unexplained = {(f.rule, f.subject) for f in unexplained_errors(results.findings)}
    findings = [FindingRow(entry, (entry.rule, entry.subject) in unexplained) for entry in entries(results, code, year)]
    status = report_year.status
    context = {
        "agency": agency,
        "report_year": report_year,
        "results": results,
        "previous": previous,
        "previous_year": year - 1,
        "status_label": ReportStatus.label_of(status),
        "page_url": reverse("publication:review", args=[code, year]),
        "may_decide": status == ReportStatus.SUBMITTED,
        "may_reopen": status == ReportStatus.APPROVED,
        "may_note": status == ReportStatus.SUBMITTED,
        "may_close": status != ReportStatus.APPROVED,
        "open_notes": sum(note.is_open for note in notes),
        "unexplained_errors": len(unexplained),
        "return_form": ReasonForm(auto_id="return-%s"),
        "reopen_form": ReasonForm(auto_id="reopen-%s"),
        "approve_form": ApproveForm.for_report(request.user, agency),
        "versions": list(report_year.versions.select_related("approved_by", "reopened_by").order_by("-number")),
        "history": _history(report_year),
        "findings": findings,
        "whole_notes": whole,
        "elsewhere_notes": elsewhere,
        "indicator_groups": indicator_groups,
        "indicator_subjects": [(s.value, s.label) for s in (NoteSubject.REALISATION, NoteSubject.TARGET)],
        "line_rows": line_rows,
        "section_rows": section_rows,
    }
    return render(request, "publication/review.html", context)
