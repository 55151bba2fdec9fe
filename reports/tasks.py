"""Rendering the LAKIP PDF in workers: queueing, coalescing, retries, time limit and recovery from dead workers.

The queue is Django's Tasks API (the ``django-tasks`` backport): the database by default, RQ on Redis with
``REDIS_URL``. The library runs a task once and keeps no lease, so what a render needs beyond that lives here,
in the ``RenderState`` row of the agency-year, which every web process and worker shares through the database:

- **One render per burst of changes.** A change moves an idle state (fresh, stale, failed) to queued with one
  compare-and-set UPDATE, so of many concurrent changes exactly one enqueues; changes while it is queued or
  rendering only bump ``version``. The task waits until the data has been quiet for ``PDF_RENDER_DELAY`` seconds
  (at most ``PDF_RENDER_MAX_WAIT`` after it was queued) by putting itself back with ``run_after``.
- **No render of an unchanged report.** The worker builds the HTML, fingerprints it, and reuses a stored PDF
  with that fingerprint; only a new fingerprint reaches WeasyPrint.
- **A time limit.** WeasyPrint runs in a child process that is killed at ``PDF_RENDER_TIME_LIMIT`` seconds; the
  render is recorded as failed with the reason and the worker takes the next job. A timeout is not retried: the
  same report would take as long again.
- **Retries.** Any other failure is retried after a pause until ``PDF_RENDER_ATTEMPTS`` attempts, then failed.
- **Dead workers.** A render holds a lease the worker renews while WeasyPrint works. A render whose lease ran out
  (its worker was killed) is queued again by the next worker that starts a task or by the next status check;
  a queued job the queue lost (a flushed Redis) is queued again by the status check.
- **The approved version's PDF.** The render of an approved report year attaches its PDF to the approved version
  it printed (``_attach``): see there for when it does and when it refuses.
"""

import hashlib
import logging
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from agencies.models import ReportYear
from reports.files import pdf_filename
from reports.models import KEEP_STORED, RenderState, StoredPdf
from reports.pdf import render_html_and_version
from reports.printing import RenderError, RenderTimeout, fingerprint, print_with_limit
from review.models import ReportVersion

logger = logging.getLogger(__name__)

State = RenderState.State
IDLE = (State.FRESH, State.STALE, State.FAILED)
# A worker renews its lease every HEARTBEAT; a lease not renewed for LEASE means the worker is gone.
HEARTBEAT = timedelta(seconds=10)
LEASE = timedelta(seconds=60)
# Schedulers keep run_after to the whole second (RQ's does), so a job may start up to a second early.
SCHEDULER_SLACK = timedelta(seconds=1)
# Pause before retrying a failed render, times the attempt number.
RETRY_PAUSE = timedelta(seconds=15)


def _seconds(value):
    return timedelta(seconds=value)


@task()
def render_report(report_year_id):
    """The queued job: render the PDF of one agency-year if it is (still) queued. Returns what it did."""
    requeue_expired()
    state = RenderState.objects.filter(report_year_id=report_year_id).first()
    if state is None or state.state != State.QUEUED:
        return "nothing queued"
    now = timezone.now()
    if state.changed_at is not None:
        quiet_at = state.changed_at + _seconds(settings.PDF_RENDER_DELAY)
        deadline = state.queued_at + _seconds(settings.PDF_RENDER_MAX_WAIT)
        if now + SCHEDULER_SLACK < quiet_at and now < deadline:
            _enqueue(state, run_after=min(quiet_at, deadline))
            return "waiting for the data to settle"
    token = secrets.token_hex(16)
    claimed = RenderState.objects.filter(pk=state.pk, state=State.QUEUED).update(
        state=State.RENDERING, claim=token, started_at=now, lease_until=now + LEASE, attempts=F("attempts") + 1
    )
    if not claimed:
        return "taken by another worker"
    state.refresh_from_db()
    return _render(state, token)


