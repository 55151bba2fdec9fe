"""The catalogue of narrative sections and where each section prints."""

import json

import pytest

from domain.enums import Chapter
from domain.sections import (
    OBJECTIVE_SECTIONS,
    YEAR_SECTIONS,
    Part,
    objective_section_title,
    place_sections,
    readable_key,
    section_title,
    year_section,
)
from tests.conftest import DEMO_DIR

SPEC_YEAR_KEYS = (
    "foreword",
    "executive_summary",
    "background",
    "tasks_functions",
    "organisation",
    "strategic_issues",
    "staff",
    "budget_analysis",
    "conclusion",
    "follow_up",
)
# The other sections the spec names (legal basis, purpose, report outline, facilities, strategic plan, goals and
# objectives, strategy and policy, performance agreement, performance overview, efficiency analysis, achievements,
# annexes).
SPEC_OTHER_KEYS = (
    "legal_basis",
    "purpose",
    "report_outline",
    "facilities",
    "strategic_plan",
    "goals_objectives",
    "strategy",
    "policy",
    "performance_agreement",
    "performance_overview",
    "efficiency_analysis",
    "achievements",
    "annexes",
)


def demo_keys():
    for path in sorted(DEMO_DIR.glob("*.lakip.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for year in document["years"].values():
            yield from (year or {}).get("narratives", {})


@pytest.mark.parametrize("key", [*SPEC_YEAR_KEYS, *SPEC_OTHER_KEYS, *sorted(set(demo_keys()))])
def test_every_section_of_the_spec_and_of_the_demo_files_has_an_indonesian_title_and_a_chapter(key):
    section = year_section(key)
    assert section is not None
    assert section.title != readable_key(key)
    assert section.chapter in Chapter.values()


def test_the_catalogue_follows_the_outline():
    chapters = {key: section.chapter for key, section in YEAR_SECTIONS.items()}
    assert [chapters[k] for k in ("foreword", "background", "strategy", "achievements", "budget_analysis")] == [
        Chapter.FRONT,
        Chapter.BAB1,
        Chapter.BAB2,
        Chapter.BAB3A,
        Chapter.BAB3B,
    ]
    assert (chapters["conclusion"], chapters["annexes"]) == (Chapter.BAB4, Chapter.APPENDIX)
    assert set(OBJECTIVE_SECTIONS) == {"analysis", "success_factors", "obstacles", "solutions"}


@pytest.mark.parametrize(
    ("key", "title"),
    [("tujuan_1_analysis", "Analisis Capaian Tujuan 1"), ("goal_12_analysis", "Analisis Capaian Tujuan 12")],
)
def test_numbered_analyses_are_known_in_bab_3a(key, title):
    assert year_section(key).title == title
    assert year_section(key).chapter == Chapter.BAB3A


@pytest.mark.parametrize("key", ["annex_iop", "tujuan_analysis", "tujuan_1_analysis_x", "Background"])
def test_other_keys_are_unknown_and_print_made_readable(key):
    assert year_section(key) is None
    assert section_title(key) == readable_key(key)


def test_titles_come_from_the_section_then_the_key_then_the_key_made_readable():
    assert section_title("background") == "Latar Belakang"
    assert section_title("background", "Pendahuluan Umum") == "Pendahuluan Umum"
    assert readable_key("annex_iop") == "Annex iop"
    assert objective_section_title("obstacles") == "Kendala"
    assert objective_section_title("lessons_learned") == "Lessons learned"
    assert objective_section_title("lessons_learned", "Pembelajaran") == "Pembelajaran"


def placed(*entries):
    return [(p.key, p.title, p.chapter, p.part) for p in place_sections(entries)]


def test_an_unknown_key_prints_in_the_chapter_of_the_section_before_it():
    assert placed(
        ("annex_iop", "", ""), ("strategy", "", ""), ("annex_iop2", "", ""), ("annex_x", "Lampiran X", "")
    ) == [
        ("annex_iop", "Annex iop", Chapter.BAB1, ""),
        ("strategy", "Strategi", Chapter.BAB2, ""),
        ("annex_iop2", "Annex iop2", Chapter.BAB2, ""),
        ("annex_x", "Lampiran X", Chapter.BAB2, ""),
    ]


def test_an_own_chapter_wins_and_the_next_unknown_key_follows_it():
    assert placed(("background", "", "appendix"), ("annex_iop", "", ""), ("conclusion", "", "")) == [
        ("background", "Latar Belakang", Chapter.APPENDIX, ""),
        ("annex_iop", "Annex iop", Chapter.APPENDIX, ""),
        ("conclusion", "Kesimpulan", Chapter.BAB4, ""),
    ]


def test_a_section_is_the_text_of_its_part_in_its_own_chapter_only_and_only_once():
    assert placed(
        ("strategic_planning", "", ""),
        ("strategic_plan", "Renstra", ""),
        ("performance_agreement", "", "bab1"),
        ("budget_analysis", "Anggaran", ""),
    ) == [
        ("strategic_planning", "Perencanaan Strategis", Chapter.BAB2, Part.RENSTRA),
        ("strategic_plan", "Renstra", Chapter.BAB2, ""),
        ("performance_agreement", "Perjanjian Kinerja", Chapter.BAB1, ""),
        ("budget_analysis", "Anggaran", Chapter.BAB3B, Part.BUDGET),
    ]
