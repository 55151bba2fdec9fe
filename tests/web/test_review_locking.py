"""A report under review or approved locks the planner's pages of its year: every page says why and shows itself
read-only, every POST that writes is refused with that sentence and writes nothing (no record, no audit entry), and
a returned report opens them again. The target grid refuses a change to the target of another year whose report is
approved, while the report year itself is open."""

from datetime import date

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agencies.models import Narrative, ReportYear
from domain.enums import ReportStatus
from indicators.models import EvidenceFile, ObjectiveNarrative, Target
from performance.results import agency_results
from review.models import ReportVersion
from tests.factories import ReportYearFactory, member_of

pytestmark = pytest.mark.django_db

YEAR = 2024
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
SUBMITTED = "Laporan sedang direviu Inspektorat; tarik kembali untuk mengubah."
APPROVED = "Laporan versi 1 sudah disetujui; data dikunci."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def planner(client, belitung):
    client.force_login(member_of(belitung))
    return client


def url(agency, name, *args, year=YEAR):
    return reverse(f"web:{name}", args=[agency.code, year, *args])


def set_status(agency, status, year=YEAR):
    """Put the report in ``status`` as the workflow leaves it; an approved one gets its version 1."""
    report_year = ReportYear.objects.get(agency=agency, year=year)
    ReportYear.objects.filter(pk=report_year.pk).update(status=status)
    if status == ReportStatus.APPROVED and not report_year.versions.exists():
        ReportVersion.objects.create(
            report_year=report_year,
            number=1,
            approved_at=timezone.now(),
            reviewer_name="Dra. Reviu",
            reviewer_title="Auditor Ahli Madya",
            reviewed_on=date(2025, 3, 1),
            lakip="versi/lakip.json",
            lakip_sha256="a" * 64,
            results="versi/results.json",
            results_sha256="b" * 64,
        )


def audit_entries():
    """Every audit record of every model with a history: a write of any kind adds one."""
    models = [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]
    return sum(getattr(m, m._meta.simple_history_manager_attribute).count() for m in models)


def grid_box(client, agency, page, row, name):
    """The posted name of the box ``name`` of the grid row ``row`` on ``page``."""
    grid = client.get(url(agency, page)).context["grid"]
    return next(form for form in grid.forms if form.key == row)[name].html_name


def objective(agency, code="S2"):
    return ObjectiveNarrative.objects.get(
        objective__renstra__agency=agency, objective__code=code, year=YEAR, key="obstacles"
    ).objective


# Each POST the year's pages take that writes: (what, the page it comes back to, the request).
def post_realisations(client, agency):
    box = grid_box(client, agency, "realisations", "IKU-1", "value")
    return "realisations", client.post(url(agency, "realisations"), {box: "12,5"})


def post_targets(client, agency):
    box = grid_box(client, agency, "targets", "IKU-1", "renstra_2025")
    return "targets", client.post(url(agency, "targets"), {box: "58"})


def post_budget(client, agency):
    grid = client.get(url(agency, "budget")).context["grid"]
    return "budget", client.post(url(agency, "budget"), {grid.forms[0]["budget"].html_name: "1.000"})


def post_evidence_upload(client, agency):
    data = {"indicator": "IKU-1", "file": SimpleUploadedFile("SK.pdf", MINIMAL_PDF)}
    return "evidence", client.post(url(agency, "evidence_upload"), data)


def post_evidence_delete(client, agency):
    evidence = EvidenceFile.objects.get(realisation__indicator__agency=agency, name="Bukti awal.pdf")
    return "evidence", client.post(url(agency, "evidence_delete", evidence.pk))


def post_narrative_save(client, agency):
    data = {"action": "save", "background-title": "", "background-chapter": "", "background-position": 1}
    data["background-text"] = "Teks latar belakang yang baru."
    return "narratives", client.post(url(agency, "narrative", "background"), data)


def post_narrative_add(client, agency):
    data = {"new-section-standard": "legal_basis", "new-section-key": "", "new-section-title": ""}
    return "narratives", client.post(url(agency, "narratives"), data)


def post_narrative_delete(client, agency):
    return "narratives", client.post(url(agency, "narrative_delete", "scope"))


