"""A planner types numbers in the admin the Indonesian way (``89,5``, ``Rp 1.234.567,89``) and sees them so."""

from decimal import Decimal

import pytest

from budgets.models import BudgetFigure
from domain.numbers import plain
from indicators.models import Indicator, Realisation
from performance.results import agency_results
from tests.adminforms import change_url, save
from tests.factories import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


@pytest.fixture
def planner(bengkalis, client):
    client.force_login(member_of(bengkalis))
    return client


@pytest.fixture
def realisation(bengkalis):
    """IKU-2 in 2024: a numeric indicator, target 51, realisation 78.13."""
    return Realisation.objects.get(indicator__agency=bengkalis, indicator__code="IKU-2", year=2024)


def test_a_realisation_typed_with_a_decimal_comma_is_stored_as_a_plain_decimal_and_achieves(
    bengkalis, planner, realisation
):
    response = save(planner, realisation, value="89,5")
    assert response.status_code == 302
    realisation.refresh_from_db()
    assert realisation.value == "89.5"
    results = agency_results(agency=bengkalis, year=2024)
    assert plain(results.indicator("IKU-2").achievement) == "175.49"  # 89,5 / 51
    assert not [f for f in results.findings if f.rule == "value_kind_mismatch" and f.subject == "IKU-2"]


def test_a_realisation_typed_with_a_decimal_dot_is_refused_on_its_field(planner, realisation):
    response = save(planner, realisation, value="87.30")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["value"] == ["«87.30»: gunakan koma untuk desimal, mis. 87,30"]
    assert 'value="87.30"' in response.content.decode()  # the box keeps what was typed
    realisation.refresh_from_db()
    assert realisation.value == "78.13"


def test_a_realisation_too_large_to_be_a_measure_is_refused_on_its_field(planner, realisation):
    response = save(planner, realisation, value="1" + "0" * 30)
    assert response.context["adminform"].form.errors["value"] == ["terlalu besar: paling banyak 15 angka sebelum koma"]
    realisation.refresh_from_db()
    assert realisation.value == "78.13"


def test_a_quarter_typed_as_a_range_is_refused(planner, realisation):
    response = save(planner, realisation, q4="80-90")
    assert response.context["adminform"].form.errors["q4"] == [
        "«80-90» adalah rentang, padahal realisasi harus satu nilai: tulis angka seperti 89,5 atau 1.234.567,89"
    ]


def test_a_target_typed_as_a_range_in_words_is_stored_as_a_plain_range(bengkalis, planner):
    target = Indicator.objects.get(agency=bengkalis, code="IKU-2").targets.get(renstra_year__year=2025)
    assert save(planner, target, agreement_value="55,5 s.d. 60").status_code == 302
    target.refresh_from_db()
    assert target.agreement_value == "55.5-60"


def test_a_stored_decimal_is_shown_with_a_comma_in_the_change_forms(bengkalis, planner, realisation):
    Realisation.objects.filter(pk=realisation.pk).update(value="87.30")
    assert 'value="87,30"' in planner.get(change_url(realisation)).content.decode()
    indicator_page = planner.get(change_url(realisation.indicator)).content.decode()
    assert 'value="87,30"' in indicator_page  # the realisation inline
    assert 'value="51"' in indicator_page  # the target inline


def test_an_indicator_page_saved_as_shown_keeps_its_stored_values(planner, realisation):
    indicator = realisation.indicator
    Realisation.objects.filter(pk=realisation.pk).update(value="1234.50", q1="1.234")
    indicator.targets.filter(renstra_year__year=2025).update(agreement_value="-5--0.5")

    def stored():
        return (
            sorted(indicator.realisations.values_list("value", "q1")),
            sorted(indicator.targets.values_list("renstra_value", "agreement_value")),
        )

    before = stored()
    page = planner.get(change_url(indicator)).content.decode()
    assert 'value="1.234,50"' in page
    assert 'value="1,234"' in page
    assert 'value="-5–-0,5"' in page
    assert save(planner, indicator).status_code == 302
    assert stored() == before


def test_a_budget_figure_typed_in_rupiah_is_stored_exactly_and_shown_back(import_demo, client):
    bengkulu = import_demo("bengkulu-2024")
    client.force_login(member_of(bengkulu))
    figure = BudgetFigure.objects.filter(line__agency=bengkulu, year=2024).first()
    assert save(client, figure, budget="Rp 1.234.567,89", realisation="Rp1.000.000").status_code == 302
    figure.refresh_from_db()
    assert figure.budget == Decimal("1234567.89")
    assert figure.realisation == Decimal("1000000")
    page = client.get(change_url(figure)).content.decode()
    assert 'value="1.234.567,89"' in page
    assert 'value="1.000.000"' in page


def test_the_years_budget_total_and_its_expense_types_save_as_shown(bengkalis, planner):
    report_year = bengkalis.report_years.get(year=2024)
    by_type = dict(report_year.expense_type_budgets.values_list("expense_type", "budget"))
    page = planner.get(change_url(report_year)).content.decode()
    assert 'value="19.717.644.784"' in page
    assert 'value="9.549.137.950"' in page  # belanja pegawai, in the inline
    response = save(planner, report_year, budget_total="Rp 19.717.644.784,50")
    assert response.status_code == 302
    report_year.refresh_from_db()
    assert report_year.budget_total == Decimal("19717644784.50")
    assert dict(report_year.expense_type_budgets.values_list("expense_type", "budget")) == by_type


def test_a_negative_budget_total_is_refused_saying_so(bengkalis, planner):
    response = save(planner, bengkalis.report_years.get(year=2024), budget_total="-5")
    assert response.context["adminform"].form.errors["budget_total"] == [
        "«-5»: jumlah rupiah tidak boleh negatif, tulis 0 atau lebih"
    ]
