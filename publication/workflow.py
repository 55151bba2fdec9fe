"""The review workflow: who moves a report (one agency-year) from state to state, its review notes, and its
approved versions.

Every action takes the report year and the acting user, checks that the user may see the agency at all, asks
``domain.review.transition_problems`` with the counts it gathers, and raises ``WorkflowError`` with the problems in
Indonesian when it may not go ahead. The check and the change run in one transaction holding a lock on the
``ReportYear`` row (``select_for_update``), so two clicks cannot both win: the second sees the first's state. Each
state change is saved with a change reason (django-simple-history), so the report's audit trail reads "Diajukan",
"Dikembalikan: <alasan>", "Disetujui: versi 1"...

Readings chosen:

- Roles (``roles_of``): a member of the agency is its planner, and only its planner, even when they also review its
  government or are a superuser, so nobody approves a report they wrote. A reviewer of the agency's government is
  its reviewer; a superuser (the administrator) holds both roles for every other agency.
- Returning a report stores the reason as an open note on the whole report (subject ``report``), written by the
  reviewer, so the planner reads it in the workspace and the reviewer closes it once satisfied (approval needs
  every note closed).
- Notes: a reviewer adds them while the report is submitted and closes them while it is not approved; a planner of
  the agency or a reviewer answers an open one. Closing a closed note changes nothing.
- A note's pin must belong to the report: an indicator (realisation or target) or a budget line of the same
  agency, or a narrative section the report has that year, named as the narratives page names its rows: the
  section's key for a section of the year (``background``), ``<sasaran code>-<key>`` for a sasaran's own section
  (``S1-analysis``, ``web.narrative_forms.objective_anchor``). A missing section is noted on the whole report.
- Approving writes the version's ``lakip/1`` (``interchange.exporter.export_document``, the whole agency as its
  file round-trips) and ``lakip-results/1`` (the year's results) with their SHA-256, in the transaction; if the
  transaction fails the files are deleted again. (Called inside a caller's own transaction that later rolls back,
  the files stay behind unreferenced; the next approval writes under another name.) The PDF is rendered by the
  queue once the approval is committed (``reports.tasks.queue_render``), never in the request.
- The reviewer's NIP may be left empty; one that is given must be a standard 18-digit NIP. The review date may
  not lie in the future.
- Reopening an approved report without a stored version (approved before versions existed) reopens it all the
  same and returns None.
- Mail (``publication.notify``) is sent once the transaction commits: submitting mails the government's
  reviewers; returning, approving and reopening mail the agency's planners.
"""

import hashlib
import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import Truncator

from agencies.access import can_access_agency, can_review_agency
from agencies.models import Agency, Narrative, ReportYear
from domain.enums import ReportStatus
from domain.numbers import format_decimal, is_standard_nip, round_half_up
from domain.review import TRANSITIONS, Action, NoteSubject, Role, transition_problems
from domain.validators import TEXT_LENGTH
from indicators.models import ObjectiveNarrative
from interchange.exporter import ExportError, export_document
from interchange.results import results_document
from performance.findings import unexplained_errors
from performance.results import agency_results
from publication import notify
from reports.tasks import queue_render
from review.models import ReportVersion, ReviewNote, ReviewReply
from web.narrative_forms import objective_anchor

# django-simple-history keeps a change reason of at most this many characters.
CHANGE_REASON_LENGTH = 100

NO_ACCESS = "Anda tidak memiliki akses ke perangkat daerah ini."


class WorkflowError(Exception):
    """An action that may not go ahead; ``problems`` says why, one Indonesian sentence each."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


def roles_of(user, agency):
    """The roles (``domain.review.Role``) ``user`` holds for ``agency``: empty when they may not see it."""
    if not can_access_agency(user, agency):
        return set()
    if agency.members.filter(pk=user.pk).exists():
        return {Role.PLANNER}
    if user.is_superuser:
        return {Role.PLANNER, Role.REVIEWER}
    return {Role.REVIEWER} if can_review_agency(user, agency) else set()


def reviewed_agencies(user):
    """The agencies ``user`` reviews (holds ``Role.REVIEWER`` for), as a queryset: ``roles_of`` for many."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    agencies = Agency.objects.all() if user.is_superuser else Agency.objects.filter(government__reviewers=user)
    return agencies.exclude(members=user)


