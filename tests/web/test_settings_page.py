"""The Pengaturan page: the agency's computation settings and head, the category bands as a table of rows that
stores the same JSON the import stores, errors naming the field, and a save that makes the PDF stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency
from bench.synthetic import build_large_agency
from domain.numbers import plain
from performance.results import agency_results
from reports.models import RenderState
from tests.factories import member_of

pytestmark = pytest.mark.django_db

BELITUNG_BANDS = [
    {"min": 90, "label": "Sangat Memuaskan"},
    {"min": 80, "label": "Memuaskan"},
    {"min": 70, "label": "Sangat Baik"},
    {"min": 60, "label": "Baik"},
    {"min": 50, "label": "Cukup (Memadai)"},
    {"min": 30, "label": "Kurang"},
    {"min": 0, "label": "Sangat Kurang"},
]


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


def settings_url(agency, year=2024):
    return reverse("web:agency_settings", args=[agency.code, year])


def settings_data(agency, bands=None, **changes):
    """The form as the page posts it: the agency's settings, and ``bands`` as typed rows (label, minimum)."""
    data = {
        "achievement_cap": agency.achievement_cap or "",
        "efficiency_method": agency.efficiency_method,
        "paper_size": agency.paper_size,
        "head_name": agency.head_name,
        "head_title": agency.head_title,
        "head_rank": agency.head_rank,
        "head_nip": agency.head_nip,
        **changes,
    }
    for index, (label, minimum) in enumerate(bands or ()):
        data[f"category_bands-{index}-label"] = label
        data[f"category_bands-{index}-min"] = minimum
    return data


def test_the_page_shows_every_setting_in_its_field_wrapper_and_the_bands_as_rows(belitung, client):
    client.force_login(member_of(belitung))
    response = client.get(settings_url(belitung))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("achievement_cap", "efficiency_method", "category_bands", "paper_size", "head_name", "head_nip"):
        assert f'id="field-{name}"' in html
    assert 'name="category_bands-0-label" value="Sangat Memuaskan"' in html
    assert 'name="category_bands-6-min" value="0"' in html
    # Two empty rows for new bands.
    assert 'name="category_bands-8-label" value=""' in html
    assert "PDF laporan yang tersimpan menjadi usang" in html


def test_the_bands_as_shown_save_back_to_the_same_json(belitung, client):
    client.force_login(member_of(belitung))
    rows = [(band["label"], str(band["min"])) for band in BELITUNG_BANDS] + [("", ""), ("", "")]
    response = client.post(settings_url(belitung), settings_data(belitung, rows))
    assert response.status_code == 302
    belitung.refresh_from_db()
    assert belitung.category_bands == BELITUNG_BANDS
    assert "Pengaturan tersimpan." in client.get(response.url).content.decode()


def test_bands_typed_the_indonesian_way_are_stored_as_the_import_stores_them_and_shown_back(belitung, client):
    client.force_login(member_of(belitung))
    rows = [("Sangat Tinggi", "90,5"), ("", ""), ("Tinggi", "75"), ("Rendah", "0")]
    assert client.post(settings_url(belitung), settings_data(belitung, rows)).status_code == 302
    belitung.refresh_from_db()
    assert belitung.category_bands == [
        {"min": "90.5", "label": "Sangat Tinggi"},
        {"min": 75, "label": "Tinggi"},
        {"min": 0, "label": "Rendah"},
    ]
    html = client.get(settings_url(belitung)).content.decode()
    assert 'name="category_bands-0-min" value="90,5"' in html


