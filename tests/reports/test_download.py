"""The PDF download: login required, only for agencies the user may see, the stored file as a named attachment."""

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse

from agencies.models import ReportYear
from backoffice.admin.agencies import download_pdf
from reports import pdf
from reports.tasks import queue_render
from tests.factories import AgencyFactory, UserFactory, member_of
from tests.reports.pdfqueue import fake_print, pdf_queue, run_queued

pytestmark = pytest.mark.django_db
__all__ = ["pdf_queue"]


def pdf_url(agency, year=2024):
    return reverse("reports:lakip_pdf", args=[agency.code, year])


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(pdf_url(AgencyFactory()))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_user_of_another_agency_gets_404(client):
    agency = AgencyFactory()
    client.force_login(member_of(AgencyFactory()))
    assert client.get(pdf_url(agency)).status_code == 404


def test_member_downloads_the_pdf_as_a_named_attachment_once_a_worker_rendered_it(client, pdf_queue):
    agency = AgencyFactory(code="opd-unduh")
    ReportYear.objects.create(agency=agency, year=2024)
    client.force_login(member_of(agency))
    assert client.get(pdf_url(agency)).status_code == 302
    run_queued()
    response = client.get(pdf_url(agency))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="LAKIP-2024-opd-unduh.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def admin_request(user):
    request = RequestFactory().post("/admin/agencies/reportyear/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_admin_action_sends_the_browser_to_the_selected_report_years_download():
    agency = AgencyFactory(code="opd-admin")
    report_year = ReportYear.objects.create(agency=agency, year=2024)
    modeladmin = admin.site._registry[ReportYear]
    response = download_pdf(modeladmin, admin_request(member_of(agency)), ReportYear.objects.filter(pk=report_year.pk))
    assert response.status_code == 302
    assert response.url == pdf_url(agency)


def test_admin_action_download_is_the_named_pdf_attachment(admin_client, pdf_queue, monkeypatch):
    monkeypatch.setattr(pdf, "print_pdf", fake_print)
    agency = AgencyFactory(code="opd-admin")
    report_year = ReportYear.objects.create(agency=agency, year=2024)
    queue_render(report_year)
    run_queued()
    changelist = reverse("admin:agencies_reportyear_changelist")
    response = admin_client.post(
        changelist, {"action": "download_pdf", "_selected_action": [report_year.pk]}, follow=True
    )
    assert response["Content-Disposition"] == 'attachment; filename="LAKIP-2024-opd-admin.pdf"'


def test_admin_action_asks_for_exactly_one_report_year():
    agency = AgencyFactory()
    for year in (2023, 2024):
        ReportYear.objects.create(agency=agency, year=year)
    modeladmin = admin.site._registry[ReportYear]
    request = admin_request(UserFactory(is_staff=True, is_superuser=True))
    assert download_pdf(modeladmin, request, ReportYear.objects.filter(agency=agency)) is None
