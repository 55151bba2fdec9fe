"""The admin meets the freeze of an approved report with a read-only page or a sentence, never a server error, and
writes nothing of the approved year."""

import pytest
from django.urls import reverse

from agencies.freeze import frozen_message
from agencies.models import Agency, Narrative, ReportYear
from domain.enums import ReportStatus
from indicators.models import Indicator, Realisation, Renstra, Target
from tests.adminforms import change_url, save
from tests.factories import (
    AgencyFactory,
    IndicatorFactory,
    ObjectiveFactory,
    RealisationFactory,
    RenstraFactory,
    TargetFactory,
    UserFactory,
    member_of,
    reviewer_of,
)

pytestmark = pytest.mark.django_db
YEAR = 2024
FROZEN = frozen_message(YEAR)


@pytest.fixture
def agency():
    """An agency whose 2024 report is approved, its 2025 report a draft: one indicator with a realisation and a
    target in each year."""
    agency = AgencyFactory()
    indicator = IndicatorFactory(objective=ObjectiveFactory(renstra=RenstraFactory(agency=agency)))
    for year, value in ((YEAR, "88"), (2025, "91")):
        ReportYear.objects.create(agency=agency, year=year)
        RealisationFactory(indicator=indicator, year=year, value=value)
        TargetFactory(indicator=indicator, year=year, renstra_value="90")
    Narrative.objects.create(report_year=ReportYear.objects.get(agency=agency, year=YEAR), key="background", text="A")
    ReportYear.objects.filter(agency=agency, year=YEAR).update(status=ReportStatus.APPROVED)
    return agency


def people(agency):
    return {
        "planner": member_of(agency),
        "reviewer": reviewer_of(agency.government),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


@pytest.fixture(params=["planner", "reviewer", "superuser"])
def user(request, agency, client):
    user = people(agency)[request.param]
    client.force_login(user)
    return user


def realisation(year=YEAR):
    return Realisation.objects.get(year=year)


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def page_errors(response):
    return [str(error) for error in response.context["adminform"].form.non_field_errors()]


def test_the_change_page_of_a_frozen_realisation_is_read_only_and_a_post_is_refused(client, user):
    frozen = realisation()

    page = client.get(change_url(frozen)).content.decode()
    response = client.post(change_url(frozen), {"indicator": frozen.indicator_id, "year": YEAR, "value": "70"})

    assert 'name="_save"' not in page and 'name="value"' not in page
    assert url(Realisation, "delete", frozen.pk) not in page
    assert response.status_code == 403
    assert realisation().value == "88"


def test_an_open_year_is_saved_as_before(client, user):
    response = save(client, realisation(2025), value="95")
    assert response.status_code == 302
    assert realisation(2025).value == "95"


def test_an_added_realisation_landing_in_the_approved_year_is_refused_with_the_sentence(client, user, agency):
    indicator = IndicatorFactory(objective=Indicator.objects.get().objective)
    data = {"indicator": indicator.pk, "year": YEAR, "value": "70", "status": "final", "files-TOTAL_FORMS": "0"}

    response = client.post(url(Realisation, "add"), {**data, "files-INITIAL_FORMS": "0"})

    assert response.status_code == 200
    assert page_errors(response) == [FROZEN]
    assert not Realisation.objects.filter(indicator=indicator).exists()


def test_a_realisation_moved_into_the_approved_year_is_refused(client, user, agency):
    other = RealisationFactory(indicator=IndicatorFactory(objective=Indicator.objects.get().objective), year=2025)
    response = save(client, other, year=YEAR)
    assert page_errors(response) == [FROZEN]
    other.refresh_from_db()
    assert other.year == 2025


def test_the_indicator_page_saves_its_open_rows_and_refuses_a_change_to_a_frozen_one(client, user):
    indicator = Indicator.objects.get()
    rows = {form.instance.year: index for index, form in enumerate(formset_of(client, indicator, "realisations"))}

    unchanged = save(client, indicator, name="Nama baru", **{f"realisations-{rows[2025]}-value": "95"})
    changed = save(client, indicator, **{f"realisations-{rows[YEAR]}-value": "70"})

    assert unchanged.status_code == 302
    assert (Indicator.objects.get().name, realisation(2025).value) == ("Nama baru", "95")
    assert changed.status_code == 200
    assert inline_errors(changed, "realisations")[rows[YEAR]] == {"__all__": [FROZEN]}
    assert realisation().value == "88"


def test_deleting_a_frozen_row_in_an_inline_is_refused(client, user):
    indicator = Indicator.objects.get()
    rows = {form.instance.year: index for index, form in enumerate(formset_of(client, indicator, "realisations"))}

    response = save(client, indicator, **{f"realisations-{rows[YEAR]}-DELETE": "on"})

    assert response.status_code == 200
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "realisations")
    assert list(formset.non_form_errors()) == [FROZEN]
    assert Realisation.objects.filter(year=YEAR).exists()


