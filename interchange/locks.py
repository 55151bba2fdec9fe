"""Which years of an agency an import or a workbook may not change, and why: one sentence per year.

An approved report is frozen for everybody (``agencies.freeze``); the importer and the workbook write in bulk,
which sends no per-row signal, so they ask here before they write. A planner of the agency may moreover change
only a year whose report is a draft or returned (``domain.review.planner_may_edit``): a submitted report waits for
its reviewer.

Readings chosen: who counts as the planner follows the review workflow (``publication.workflow.roles_of``): a
member of the agency is its planner, even when they also review its government. A reviewer or an administrator
(not a member) may change any year that is not approved, as in the admin. Without a user (``manage.py
import_lakip``, an administrator's tool) only the approved years are locked.
"""

from agencies.freeze import frozen_message
from agencies.models import ReportYear
from domain.review import is_frozen, planner_may_edit


def submitted_message(year):
    return f"Laporan tahun {year} sedang direviu Inspektorat; tarik kembali pengajuannya untuk mengubah datanya."


def is_planner(user, agency_id):
    """Whether ``user`` is a member of the agency ``agency_id`` (one query)."""
    return user is not None and user.is_authenticated and user.agencies.filter(pk=agency_id).exists()


def year_problem(year, status, *, planner):
    """Why a year of ``status`` may not change (a sentence), or None."""
    if is_frozen(status):
        return frozen_message(year)
    if planner and not planner_may_edit(status):
        return submitted_message(year)
    return None


def locked_years(agency_id, user=None):
    """``{year: why}`` for every year of the agency ``agency_id`` that ``user`` may not change (one query, two with
    a user)."""
    if agency_id is None:
        return {}
    statuses = ReportYear.objects.filter(agency_id=agency_id).values_list("year", "status")
    planner = is_planner(user, agency_id)
    problems = {year: year_problem(year, status, planner=planner) for year, status in statuses}
    return {year: problem for year, problem in problems.items() if problem}


def report_year_problem(report_year, user):
    """Why ``user`` may not change the data of ``report_year`` through an upload (a sentence), or None."""
    return year_problem(report_year.year, report_year.status, planner=is_planner(user, report_year.agency_id))
