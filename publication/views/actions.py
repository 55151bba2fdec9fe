"""The buttons of the review workflow, and the download of an approved version's files.

Every action is a POST (CSRF-checked) by a signed-in user. An agency the user may not see is a 404, so its code
does not leak; a user who sees it but lacks the role the action needs (a planner approving, a reviewer submitting)
gets a 403. What else stops an action (the report's state, an unexplained error, an open note, a missing reason) is
the workflow's ``WorkflowError``: its sentences are shown as messages on the page the user came from.

Back to ``next`` when it is an address of this site, else to the planner's year dashboard or, for the reviewer's
actions, the review page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from agencies.access import get_report_year_or_404
from domain.review import Role
from publication import workflow
from publication.forms import ApproveForm, NoteForm, ReasonForm, ReplyForm, error_sentences
from review.models import ReportVersion, ReviewNote

# The files of a version a user may download, by the kind in the address: (field, file name, content type).
VERSION_FILES = {
    "pdf": ("pdf", "LAKIP-{year}-{code}-v{number}.pdf", "application/pdf"),
    "lakip": ("lakip", "{code}-{year}-v{number}.lakip.json", "application/json"),
    "results": ("results", "{code}-{year}-v{number}.results.json", "application/json"),
}


def _back(request, default):
    """To ``next`` if it is a path of this site, else to ``default``."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def _dashboard(report_year):
    return reverse("web:agency_year", args=[report_year.agency.code, report_year.year])


def _review_page(report_year):
    return reverse("publication:review", args=[report_year.agency.code, report_year.year])


def _with_role(request, code, year, role):
    """The report year, for a user who may see it (else 404) and holds ``role`` for its agency (else 403)."""
    report_year = get_report_year_or_404(request.user, code, year)
    if role not in workflow.roles_of(request.user, report_year.agency):
        raise PermissionDenied
    return report_year


def _run(request, action, success):
    """Run ``action``; show ``success`` (a sentence, or a function of what the action returned giving one) or the
    workflow's problems as messages."""
    try:
        result = action()
    except workflow.WorkflowError as error:
        for problem in error.problems:
            messages.error(request, problem)
        return
    messages.success(request, success(result) if callable(success) else success)


def _refuse(request, form):
    for sentence in error_sentences(form):
        messages.error(request, sentence)


@login_required
@require_POST
def submit(request, code, year):
    report_year = _with_role(request, code, year, Role.PLANNER)
    _run(
        request,
        lambda: workflow.submit(report_year, request.user),
        "Laporan diajukan untuk reviu; reviewer Inspektorat diberi tahu lewat e-mail.",
    )
    return _back(request, _dashboard(report_year))


@login_required
@require_POST
def withdraw(request, code, year):
    report_year = _with_role(request, code, year, Role.PLANNER)
    _run(
        request,
        lambda: workflow.withdraw(report_year, request.user),
        "Laporan ditarik kembali menjadi draf dan dapat diubah lagi.",
    )
    return _back(request, _dashboard(report_year))


def _note_or_404(report_year, note_id):
    return get_object_or_404(
        ReviewNote.objects.select_related("report_year__agency"), pk=note_id, report_year=report_year
    )


@login_required
@require_POST
def reply(request, code, year, note_id):
    """An answer to a note, by a planner of the agency or a reviewer."""
    report_year = get_report_year_or_404(request.user, code, year)
    roles = workflow.roles_of(request.user, report_year.agency)
    note = _note_or_404(report_year, note_id)
    default = _review_page(report_year) if Role.REVIEWER in roles else _dashboard(report_year)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        _refuse(request, form)
    else:
        _run(request, lambda: workflow.reply(note, request.user, form.cleaned_data["text"]), "Jawaban disimpan.")
    return _back(request, default)


@login_required
@require_POST
def add_note(request, code, year):
    report_year = _with_role(request, code, year, Role.REVIEWER)
    form = NoteForm(request.POST, agency=report_year.agency)
    if not form.is_valid():
        _refuse(request, form)
    else:
        data = form.cleaned_data
        _run(
            request,
            lambda: workflow.add_note(
                report_year,
                request.user,
                subject=data["subject"],
                text=data["text"],
                indicator=data["indicator"],
                budget_line=data["budget_line"],
                section=data["section"],
            ),
            "Catatan reviu ditambahkan.",
        )
    return _back(request, _review_page(report_year))


@login_required
@require_POST
def close_note(request, code, year, note_id):
    report_year = _with_role(request, code, year, Role.REVIEWER)
    note = _note_or_404(report_year, note_id)
    _run(request, lambda: workflow.close_note(note, request.user), "Catatan reviu ditutup.")
    return _back(request, _review_page(report_year))


def _with_reason(request, code, year, act, success):
    """A reviewer's decision that needs a reason (return, reopen): ``act(report_year, user, reason)``."""
    report_year = _with_role(request, code, year, Role.REVIEWER)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _refuse(request, form)
    else:
        _run(request, lambda: act(report_year, request.user, form.cleaned_data["reason"]), success)
    return _back(request, _review_page(report_year))


@login_required
@require_POST
def return_report(request, code, year):
    return _with_reason(
        request,
        code,
        year,
        workflow.return_report,
        "Laporan dikembalikan untuk diperbaiki; perencana diberi tahu lewat e-mail.",
    )


@login_required
@require_POST
def approve(request, code, year):
    report_year = _with_role(request, code, year, Role.REVIEWER)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        _refuse(request, form)
        return _back(request, _review_page(report_year))
    _run(
        request,
        lambda: workflow.approve(report_year, request.user, **form.cleaned_data),
        lambda version: (
            f"Laporan disetujui sebagai versi {version.number} dan datanya dikunci; PDF yang disetujui "
            "sedang disiapkan."
        ),
    )
    return _back(request, _review_page(report_year))


@login_required
@require_POST
def reopen(request, code, year):
    return _with_reason(
        request,
        code,
        year,
        workflow.reopen,
        "Laporan dibuka kembali: datanya dapat diubah lagi, versi yang disetujui tetap tersimpan.",
    )


def version_filename(version, kind):
    """``LAKIP-2024-bkd-bengkulu-v1.pdf``, ``bkd-bengkulu-2024-v1.lakip.json``, ``...-v1.results.json``."""
    report_year = version.report_year
    pattern = VERSION_FILES[kind][1]
    return pattern.format(year=report_year.year, code=report_year.agency.code, number=version.number)


@login_required
@require_GET
def version_file(request, code, year, number, kind):
    """A version's PDF, ``lakip/1`` or ``lakip-results/1`` file, for anyone who may see the agency, reopened or
    not; 404 for an unknown kind or a file not (yet) stored."""
    report_year = get_report_year_or_404(request.user, code, year)
    if kind not in VERSION_FILES:
        raise Http404("Jenis berkas tidak dikenal.")
    version = get_object_or_404(ReportVersion, report_year=report_year, number=number)
    version.report_year = report_year
    field_name, _, content_type = VERSION_FILES[kind]
    stored = getattr(version, field_name)
    if not stored:
        raise Http404("Berkas versi ini belum tersedia.")
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas versi ini tidak ditemukan di penyimpanan.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=version_filename(version, kind), content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True)
    return response
