"""The target grid (``web:targets``): a planner types the Renstra, PK and quarterly targets of the indicators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.synthetic import build_large_agency
from indicators.models import Target
from tests.factories import AgencyFactory, member_of

pytestmark = pytest.mark.django_db


def grid_data(grid, **changes):
    """The POST of ``grid`` as the page shows it, with ``changes`` typed in: ``{"IKU-2__renstra_2025": "57,5"}``."""
    data = {f"{grid.prefix}-TOTAL_FORMS": len(grid.forms), f"{grid.prefix}-INITIAL_FORMS": len(grid.forms)}
    for form in grid.forms:
        for name in form.fields:
            data[form[name].html_name] = form[name].value() or ""
    for where, value in changes.items():
        key, name = where.split("__")
        form = next(form for form in grid.forms if form.key == key)
        data[form[name].html_name] = value
    return data


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def planner(client, belitung):
    client.force_login(member_of(belitung))
    return client


def url(agency, year=2024):
    return reverse("web:targets", args=[agency.code, year])


def target(code, year):
    return Target.objects.filter(indicator__code=code, renstra_year__year=year).first()


def post(client, agency, **changes):
    grid = client.get(url(agency)).context["grid"]
    return client.post(url(agency), grid_data(grid, **changes))


def test_the_grid_shows_each_years_renstra_target_and_the_pk_target(planner, belitung):
    response = planner.get(url(belitung))
    assert response.status_code == 200
    grid = response.context["grid"]
    assert grid.years == [2021, 2022, 2023, 2024, 2025, 2026]
    row = next(form for form in grid.forms if form.key == "IKU-4")
    assert row["renstra_2024"].value() == "76,61–88,30"
    row = next(form for form in grid.forms if form.key == "IKU-1")
    assert (row["renstra_2024"].value(), row["agreement_value"].value()) == ("143", "257")
    assert 'id="row-iku-1"' in response.content.decode()


def test_another_agencys_planner_gets_a_404_on_get_and_post(client, belitung):
    client.force_login(member_of(AgencyFactory()))
    assert client.get(url(belitung)).status_code == 404
    assert client.post(url(belitung), {}).status_code == 404
    assert target("IKU-2", 2025).renstra_value == "57"


def test_typed_indonesian_values_are_stored_as_plain_text(planner, belitung):
    response = post(
        planner,
        belitung,
        **{"IKU-2__renstra_2025": "57,5", "IKU-2__renstra_2021": "80 s.d. 90", "IKU-2__q2": "1.234"},
    )
    assert response.status_code == 302
    assert target("IKU-2", 2025).renstra_value == "57.5"
    assert target("IKU-2", 2021).renstra_value == "80-90"
    assert target("IKU-2", 2024).q2 == "1234"
    assert "Target 1 indikator disimpan." in planner.get(url(belitung)).content.decode()


def test_a_pk_target_that_differs_needs_its_reason(planner, belitung):
    response = post(planner, belitung, **{"IKU-3__agreement_value": "A"})
    assert response.status_code == 200
    errors = [str(error) for error in response.context["errors"]]
    assert errors == ["IKU-3 · Alasan PK berbeda: Wajib diisi: target PK A berbeda dengan target Renstra BB."]
    assert target("IKU-3", 2024).agreement_value == ""

    response = post(planner, belitung, **{"IKU-3__agreement_value": "A", "IKU-3__agreement_reason": "Hasil rapat PK."})
    assert response.status_code == 302
    stored = target("IKU-3", 2024)
    assert (stored.agreement_value, stored.agreement_reason) == ("A", "Hasil rapat PK.")


def test_a_pk_target_equal_to_the_renstra_as_a_number_needs_no_reason(planner, belitung):
    assert post(planner, belitung, **{"IKU-2__agreement_value": "56,00"}).status_code == 302
    assert target("IKU-2", 2024).agreement_value == "56.00"


def test_an_emptied_year_is_deleted_and_a_filled_one_created(planner, belitung):
    assert target("IKU-2", 2021) is None
    response = post(planner, belitung, **{"IKU-2__renstra_2026": "", "IKU-2__renstra_2021": "53"})
    assert response.status_code == 302
    assert target("IKU-2", 2026) is None
    assert target("IKU-2", 2021).renstra_value == "53"
    assert target("IKU-2", 2025).renstra_value == "57"


def test_quarterly_targets_without_a_target_of_the_year_are_refused(planner, belitung):
    response = post(planner, belitung, **{"IKU-2__renstra_2024": "", "IKU-2__agreement_value": "", "IKU-2__q1": "10"})
    assert response.status_code == 200
    assert [str(e) for e in response.context["errors"]] == [
        "IKU-2: Target triwulan dan alasan PK perlu target Renstra atau target PK tahun 2024."
    ]
    assert target("IKU-2", 2024).renstra_value == "56"


def test_an_error_in_the_last_row_leaves_every_row_unsaved(planner, belitung):
    grid = planner.get(url(belitung)).context["grid"]
    first, last = grid.forms[0].key, grid.forms[-1].key
    response = planner.post(
        url(belitung), grid_data(grid, **{f"{first}__renstra_2025": "999", f"{last}__renstra_2025": "12,3,4"})
    )
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [(e.row_label, e.field) for e in errors] == [(last, "Renstra 2025")]
    assert errors[0].row == grid.forms[-1].row_id
    assert target(first, 2025).renstra_value != "999"
    assert f'href="#{grid.forms[-1].row_id}"' in response.content.decode()


def _queries(client, agency, changes):
    """The queries of the page's GET and of a POST that changes ``changes``."""
    with CaptureQueriesContext(connection) as get:
        grid = client.get(url(agency)).context["grid"]
    data = grid_data(grid, **changes)
    with CaptureQueriesContext(connection) as saved:
        assert client.post(url(agency), data).status_code == 302
    return len(get), len(saved)


def test_the_query_count_does_not_grow_with_the_agency(planner, belitung, django_assert_num_queries):
    """Each POST updates one year's target and deletes another's: Belitung Timur's 53 indicators, the synthetic
    agency's 150 (whose grid posts about 1.800 fields: the site's DATA_UPLOAD_MAX_NUMBER_FIELDS allows it)."""
    changes = {"IKU-2__renstra_2025": "58", "IKU-2__renstra_2026": ""}
    small = _queries(planner, belitung, changes)
    large = build_large_agency()
    planner.force_login(member_of(large))
    grid = planner.get(url(large)).context["grid"]
    assert len(grid.forms) == 150
    with django_assert_num_queries(small[0]):
        planner.get(url(large))
    data = grid_data(grid, **changes)
    with django_assert_num_queries(small[1]):
        assert planner.post(url(large), data).status_code == 302
