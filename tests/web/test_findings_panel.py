"""The findings panel: every finding titled in Indonesian, grouped by severity, linked to the row that fixes it, and
explained in a note of a sentence the reviewer and the PDF then read; an error left unexplained blocks the report's
submission."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import FindingNote, ReportYear
from bench.synthetic import build_large_agency
from performance.findings import RULES, Finding, unexplained_errors
from performance.results import agency_results
from reports.pdf import render_html
from tests.factories import member_of, reviewer_of
from web.finding_titles import TITLES
from web.fix_links import FIX_TARGETS, fix_url

pytestmark = pytest.mark.django_db

RULE_IDS = [rule.__name__ for rule in RULES]


@pytest.fixture
def bengkulu(import_demo):
    return import_demo("bengkulu-2024")


@pytest.fixture
def planner(bengkulu, client):
    client.force_login(member_of(bengkulu))
    return client


def findings_url(agency, year=2024):
    return reverse("web:findings", args=[agency.code, year])


def note_url(agency, year=2024):
    return reverse("web:finding_note", args=[agency.code, year])


@pytest.mark.parametrize("rule", RULE_IDS)
def test_every_rule_has_an_indonesian_title_and_a_page_that_fixes_it(rule):
    assert TITLES.get(rule), f"{rule} has no title in web/finding_titles.py"
    assert rule in FIX_TARGETS, f"{rule} has no fix target in web/fix_links.py"
    assert fix_url(Finding("warning", rule, "IKU-1", "", "background"), "opd", 2024).startswith("/agencies/opd/2024/")


def test_links_point_at_the_row_of_the_grid_or_the_field_that_fixes_the_finding():
    def finding(rule, subject, section=""):
        return Finding("warning", rule, subject, "", section)

    assert fix_url(finding("realisation_exceeds_budget", "5.03.02.1.02"), "opd", 2024) == (
        "/agencies/opd/2024/budget/#row-50302102"
    )
    assert fix_url(finding("missing_target", "IKSK-2"), "opd", 2024) == "/agencies/opd/2024/targets/#row-iksk-2"
    assert fix_url(finding("missing_realisation", "IKSK-2"), "opd", 2024) == (
        "/agencies/opd/2024/realisations/#row-iksk-2"
    )
    assert fix_url(finding("nip_malformed", "agency"), "opd", 2024) == "/agencies/opd/2024/settings/#field-head_nip"
    assert fix_url(finding("narrative_mentions_other_year", "agency", "background"), "opd", 2024) == (
        "/agencies/opd/2024/narratives/#row-background"
    )
    assert fix_url(finding("narrative_without_title", "S1", "analysis"), "opd", 2024) == (
        "/agencies/opd/2024/narratives/#row-s1-analysis"
    )


def test_the_panel_groups_bengkulus_findings_by_severity_with_titles_and_fix_links(bengkulu, planner):
    response = planner.get(findings_url(bengkulu))
    page = response.content.decode()
    assert response.status_code == 200
    # Bengkulu 2024: 3 errors, 7 warnings, 1 info, in that order.
    assert page.index('id="severity-error"') < page.index('id="severity-warning"') < page.index('id="severity-info"')
    error_part = page[page.index('id="severity-error"') : page.index('id="severity-warning"')]
    assert "3 temuan" in error_part
    assert "Realisasi melebihi pagu" in error_part
    assert "Realisasi Rp893.618.832 melebihi pagu Rp860.000.000 (103,91%)" in error_part
    assert f'href="{reverse("web:budget", args=[bengkulu.code, 2024])}#row-50302102"' in error_part
    # Each error may be explained too; unexplained, each says it blocks the submission.
    assert error_part.count('class="note-form"') == error_part.count('class="blocking"') == 3
    assert "3 kesalahan belum diperbaiki atau dijelaskan: laporan belum dapat diajukan." in page
    warning_part = page[page.index('id="severity-warning"') : page.index('id="severity-info"')]
    assert "7 temuan" in warning_part
    assert "NIP kepala tidak 18 digit" in warning_part
    assert f'href="{reverse("web:agency_settings", args=[bengkulu.code, 2024])}#field-head_nip"' in warning_part
    assert warning_part.count('class="note-form"') == 7
    # The browser keeps the whole 5.000 characters a note may hold (a localised "5.000" would cut it at 5).
    assert 'maxlength="5000"' in warning_part


def test_a_note_is_saved_shown_under_its_finding_and_deleted_when_emptied(bengkulu, planner):
    response = planner.post(
        note_url(bengkulu), {"rule": "nip_malformed", "subject": "agency", "text": "NIP sesuai SK; salah ketik."}
    )
    assert response.status_code == 302
    assert response.url == f"{findings_url(bengkulu)}#finding-nip_malformed-agency"
    note = FindingNote.objects.get(report_year__agency=bengkulu)
    assert (note.rule, note.subject, note.text) == ("nip_malformed", "agency", "NIP sesuai SK; salah ketik.")
    assert note.written_by is not None
    page = planner.get(findings_url(bengkulu)).content.decode()
    assert "<strong>Penjelasan:</strong> NIP sesuai SK; salah ketik.</p>" in page
    assert "Penjelasan temuan disimpan." in page

    planner.post(note_url(bengkulu), {"rule": "nip_malformed", "subject": "agency", "text": "NIP sudah dibetulkan."})
    assert FindingNote.objects.get(report_year__agency=bengkulu).text == "NIP sudah dibetulkan."

    planner.post(note_url(bengkulu), {"rule": "nip_malformed", "subject": "agency", "text": "  "})
    assert not FindingNote.objects.exists()


def test_htmx_gets_the_finding_back_with_its_note_in_place(bengkulu, planner):
    response = planner.post(
        note_url(bengkulu),
        {"rule": "missing_realisation", "subject": "IKSK-2", "text": "Layanan belum ada permohonan."},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<article class="finding warning" id="finding-missing_realisation-iksk-2">')
    assert "<strong>Penjelasan:</strong> Layanan belum ada permohonan.</p>" in html
    assert "<html" not in html
    assert FindingNote.objects.get(rule="missing_realisation").subject == "IKSK-2"


def test_user_text_in_a_note_is_escaped(bengkulu, planner):
    planner.post(note_url(bengkulu), {"rule": "nip_malformed", "subject": "agency", "text": "<script>x()</script>"})
    page = planner.get(findings_url(bengkulu)).content.decode()
    assert "<script>x()" not in page
    assert "&lt;script&gt;x()" in page


@pytest.mark.parametrize(
    ("rule", "subject"),
    [
        ("nip_malformed", "IKU-1"),  # no such finding
        ("tidak_ada", "agency"),
    ],
)
def test_a_note_for_no_finding_is_refused(bengkulu, planner, rule, subject):
    response = planner.post(
        note_url(bengkulu), {"rule": rule, "subject": subject, "text": "Penjelasan yang cukup panjang."}
    )
    assert response.status_code == 400
    assert not FindingNote.objects.exists()


ERROR = {"rule": "realisation_exceeds_budget", "subject": "5.03.02.1.02"}


def test_an_error_is_explained_in_a_sentence_and_no_longer_blocks_the_submission(bengkulu, planner):
    sentence = "Pergeseran anggaran disetujui setelah DPA perubahan ditetapkan."
    response = planner.post(note_url(bengkulu), {**ERROR, "text": sentence})
    assert response.status_code == 302
    assert FindingNote.objects.get(rule=ERROR["rule"]).text == sentence
    findings = agency_results(agency=bengkulu, year=2024).findings
    assert [f.subject for f in unexplained_errors(findings)].count(ERROR["subject"]) == 0
    page = planner.get(findings_url(bengkulu)).content.decode()
    entry = page[page.index('id="finding-realisation_exceeds_budget-50302102"') :].split("</article>")[0]
    assert f"<strong>Penjelasan:</strong> {sentence}</p>" in entry
    assert 'class="blocking"' not in entry
    assert "2 kesalahan belum diperbaiki atau dijelaskan" in page


@pytest.mark.parametrize("htmx", [False, True])
def test_two_words_do_not_explain_a_finding(bengkulu, planner, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = planner.post(note_url(bengkulu), {**ERROR, "text": "Sudah benar."}, **headers)
    html = response.content.decode()
    assert response.status_code == (200 if htmx else 400)
    assert "Jelaskan dalam satu kalimat (paling sedikit 3 kata)." in html
    assert not FindingNote.objects.exists()
    warning = {"rule": "nip_malformed", "subject": "agency", "text": "ok"}
    assert planner.post(note_url(bengkulu), warning).status_code == 400
    assert not FindingNote.objects.exists()


def test_a_note_too_long_comes_back_with_its_error(bengkulu, planner):
    response = planner.post(note_url(bengkulu), {"rule": "nip_malformed", "subject": "agency", "text": "x" * 5001})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not FindingNote.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_agencys_planner_gets_404(import_demo, bengkulu, client, method):
    bengkalis = import_demo("bengkalis-2024")
    client.force_login(member_of(bengkalis))
    if method == "get":
        assert client.get(findings_url(bengkulu)).status_code == 404
    else:
        data = {"rule": "nip_malformed", "subject": "agency", "text": "Bukan urusan saya."}
        assert client.post(note_url(bengkulu), data).status_code == 404
        assert not FindingNote.objects.exists()


def test_login_is_required(bengkulu, client):
    assert client.get(findings_url(bengkulu)).status_code == 302
    assert client.post(note_url(bengkulu), {"rule": "nip_malformed", "subject": "agency"}).status_code == 302


def test_the_note_prints_under_its_finding_in_the_pdf_appendix(bengkulu, planner):
    planner.post(note_url(bengkulu), {"rule": "nip_malformed", "subject": "agency", "text": "NIP sesuai SK."})
    html = render_html(agency=bengkulu, year=2024)
    row = html[html.index("NIP kepala perangkat daerah «19710215199703105»") :].split("</tr>")[0]
    assert '<div class="finding-note"><em>Penjelasan perencana:</em> NIP sesuai SK.</div>' in row


def test_the_reviewer_reads_the_note_in_the_report_years_admin(bengkulu, planner, client):
    planner.post(note_url(bengkulu), {"rule": "nip_malformed", "subject": "agency", "text": "NIP sesuai SK."})
    client.force_login(reviewer_of(bengkulu.government))
    report_year = ReportYear.objects.get(agency=bengkulu, year=2024)
    page = client.get(reverse("admin:agencies_reportyear_change", args=[report_year.pk])).content.decode()
    assert "NIP sesuai SK." in page
    assert 'name="finding_notes-0-text"' not in page


def count_queries(client, method, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data)
    assert response.status_code in (200, 302)
    return len(queries)


def test_the_panel_and_a_note_cost_the_same_queries_on_a_demo_and_on_a_large_agency(
    bengkulu, client, django_assert_num_queries
):
    large = build_large_agency()
    client.force_login(member_of(bengkulu))
    small_get = count_queries(client, "get", findings_url(bengkulu))
    note = {"rule": "nip_malformed", "subject": "agency", "text": "Sudah sesuai SK."}
    small_post = count_queries(client, "post", note_url(bengkulu), note)
    client.force_login(member_of(large))
    explained = agency_results(agency=large, year=2024).findings[0]
    with django_assert_num_queries(small_get):
        client.get(findings_url(large))
    with django_assert_num_queries(small_post):
        client.post(note_url(large), {"rule": explained.rule, "subject": explained.subject, "text": "Sudah sesuai SK."})


def test_a_narrative_finding_links_to_its_own_section_which_the_narratives_page_has(import_demo, client):
    """Belitung Timur's S2 analysis names another region: the link opens that sasaran's section itself."""
    belitung = import_demo("belitung-timur-2024")
    client.force_login(member_of(belitung))
    page = client.get(findings_url(belitung)).content.decode()
    narratives = reverse("web:narratives", args=[belitung.code, 2024])
    assert f'href="{narratives}#row-s2-analysis"' in page
    assert 'id="row-s2-analysis"' in client.get(narratives).content.decode()