def current_version(report_year):
    """The approved version the report stands at (not reopened since), or None."""
    return report_year.versions.current().first()


def _lock(report_year):
    """The report year read again under a row lock held until the transaction ends."""
    return (
        ReportYear.objects.select_for_update(of=("self",)).select_related("agency__government").get(pk=report_year.pk)
    )


def _change_reason(label, text=""):
    """``Dikembalikan: <reason>`` on one line, cut to what the history keeps."""
    words = " ".join(text.split())
    return Truncator(f"{label}: {words}" if words else label).chars(CHANGE_REASON_LENGTH)


def _too_long(what):
    return f"{what} paling panjang {format_decimal(TEXT_LENGTH, places=0)} karakter."


def _roles(user, report_year):
    roles = roles_of(user, report_year.agency)
    if not roles:
        raise WorkflowError([NO_ACCESS])
    return roles


def _move(locked, user, action, reason):
    """Save ``locked`` in the state ``action`` leads to, recording who and why in its history."""
    locked.status = TRANSITIONS[action].target
    locked._change_reason = reason
    locked._history_user = user
    locked.save(update_fields=["status"])


def _decide(report_year, user, action, *, reason="", change_reason, count_errors=False, count_notes=False):
    """Lock the report, check ``action`` and move it; the locked report year. Run inside a transaction."""
    locked = _lock(report_year)
    roles = _roles(user, locked)
    errors = notes = 0
    if count_errors:
        errors = len(unexplained_errors(agency_results(agency=locked.agency, year=locked.year).findings))
    if count_notes:
        notes = locked.review_notes.filter(closed_at__isnull=True).count()
    problems = transition_problems(
        action, locked.status, roles=roles, unexplained_errors=errors, open_notes=notes, reason=reason
    )
    if problems:
        raise WorkflowError(problems)
    _move(locked, user, action, change_reason)
    return locked


def submit(report_year, user):
    """A planner submits a draft or returned report for review; its reviewers are mailed."""
    with transaction.atomic():
        locked = _decide(report_year, user, Action.SUBMIT, change_reason="Diajukan untuk reviu", count_errors=True)
        notify.report_submitted(locked, user)
    report_year.status = locked.status


def withdraw(report_year, user):
    """A planner takes a submitted report back to draft, to change it."""
    with transaction.atomic():
        locked = _decide(report_year, user, Action.WITHDRAW, change_reason="Ditarik kembali oleh perencana")
    report_year.status = locked.status


def return_report(report_year, user, reason):
    """A reviewer returns a submitted report with a reason, stored as an open note on the whole report; its
    planners are mailed. Returns the note."""
    reason = (reason or "").strip()
    if len(reason) > TEXT_LENGTH:
        raise WorkflowError([_too_long("Alasan")])
    with transaction.atomic():
        locked = _decide(
            report_year, user, Action.RETURN, reason=reason, change_reason=_change_reason("Dikembalikan", reason)
        )
        note = ReviewNote.objects.create(report_year=locked, subject=NoteSubject.REPORT, text=reason, written_by=user)
        notify.report_returned(locked, user, reason)
    report_year.status = locked.status
    return note


def _json_bytes(document):
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _store(field_file, name, data, written):
    """Write ``data`` into ``field_file`` under ``name`` (the model is saved by the caller); its SHA-256."""
    field_file.save(name, ContentFile(data), save=False)
    written.append((field_file.storage, field_file.name))
    return hashlib.sha256(data).hexdigest()


def _stored_achievement(achievement):
    """The headline achievement as the version keeps it: rounded to 2 places like the results file, and None when
    absurd figures make it too large for its column (the results file still holds it)."""
    field = ReportVersion._meta.get_field("achievement")
    rounded = round_half_up(achievement, field.decimal_places)
    if rounded is None or abs(rounded) >= 10 ** (field.max_digits - field.decimal_places):
        return None
    return rounded