def post_objective_narrative_save(client, agency):
    s2 = objective(agency)
    data = {"action": "save", "S2-obstacles-title": "Hambatan", "S2-obstacles-position": 1}
    data["S2-obstacles-text"] = "Hambatan yang baru ditulis."
    return "narratives", client.post(url(agency, "objective_narrative", s2.pk, "obstacles"), data)


def post_objective_narrative_add(client, agency):
    s2 = objective(agency)
    return "narratives", client.post(url(agency, "objective_narratives", s2.pk), {"row-new-s2-key": "lessons"})


def post_objective_narrative_delete(client, agency):
    s2 = objective(agency)
    return "narratives", client.post(url(agency, "objective_narrative_delete", s2.pk, "obstacles"))


def post_settings(client, agency):
    agency.refresh_from_db()
    data = {
        "achievement_cap": agency.achievement_cap or "",
        "efficiency_method": agency.efficiency_method,
        "paper_size": agency.paper_size,
        "head_name": "Kepala Yang Baru",
        "head_title": agency.head_title,
        "head_rank": agency.head_rank,
        "head_nip": agency.head_nip,
    }
    for index, band in enumerate(agency.category_bands or ()):
        data[f"category_bands-{index}-label"] = band["label"]
        data[f"category_bands-{index}-min"] = band["min"]
    return "agency_settings", client.post(url(agency, "agency_settings"), data)


def post_finding_note(client, agency):
    finding = agency_results(agency=agency, year=YEAR).findings[0]
    data = {"rule": finding.rule, "subject": finding.subject, "text": "Sudah sesuai dokumen sumber."}
    return "findings", client.post(url(agency, "finding_note"), data)


POSTS = [
    post_realisations,
    post_targets,
    post_budget,
    post_evidence_upload,
    post_evidence_delete,
    post_narrative_save,
    post_narrative_add,
    post_narrative_delete,
    post_objective_narrative_save,
    post_objective_narrative_add,
    post_objective_narrative_delete,
    post_settings,
    post_finding_note,
]


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post.__name__.removeprefix("post_"))
def test_each_change_is_refused_while_submitted_and_approved_and_accepted_once_returned(belitung, planner, post):
    data = {"indicator": "IKU-1", "file": SimpleUploadedFile("Bukti awal.pdf", MINIMAL_PDF)}
    assert planner.post(url(belitung, "evidence_upload"), data).status_code == 302
    for status, message in ((ReportStatus.SUBMITTED, SUBMITTED), (ReportStatus.APPROVED, APPROVED)):
        set_status(belitung, status)
        before = audit_entries()
        page, response = post(planner, belitung)
        assert response.status_code == 302, status
        assert response.url.startswith(url(belitung, page))
        assert audit_entries() == before, f"{status}: something was written"
        shown = planner.get(response.url).content.decode()
        assert f"Perubahan tidak disimpan. {message}" in shown
        assert f'<p class="lock-banner" role="status">{message}</p>' in shown
    set_status(belitung, ReportStatus.RETURNED)
    before = audit_entries()
    _page, response = post(planner, belitung)
    assert response.status_code == 302
    assert audit_entries() > before


