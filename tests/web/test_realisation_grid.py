"""The realisation grid: a planner types the year's realisations, sees achievement and category as they type
(the engine's figures), and saves every row at once or none."""

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.signals import agency_data_changed
from bench.synthetic import build_large_agency
from indicators.models import Realisation
from tests.factories import PASSWORD, member_of
from web.grid import row_id

YEAR = 2024


def url(agency, name="web:realisations"):
    return reverse(name, args=[agency.code, YEAR])


def log_in(client, agency):
    user = member_of(agency)
    assert client.login(username=user.username, password=PASSWORD)
    return client


def grid_data(response):
    """The grid's fields as the browser would post them back untouched."""
    grid = response.context["grid"]
    data = {f"{grid.prefix}-TOTAL_FORMS": len(grid.forms), f"{grid.prefix}-INITIAL_FORMS": len(grid.forms)}
    for form in grid.forms:
        for name in form.fields:
            value = form[name].value()
            data[form[name].html_name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
    return data


def field(response, code, name):
    """The posted name of the field ``name`` of the row of indicator ``code``."""
    form = next(f for f in response.context["grid"].forms if f.key == code)
    return form[name].html_name


def box(html, name):
    """The ``<input>`` tag named ``name`` in a page."""
    return re.search(rf'<input [^>]*name="{re.escape(name)}"[^>]*>', html)[0]


def cell_text(html, cell_id):
    """The content of the ``<td>`` with id ``cell_id``."""
    return re.search(rf'<td id="{re.escape(cell_id)}"[^>]*>(.*?)</td>', html, re.S)[1]


def stored(agency, code):
    return Realisation.objects.get(indicator__agency=agency, indicator__code=code, year=YEAR)


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


def test_the_grid_lists_every_indicator_in_the_engines_order_with_its_figures(client, bengkalis):
    response = log_in(client, bengkalis).get(url(bengkalis))
    assert response.status_code == 200
    assert [f.key for f in response.context["grid"].forms] == ["IKU-1", "IKU-2", "IKU-3", "IKU-4"]
    html = response.content.decode()
    assert 'id="row-iku-2"' in html
    assert 'value="78,13"' in box(html, "form-1-value")
    assert cell_text(html, "row-iku-2-achievement") == "153,20%"
    assert cell_text(html, "row-iku-2-category") == "Sangat Tinggi"
    assert "<strong>126,60%</strong> · Sangat Tinggi" in html  # sasaran S1
    assert f'href="{url(bengkalis, "web:evidence")}#row-iku-2"' in html


def test_another_agencys_planner_gets_a_404_on_every_address(client, bengkalis, belitung):
    log_in(client, belitung)
    assert client.get(url(bengkalis)).status_code == 404
    assert client.post(url(bengkalis), {}).status_code == 404
    assert client.post(url(bengkalis, "web:realisation_preview") + "?row=IKU-2", {}).status_code == 404


def test_a_value_typed_the_indonesian_way_is_saved_plain_and_shown_back_the_indonesian_way(client, belitung):
    page = log_in(client, belitung).get(url(belitung))
    data = grid_data(page) | {field(page, "IKU-2", "value"): "78,13"}
    response = client.post(url(belitung), data)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["1 baris realisasi disimpan."]
    assert stored(belitung, "IKU-2").value == "78.13"
    assert stored(belitung, "IKU-2").status == "provisional"  # untouched fields stay
    again = client.get(url(belitung))
    name = field(again, "IKU-2", "value")
    assert 'value="78,13"' in box(again.content.decode(), name)


def test_an_error_in_the_last_row_leaves_every_row_unsaved_and_names_row_and_field(client, belitung):
    page = log_in(client, belitung).get(url(belitung))
    last = page.context["grid"].forms[-1].key
    data = grid_data(page) | {field(page, "IKU-2", "value"): "78,13", field(page, last, "value"): "87.30"}
    response = client.post(url(belitung), data)
    assert response.status_code == 200
    assert stored(belitung, "IKU-2").value == "79.03"
    html = response.content.decode()
    assert "Tidak ada baris yang tersimpan" in html
    message = "«87.30»: gunakan koma untuk desimal, mis. 87,30"
    assert f'<a href="#{row_id(last)}">{last}</a> · Realisasi: {message}' in html
    assert [str(e) for e in response.context["errors"]] == [f"{last} · Realisasi: {message}"]
    row = html[html.index(f'<tr data-row id="{row_id(last)}"') :]
    assert 'class="has-error"' in row[:100]
    assert message in row[: row.index("</tr>")]
    assert 'value="87.30"' in row  # what was typed stays in the box


def test_the_models_limits_apply_to_every_changed_row(client, belitung):
    page = log_in(client, belitung).get(url(belitung))
    response = client.post(url(belitung), grid_data(page) | {field(page, "IKU-1", "note"): "x" * 5001})
    assert response.status_code == 200
    assert [(e.row_label, e.field) for e in response.context["errors"]] == [("IKU-1", "Catatan")]
    assert stored(belitung, "IKU-1").note != "x" * 5001


def test_an_empty_row_creates_nothing_and_a_typed_one_creates_its_realisation(client, belitung):
    stored(belitung, "IKU-1").delete()
    stored(belitung, "IKU-3").delete()
    page = log_in(client, belitung).get(url(belitung))
    assert not page.context["grid"].forms[0]["value"].value()
    count = Realisation.objects.count()
    response = client.post(url(belitung), grid_data(page), follow=True)
    assert '<li class="success">Tidak ada perubahan.</li>' in response.content.decode()
    assert Realisation.objects.count() == count
    response = client.post(url(belitung), grid_data(page) | {field(page, "IKU-1", "value"): "250,5"})
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["1 baris realisasi disimpan."]
    assert (stored(belitung, "IKU-1").value, stored(belitung, "IKU-1").status) == ("250.5", "final")
    assert not Realisation.objects.filter(indicator__code="IKU-3", indicator__agency=belitung, year=YEAR).exists()


def test_a_post_of_the_changed_boxes_only_leaves_the_others_as_they_are(client, belitung):
    """What static/js/grid.js posts: the boxes changed since the page loaded, nothing else."""
    page = log_in(client, belitung).get(url(belitung))
    before = {r.indicator.code: (r.value, r.status, r.note) for r in Realisation.objects.select_related("indicator")}
    response = client.post(url(belitung), {field(page, "IKU-2", "status"): "final"})
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["1 baris realisasi disimpan."]
    after = {r.indicator.code: (r.value, r.status, r.note) for r in Realisation.objects.select_related("indicator")}
    assert after.pop("IKU-2") == ("79.03", "final", before.pop("IKU-2")[2])
    assert after == before


def test_a_save_announces_the_agencys_data_changed(client, belitung):
    announced = []

    def receiver(sender, agency_ids, **kwargs):
        announced.append(set(agency_ids))

    agency_data_changed.connect(receiver)
    try:
        page = log_in(client, belitung).get(url(belitung))
        client.post(url(belitung), grid_data(page) | {field(page, "IKU-2", "value"): "78,13"})
    finally:
        agency_data_changed.disconnect(receiver)
    assert announced == [{belitung.pk}]


@pytest.mark.parametrize(
    ("demo", "code", "typed", "achievement", "category", "objective", "objective_figures"),
    [
        ("bengkalis-2024", "IKU-2", "78,13", "153,20%", "Sangat Tinggi", "s1", "<strong>126,60%</strong>"),
        ("bengkalis-2024", "IKU-2", "51", "100,00%", "Sangat Tinggi", "s1", "<del>126,60%</del> → <strong>100,00%"),
        ("belitung-timur-2024", "IKU-1", "78,13", "30,40%", "Kurang", "s1", "<del>98,05%</del> → <strong>30,40%"),
        ("belitung-timur-2024", "IKU-2", "78,13", "108,51%", "Sangat Memuaskan", "s2", "→ <strong>108,51%"),
    ],
)
def test_the_preview_gives_the_engines_figures_for_a_typed_value(
    client, import_demo, demo, code, typed, achievement, category, objective, objective_figures
):
    agency = import_demo(demo)
    before = stored(agency, code).value
    page = log_in(client, agency).get(url(agency))
    data = grid_data(page) | {field(page, code, "value"): typed}
    response = client.post(url(agency, "web:realisation_preview") + f"?row={code}", data)
    assert response.status_code == 200
    html = response.content.decode()
    row = f"row-{code.lower()}"
    assert cell_text(html, f"{row}-achievement").startswith(achievement)
    assert cell_text(html, f"{row}-category") == category
    assert f'id="{row}-achievement" class="num achievement" data-label="Capaian" hx-swap-oob="true"' in html
    assert f'id="objective-{objective}"' in html
    assert objective_figures in html
    assert stored(agency, code).value == before  # a preview saves nothing


def test_the_preview_shows_a_value_it_cannot_read_in_the_achievement_cell(client, bengkalis):
    page = log_in(client, bengkalis).get(url(bengkalis))
    data = grid_data(page) | {field(page, "IKU-2", "value"): "87.30"}
    response = client.post(url(bengkalis, "web:realisation_preview") + "?row=IKU-2", data)
    assert "«87.30»: gunakan koma untuk desimal, mis. 87,30</span></td>" in response.content.decode()


def test_the_preview_of_a_pending_realisation_waits(client, bengkalis):
    page = log_in(client, bengkalis).get(url(bengkalis))
    data = grid_data(page) | {field(page, "IKU-2", "status"): "pending"}
    response = client.post(url(bengkalis, "web:realisation_preview") + "?row=IKU-2", data)
    assert 'aria-live="polite">menunggu</td>' in response.content.decode()


def test_the_preview_of_an_unknown_row_is_a_404(client, bengkalis):
    page = log_in(client, bengkalis).get(url(bengkalis))
    assert client.post(url(bengkalis, "web:realisation_preview") + "?row=IKU-99", grid_data(page)).status_code == 404


def test_get_preview_and_save_run_as_many_queries_on_the_large_agency_as_on_a_demo(
    client, belitung, django_assert_num_queries
):
    """Two rows changed in each, one of them without a realisation yet (created), the other updated."""
    large = build_large_agency()
    for agency in (belitung, large):
        Realisation.objects.filter(indicator__agency=agency, indicator__code="IKU-1", year=YEAR).delete()

    def steps(agency):
        log_in(client, agency)
        page = client.get(url(agency))
        changed = {field(page, code, "value"): "12,5" for code in ("IKU-1", "IKU-2")}  # as grid.js posts
        return [
            lambda: client.get(url(agency)),
            lambda: client.post(url(agency, "web:realisation_preview") + "?row=IKU-2", changed),
            lambda: client.post(url(agency), changed),
        ]

    counts = []
    for action in steps(belitung):
        with CaptureQueriesContext(connection) as captured:
            assert action().status_code in (200, 302)
        counts.append(len(captured))
    for action, count in zip(steps(large), counts, strict=True):
        with django_assert_num_queries(count):
            assert action().status_code in (200, 302)
    assert stored(large, "IKU-1").value == stored(large, "IKU-2").value == "12.5"
