"""Whether the planner's pages of a report year accept changes, and the refusal of a change when they do not.

``domain.review.planner_may_edit`` decides: a draft or a returned report is open; a submitted one waits for its
reviewer (the planner withdraws it to change it) and an approved one is frozen. While a report is locked every page
of its year shows why (the banner of ``templates/web/year_base.html``), renders read-only, and every POST that would
write (a grid's save, an evidence upload or deletion, a narrative section's save, addition or deletion, the
settings, a finding's note) is refused by ``refuse_if_locked`` before anything is read from the request, so a form
posted from a page opened earlier writes nothing either. The live previews (a realisation row, a narrative's
Markdown) write nothing and stay allowed.

Readings chosen: the settings belong to the agency, not to the year, but the settings page of a locked year is
locked with its year (the page sits under the year and changes every figure of it); the settings page of an open
year of the same agency still saves them. The message of an approved report names the version it stands at, the
approved version not reopened since (``review.ReportVersion``).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from domain.enums import ReportStatus
from domain.review import planner_may_edit
from review.models import ReportVersion

SUBMITTED_MESSAGE = "Laporan sedang direviu Inspektorat; tarik kembali untuk mengubah."


def _message(report_year):
    if planner_may_edit(report_year.status):
        return ""
    if report_year.status != ReportStatus.APPROVED:
        return SUBMITTED_MESSAGE
    number = ReportVersion.objects.filter(report_year=report_year).current().values_list("number", flat=True).first()
    version = f"versi {number} " if number else ""
    return f"Laporan {version}sudah disetujui; data dikunci."


def lock_message(report_year):
    """Why the pages of ``report_year`` accept no change (a sentence), or ``""`` when they do. Kept on the report
    year, which lives for one request, so the view and the page's frame ask the database once."""
    if not hasattr(report_year, "_lakip_lock_message"):
        report_year._lakip_lock_message = _message(report_year)
    return report_year._lakip_lock_message


def refuse_if_locked(request, report_year, back):
    """The response refusing a change to a locked ``report_year`` (its message, then back to the page ``back``), or
    None when the change may go ahead. htmx is told to load ``back`` as a whole page, where the message shows."""
    message = lock_message(report_year)
    if not message:
        return None
    messages.error(request, f"Perubahan tidak disimpan. {message}")
    if request.htmx:
        response = HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")
        response["HX-Redirect"] = back
        return response
    return redirect(back)