def test_htmx_is_sent_back_to_the_page_where_the_refusal_shows(belitung, planner):
    set_status(belitung, ReportStatus.SUBMITTED)
    finding = agency_results(agency=belitung, year=YEAR).findings[0]
    data = {"rule": finding.rule, "subject": finding.subject, "text": "Sudah sesuai dokumen sumber."}
    response = planner.post(url(belitung, "finding_note"), data, headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert response["HX-Redirect"] == url(belitung, "findings")
    assert not belitung.report_years.get(year=YEAR).finding_notes.exists()


def test_the_previews_still_answer_while_locked(belitung, planner):
    set_status(belitung, ReportStatus.SUBMITTED)
    box = grid_box(planner, belitung, "realisations", "IKU-1", "value")
    preview = planner.post(url(belitung, "realisation_preview") + "?row=IKU-1", {box: "78,13"})
    assert preview.status_code == 200
    assert "30,40%" in preview.content.decode()
    data = {"action": "preview", "background-text": "*miring*"}
    narrative = planner.post(url(belitung, "narrative", "background"), data, headers={"HX-Request": "true"})
    assert "<em>miring</em>" in narrative.content.decode()


PAGES = ["agency_year", "realisations", "evidence", "targets", "budget", "narratives", "findings", "agency_settings"]


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED])
def test_every_page_of_a_locked_year_says_why_and_offers_no_change(belitung, planner, status):
    set_status(belitung, status)
    message = SUBMITTED if status == ReportStatus.SUBMITTED else APPROVED
    for page in PAGES:
        html = planner.get(url(belitung, page)).content.decode()
        assert f'<p class="lock-banner" role="status">{message}</p>' in html, page
        for button in ("Simpan realisasi", "Simpan target", "Simpan anggaran", "Simpan bagian", "Tambah bagian"):
            assert button not in html, (page, button)
        assert "Simpan pengaturan" not in html and "Simpan penjelasan" not in html and ">Unggah<" not in html
    grid = planner.get(url(belitung, "realisations")).content.decode()
    row = grid[grid.index('id="row-iku-1"') :].split("</tr>")[0]
    assert row.count(" disabled") == row.count("<input") + row.count("<select")
    settings_page = planner.get(url(belitung, "agency_settings")).content.decode()
    assert '<fieldset class="settings-fields" disabled>' in settings_page
    narratives = planner.get(url(belitung, "narratives")).content.decode()
    assert '<fieldset class="narrative-fields" disabled>' in narratives
    confirm = planner.get(url(belitung, "narrative_delete", "scope")).content.decode()
    assert "Ya, hapus bagian ini" not in confirm


def test_an_open_year_shows_no_banner_and_its_boxes_enabled(belitung, planner):
    html = planner.get(url(belitung, "realisations")).content.decode()
    assert "lock-banner" not in html
    row = html[html.index('id="row-iku-1"') :].split("</tr>")[0]
    assert " disabled" not in row
    assert 'form="grid-form"' in row
    assert "Simpan realisasi" in html


def test_the_target_of_an_approved_year_is_read_only_and_a_change_to_it_is_refused(belitung, planner):
    ReportYearFactory(agency=belitung, year=2023)
    set_status(belitung, ReportStatus.APPROVED, year=2023)
    page = planner.get(url(belitung, "targets"))
    html = page.content.decode()
    assert "Target tahun 2023 terkunci" in html
    grid = page.context["grid"]
    form = next(f for f in grid.forms if f.key == "IKU-1")
    box = form["renstra_2023"].html_name
    assert f'name="{box}"' in html
    at = html.index(f'name="{box}"')
    tag = html[html.rindex("<input", 0, at) :].split(">")[0]
    assert " disabled" in tag
    target_2023 = Target.objects.get(indicator__agency=belitung, indicator__code="IKU-1", renstra_year__year=2023)
    before = audit_entries()
    refused = planner.post(url(belitung, "targets"), {box: "1", form["renstra_2025"].html_name: "58"})
    assert refused.status_code == 200
    assert [(e.row_label, e.field) for e in refused.context["errors"]] == [("IKU-1", "Renstra 2023")]
    assert "sudah disetujui Inspektorat" in refused.context["errors"][0].message
    assert audit_entries() == before
    target_2023.refresh_from_db()
    assert target_2023.renstra_value != "1"
    # The open report year's columns still save, the locked year's box left out as the browser leaves it.
    saved = planner.post(url(belitung, "targets"), {form["renstra_2025"].html_name: "58"})
    assert saved.status_code == 302
    assert Target.objects.get(indicator=target_2023.indicator, renstra_year__year=2025).renstra_value == "58"


def test_a_narrative_is_not_written_by_a_stale_page_while_submitted(belitung, planner):
    """The form of a page opened before the submission posts all the same: nothing changes."""
    set_status(belitung, ReportStatus.SUBMITTED)
    post_narrative_save(planner, belitung)
    background = Narrative.objects.get(report_year__agency=belitung, key="background")
    assert background.text != "Teks latar belakang yang baru."
