"""The reviewer's notes show beside the figure they are pinned to: a realisation or a target on its indicator's row,
a budget line on its line, a narrative section in its section, each with its answers and the form answering it
(until the report is approved); the tabs count the open ones. A page loads them in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import ReportYear
from budgets.models import BudgetLine
from domain.enums import ReportStatus
from domain.review import NoteSubject
from indicators.models import Indicator
from review.models import ReviewNote, ReviewReply
from tests.factories import member_of, reviewer_of
from web.grid import row_id

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


@pytest.fixture
def people(belitung):
    return {"planner": member_of(belitung, first_name="Perencana"), "reviewer": reviewer_of(belitung.government)}


@pytest.fixture
def planner(client, people):
    client.force_login(people["planner"])
    return client


def report_year(agency):
    return ReportYear.objects.get(agency=agency, year=YEAR)


def note(agency, people, subject, text, **pin):
    return ReviewNote.objects.create(
        report_year=report_year(agency), subject=subject, text=text, written_by=people["reviewer"], **pin
    )


def url(agency, name):
    return reverse(f"web:{name}", args=[agency.code, YEAR])


def block(html, element_id, end):
    """The markup of the element with ``element_id`` up to the first ``end`` after it."""
    return html[html.index(f'id="{element_id}"') :].split(end)[0]


def reply_url(agency, pinned):
    return reverse("publication:reply", args=[agency.code, YEAR, pinned.pk])


def test_a_realisation_note_shows_on_its_indicators_row_with_its_answers_and_the_answer_form(belitung, people, planner):
    iku2 = Indicator.objects.get(agency=belitung, code="IKU-2")
    pinned = note(belitung, people, NoteSubject.REALISATION, "Realisasi IKU-2 belum didukung bukti.", indicator=iku2)
    ReviewReply.objects.create(note=pinned, text="Bukti menyusul minggu ini.", written_by=people["planner"])
    note(belitung, people, NoteSubject.TARGET, "Target IKU-1 terlalu rendah.", indicator=iku2)  # another page's
    html = planner.get(url(belitung, "realisations")).content.decode()
    row = block(html, "row-iku-2", "</tr>")
    assert "Catatan reviu (1 terbuka)" in row
    assert "Realisasi IKU-2 belum didukung bukti." in row
    assert "Bukti menyusul minggu ini." in row
    assert f'action="{reply_url(belitung, pinned)}"' in row
    assert f'name="next" value="{url(belitung, "realisations")}#row-iku-2"' in row
    assert "Target IKU-1 terlalu rendah." not in html
    assert "Catatan reviu" not in block(html, "row-iku-1", "</tr>")
    # The tabs count the open notes of their page.
    assert '>Realisasi <span class="tab-count" title="Catatan reviu terbuka">1</span></a>' in html
    assert '>Target <span class="tab-count" title="Catatan reviu terbuka">1</span></a>' in html


def test_a_target_note_shows_on_the_target_grid_row(belitung, people, planner):
    iku1 = Indicator.objects.get(agency=belitung, code="IKU-1")
    pinned = note(belitung, people, NoteSubject.TARGET, "Target PK berbeda tanpa alasan.", indicator=iku1)
    html = planner.get(url(belitung, "targets")).content.decode()
    row = block(html, "row-iku-1", "</tr>")
    assert "Target PK berbeda tanpa alasan." in row and f'action="{reply_url(belitung, pinned)}"' in row


def test_a_budget_line_note_shows_on_its_line(belitung, people, planner):
    line = BudgetLine.objects.filter(agency=belitung).order_by("position", "id").last()
    pinned = note(belitung, people, NoteSubject.BUDGET_LINE, "Pagu berbeda dengan DPA.", budget_line=line)
    html = planner.get(url(belitung, "budget")).content.decode()
    row = block(html, row_id(line.code), "</tr>")
    assert "Pagu berbeda dengan DPA." in row and f'action="{reply_url(belitung, pinned)}"' in row


def test_narrative_notes_show_in_their_section_of_the_year_and_of_a_sasaran(belitung, people, planner):
    year_note = note(belitung, people, NoteSubject.NARRATIVE, "Latar belakang terlalu umum.", section="background")
    sasaran_note = note(belitung, people, NoteSubject.NARRATIVE, "Hambatan belum dianalisis.", section="S2-obstacles")
    html = planner.get(url(belitung, "narratives")).content.decode()
    background = block(html, "row-background", "</details>\n</div>")
    assert "Latar belakang terlalu umum." in background
    assert f'action="{reply_url(belitung, year_note)}"' in background
    assert "Catatan reviu (1 terbuka)" in background
    obstacles = block(html, "row-s2-obstacles", "</details>\n</div>")
    assert "Hambatan belum dianalisis." in obstacles and "Latar belakang" not in obstacles
    # The answer's form stands outside the section's own form.
    form = block(html, "row-background", "</form>")
    assert "Jawab catatan ini" not in form
    assert f'action="{reply_url(belitung, sasaran_note)}"' in obstacles


def test_the_answer_form_sits_outside_the_grid_form_whose_boxes_join_it_by_attribute(belitung, people, planner):
    iku1 = Indicator.objects.get(agency=belitung, code="IKU-1")
    note(belitung, people, NoteSubject.REALISATION, "Periksa kembali.", indicator=iku1)
    html = planner.get(url(belitung, "realisations")).content.decode()
    grid_form = block(html, "grid-form", "</form>")
    assert "<input" in grid_form and "Jawab catatan ini" not in grid_form and 'name="form-0-value"' not in grid_form


def test_a_closed_note_shows_closed_and_an_approved_report_takes_no_answer(belitung, people, planner):
    iku1 = Indicator.objects.get(agency=belitung, code="IKU-1")
    pinned = note(belitung, people, NoteSubject.REALISATION, "Sudah sesuai.", indicator=iku1)
    open_one = note(belitung, people, NoteSubject.REALISATION, "Perlu bukti.", indicator=iku1)
    ReviewNote.objects.filter(pk=pinned.pk).update(closed_by=people["reviewer"], closed_at=pinned.written_at)
    row = block(planner.get(url(belitung, "realisations")).content.decode(), "row-iku-1", "</tr>")
    assert "Catatan reviu (1 terbuka)" in row
    assert f'action="{reply_url(belitung, open_one)}"' in row
    assert f'action="{reply_url(belitung, pinned)}"' not in row
    ReportYear.objects.filter(pk=open_one.report_year_id).update(status=ReportStatus.APPROVED)
    row = block(planner.get(url(belitung, "realisations")).content.decode(), "row-iku-1", "</tr>")
    assert "Perlu bukti." in row and "Jawab catatan ini" not in row


def test_the_note_text_is_escaped(belitung, people, planner):
    iku1 = Indicator.objects.get(agency=belitung, code="IKU-1")
    note(belitung, people, NoteSubject.REALISATION, "<script>alert(1)</script>", indicator=iku1)
    html = planner.get(url(belitung, "realisations")).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def page_queries(client, agency, page):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(agency, page)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["realisations", "targets", "budget", "narratives"])
def test_the_notes_cost_a_fixed_number_of_queries_whatever_their_number(belitung, people, planner, page):
    indicators = list(Indicator.objects.filter(agency=belitung).order_by("code"))
    lines = list(BudgetLine.objects.filter(agency=belitung))

    def add_notes(count):
        for i in range(count):
            for subject in (NoteSubject.REALISATION, NoteSubject.TARGET):
                pinned = note(belitung, people, subject, f"Catatan {i}", indicator=indicators[i])
                ReviewReply.objects.create(note=pinned, text="Jawaban", written_by=people["planner"])
            note(belitung, people, NoteSubject.BUDGET_LINE, f"Catatan {i}", budget_line=lines[i])
        note(belitung, people, NoteSubject.NARRATIVE, "Catatan", section="background")

    add_notes(1)
    one = page_queries(planner, belitung, page)
    ReviewNote.objects.all().delete()
    add_notes(4)
    assert page_queries(planner, belitung, page) == one
