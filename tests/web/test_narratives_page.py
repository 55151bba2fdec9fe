"""The Narasi page: the year's sections in report order, each saved on its own, previewed with the PDF's
sanitiser, added from the catalogue or under a key of one's own, deleted after a confirmation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Narrative
from bench.synthetic import build_large_agency
from indicators.models import ObjectiveNarrative
from tests.factories import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def bengkalis(import_demo):
    return import_demo("bengkalis-2024")


def page_url(agency, year=2024):
    return reverse("web:narratives", args=[agency.code, year])


def section_url(agency, key, year=2024):
    return reverse("web:narrative", args=[agency.code, year, key])


def delete_url(agency, key, year=2024):
    return reverse("web:narrative_delete", args=[agency.code, year, key])


def narrative(agency, key):
    return Narrative.objects.get(report_year__agency=agency, key=key)


def form_data(n, action="save", **changes):
    """The section's form as the page posts it: its fields under its key's prefix, and the button pressed."""
    data = {"title": n.title, "chapter": n.chapter, "position": n.position, "text": n.text, **changes}
    return {"action": action, **{f"{n.key}-{name}": value for name, value in data.items()}}


def test_sections_are_listed_in_report_order_with_the_missing_catalogue_sections_offered(belitung, client):
    client.force_login(member_of(belitung))
    response = client.get(page_url(belitung))
    assert response.status_code == 200
    html = response.content.decode()
    # Chapters in the report's order, each section under the title the PDF prints.
    order = [html.index(text) for text in ("Kata Pengantar", "Latar Belakang", "Perencanaan Strategis", "Kesimpulan")]
    assert order == sorted(order)
    assert 'id="row-background"' in html
    # Belitung Timur has no "Dasar Hukum" yet: it is offered; "Latar Belakang" it has, so it is not.
    add = html[html.index('id="new-section"') :]
    assert 'value="legal_basis"' in add
    assert 'value="background"' not in add


def test_a_section_is_saved_with_its_title_chapter_order_and_text(belitung, client):
    client.force_login(member_of(belitung))
    background = narrative(belitung, "background")
    data = form_data(background, title="1.1 Latar Belakang", position=7, text="Teks **baru**.", action="save")
    response = client.post(section_url(belitung, "background"), data)
    assert response.status_code == 302
    assert response.url.endswith("#row-background")
    background.refresh_from_db()
    assert (background.title, background.position, background.text) == ("1.1 Latar Belakang", 7, "Teks **baru**.")
    assert "Bagian «1.1 Latar Belakang» tersimpan." in client.get(response.url).content.decode()


def test_a_refused_section_names_the_section_and_the_field_and_saves_nothing(belitung, client):
    client.force_login(member_of(belitung))
    background = narrative(belitung, "background")
    before = background.text
    data = form_data(background, title="x" * 201, text="Diubah", action="save")
    response = client.post(section_url(belitung, "background"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#row-background">Latar Belakang</a> · Judul:' in html
    # The text typed comes back for correction; the stored one is unchanged.
    assert ">\nDiubah</textarea>" in html
    background.refresh_from_db()
    assert background.text == before


def test_a_text_beyond_the_limit_is_refused_by_the_models_rule_naming_the_section(belitung, client):
    client.force_login(member_of(belitung))
    background = narrative(belitung, "background")
    response = client.post(section_url(belitung, "background"), form_data(background, text="a" * 100_001))
    html = response.content.decode()
    assert "Bagian «Latar Belakang»: terlalu panjang (100001 karakter, paling banyak 100000)" in html


def test_preview_renders_markdown_without_saving_and_drops_scripts(belitung, client):
    client.force_login(member_of(belitung))
    background = narrative(belitung, "background")
    typed = "# Judul\n\n**tebal** <script>alert('x')</script> [tautan](javascript:alert(1))"
    response = client.post(section_url(belitung, "background"), form_data(background, text=typed, action="preview"))
    assert response.status_code == 200
    html = response.content.decode()
    preview = html[html.index('id="preview-row-background"') :]
    assert "<h4" in preview and "<strong>tebal</strong>" in preview
    assert "<script>alert" not in html
    assert "javascript:" not in preview[: preview.index("</div>")]
    # The typed text is shown back escaped in its box, and nothing is saved.
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    background.refresh_from_db()
    assert "<script>" not in background.text


def test_htmx_preview_returns_only_the_preview(belitung, client):
    client.force_login(member_of(belitung))
    background = narrative(belitung, "background")
    data = form_data(background, text="Satu\n\n* dua\n* <script>tiga</script>", action="preview")
    response = client.post(section_url(belitung, "background"), data, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<li>dua</li>" in html
    assert "<script>" not in html
    assert "<textarea" not in html


def test_a_catalogue_section_is_added_after_the_others(belitung, client):
    client.force_login(member_of(belitung))
    last = max(Narrative.objects.filter(report_year__agency=belitung).values_list("position", flat=True))
    response = client.post(
        page_url(belitung), {"new-section-standard": "legal_basis", "new-section-key": "", "new-section-title": ""}
    )
    assert response.status_code == 302
    added = narrative(belitung, "legal_basis")
    assert added.position == last + 1
    assert str(added) == "Dasar Hukum"


def test_a_custom_key_is_added_and_a_bad_or_taken_key_is_refused(belitung, client):
    client.force_login(member_of(belitung))
    response = client.post(
        page_url(belitung),
        {"new-section-key": "annex_iop", "new-section-title": "Lampiran IOP", "new-section-chapter": "appendix"},
    )
    assert response.status_code == 302
    assert narrative(belitung, "annex_iop").chapter == "appendix"

    refused = client.post(page_url(belitung), {"new-section-key": "bab satu!"}).content.decode()
    assert '<a href="#new-section">Bagian baru</a> · Kunci bagian sendiri:' in refused
    taken = client.post(page_url(belitung), {"new-section-key": "background"}).content.decode()
    assert "Bagian «Latar Belakang» (background) sudah ada." in taken
    nothing = client.post(page_url(belitung), {}).content.decode()
    assert "Pilih bagian baku atau isi kunci bagian sendiri." in nothing


def test_a_section_is_deleted_only_by_the_confirmations_post(belitung, client):
    client.force_login(member_of(belitung))
    confirm = client.get(delete_url(belitung, "scope"))
    assert confirm.status_code == 200
    assert "Hapus bagian «Ruang Lingkup»?" in confirm.content.decode()
    assert Narrative.objects.filter(report_year__agency=belitung, key="scope").exists()
    response = client.post(delete_url(belitung, "scope"))
    assert response.status_code == 302
    assert not Narrative.objects.filter(report_year__agency=belitung, key="scope").exists()


def objective_section(agency, code, key):
    return ObjectiveNarrative.objects.get(objective__renstra__agency=agency, objective__code=code, year=2024, key=key)


def objective_url(agency, objective, key=None, *, delete=False):
    """A sasaran's address to add a section, or (with ``key``) to save one or delete it."""
    if key is None:
        return reverse("web:objective_narratives", args=[agency.code, 2024, objective.pk])
    name = "web:objective_narrative_delete" if delete else "web:objective_narrative"
    return reverse(name, args=[agency.code, 2024, objective.pk, key])


