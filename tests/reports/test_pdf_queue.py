"""The LAKIP PDF as a stored document: changes queue one render, workers render, downloads serve the stored file.

Each test drives the queue by hand (``tests/reports/pdfqueue.py``): the dummy backend keeps the jobs and
``run_queued`` runs them as a worker would. WeasyPrint runs for real where the PDF itself is checked and is
replaced by ``fake_print`` elsewhere.
"""

import hashlib
import os
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from agencies.models import ReportYear
from indicators.models import Indicator
from interchange.importer import import_document
from reports import pdf
from reports.models import RenderState, StoredPdf
from reports.tasks import queue_render, render_report
from tests.factories import AgencyFactory, ReportYearFactory, member_of
from tests.reports.pdfqueue import fake_print, jobs, pdf_queue, run_queued

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_queue")]
__all__ = ["pdf_queue"]

State = RenderState.State


def url(name, report_year):
    return reverse(f"reports:{name}", args=[report_year.agency.code, report_year.year])


@pytest.fixture
def report_year():
    return ReportYearFactory(agency=AgencyFactory(code="opd-antrean"), year=2024)


@pytest.fixture
def planner(client, report_year):
    client.force_login(member_of(report_year.agency))
    return client


@pytest.fixture
def printer(monkeypatch):
    """WeasyPrint replaced by ``fake_print`` (the forked child inherits the replacement)."""
    monkeypatch.setattr(pdf, "print_pdf", fake_print)


def rendered(report_year):
    """Queue the first render of ``report_year`` as the first download does, and run it."""
    queue_render(report_year)
    run_queued()
    return RenderState.objects.select_related("current").get(report_year=report_year)


def test_ten_saves_queue_one_render(import_demo, django_capture_on_commit_callbacks):
    bengkalis = import_demo("bengkalis-2024")
    report_year = bengkalis.report_years.get(year=2024)
    indicator = Indicator.objects.filter(agency=bengkalis).first()
    for number in range(10):
        with django_capture_on_commit_callbacks(execute=True):
            indicator.name = f"Indikator yang diubah ke-{number}"
            indicator.save()
    assert len(jobs(report_year)) == 1
    state = RenderState.objects.get(report_year=report_year)
    assert (state.state, state.version) == (State.QUEUED, 10)


def test_a_burst_waits_until_the_data_settles(report_year, settings, pdf_queue, django_capture_on_commit_callbacks):
    settings.PDF_RENDER_DELAY = 10
    with django_capture_on_commit_callbacks(execute=True):
        report_year.agency.save()
    [job] = jobs(report_year)
    assert job.task.run_after >= timezone.now() + timedelta(seconds=9)
    pdf_queue.clear()
    assert render_report.call(report_year.pk) == "waiting for the data to settle"
    [again] = jobs(report_year)
    assert again.task.run_after > timezone.now()
    assert not StoredPdf.objects.exists()