def _render(state, token):
    version = state.version
    report_year = ReportYear.objects.select_related("agency").get(pk=state.report_year_id)
    try:
        html, approved = render_html_and_version(agency=report_year.agency, year=report_year.year)
        printed_as = fingerprint(html)
        stored = StoredPdf.objects.filter(report_year=report_year, fingerprint=printed_as).first()
        outcome = "unchanged: the stored PDF is current"
        if stored is None:
            printed = print_with_limit(
                html,
                time_limit=settings.PDF_RENDER_TIME_LIMIT,
                heartbeat=lambda: _renew(state.pk, token),
                heartbeat_every=HEARTBEAT.total_seconds(),
            )
            stored = _store(report_year, printed_as, printed)
            outcome = f"rendered {printed.pages} pages in {printed.seconds:.1f} s"
        if approved is not None:
            outcome += _attach(approved, stored)
    except RenderTimeout as error:
        _fail(state, token, str(error), retry=False)
        return "timed out"
    except Exception as error:  # any failure of a render is recorded and retried, never lost in a log
        logger.exception("LAKIP render of %s failed", report_year)
        reason = str(error) if isinstance(error, RenderError) else f"Render gagal: {type(error).__name__}: {error}"
        _fail(state, token, reason, retry=True)
        return "failed"
    return _finish(state, token, version, stored, outcome)


def _renew(state_pk, token):
    RenderState.objects.filter(pk=state_pk, claim=token).update(lease_until=timezone.now() + LEASE)