def objective_data(n, action="save", **changes):
    data = {"title": n.title, "position": n.position, "text": n.text, **changes}
    return {"action": action, **{f"{n.objective.code}-{n.key}-{name}": value for name, value in data.items()}}


def test_each_sasarans_sections_are_listed_under_it_with_the_missing_ones_offered(belitung, client):
    client.force_login(member_of(belitung))
    html = client.get(page_url(belitung)).content.decode()
    objectives = html[html.index('id="objectives"') :]
    assert 'id="row-s1-analysis"' in objectives and "Sasaran S1 · Analisis capaian" in objectives
    # S3 has an analysis and solutions only: success factors and obstacles are offered for it, not for S1.
    s3 = objectives[objectives.index('id="row-new-s3"') :]
    assert 'value="obstacles"' in s3 and 'value="analysis"' not in s3
    s1 = objectives[objectives.index('id="row-new-s1"') : objectives.index('id="row-new-s2"')]
    assert 'value="obstacles"' not in s1


def test_a_sasaran_section_is_saved_previewed_added_and_deleted(belitung, client):
    client.force_login(member_of(belitung))
    obstacles = objective_section(belitung, "S2", "obstacles")
    s2, s3 = obstacles.objective, objective_section(belitung, "S3", "analysis").objective

    preview = client.post(objective_url(belitung, s2, "obstacles"), objective_data(obstacles, "preview", text="*A*"))
    assert "<em>A</em>" in preview.content.decode()

    saved = client.post(objective_url(belitung, s2, "obstacles"), objective_data(obstacles, title="Hambatan"))
    assert saved.url.endswith("#row-s2-obstacles")
    obstacles.refresh_from_db()
    assert obstacles.title == "Hambatan"

    added = client.post(objective_url(belitung, s3), {"row-new-s3-standard": "obstacles"})
    assert added.url.endswith("#row-s3-obstacles")
    assert objective_section(belitung, "S3", "obstacles").position == 2
    taken = client.post(objective_url(belitung, s3), {"row-new-s3-key": "analysis"}).content.decode()
    assert (
        '<a href="#row-new-s3">Bagian baru</a> · Kunci bagian sendiri: Bagian «Sasaran S3 · Analisis capaian»' in taken
    )

    assert (
        "Hapus bagian «Sasaran S2 · Hambatan»?"
        in client.get(objective_url(belitung, s2, "obstacles", delete=True)).content.decode()
    )
    client.post(objective_url(belitung, s2, "obstacles", delete=True))
    assert not ObjectiveNarrative.objects.filter(pk=obstacles.pk).exists()


