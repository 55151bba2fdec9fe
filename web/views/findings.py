"""The findings panel: ``/agencies/<code>/<year>/findings/``, and the note that explains a finding.

Each finding reads in Indonesian words (``web.finding_titles``), grouped by severity, with a link to the row of the
grid where it is fixed (``web.fix_links``). Every finding may be explained in a sentence: the note is an
``agencies.models.FindingNote``, one per report year, rule and subject. A report is submitted for review only when
each error is fixed or explained (``performance.findings.unexplained_errors``), so an error's entry says whether
its explanation is still missing.

Readings chosen:

- Findings of the same rule about the same subject (a narrative naming three other regions) are one entry with
  each message listed: a note is kept per rule and subject, so they share it.
- A note is "a sentence": ``domain.review.explanation_problems`` refuses one of fewer words, for every severity
  (an explanation the workflow would not count is not stored). An empty text deletes the note.
  A note can only be written for a finding the year has now.
- Anyone who may see the agency (its planners, its government's reviewers) may write the note; it records who did.
  A locked year (``web.locking``) shows the notes without their forms and refuses a note posted all the same.
"""

from dataclasses import dataclass, replace

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from agencies.access import get_report_year_or_404
from agencies.models import FindingNote
from domain.enums import Severity
from domain.review import explanation_problems
from performance.completeness import findings_by_severity
from performance.findings import unexplained_errors
from performance.results import agency_results
from web.finding_titles import finding_title
from web.fix_links import fix_url
from web.locking import lock_message, refuse_if_locked


@dataclass(frozen=True)
class Entry:
    """The findings of one rule about one subject, with their title, the link to fix them and the planner's note."""

    severity: str
    rule: str
    subject: str
    title: str
    messages: tuple[str, ...]
    note: str
    fix_url: str

    @property
    def anchor(self):
        return f"finding-{slugify(self.rule)}-{slugify(self.subject)}"

    @property
    def unexplained_error(self):
        """An error that still blocks the report's submission: its note is not a sentence."""
        return self.severity == Severity.ERROR and bool(explanation_problems(self.note))


class NoteForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput, max_length=FindingNote._meta.get_field("rule").max_length)
    subject = forms.CharField(widget=forms.HiddenInput, max_length=FindingNote._meta.get_field("subject").max_length)
    text = forms.CharField(
        label="Penjelasan",
        required=False,
        max_length=FindingNote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Jelaskan temuan ini dalam satu kalimat"}),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if text:
            for problem in explanation_problems(text):
                self.add_error("text", problem)
        return text


def entries(results, code, year):
    """The year's findings as entries, in the engine's order (errors first, rule order within a severity)."""
    grouped = {}
    for finding in results.findings:
        key = (finding.rule, finding.subject)
        if key in grouped:
            grouped[key]["messages"].append(finding.message)
        else:
            grouped[key] = {"finding": finding, "messages": [finding.message]}
    return [
        Entry(
            severity=item["finding"].severity,
            rule=rule,
            subject=subject,
            title=finding_title(rule),
            messages=tuple(item["messages"]),
            note=item["finding"].note,
            fix_url=fix_url(item["finding"], code, year),
        )
        for (rule, subject), item in grouped.items()
    ]


def _with_form(entry, lock, form=None):
    """An entry and its note form (bound when it comes back with errors); None while the year is locked."""
    if lock:
        return entry, None
    initial = {"rule": entry.rule, "subject": entry.subject, "text": entry.note}
    return entry, form or NoteForm(initial=initial, auto_id=f"{entry.anchor}-%s")


@login_required
@require_GET
def findings_page(request, code, year):
    report_year = get_report_year_or_404(request.user, code, year)
    return _render_page(request, report_year, agency_results(agency=report_year.agency, year=year))


def _render_page(request, report_year, results, *, failed=None, status=200):
    """The panel; ``failed`` is a (rule, subject, bound form) whose note did not save, shown with its errors."""
    code, year = report_year.agency.code, report_year.year
    lock = lock_message(report_year)
    all_entries = entries(results, code, year)
    groups = []
    for severity, count in findings_by_severity(results.findings):
        rows = []
        for entry in all_entries:
            if entry.severity == severity:
                form = failed[2] if failed and failed[:2] == (entry.rule, entry.subject) else None
                rows.append(_with_form(entry, lock, form))
        groups.append({"severity": severity, "count": count, "entries": rows})
    context = {
        "tab": "findings",
        "agency": report_year.agency,
        "report_year": report_year,
        "lock": lock,
        "groups": groups,
        "unexplained_errors": len(unexplained_errors(results.findings)),
    }
    return render(request, "web/findings.html", context, status=status)


def _render_entry(request, report_year, entry, form, *, just_saved=False):
    """One finding's entry alone, the fragment htmx swaps in place of the one the form was in."""
    context = {"agency": report_year.agency, "report_year": report_year, "entry": entry, "form": form}
    return render(request, "web/_finding.html", {**context, "just_saved": just_saved})


@login_required
@require_POST
def save_note(request, code, year):
    """Save (or, with an empty text, delete) the note of one finding; back to the panel at that finding, or, asked
    by htmx, the finding's entry alone with its note in place. A text refused (too long, shorter than a sentence)
    comes back with its error: the whole panel with status 400, or (htmx, which swaps only a success) the entry with
    status 200."""
    report_year = get_report_year_or_404(request.user, code, year)
    if refused := refuse_if_locked(request, report_year, reverse("web:findings", args=[code, year])):
        return refused
    results = agency_results(agency=report_year.agency, year=year)
    key = (request.POST.get("rule"), request.POST.get("subject"))
    entry = next((e for e in entries(results, code, year) if (e.rule, e.subject) == key), None)
    if entry is None:
        return HttpResponseBadRequest("Temuan ini tidak ada di laporan tahun ini.")
    form = NoteForm(request.POST, auto_id=f"{entry.anchor}-%s")
    if not form.is_valid():
        if request.htmx:
            return _render_entry(request, report_year, entry, form)
        return _render_page(request, report_year, results, failed=(*key, form), status=400)
    text = form.cleaned_data["text"]
    if text:
        FindingNote.objects.update_or_create(
            report_year=report_year,
            rule=entry.rule,
            subject=entry.subject,
            defaults={"text": text, "written_by": request.user},
        )
    else:
        FindingNote.objects.filter(report_year=report_year, rule=entry.rule, subject=entry.subject).delete()
    saved = replace(entry, note=text)
    if request.htmx:
        return _render_entry(request, report_year, *_with_form(saved, ""), just_saved=True)
    messages.success(request, "Penjelasan temuan disimpan." if text else "Penjelasan temuan dihapus.")
    return redirect(reverse("web:findings", args=[code, year]) + f"#{saved.anchor}")


urlpatterns = [
    path("findings/", findings_page, name="findings"),
    path("findings/note/", save_note, name="finding_note"),
]
