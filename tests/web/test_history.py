"""The history beside each figure: every change to a realisation, a target, a budget figure, a narrative section or
the settings, newest first, with when, who and each field's old → new value the Indonesian way; a grid's bulk save
is recorded in the planner's name. Only the page's agency's objects, in a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from agencies.models import Narrative
from budgets.models import BudgetFigure
from domain.numbers import format_value
from indicators.models import Realisation, Target
from tests.factories import member_of

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def planner_user(belitung):
    return member_of(belitung, first_name="Sari", last_name="Perencana")


@pytest.fixture
def planner(client, planner_user):
    client.force_login(planner_user)
    return client


def url(agency, name, *args):
    return reverse(f"web:{name}", args=[agency.code, YEAR, *args])


def history_url(agency, model, pk):
    return url(agency, "history", model, pk)


def save_grid(client, agency, page, row, **values):
    grid = client.get(url(agency, page)).context["grid"]
    form = next(f for f in grid.forms if f.key == row)
    response = client.post(url(agency, page), {form[name].html_name: value for name, value in values.items()})
    assert response.status_code == 302


def text(response):
    return " ".join(strip_tags(response.content.decode()).split())


def realisation(agency, code="IKU-1"):
    return Realisation.objects.get(indicator__agency=agency, indicator__code=code, year=YEAR)


def test_a_grid_save_is_recorded_in_the_planners_name_with_old_and_new_values(belitung, planner):
    imported = format_value(realisation(belitung).value)
    save_grid(planner, belitung, "realisations", "IKU-1", value="12,5", status="provisional")
    save_grid(planner, belitung, "realisations", "IKU-1", value="13,25", status="final")
    record = realisation(belitung)
    page = text(planner.get(history_url(belitung, "realisation", record.pk)))
    assert "Riwayat realisasi IKU-1 2024" in page
    newest, older = page.split("Sari Perencana · diubah")[1:3]
    assert "Realisasi: 12,5 → 13,25" in newest
    assert "Status: Sementara → Final" in newest
    assert f"Realisasi: {imported} → 12,5" in older
    # The import created it, in nobody's name; a creation lists what it was created with, not whose it is.
    assert "sistem · dibuat" in page
    created = page.split("sistem · dibuat")[1]
    assert f"Realisasi: {imported}" in created and "Indikator" not in created


def test_the_grid_links_each_row_to_its_history_loaded_by_htmx(belitung, planner):
    record = realisation(belitung)
    html = planner.get(url(belitung, "realisations")).content.decode()
    row = html[html.index('id="row-iku-1"') :].split("</tr>")[0]
    address = history_url(belitung, "realisation", record.pk)
    assert f'hx-get="{address}" hx-trigger="toggle once"' in row
    assert f'<a href="{address}">Lihat riwayat perubahan</a>' in row
    save_grid(planner, belitung, "realisations", "IKU-1", value="12,5")
    fragment = planner.get(address, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<ol class="history-list"')
    assert "<html" not in fragment


def test_a_model_save_outside_the_grids_is_recorded_too(belitung, planner, planner_user):
    record = realisation(belitung, "IKU-2")
    record.note = "Angka sementara dari BKN."
    record._history_user = planner_user
    record.save()
    record = realisation(belitung, "IKU-2")
    record.value = "80.5"
    record.save()  # without a signed-in user: the system's
    page = text(planner.get(history_url(belitung, "realisation", record.pk)))
    newest, older = page.split(" · diubah")[1:3]
    assert "sistem" in page.split(" · diubah")[0][-40:]
    assert "Realisasi: 79,03 → 80,5" in newest
    assert "Catatan realisasi" in older or "Catatan" in older
    assert "→ Angka sementara dari BKN." in older


def test_targets_budget_figures_narratives_and_settings_have_their_history(belitung, planner):
    save_grid(planner, belitung, "targets", "IKU-1", q1="17,5")
    save_grid(planner, belitung, "targets", "IKU-1", q1="18")
    target = Target.objects.get(indicator__agency=belitung, indicator__code="IKU-1", renstra_year__year=YEAR)
    assert "17,5 → 18" in text(planner.get(history_url(belitung, "target", target.pk)))

    grid = planner.get(url(belitung, "budget")).context["grid"]
    line = grid.forms[-1].key
    save_grid(planner, belitung, "budget", line, budget="1.000")
    save_grid(planner, belitung, "budget", line, budget="2.500")
    figure = BudgetFigure.objects.get(line__agency=belitung, line__code=line, year=YEAR)
    assert "Rp1.000 → Rp2.500" in text(planner.get(history_url(belitung, "budgetfigure", figure.pk)))

    background = Narrative.objects.get(report_year__agency=belitung, key="background")
    background.text = "Teks baru."
    background.save()
    narratives = planner.get(url(belitung, "narratives")).content.decode()
    assert f'href="{history_url(belitung, "narrative", background.pk)}"' in narratives
    assert "→ Teks baru." in text(planner.get(history_url(belitung, "narrative", background.pk)))

    settings_page = planner.get(url(belitung, "agency_settings")).content.decode()
    assert f'href="{history_url(belitung, "agency", belitung.pk)}"' in settings_page
    belitung.head_name = "Kepala Baru"
    belitung.save()
    assert "→ Kepala Baru" in text(planner.get(history_url(belitung, "agency", belitung.pk)))


def test_a_deleted_object_keeps_its_history(belitung, planner):
    record = realisation(belitung)
    record.value = "50"
    record.save()
    pk = record.pk
    record.delete()
    page = text(planner.get(history_url(belitung, "realisation", pk)))
    assert "sistem · dihapus" in page


def test_another_agencys_object_an_unknown_model_or_pk_is_a_404(belitung, planner, import_demo):
    bengkulu = import_demo("bengkulu-2024")
    theirs = Realisation.objects.filter(indicator__agency=bengkulu, year=YEAR).first()
    theirs.value = "1"
    theirs.save()
    assert planner.get(history_url(belitung, "realisation", theirs.pk)).status_code == 404
    assert planner.get(history_url(belitung, "agency", bengkulu.pk)).status_code == 404
    assert planner.get(history_url(belitung, "user", 1)).status_code == 404
    assert planner.get(history_url(belitung, "government", belitung.government_id)).status_code == 404
    assert planner.get(history_url(belitung, "realisation", 999_999)).status_code == 404
    # Nor through the other agency's address, which this planner may not see.
    assert planner.get(history_url(bengkulu, "realisation", theirs.pk)).status_code == 404


def test_the_history_costs_the_same_queries_for_two_records_or_ten(belitung, planner):
    record = realisation(belitung)
    address = history_url(belitung, "realisation", record.pk)
    for value in ("1", "2"):
        record.value = value
        record.save()
    with CaptureQueriesContext(connection) as two:
        assert planner.get(address).status_code == 200
    for value in range(3, 11):
        record.value = str(value)
        record.save()
    with CaptureQueriesContext(connection) as ten:
        assert planner.get(address).status_code == 200
    assert len(ten) == len(two)