def test_a_refused_sasaran_section_names_the_sasaran_section_and_field(belitung, client):
    client.force_login(member_of(belitung))
    analysis = objective_section(belitung, "S1", "analysis")
    response = client.post(
        objective_url(belitung, analysis.objective, "analysis"), objective_data(analysis, position="-1")
    )
    assert '<a href="#row-s1-analysis">Sasaran S1 · Analisis capaian</a> · Urutan:' in response.content.decode()


def test_another_agencys_planner_gets_404_on_every_address(belitung, bengkalis, client):
    client.force_login(member_of(bengkalis))
    background = narrative(belitung, "background")
    assert client.get(page_url(belitung)).status_code == 404
    assert client.post(page_url(belitung), {"new-section-standard": "legal_basis"}).status_code == 404
    assert client.post(section_url(belitung, "background"), form_data(background, text="x")).status_code == 404
    assert client.get(delete_url(belitung, "background")).status_code == 404
    assert client.post(delete_url(belitung, "background")).status_code == 404
    analysis = objective_section(belitung, "S1", "analysis")
    s1 = analysis.objective
    assert client.post(objective_url(belitung, s1), {"row-new-s1-key": "extra"}).status_code == 404
    assert client.post(objective_url(belitung, s1, "analysis"), objective_data(analysis, text="x")).status_code == 404
    assert client.get(objective_url(belitung, s1, "analysis", delete=True)).status_code == 404
    assert client.post(objective_url(belitung, s1, "analysis", delete=True)).status_code == 404
    analysis.refresh_from_db()
    background.refresh_from_db()
    assert background.text != "x" and analysis.text != "x"
    assert not Narrative.objects.filter(report_year__agency=belitung, key="legal_basis").exists()


def test_the_page_and_a_save_cost_the_same_queries_on_a_small_and_a_large_agency(
    belitung, client, django_assert_num_queries
):
    large = build_large_agency()
    small = {}
    for name, agency in (("small", belitung), ("large", large)):
        client.force_login(member_of(agency))
        data = form_data(narrative(agency, "background"), text="Teks baru.")
        if name == "small":
            with CaptureQueriesContext(connection) as get:
                client.get(page_url(agency))
            with CaptureQueriesContext(connection) as post:
                assert client.post(section_url(agency, "background"), data).status_code == 302
            small = {"get": len(get), "post": len(post)}
        else:
            with django_assert_num_queries(small["get"]):
                client.get(page_url(agency))
            with django_assert_num_queries(small["post"]):
                assert client.post(section_url(agency, "background"), data).status_code == 302
