"""Each object's audit trail in the admin: who changed what when, old → new; scoped like the object; read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from agencies.models import FindingNote, Narrative, ReportYear
from domain.enums import ReportStatus
from indicators.models import Realisation
from tests.adminforms import change_url, save
from tests.factories import (
    AgencyFactory,
    RealisationFactory,
    UserFactory,
    member_of,
    reviewer_of,
)

pytestmark = pytest.mark.django_db

TRACKED = sorted(
    (model for model in admin.site._registry if hasattr(model._meta, "simple_history_manager_attribute")),
    key=lambda model: model._meta.label,
)


def history_url(obj, *version):
    opts = obj._meta
    view = "simple_history" if version else "history"
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *version])


@pytest.fixture
def realisation():
    return RealisationFactory(value="88")


def test_every_tracked_model_has_its_history_in_the_admin():
    assert {model._meta.label for model in TRACKED} >= {
        "agencies.Agency",
        "agencies.Government",
        "agencies.ReportYear",
        "budgets.BudgetFigure",
        "budgets.BudgetLine",
        "budgets.ExpenseTypeBudget",
        "indicators.Indicator",
        "indicators.Objective",
        "indicators.Realisation",
        "indicators.Renstra",
        "indicators.Target",
    }
    assert all(isinstance(admin.site._registry[model], SimpleHistoryAdmin) for model in TRACKED)


@pytest.mark.parametrize("model", TRACKED, ids=lambda model: model._meta.label)
def test_the_history_page_of_every_tracked_model_opens_for_its_reviewer(model, import_demo, client):
    agencies = [import_demo("bengkulu-2024"), import_demo("bengkalis-2024")]
    FindingNote.objects.create(report_year=ReportYear.objects.first(), rule="repeated", subject="IKU-1", text="Sama.")
    reviewer = reviewer_of(agencies[0].government)
    agencies[1].government.reviewers.add(reviewer)
    client.force_login(reviewer)
    assert client.get(history_url(model.objects.first())).status_code == 200


def test_a_row_edited_in_its_parents_inline_links_to_its_history_hidden_from_the_index(client, realisation):
    report_year = ReportYear.objects.create(agency=realisation.indicator.agency, year=2024)
    narrative = Narrative.objects.create(report_year=report_year, key="background", text="Lama.")
    planner = member_of(report_year.agency)
    client.force_login(planner)

    save(client, report_year, **{"narratives-0-text": "Baru."})
    page = client.get(change_url(report_year)).content.decode()
    history = client.get(history_url(narrative))

    assert history_url(narrative) in page
    assert history.context["page_obj"].object_list[0].history_delta_changes == [
        {"field": "Teks (Markdown)", "old": "Lama.", "new": "Baru."}
    ]
    assert "narasi laporan" not in client.get(reverse("admin:index")).content.decode().lower()
    client.force_login(reviewer_of(AgencyFactory().government))
    assert client.get(history_url(narrative)).status_code in (302, 404)


def test_the_history_lists_who_changed_which_field_from_what_to_what(client, realisation):
    planner = member_of(realisation.indicator.agency)
    client.force_login(planner)
    assert save(client, realisation, value="95", note="Data akhir").status_code == 302

    response = client.get(history_url(realisation))

    latest, created = response.context["page_obj"].object_list
    assert (latest.history_user, latest.history_type) == (planner, "~")
    assert sorted(latest.history_delta_changes, key=lambda change: change["field"]) == [
        {"field": "Catatan", "old": "", "new": "Data akhir"},
        {"field": "Realisasi", "old": "88", "new": "95"},
    ]
    assert created.history_type == "+"
    page = " ".join(response.content.decode().split())
    assert planner.username in page and "<strong>Realisasi:</strong> 88 &rarr; 95" in page


def test_a_state_reads_as_its_label(client):
    report_year = ReportYear.objects.create(agency=AgencyFactory(), year=2024)
    reviewer = reviewer_of(report_year.agency.government)
    report_year.status = ReportStatus.APPROVED
    report_year._history_user = reviewer
    report_year.save()
    client.force_login(reviewer)

    latest = client.get(history_url(report_year)).context["page_obj"].object_list[0]

    assert latest.history_user == reviewer
    assert latest.history_delta_changes == [{"field": "Status", "old": "Draf", "new": "Disetujui"}]


@pytest.mark.parametrize("who", ["reviewer of another government", "planner of another agency", "no agency"])
def test_nobody_else_reads_the_history(client, realisation, who):
    other = AgencyFactory()
    user = {
        "reviewer of another government": lambda: reviewer_of(other.government),
        "planner of another agency": lambda: member_of(other),
        "no agency": lambda: UserFactory(is_staff=True),
    }[who]()
    client.force_login(user)
    version = realisation.history.get().history_id

    assert client.get(history_url(realisation)).status_code in (404, 302)
    assert client.get(history_url(realisation, version)).status_code in (404, 302)
    assert client.get(history_url(realisation)).status_code != 200


def test_the_reviewer_reads_the_history_and_a_version_but_reverts_nothing(client, realisation):
    client.force_login(reviewer_of(realisation.indicator.agency.government))
    version = realisation.history.get().history_id
    realisation.value = "95"
    realisation.save()

    page = client.get(history_url(realisation)).content.decode()
    version_page = client.get(history_url(realisation, version))
    posted = client.post(history_url(realisation, version), {"value": "88", "_change_history": "1"})

    assert "Pilih tanggal" not in page  # no invitation to revert
    assert version_page.status_code == 200 and 'name="_change_history"' not in version_page.content.decode()
    assert posted.status_code == 403
    assert Realisation.objects.get().value == "95"


def test_an_address_naming_no_object_or_version_is_a_404(client, realisation):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    opts = Realisation._meta
    for args in (["abc"], [realisation.pk, "x"]):
        view = "history" if len(args) == 1 else "simple_history"
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)).status_code == 404
