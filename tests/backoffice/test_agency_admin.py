"""The admin works for every model, and each user sees and edits only the agencies they may access."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from agencies.models import Agency, ReportYear
from backoffice.admin.base import RowHistoryAdmin
from indicators.models import Indicator, Realisation
from tests.factories import UserFactory, member_of, reviewer_of

pytestmark = pytest.mark.django_db

LAKIP_APPS = {"agencies", "indicators", "budgets"}
REGISTERED = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in LAKIP_APPS and not isinstance(model_admin, RowHistoryAdmin)
    ),
    key=lambda model: model._meta.label,
)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


@pytest.fixture
def bengkulu(import_demo):
    return import_demo("bengkulu-2024")


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_site_header_is_indonesian(superuser_client):
    response = superuser_client.get(reverse("admin:index"))
    assert "LAKIP — Administrasi" in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_superuser_opens_changelist_change_and_add_page_of_every_model(model, bengkalis, bengkulu, superuser_client):
    assert superuser_client.get(admin_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert obj is not None, f"demo data has no {model._meta.label}"
    assert superuser_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert superuser_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_reviewer_opens_changelist_and_change_page_of_every_model(model, bengkalis, bengkulu, client):
    reviewer = reviewer_of(bengkalis.government)
    bengkulu.government.reviewers.add(reviewer)
    client.force_login(reviewer)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "change", model.objects.first().pk)).status_code == 200


@pytest.mark.parametrize("model", [Agency, Indicator, Realisation], ids=lambda model: model._meta.label)
def test_reviewer_of_another_government_lists_only_their_own_agencys_rows(model, bengkalis, bengkulu, client):
    client.force_login(reviewer_of(bengkulu.government))
    response = client.get(admin_url(model, "changelist"))
    listed = {obj.pk for obj in response.context["cl"].result_list}
    assert listed
    assert listed <= {row["pk"] for row in _owned_by(model, bengkulu)}
    assert bengkalis.name not in response.content.decode()


@pytest.mark.parametrize("model", [Agency, Indicator, Realisation], ids=lambda model: model._meta.label)
def test_reviewer_of_another_government_cannot_open_the_agencys_objects(model, bengkalis, bengkulu, client):
    client.force_login(reviewer_of(bengkulu.government))
    obj = model.objects.filter(pk__in=_owned_by(model, bengkalis)).first()
    response = client.get(admin_url(model, "change", obj.pk))
    assert response.status_code in (302, 404)
    assert response.status_code == 404 or response.url == reverse("admin:index")


def _owned_by(model, agency):
    lookups = {Agency: "pk", Indicator: "agency", Realisation: "indicator__agency"}
    return model.objects.filter(**{lookups[model]: agency.pk}).values("pk")


def test_reviewer_cannot_delete_the_agency_of_another_government(bengkalis, bengkulu, client):
    client.force_login(reviewer_of(bengkulu.government))
    indicator = Indicator.objects.filter(agency=bengkalis).first()
    client.post(admin_url(Indicator, "delete", indicator.pk), {"post": "yes"})
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_reviewer_cannot_attach_a_realisation_to_another_governments_indicator(bengkalis, bengkulu, client):
    client.force_login(reviewer_of(bengkulu.government))
    foreign = Indicator.objects.filter(agency=bengkalis).first()
    response = client.post(
        admin_url(Realisation, "add"), {"indicator": foreign.pk, "year": 2030, "value": "1", "status": "final"}
    )
    assert response.status_code == 200
    assert not Realisation.objects.filter(indicator=foreign, year=2030).exists()


def test_agency_filter_offers_only_accessible_agencies(bengkalis, bengkulu, import_demo, client):
    belitung_timur = import_demo("belitung-timur-2024")
    reviewer = reviewer_of(bengkalis.government)
    belitung_timur.government.reviewers.add(reviewer)
    client.force_login(reviewer)
    page = client.get(admin_url(Indicator, "changelist")).content.decode()
    assert bengkalis.name in page
    assert belitung_timur.name in page
    assert bengkulu.name not in page


def test_planner_sees_their_agency_only(bengkalis, bengkulu, client):
    client.force_login(member_of(bengkulu))
    page = client.get(admin_url(Indicator, "changelist")).content.decode()
    assert "IKSK-2" in page
    assert bengkalis.name not in page


def test_planner_cannot_change_who_the_members_of_their_agency_are(bengkulu, client):
    planner = member_of(bengkulu)
    outsider = UserFactory()
    client.force_login(planner)
    url = admin_url(Agency, "change", bengkulu.pk)
    form = client.get(url).context["adminform"].form
    assert "members" not in form.fields
    data = {name: form[name].value() for name in form.fields}
    response = client.post(url, {**data, "city": "Kota Bengkulu", "members": [outsider.pk]})
    assert response.status_code == 302
    bengkulu.refresh_from_db()
    assert bengkulu.city == "Kota Bengkulu"
    assert list(bengkulu.members.all()) == [planner]


def test_staff_user_without_agency_sees_no_lakip_models(bengkalis, client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(admin_url(Indicator, "changelist")).status_code == 403


def test_admin_post_without_csrf_token_is_refused(bengkalis):
    user = UserFactory(is_superuser=True, is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    indicator = Indicator.objects.filter(agency=bengkalis).first()
    response = client.post(admin_url(Indicator, "delete", indicator.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_user_text_is_escaped_in_the_admin(bengkalis, superuser_client):
    Indicator.objects.filter(agency=bengkalis, code="IKU-2").update(name="<script>alert('x')</script>")
    page = superuser_client.get(admin_url(Realisation, "changelist")).content.decode()
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page


def test_years_are_written_without_a_thousands_separator(bengkalis, superuser_client):
    page = superuser_client.get(admin_url(Realisation, "changelist")).content.decode()
    assert ">2024<" in page
    assert "2.024" not in page


@pytest.mark.parametrize("model", [Agency, ReportYear], ids=lambda model: model._meta.label)
def test_filters_do_not_name_governments_or_agencies_of_others(model, bengkalis, bengkulu, client):
    client.force_login(reviewer_of(bengkalis.government))
    page = client.get(admin_url(model, "changelist")).content.decode()
    assert bengkalis.name in page
    assert "Bengkulu" not in page


def test_report_year_list_offers_the_pdf_download_action(bengkalis, client):
    client.force_login(reviewer_of(bengkalis.government))
    page = client.get(admin_url(ReportYear, "changelist")).content.decode()
    assert 'value="download_pdf"' in page