def _store(report_year, printed_as, printed):
    """Save the PDF through the storage API and record it.

    Two workers can print the same fingerprint (one took over a render whose lease ran out): the second keeps
    the first one's record and removes its own file.
    """
    stored = StoredPdf(
        report_year=report_year,
        fingerprint=printed_as,
        sha256=hashlib.sha256(printed.data).hexdigest(),
        pages=printed.pages,
        size=len(printed.data),
        render_seconds=Decimal(f"{printed.seconds:.3f}"),
        rendered_at=timezone.now(),
    )
    stored.file.save(f"{printed_as}.pdf", ContentFile(printed.data), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:
        stored.file.delete(save=False)
        return StoredPdf.objects.get(report_year=report_year, fingerprint=printed_as)
    return stored


def _attach(version, stored):
    """Give the approved ``version`` the PDF ``stored`` was printed from HTML built for it, unless it has one.

    ``version`` is the one the HTML printed as (``build_context`` read it before the data), so a render that
    began before the approval printed a draft and has no version to attach to; that HTML is never attached. The
    PDF is a copy of the stored file's bytes (``LAKIP-2024-bkd-bengkulu-v1.pdf`` among the version's files) with
    the stored file's SHA-256. One UPDATE fills the version's PDF only while it is empty and the version not
    reopened: of two workers attaching at once, exactly one does (the other removes its copy), and a version
    reopened while its HTML was built (its data could change under the engine) gets no PDF from that render. The
    reading chosen: a version reopened before any render attached its PDF stays without one.
    """
    if ReportVersion.objects.filter(pk=version.pk).exclude(pdf="").exists():
        return ""
    report_year = version.report_year
    name = pdf_filename(report_year.agency, report_year.year, version=version.number)
    with stored.file.open("rb") as source:
        version.pdf.save(name, ContentFile(source.read()), save=False)
    attached = ReportVersion.objects.filter(pk=version.pk, pdf="", reopened_at__isnull=True).update(
        pdf=version.pdf.name, pdf_sha256=stored.sha256
    )
    if not attached:
        version.pdf.delete(save=False)
        return ""
    return f"; attached to version {version.number}"


def _finish(state, token, version, stored, outcome):
    """Fresh when no change came in during the render; otherwise keep the PDF and queue the next render."""
    done = {"current": stored, "claim": "", "lease_until": None, "reason": "", "attempts": 0}
    if RenderState.objects.filter(pk=state.pk, claim=token, version=version).update(state=State.FRESH, **done):
        outcome = f"{outcome}; fresh"
    elif RenderState.objects.filter(pk=state.pk, claim=token).update(
        state=State.QUEUED, queued_at=timezone.now(), **done
    ):
        _enqueue(state, run_after=timezone.now() + _seconds(settings.PDF_RENDER_DELAY))
        outcome = f"{outcome}; the data changed meanwhile: queued again"
    else:
        outcome = f"{outcome}; another worker took the render over"
    _prune(stored)
    return outcome


def _prune(stored):
    """Keep the KEEP_STORED most recent PDFs of the agency-year, never the one just stored or the current one."""
    kept = RenderState.objects.filter(report_year_id=stored.report_year_id, current__isnull=False).values("current")
    older = StoredPdf.objects.filter(report_year_id=stored.report_year_id).exclude(pk=stored.pk).exclude(pk__in=kept)
    for old in older.order_by("-rendered_at", "-pk")[KEEP_STORED - 1 :]:
        old.delete()


def _fail(state, token, reason, *, retry):
    release = {"claim": "", "lease_until": None, "reason": reason}
    if retry and state.attempts < settings.PDF_RENDER_ATTEMPTS:
        if RenderState.objects.filter(pk=state.pk, claim=token).update(
            state=State.QUEUED, queued_at=timezone.now(), **release
        ):
            _enqueue(state, run_after=timezone.now() + RETRY_PAUSE * state.attempts)
        return
    RenderState.objects.filter(pk=state.pk, claim=token).update(state=State.FAILED, **release)


def _enqueue(state, *, run_after=None):
    """Put the render job of ``state`` (already marked queued) on the queue; stale if the queue is down.

    A save in the admin must not fail because Redis is unreachable: the state says so, and the next status
    check queues it again.
    """
    try:
        job = render_report.using(run_after=run_after).enqueue(state.report_year_id)
    except Exception as error:  # whatever the backend raises, the data change itself must stand
        logger.exception("Could not queue the LAKIP render of report year %s", state.report_year_id)
        RenderState.objects.filter(pk=state.pk, state=State.QUEUED).update(
            state=State.STALE, reason=f"Antrean tidak dapat dihubungi: {type(error).__name__}."
        )
        return
    RenderState.objects.filter(pk=state.pk).update(task_id=str(job.id))


def queue_render(report_year, *, delay=0, changed=False):
    """Queue a render of ``report_year`` unless one is queued or running; return its state.

    ``changed`` records a data change: the version moves on, so a render running now ends up outdated.
    """
    state, _ = RenderState.objects.get_or_create(report_year=report_year)
    now = timezone.now()
    if changed:
        RenderState.objects.filter(pk=state.pk).update(version=F("version") + 1, changed_at=now)
    if RenderState.objects.filter(pk=state.pk, state__in=IDLE).update(
        state=State.QUEUED, queued_at=now, reason="", attempts=0
    ):
        _enqueue(state, run_after=now + _seconds(delay) if delay else None)
    state.refresh_from_db()
    return state


def requeue_expired():
    """Queue again every render whose worker stopped renewing its lease (killed, machine lost)."""
    for state in RenderState.objects.filter(state=State.RENDERING, lease_until__lt=timezone.now()):
        _requeue_abandoned(state)


def _requeue_abandoned(state):
    if state.attempts >= settings.PDF_RENDER_ATTEMPTS:
        reason = f"Pekerja berhenti saat merender ({state.attempts} kali); render tidak diulang lagi."
        RenderState.objects.filter(pk=state.pk, claim=state.claim).update(
            state=State.FAILED, claim="", lease_until=None, reason=reason
        )
        return
    if RenderState.objects.filter(pk=state.pk, claim=state.claim).update(
        state=State.QUEUED,
        claim="",
        lease_until=None,
        queued_at=timezone.now(),
        reason="Pekerja sebelumnya berhenti saat merender; render diantrekan ulang.",
    ):
        _enqueue(state)


def _job_lost(state):
    """Whether the queue no longer holds the job of a queued state (it ran without rendering, or was lost)."""
    if not state.task_id:
        return state.queued_at is None or state.queued_at < timezone.now() - LEASE
    try:
        return render_report.get_result(state.task_id).status in (
            TaskResultStatus.SUCCESSFUL,
            TaskResultStatus.FAILED,
        )
    except TaskResultDoesNotExist:
        return True
    except Exception:  # an unreachable queue is not a lost job; the next check asks again
        logger.exception("Could not ask the queue about the LAKIP render job %s", state.task_id)
        return False


def check(report_year):
    """The state of ``report_year``'s PDF after repairing what a status check can repair.

    Called by the download and status pages: a first request queues the first render, a stale state (the queue
    was down) is queued, a dead worker's render or a lost job is queued again. A fresh state costs one query.
    """
    state = RenderState.objects.select_related("current").filter(report_year=report_year).first()
    if state is not None and state.is_fresh:
        return state
    if state is None or state.state == State.STALE or (state.state == State.FRESH and state.current_id is None):
        return queue_render(report_year)
    if state.state == State.RENDERING and state.lease_until and state.lease_until < timezone.now():
        _requeue_abandoned(state)
    elif state.state == State.QUEUED and _job_lost(state):
        _enqueue(state)
    return RenderState.objects.select_related("current").get(pk=state.pk)


def file_lost(state):
    """The stored file of a fresh state is gone from the storage: render it again."""
    logger.error("Stored LAKIP PDF %s is missing from the storage", state.current.file.name)
    RenderState.objects.filter(pk=state.pk, state=State.FRESH).update(state=State.STALE, current=None)
    return queue_render(state.report_year)