def test_no_band_rows_store_the_default_bands(belitung, client):
    client.force_login(member_of(belitung))
    assert client.post(settings_url(belitung), settings_data(belitung, [("", ""), ("", "")])).status_code == 302
    belitung.refresh_from_db()
    assert belitung.category_bands is None


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("Tinggi", "80"), ("Sedang", "95")], "Kategori 2 · batas bawah: «95» harus lebih kecil dari batas bawah"),
        ([("Tinggi", "80"), ("", "50")], "Kategori 2 · nama kategori: wajib diisi"),
        ([("Tinggi", "80"), ("", ""), ("Rendah", "8O")], "Kategori 2 · batas bawah: «8O» bukan angka"),
        ([("Tinggi\x00", "80")], "Kategori 1 · nama kategori: berisi karakter yang tidak sah (surrogate atau NUL)"),
        ([("Tinggi", "87.30")], "Kategori 1 · batas bawah: «87.30»: gunakan koma untuk desimal, mis. 87,30"),
    ],
)
def test_a_refused_band_names_its_row_and_box_and_nothing_is_saved(rows, message, belitung, client):
    client.force_login(member_of(belitung))
    response = client.post(settings_url(belitung), settings_data(belitung, rows, head_name="Nama Baru"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#field-category_bands">Kategori capaian</a>: ' + message in html
    # The rows come back as typed, to be corrected.
    assert f'name="category_bands-0-min" value="{rows[0][1]}"' in html
    belitung.refresh_from_db()
    assert (belitung.category_bands, belitung.head_name) == (BELITUNG_BANDS, "HENDRI YANI, S.IP., M.IDS, M.Ec.Dev")


def test_a_nip_longer_than_the_model_keeps_is_refused_naming_the_field(belitung, client):
    client.force_login(member_of(belitung))
    rows = [(band["label"], str(band["min"])) for band in BELITUNG_BANDS]
    response = client.post(settings_url(belitung), settings_data(belitung, rows, head_nip="1971 0427 " * 4))
    html = response.content.decode()
    assert '<a href="#field-head_nip">NIP kepala</a>: ' in html
    assert "paling banyak 32 karakter" in html
    belitung.refresh_from_db()
    assert belitung.head_nip == "197104272001121001"


def test_an_unknown_cap_is_refused_naming_the_field(belitung, client):
    client.force_login(member_of(belitung))
    response = client.post(settings_url(belitung), settings_data(belitung, achievement_cap="130"))
    assert '<a href="#field-achievement_cap">Batas atas capaian</a>: ' in response.content.decode()


def test_a_cap_changes_the_figures_and_queues_the_pdf_again(bengkalis, client, django_capture_on_commit_callbacks):
    client.force_login(member_of(bengkalis))
    assert plain(agency_results(agency=bengkalis, year=2024).indicator("IKU-2").achievement) == "153.20"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(settings_url(bengkalis), settings_data(bengkalis, achievement_cap="120"))
    assert response.status_code == 302
    bengkalis = Agency.objects.get(pk=bengkalis.pk)
    assert plain(agency_results(agency=bengkalis, year=2024).indicator("IKU-2").achievement) == "120.00"
    assert RenderState.objects.get(report_year__agency=bengkalis, report_year__year=2024).state == "queued"


def test_another_agencys_planner_gets_404_and_changes_nothing(belitung, bengkalis, client):
    client.force_login(member_of(bengkalis))
    assert client.get(settings_url(belitung)).status_code == 404
    assert client.post(settings_url(belitung), settings_data(belitung, head_name="Bukan Kepala")).status_code == 404
    belitung.refresh_from_db()
    assert belitung.head_name == "HENDRI YANI, S.IP., M.IDS, M.Ec.Dev"


def test_the_page_and_a_save_cost_the_same_queries_on_a_small_and_a_large_agency(
    belitung, client, django_assert_num_queries
):
    client.force_login(member_of(belitung))
    rows = [(band["label"], str(band["min"])) for band in BELITUNG_BANDS]
    with CaptureQueriesContext(connection) as get:
        client.get(settings_url(belitung))
    with CaptureQueriesContext(connection) as post:
        assert client.post(settings_url(belitung), settings_data(belitung, rows)).status_code == 302

    large = build_large_agency()
    client.force_login(member_of(large))
    with django_assert_num_queries(len(get)):
        client.get(settings_url(large))
    with django_assert_num_queries(len(post)):
        assert client.post(settings_url(large), settings_data(large, rows)).status_code == 302