def _signature_problems(reviewer_name, reviewer_nip, reviewer_title, reviewed_on):
    problems = []
    if not reviewer_name.strip():
        problems.append("Tuliskan nama reviewer yang menandatangani pernyataan reviu.")
    if not reviewer_title.strip():
        problems.append("Tuliskan jabatan reviewer.")
    if reviewer_nip.strip() and not is_standard_nip(reviewer_nip):
        problems.append("NIP reviewer harus 18 digit (atau dikosongkan).")
    if reviewed_on is None:
        problems.append("Tuliskan tanggal reviu.")
    elif reviewed_on > timezone.localdate():
        problems.append("Tanggal reviu tidak boleh setelah hari ini.")
    return problems


def approve(report_year, user, *, reviewer_name, reviewer_nip, reviewer_title, reviewed_city, reviewed_on):
    """A reviewer approves a submitted report with no open note: the next ``ReportVersion`` with its ``lakip/1``
    and ``lakip-results/1`` files and their SHA-256; the approved PDF is queued once committed."""
    written = []
    try:
        with transaction.atomic():
            locked = _lock(report_year)
            agency = locked.agency
            problems = transition_problems(
                Action.APPROVE,
                locked.status,
                roles=_roles(user, locked),
                open_notes=locked.review_notes.filter(closed_at__isnull=True).count(),
            )
            problems += _signature_problems(reviewer_name, reviewer_nip, reviewer_title, reviewed_on)
            if problems:
                raise WorkflowError(problems)
            try:
                lakip = export_document(agency)
            except ExportError as error:
                raise WorkflowError([str(error)]) from error
            results = agency_results(agency=agency, year=locked.year)
            number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
            version = ReportVersion(
                report_year=locked,
                number=number,
                approved_at=timezone.now(),
                approved_by=user,
                reviewer_name=reviewer_name.strip(),
                reviewer_nip=reviewer_nip.strip(),
                reviewer_title=reviewer_title.strip(),
                reviewed_city=reviewed_city.strip(),
                reviewed_on=reviewed_on,
                achievement=_stored_achievement(results.totals.achievement),
            )
            stem = f"{agency.code}-{locked.year}-v{number}"
            version.lakip_sha256 = _store(version.lakip, f"{stem}.lakip.json", _json_bytes(lakip), written)
            version.results_sha256 = _store(
                version.results, f"{stem}.results.json", _json_bytes(results_document(results)), written
            )
            version.save()
            _move(locked, user, Action.APPROVE, f"Disetujui: versi {number}")
            transaction.on_commit(lambda: queue_render(locked, changed=True))
            notify.report_approved(version, user)
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    report_year.status = locked.status
    return version


def reopen(report_year, user, reason):
    """A reviewer reopens an approved report with a reason: back to draft, its data open again, the current
    version marked reopened (it and its files stay downloadable). Returns that version (None if it had none)."""
    reason = (reason or "").strip()
    if len(reason) > TEXT_LENGTH:
        raise WorkflowError([_too_long("Alasan")])
    with transaction.atomic():
        locked = _decide(
            report_year, user, Action.REOPEN, reason=reason, change_reason=_change_reason("Dibuka kembali", reason)
        )
        version = current_version(locked)
        if version is not None:
            version.reopened_at = timezone.now()
            version.reopened_by = user
            version.reopen_reason = reason
            version.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
        notify.report_reopened(locked, user, reason)
    report_year.status = locked.status
    return version


# --- Review notes ---------------------------------------------------------------------------------------------


def narrative_sections(report_year):
    """The names of the narrative sections ``report_year`` has (the pins a narrative note may take): each year
    section's key, and ``<sasaran code>-<key>`` for each sasaran's section of the year."""
    keys = set(Narrative.objects.filter(report_year=report_year).values_list("key", flat=True))
    sasaran = ObjectiveNarrative.objects.filter(
        objective__renstra__agency_id=report_year.agency_id, year=report_year.year
    ).select_related("objective")
    return keys | {objective_anchor(section.objective, section.key) for section in sasaran}