def test_a_change_of_a_linked_row_or_of_the_government_queues_the_render(
    report_year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_year.agency.government.save()
    assert len(jobs(report_year)) == 1


def test_the_worker_stores_the_pdf_through_the_storage_api(report_year):
    state = rendered(report_year)
    stored = state.current
    data = default_storage.open(stored.file.name).read()
    assert state.state == State.FRESH
    assert stored.file.name == f"lakip/2024/opd-antrean/{stored.fingerprint}.pdf"
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.pages == len(PdfReader(default_storage.open(stored.file.name)).pages) > 1
    assert stored.size == len(data)
    assert stored.render_seconds > 0


def test_an_unchanged_agency_year_is_served_and_rechecked_without_weasyprint(report_year, planner, printer):
    stored = rendered(report_year).current
    with (
        mock.patch.object(pdf, "HTML", side_effect=AssertionError("WeasyPrint called")),
        mock.patch("reports.tasks.render_html_and_version", side_effect=AssertionError("engine called")),
    ):
        response = planner.get(url("lakip_pdf", report_year))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="LAKIP-2024-opd-antrean.pdf"'
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()

    # Asked again (after a deploy, say), the worker finds the same fingerprint and prints nothing.
    queue_render(report_year)
    with mock.patch.object(pdf, "print_pdf", side_effect=AssertionError("WeasyPrint called")):
        assert run_queued() == ["unchanged: the stored PDF is current; fresh"]
    assert list(StoredPdf.objects.all()) == [stored]


def test_a_stale_pdf_shows_its_state_and_offers_the_previous_file(
    report_year, planner, printer, django_capture_on_commit_callbacks
):
    old = rendered(report_year).current
    with django_capture_on_commit_callbacks(execute=True):
        report_year.signed_city = "Bengkalis"
        report_year.save()

    response = planner.get(url("lakip_pdf", report_year))
    assert response.status_code == 302
    assert response.url == url("lakip_status", report_year) + "?unduh=1"
    page = planner.get(response.url).content.decode()
    assert '<li aria-current="step">Menunggu antrean</li>' in page
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "Versi lama" in page
    assert f'href="{url("lakip_pdf_previous", report_year)}"' in page

    previous = planner.get(url("lakip_pdf_previous", report_year))
    assert previous["Content-Disposition"] == 'attachment; filename="LAKIP-2024-opd-antrean-versi-lama.pdf"'
    assert b"".join(previous.streaming_content) == old.file.open("rb").read()

    run_queued()
    state = RenderState.objects.get(report_year=report_year)
    assert state.state == State.FRESH
    assert state.current != old
    page = planner.get(url("lakip_status", report_year) + "?unduh=1").content.decode()
    assert f'<meta http-equiv="refresh" content="0;url={url("lakip_pdf", report_year)}">' in page
    assert "Versi lama" not in page


def test_a_failing_render_is_retried_a_bounded_number_of_times_then_shown_with_its_reason(
    report_year, planner, monkeypatch, settings
):
    settings.PDF_RENDER_ATTEMPTS = 3
    monkeypatch.setattr(pdf, "print_pdf", mock.Mock(side_effect=ValueError("tata letak <rusak>")))
    planner.get(url("lakip_pdf", report_year))
    assert run_queued() == ["failed", "failed", "failed"]

    state = RenderState.objects.get(report_year=report_year)
    assert (state.state, state.attempts) == (State.FAILED, 3)
    assert state.reason == "Render gagal: ValueError: tata letak <rusak>"
    page = planner.get(url("lakip_status", report_year)).content.decode()
    assert "Render gagal." in page
    assert "ValueError: tata letak &lt;rusak&gt;" in page
    assert "http-equiv" not in page

    monkeypatch.setattr(pdf, "print_pdf", fake_print)
    response = planner.post(url("lakip_render", report_year))
    assert response.url == url("lakip_status", report_year)
    run_queued()
    assert RenderState.objects.get(report_year=report_year).state == State.FRESH


def test_the_render_button_needs_the_csrf_token(report_year, client):
    client.handler.enforce_csrf_checks = True
    client.force_login(member_of(report_year.agency))
    assert client.post(url("lakip_render", report_year)).status_code == 403


def abandoned(report_year):
    """A render whose worker was killed: still 'rendering', lease run out, no job in the queue."""
    now = timezone.now()
    return RenderState.objects.create(
        report_year=report_year,
        state=State.RENDERING,
        claim="dead-worker",
        attempts=1,
        queued_at=now - timedelta(minutes=5),
        started_at=now - timedelta(minutes=5),
        lease_until=now - timedelta(seconds=1),
    )


def test_a_killed_workers_render_is_queued_again_by_the_status_check_and_rendered(report_year, planner, printer):
    abandoned(report_year)
    page = planner.get(url("lakip_status", report_year)).content.decode()
    assert "Pekerja sebelumnya berhenti saat merender" in page
    assert len(jobs(report_year)) == 1
    run_queued()
    state = RenderState.objects.get(report_year=report_year)
    assert (state.state, state.claim) == (State.FRESH, "")


def test_a_killed_workers_render_is_queued_again_by_the_next_worker(report_year, printer):
    abandoned(report_year)
    other = ReportYearFactory(agency=report_year.agency, year=2025)
    RenderState.objects.create(report_year=other, state=State.QUEUED, queued_at=timezone.now())
    render_report.call(other.pk)
    assert RenderState.objects.get(report_year=report_year).state == State.QUEUED
    run_queued()
    assert RenderState.objects.get(report_year=report_year).state == State.FRESH


def test_a_render_whose_worker_keeps_dying_ends_as_failed(report_year, planner, settings):
    settings.PDF_RENDER_ATTEMPTS = 1
    abandoned(report_year)
    page = planner.get(url("lakip_status", report_year)).content.decode()
    assert "Render gagal." in page
    assert "Pekerja berhenti saat merender (1 kali)" in page
    assert not jobs()


def test_a_job_the_queue_lost_is_queued_again(report_year, planner, pdf_queue):
    planner.get(url("lakip_pdf", report_year))
    pdf_queue.clear()  # as a flushed Redis would
    planner.get(url("lakip_status", report_year))
    assert len(jobs(report_year)) == 1


def slow_for_one_agency(html):
    """Hang on the report of ``opd-lambat`` (a runaway layout); print the others."""
    if "OPD LAMBAT" in html.upper():
        time.sleep(60)
    return fake_print(html)


def test_a_render_past_its_time_limit_is_failed_and_the_next_job_runs(report_year, monkeypatch, settings):
    settings.PDF_RENDER_TIME_LIMIT = 1
    monkeypatch.setattr(pdf, "print_pdf", slow_for_one_agency)
    slow = ReportYearFactory(agency=AgencyFactory(code="opd-lambat", name="OPD Lambat"), year=2024)
    queue_render(slow)
    queue_render(report_year)
    start = time.monotonic()
    timed_out, next_job = run_queued()
    assert (timed_out, next_job.startswith("rendered 3 pages")) == ("timed out", True)
    assert time.monotonic() - start < 10
    slow_state = RenderState.objects.get(report_year=slow)
    assert (slow_state.state, slow_state.reason) == (
        State.FAILED,
        "Render melebihi batas waktu 1 detik dan dihentikan.",
    )
    assert RenderState.objects.get(report_year=report_year).state == State.FRESH


def test_a_render_that_crashes_its_child_process_is_recorded(report_year, monkeypatch, settings):
    settings.PDF_RENDER_ATTEMPTS = 1
    monkeypatch.setattr(pdf, "print_pdf", lambda html: os._exit(3))
    queue_render(report_year)
    run_queued()
    state = RenderState.objects.get(report_year=report_year)
    assert (state.state, state.reason) == (State.FAILED, "Proses render berhenti tanpa hasil (kode keluar 3).")


@pytest.mark.parametrize("name", ["lakip_pdf", "lakip_pdf_previous", "lakip_status"])
def test_another_agencys_planner_gets_404(report_year, client, name):
    client.force_login(member_of(AgencyFactory()))
    assert client.get(url(name, report_year)).status_code == 404
    assert not RenderState.objects.exists()


def test_another_agencys_planner_cannot_queue_a_render(report_year, client):
    client.force_login(member_of(AgencyFactory()))
    assert client.post(url("lakip_render", report_year)).status_code == 404
    assert not jobs()


def test_deleting_a_report_year_deletes_its_files(report_year, printer, django_capture_on_commit_callbacks):
    name = rendered(report_year).current.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        ReportYear.objects.filter(pk=report_year.pk).delete()
    assert not default_storage.exists(name)


def test_a_reimport_that_changes_the_data_queues_one_render(
    import_demo, demo_document, django_capture_on_commit_callbacks
):
    bengkalis = import_demo("bengkalis-2024")
    report_year = bengkalis.report_years.get(year=2024)
    document = demo_document("bengkalis-2024")
    document["renstra"]["objectives"][0]["indicators"][0]["realisations"]["2024"]["value"] = "0.70"
    with django_capture_on_commit_callbacks(execute=True):
        import_document(document)
    assert len(jobs(report_year)) == 1


def test_a_reimport_of_the_same_file_queues_nothing(import_demo, django_capture_on_commit_callbacks):
    bengkalis = import_demo("bengkalis-2024")
    with django_capture_on_commit_callbacks(execute=True):
        import_demo("bengkalis-2024")
    assert jobs(bengkalis.report_years.get(year=2024)) == []