def formset_of(client, obj, prefix):
    inlines = client.get(change_url(obj)).context["inline_admin_formsets"]
    return next(inline.formset for inline in inlines if inline.formset.prefix == prefix).forms


def inline_errors(response, prefix):
    inlines = response.context["inline_admin_formsets"]
    return next(inline.formset for inline in inlines if inline.formset.prefix == prefix).errors


def test_the_narratives_of_an_approved_report_are_read_only(client, user):
    report_year = ReportYear.objects.get(year=YEAR)
    page = client.get(change_url(report_year)).content.decode()
    assert 'name="narratives-0-text"' not in page and "narratives-0-DELETE" not in page
    assert Narrative.objects.get().text == "A"


def test_deleting_an_indicator_that_takes_frozen_rows_with_it_is_refused_naming_the_year(client, user):
    indicator = Indicator.objects.get()

    confirm = client.get(url(Indicator, "delete", indicator.pk))
    posted = client.post(url(Indicator, "delete", indicator.pk), {"post": "yes"})

    for response in (confirm, posted):
        assert response.status_code == 200
        page = response.content.decode()
        assert FROZEN in page and "Penghapusan ini ikut menghapus 1 target, 1 realisasi tahun itu." in page
    assert Indicator.objects.filter(pk=indicator.pk).exists() and Realisation.objects.count() == 2


def test_deleting_the_agency_of_an_approved_report_is_refused(client, agency):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(url(Agency, "delete", agency.pk), {"post": "yes"})
    assert response.status_code == 200
    assert FROZEN in response.content.decode() and "1 tahun laporan" in response.content.decode()
    assert Agency.objects.filter(pk=agency.pk).exists()


def test_the_bulk_deletion_refuses_when_a_selected_row_is_frozen(client, user):
    selected = list(Realisation.objects.values_list("pk", flat=True))
    data = {"action": "delete_selected", "_selected_action": selected, "post": "yes"}

    response = client.post(url(Realisation, "changelist"), data)

    assert response.status_code == 200
    assert FROZEN in response.content.decode()
    assert Realisation.objects.count() == 2


def test_the_delete_address_of_a_frozen_row_is_refused(client, user):
    response = client.post(url(Realisation, "delete", realisation().pk), {"post": "yes"})
    assert response.status_code == 403
    assert Realisation.objects.filter(year=YEAR).exists()


def test_a_renstra_period_that_would_drop_the_approved_years_targets_is_refused_not_a_server_error(client, agency):
    client.force_login(reviewer_of(agency.government))
    renstra = Renstra.objects.get()

    response = save(client, renstra, start_year="2025")

    assert response.status_code == 302 and response.url == change_url(renstra)
    assert FROZEN in [str(message) for message in client.get(response.url).context["messages"]]
    renstra.refresh_from_db()
    assert renstra.start_year == 2021 and Target.objects.filter(renstra_year__year=YEAR).exists()
