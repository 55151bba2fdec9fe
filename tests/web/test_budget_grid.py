"""The budget tree (``web:budget``): a planner types each line's pagu and realisasi and sees the children's sums."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.synthetic import build_large_agency
from budgets.models import BudgetFigure
from tests.factories import AgencyFactory, member_of
from tests.web.test_target_grid import grid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def planner(client, belitung):
    client.force_login(member_of(belitung))
    return client


def url(agency, year=2024):
    return reverse("web:budget", args=[agency.code, year])


def figure(code, year=2024):
    return BudgetFigure.objects.filter(line__code=code, year=year).first()


def post(client, agency, **changes):
    grid = client.get(url(agency)).context["grid"]
    return client.post(url(agency), grid_data(grid, **changes))


def row(response, code):
    return next(form for form in response.context["grid"].forms if form.key == code)


def test_the_tree_shows_lines_in_the_engines_order_with_the_childrens_sums(planner, belitung):
    response = planner.get(url(belitung))
    assert response.status_code == 200
    keys = [form.key for form in response.context["grid"].forms]
    assert keys[:5] == ["P1", "P1.K1", "P1.K1.S1", "P1.K1.S2", "P1.K2"]
    kegiatan = row(response, "P1.K1")
    assert kegiatan["budget"].value() == "66.559.000"
    assert (kegiatan.obj.depth, kegiatan.obj.children_budget) == (1, Decimal(66559000))
    html = response.content.decode()
    assert 'id="row-p1k1s1"' in html
    assert "Rp66.559.000" in html and "Rp65.769.000" in html
    # Belitung Timur reports its DPA: 8.357.764.610, of which 7.960.790.900 spent.
    assert "Total pagu (DPA) 2024" in html and "Rp8.357.764.610" in html and "95,25%" in html


def test_a_parent_whose_own_figure_differs_from_its_childrens_sum_is_marked(client, import_demo):
    bengkulu = import_demo("bengkulu-2024")
    client.force_login(member_of(bengkulu))
    response = client.get(url(bengkulu))
    marked = [form.key for form, mismatch in response.context["rows"] if mismatch]
    assert marked == ["5.03.02"]
    assert "realisasi Rp3.698.626.072 ≠ jumlah rincian Rp3.752.626.072" in response.content.decode()


def test_another_agencys_planner_gets_a_404_on_get_and_post(client, belitung):
    client.force_login(member_of(AgencyFactory()))
    assert client.get(url(belitung)).status_code == 404
    assert client.post(url(belitung), {}).status_code == 404
    assert figure("P1.K1.S1").budget == Decimal(64508000)


def test_typed_rupiah_are_stored_as_plain_decimals_and_the_parents_sum_follows(planner, belitung):
    response = post(planner, belitung, **{"P1.K1.S1__budget": "Rp 64.600.000,50", "P1.K1.S2__realisation": "1.800.000"})
    assert response.status_code == 302
    assert figure("P1.K1.S1").budget == Decimal("64600000.50")
    assert figure("P1.K1.S2").realisation == Decimal(1800000)
    page = planner.get(url(belitung))
    assert "Anggaran 2 baris disimpan." in page.content.decode()
    kegiatan = row(page, "P1.K1").obj
    assert (kegiatan.children_budget, kegiatan.children_realisation) == (Decimal("66651000.50"), Decimal(65809000))
    assert kegiatan.own_budget == Decimal(66559000)
    assert [form.key for form, mismatch in page.context["rows"] if mismatch] == ["P1", "P1.K1"]


def test_emptying_a_lines_figures_deletes_them_unless_they_name_an_expense_type(planner, belitung):
    BudgetFigure.objects.filter(line__code="P1.K1.S1").update(expense_type="")
    emptied = {"P1.K1.S1__budget": "", "P1.K1.S1__realisation": "", "P1.K1.S2__budget": "", "P1.K1.S2__realisation": ""}
    assert post(planner, belitung, **emptied).status_code == 302
    assert figure("P1.K1.S1") is None
    kept = figure("P1.K1.S2")
    assert (kept.budget, kept.realisation, kept.expense_type) == (None, None, "barang_jasa")


def test_an_error_in_the_last_row_leaves_every_row_unsaved(planner, belitung):
    grid = planner.get(url(belitung)).context["grid"]
    first, last = grid.forms[0], grid.forms[-1]
    response = planner.post(
        url(belitung), grid_data(grid, **{f"{first.key}__budget": "1.000", f"{last.key}__realisation": "12,3,4"})
    )
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [(e.row, e.row_label, e.field) for e in errors] == [(last.row_id, last.key, "Realisasi")]
    assert figure(first.key).budget == Decimal(5833189610)
    assert "Tidak ada baris yang tersimpan." in response.content.decode()


def _prepare(update, create, delete):
    """The three writes of a save: ``update``'s pagu changes, ``create`` has no figure yet and gets one, ``delete``'s
    figure (without an expense type) is emptied."""
    BudgetFigure.objects.filter(line__code=create, year=2024).delete()
    BudgetFigure.objects.filter(line__code=delete, year=2024).update(expense_type="")
    return {
        f"{update}__budget": "1.500.000",
        f"{create}__budget": "2.000.000",
        f"{delete}__budget": "",
        f"{delete}__realisation": "",
    }


def test_the_query_count_does_not_grow_with_the_agency(planner, belitung, django_assert_num_queries):
    """Each POST updates, creates and deletes one sub kegiatan's figures: Belitung Timur's 37 lines, the synthetic
    agency's 400."""
    changes = _prepare("P1.K1.S1", "P1.K1.S2", "P1.K2.S1")
    with CaptureQueriesContext(connection) as small_get:
        grid = planner.get(url(belitung)).context["grid"]
    with CaptureQueriesContext(connection) as small_post:
        assert planner.post(url(belitung), grid_data(grid, **changes)).status_code == 302
    assert (figure("P1.K1.S2").budget, figure("P1.K2.S1")) == (Decimal(2000000), None)

    large = build_large_agency()
    planner.force_login(member_of(large))
    changes = _prepare("1.02.01.2.01.0001", "1.02.01.2.01.0002", "1.02.01.2.01.0003")
    with django_assert_num_queries(len(small_get)):
        grid = planner.get(url(large)).context["grid"]
    assert len(grid.forms) == 400
    with django_assert_num_queries(len(small_post)):
        assert planner.post(url(large), grid_data(grid, **changes)).status_code == 302
    assert figure("1.02.01.2.01.0001").budget == Decimal(1500000)
    assert figure("1.02.01.2.01.0003") is None
