"""The year's dashboard: ``/agencies/<code>/<year>/``.

Every figure comes from the engine: the results (``performance.results``), how complete the year's data is and
where the headline figures stand among the agency's category bands (``performance.completeness``), and the
charts the PDF draws (``presentation.charts``), the same calls as ``reports.context``.

Its review panel says where the report stands in its review by the Inspektorat: the status; the button submitting
a draft or returned report (a plain POST to ``publication:submit``), held back while error findings are neither
fixed nor explained (``performance.findings.unexplained_errors``, linked to the findings panel); the button
withdrawing a submitted one; the reviewer's last decision; the notes on the whole report; and every approved
version with its files.

Readings chosen:

- The buttons show to whom the workflow lets press them (``publication.workflow.roles_of``, which also decides the
  POST): the agency's planner (a member) and an administrator; a reviewer reads the panel.
- The last decision is the newest change of the report's state (its history) into "returned" or "approved": when,
  by whom and the workflow's reason ("Dikembalikan: ..."). An approved report shows its version (number, date,
  reviewer) from ``review.ReportVersion``, the one not reopened since.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.access import get_report_year_or_404
from domain.enums import ReportStatus
from domain.review import Action, NoteSubject, planner_may_edit
from performance import completeness
from performance.findings import unexplained_errors
from performance.results import agency_results
from presentation.charts import budget_absorption_chart, objective_achievement_charts
from web.asides import year_notes

DECISIONS = (ReportStatus.RETURNED, ReportStatus.APPROVED)


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on the report: the state it led to, when, by whom, and why."""

    status: str
    when: object
    who: str
    reason: str

    @property
    def label(self):
        return ReportStatus.label_of(self.status)


def last_decision(report_year):
    """The newest move of the report into "returned" or "approved" (``Decision``), or None (one query)."""
    records = list(report_year.history.select_related("history_user").order_by("-history_date", "-history_id"))
    for record, older in zip(records, [*records[1:], None], strict=True):
        if record.status in DECISIONS and (older is None or older.status != record.status):
            user = record.history_user
            who = (user.get_full_name() or user.get_username()) if user else "sistem"
            return Decision(record.status, record.history_date, who, record.history_change_reason or "")
    return None


def review_panel(request, report_year, results):
    """What the review panel of the dashboard shows (see the module's docstring)."""
    agency = report_year.agency
    user = request.user
    versions = list(report_year.versions.select_related("approved_by").order_by("-number"))
    notes = year_notes(report_year, [NoteSubject.REPORT]).get((NoteSubject.REPORT, ""), [])
    return {
        "status": report_year.status,
        "acts_as_planner": user.is_superuser or agency.members.filter(pk=user.pk).exists(),
        "may_submit": planner_may_edit(report_year.status),
        "may_withdraw": report_year.status == ReportStatus.SUBMITTED,
        "submit_label": Action.SUBMIT.label,
        "withdraw_label": Action.WITHDRAW.label,
        "unexplained_errors": len(unexplained_errors(results.findings)),
        "decision": last_decision(report_year),
        "current_version": next((v for v in versions if v.is_current), None),
        "versions": versions,
        "notes": notes,
        "open_notes": sum(1 for pinned in notes if pinned.note.is_open),
    }


@login_required
@require_GET
def agency_year(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    agency = report_year.agency
    results = agency_results(agency=agency, year=year)
    charts = objective_achievement_charts(results)
    absorption_chart, absorption_by_program = budget_absorption_chart(results)
    return render(
        request,
        "web/agency_year.html",
        {
            "tab": "agency_year",
            "agency": agency,
            "report_year": report_year,
            "results": results,
            "panel": review_panel(request, report_year, results),
            "completeness": completeness.completeness(results),
            "achievement": completeness.standing(results.totals.achievement, results.category_bands),
            "absorption": completeness.standing(results.totals.absorption, results.category_bands),
            "finding_counts": completeness.findings_by_severity(results.findings),
            "charts": [(o, charts[o.code]) for o in results.objectives if charts[o.code]],
            "absorption_chart": absorption_chart,
            "absorption_by_program": absorption_by_program,
        },
    )
