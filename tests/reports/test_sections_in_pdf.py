"""Every narrative section prints under its Indonesian title, in its chapter, in the planner's order."""

import re
from html import unescape

import pytest

from agencies.models import Narrative
from domain.enums import Chapter
from domain.sections import readable_key, year_section
from reports.pdf import render_html

pytestmark = pytest.mark.django_db

DEMOS = ["bengkalis-2024", "bengkulu-2024", "belitung-timur-2024"]
HEADING = re.compile(r'<h([1-3]) id="h\d+">(.*?)</h\1>', re.DOTALL)
CHAPTERS = {"BAB I ": Chapter.BAB1, "BAB II ": Chapter.BAB2, "BAB III ": "bab3", "BAB IV ": Chapter.BAB4}


def headings(html):
    """``(chapter, title)`` of every heading below a chapter's own of the report, its label ("A.") dropped."""
    found, chapter = [], Chapter.FRONT
    for level, markup in HEADING.findall(html):
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())
        label = re.match(r"(?:BAB [IV]+|[A-Z0-9]{1,2}\.) ", text)
        title = text[label.end() :] if label else text
        if level == "1":
            chapter = next((c for prefix, c in CHAPTERS.items() if text.startswith(prefix)), chapter)
            chapter = Chapter.APPENDIX if text == "Lampiran" else chapter
            if chapter != Chapter.FRONT:
                continue
        elif chapter in ("bab3", Chapter.BAB3A, Chapter.BAB3B) and level == "2":
            chapter = Chapter.BAB3A if text.startswith("A. ") else Chapter.BAB3B
        found.append((chapter, title))
    return found


@pytest.mark.parametrize("name", DEMOS)
def test_no_heading_of_a_demo_report_is_a_raw_key(name, import_demo, demo_report):
    agency = import_demo(name)
    sections = Narrative.objects.filter(report_year__agency=agency)
    titles = [title for _, title in headings(render_html(agency=agency, year=2024))]
    text = demo_report(name).text

    for section in sections:
        assert readable_key(section.key) not in titles
        assert year_section(section.key).part or str(section) in titles
        assert year_section(section.key).part or str(section) in text
    for raw in ("Tasks functions", "Legal basis", "Performance overview", "Annex iop", "Goals objectives"):
        assert raw not in text


def test_bengkulus_sections_sit_in_their_chapters_in_the_order_of_the_file(import_demo):
    agency = import_demo("bengkulu-2024")
    printed = headings(render_html(agency=agency, year=2024))

    expected = [
        (year_section(n.key).chapter, str(n))
        for n in Narrative.objects.filter(report_year__agency=agency).order_by("position")
        if not year_section(n.key).part
    ]
    assert [heading for heading in printed if heading in expected] == expected
    assert (Chapter.BAB2, "Strategi") in printed and (Chapter.BAB3A, "Analisis Capaian Tujuan 1") in printed
    assert (Chapter.BAB4, "Saran-saran") in printed
    bab2 = [title for chapter, title in printed if chapter == Chapter.BAB2]
    assert bab2[0] == "Rencana Strategis 2021–2026" and bab2[-1] == "Perjanjian Kinerja Tahun 2024"
    bab3a = [title for chapter, title in printed if chapter == Chapter.BAB3A]
    assert bab3a[-1] == "Efisiensi Penggunaan Sumber Daya"


def test_own_titles_and_chapters_and_unknown_keys_print_where_the_planner_put_them(import_demo):
    agency = import_demo("bengkalis-2024")
    sections = Narrative.objects.filter(report_year__agency=agency)
    sections.filter(key="purpose").update(title="Dasar Hukum Penyusunan", chapter=Chapter.APPENDIX)
    sections.filter(key="efficiency_analysis").update(title="Efisiensi Anggaran per Sasaran")
    sections.filter(key="foreword").delete()
    conclusion = sections.get(key="conclusion")
    Narrative.objects.create(report_year=conclusion.report_year, key="annex_iop", text="IKI.", position=99)

    html = render_html(agency=agency, year=2024)
    printed = headings(html)

    assert (Chapter.APPENDIX, "Dasar Hukum Penyusunan") in printed
    assert (Chapter.BAB3A, "Efisiensi Anggaran per Sasaran") in printed
    assert (Chapter.BAB4, "Annex iop") in printed
    assert printed[0] == (Chapter.FRONT, "Kata Pengantar")
    assert "disusun sebagai pertanggungjawaban atas pelaksanaan Perjanjian Kinerja" in html
    assert '<span class="label">3.</span> Temuan yang belum diselesaikan' in html
