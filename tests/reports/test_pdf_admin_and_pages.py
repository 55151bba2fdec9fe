"""Where the stored PDFs show besides the download: the year page, the read-only admin, ``queue_lakip``."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from reports import pdf
from reports.models import RenderState, StoredPdf
from reports.tasks import queue_render
from tests.factories import AgencyFactory, GovernmentFactory, ReportYearFactory, member_of, reviewer_of
from tests.reports.pdfqueue import fake_print, jobs, pdf_queue, run_queued

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_queue")]
__all__ = ["pdf_queue"]


@pytest.fixture
def two_agencies(monkeypatch):
    """Two agencies of one government, each with a rendered 2024 PDF."""
    monkeypatch.setattr(pdf, "print_pdf", fake_print)
    government = GovernmentFactory(code="kab-uji")
    report_years = [
        ReportYearFactory(agency=AgencyFactory(government=government, code=code), year=2024)
        for code in ("opd-satu", "opd-dua")
    ]
    for report_year in report_years:
        queue_render(report_year)
    run_queued()
    return report_years


def test_year_page_shows_the_pdf_state_beside_the_download(two_agencies, client):
    mine = two_agencies[0]
    client.force_login(member_of(mine.agency))
    page = client.get(reverse("web:agency_year", args=["opd-satu", 2024])).content.decode()
    assert "PDF terbaru · 3 halaman</a>" in page

    RenderState.objects.filter(report_year=mine).update(state=RenderState.State.FAILED, reason="x")
    page = client.get(reverse("web:agency_year", args=["opd-satu", 2024])).content.decode()
    assert "Render PDF gagal (versi lama tersedia)</a>" in page


@pytest.mark.parametrize("model", [StoredPdf, RenderState])
def test_admin_lists_only_the_planners_own_pdfs_read_only(two_agencies, client, model):
    mine, theirs = two_agencies
    client.force_login(member_of(mine.agency))
    name = f"admin:reports_{model._meta.model_name}"
    listing = client.get(reverse(f"{name}_changelist"))
    assert listing.status_code == 200
    assert [row.report_year for row in listing.context["cl"].result_list] == [mine]
    assert client.get(reverse(f"{name}_add")).status_code == 403

    own = model.objects.get(report_year=mine)
    detail = client.get(reverse(f"{name}_change", args=[own.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    other = model.objects.get(report_year=theirs)
    assert client.get(reverse(f"{name}_change", args=[other.pk])).status_code == 302  # to the admin index


def test_admin_never_links_to_the_storage(two_agencies, client):
    stored = StoredPdf.objects.get(report_year=two_agencies[0])
    client.force_login(reviewer_of(two_agencies[0].agency.government))
    page = client.get(reverse("admin:reports_storedpdf_change", args=[stored.pk])).content.decode()
    assert stored.file.name in page
    assert f'href="{stored.file.name}' not in page
    assert f'href="/{stored.file.name}' not in page


def test_queue_lakip_queues_every_agency_of_the_government(pdf_queue):
    government = GovernmentFactory(code="kab-antre")
    report_years = [
        ReportYearFactory(agency=AgencyFactory(government=government), year=year) for year in (2023, 2024, 2024)
    ]
    ReportYearFactory(year=2024)  # another government's
    out = StringIO()
    call_command("queue_lakip", "--government", "kab-antre", stdout=out)
    assert sorted(job.args[0] for job in jobs()) == sorted(report_year.pk for report_year in report_years)
    assert "3 tahun laporan diantrekan." in out.getvalue()

    pdf_queue.clear()
    call_command("queue_lakip", "--government", "kab-antre", "--year", "2023", stdout=StringIO())
    assert not jobs(), "already queued: nothing more"
    RenderState.objects.update(state=RenderState.State.FRESH)
    call_command("queue_lakip", "--government", "kab-antre", "--year", "2023", stdout=StringIO())
    assert [job.args[0] for job in jobs()] == [report_years[0].pk]


def test_queue_lakip_refuses_an_unknown_government():
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("queue_lakip", "--government", "tidak-ada", stdout=StringIO())


@pytest.mark.parametrize(
    ("redis_url", "worker", "options"),
    [
        ("", "db_worker", {"batch": True, "reload": False}),
        ("redis://127.0.0.1:6379/0", "rqworker", {"burst": True, "with_scheduler": True}),
    ],
)
def test_lakip_worker_runs_the_worker_of_the_configured_queue(settings, monkeypatch, redis_url, worker, options):
    settings.REDIS_URL = redis_url
    calls = []
    monkeypatch.setattr(
        "reports.management.commands.lakip_worker.call_command", lambda *args, **kwargs: calls.append((args, kwargs))
    )
    call_command("lakip_worker", "--batch")
    [(args, kwargs)] = calls
    assert args[0] == worker
    assert options.items() <= kwargs.items()