def _pin_problems(report_year, subject, indicator, budget_line, section):
    """Why a note about ``subject`` may not be pinned to what it names (the pins of the module's readings)."""
    if subject not in NoteSubject.values():
        return ["Pilih tentang apa catatan ini."]
    wanted = {
        NoteSubject.REPORT: (False, False, False),
        NoteSubject.REALISATION: (True, False, False),
        NoteSubject.TARGET: (True, False, False),
        NoteSubject.BUDGET_LINE: (False, True, False),
        NoteSubject.NARRATIVE: (False, False, True),
    }[subject]
    if (indicator is not None, budget_line is not None, bool(section)) != wanted:
        return [f"Catatan tentang «{NoteSubject.label_of(subject)}» harus menunjuk tepat satu hal yang sesuai."]
    agency_id = report_year.agency_id
    if indicator is not None and indicator.agency_id != agency_id:
        return ["Indikator itu bukan milik perangkat daerah laporan ini."]
    if budget_line is not None and budget_line.agency_id != agency_id:
        return ["Baris anggaran itu bukan milik perangkat daerah laporan ini."]
    if section and section not in narrative_sections(report_year):
        return [f"Laporan tahun {report_year.year} tidak memiliki bagian narasi «{section}»."]
    return []


def _text_problems(text, what):
    if not text:
        return [f"Tuliskan {what.lower()}nya."]
    return [_too_long(what)] if len(text) > TEXT_LENGTH else []


def add_note(report_year, user, *, subject, text, indicator=None, budget_line=None, section=""):
    """A reviewer's note on one figure of a submitted report (or on the whole report), open until closed."""
    text = (text or "").strip()
    section = (section or "").strip()
    with transaction.atomic():
        locked = _lock(report_year)
        problems = []
        if Role.REVIEWER not in _roles(user, locked):
            problems.append("Hanya reviewer Inspektorat yang dapat menulis catatan reviu.")
        if locked.status != ReportStatus.SUBMITTED:
            problems.append(
                f"Laporan berstatus «{ReportStatus.label_of(locked.status)}»: catatan reviu hanya dapat ditulis "
                "selama laporan diajukan untuk reviu."
            )
        problems += _pin_problems(locked, subject, indicator, budget_line, section)
        problems += _text_problems(text, "Catatan")
        if problems:
            raise WorkflowError(problems)
        return ReviewNote.objects.create(
            report_year=locked,
            subject=subject,
            indicator=indicator,
            budget_line=budget_line,
            section=section,
            text=text,
            written_by=user,
        )


def reply(note, user, text):
    """An answer in an open note's thread, by a planner of the agency or a reviewer."""
    text = (text or "").strip()
    with transaction.atomic():
        locked = _lock(note.report_year)
        _roles(user, locked)
        problems = _text_problems(text, "Jawaban")
        if ReviewNote.objects.filter(pk=note.pk, closed_at__isnull=False).exists():
            problems.insert(0, "Catatan ini sudah ditutup; jawaban tidak dapat ditambahkan.")
        if problems:
            raise WorkflowError(problems)
        return ReviewReply.objects.create(note=note, text=text, written_by=user)


def close_note(note, user):
    """A reviewer closes a note (nothing happens to a closed one); not once the report is approved."""
    with transaction.atomic():
        locked = _lock(note.report_year)
        if Role.REVIEWER not in _roles(user, locked):
            raise WorkflowError(["Hanya reviewer Inspektorat yang dapat menutup catatan reviu."])
        stored = ReviewNote.objects.select_for_update(of=("self",)).get(pk=note.pk)
        if not stored.is_open:
            note.closed_at, note.closed_by_id = stored.closed_at, stored.closed_by_id
            return
        if locked.status == ReportStatus.APPROVED:
            raise WorkflowError(["Laporan sudah disetujui: catatan reviunya tidak dapat diubah."])
        note.closed_at, note.closed_by = timezone.now(), user
        ReviewNote.objects.filter(pk=note.pk).update(closed_at=note.closed_at, closed_by=user)
