"""The narrative sections of a LAKIP the project knows: each key's Indonesian title and the chapter it prints in.

A narrative is a Markdown section under a key (``background``, ``legal_basis``...). The catalogue gives the keys
of the ``lakip/1`` spec and the other sections real reports have the title and chapter a printed LAKIP gives them,
following the PermenPAN-RB 53/2014 outline as the reports in ``shared/seeds`` print it (BKPP Bengkalis: "B. Maksud
dan Tujuan"; BKD Bengkulu: "C. Aspek Strategis Organisasi", "F. Tingkat Kinerja Pelayanan", Bab II "E. Strategi",
"F. Kebijakan", "G. Program / Kegiatan Rencana Kinerja Tahunan"; BKPSDM Belitung Timur: "1.6 Keuangan", "1.7 Ruang
Lingkup", "1.8 Sistematika Penulisan", "2.3 Rencana Anggaran", "3.4 Prestasi").

Some sections are the text of a part of the outline that the report prints anyway, with its own heading and
tables (``part``): the planner's "Rencana Strategis" is the text of Bab II's Renstra table, not a second heading
beside it; "Analisis Realisasi Anggaran" opens Bab III B.

Readings chosen:
- A section's own title and chapter (typed in the admin, or the object form of a ``lakip/1`` file) win over its
  key's. A section moved out of its key's chapter prints as a section of its own, not as the text of a part.
- A key the catalogue does not know prints in the chapter of the section before it (Bab I for the first one),
  under its own title or else its key made readable (``annex_iop`` → "Annex iop"), and is reported
  (``narrative_without_title``) until it has a title.
- ``tujuan_<n>_analysis`` (or ``goal_<n>_analysis``) is the analysis of the n-th tujuan's indicators, "Analisis
  Capaian Tujuan <n>" in Bab III A, as Bengkulu reports its tujuan-level indicators; ``sasaran_<n>_analysis`` (or
  ``objective_<n>_analysis``) likewise for a sasaran.
- Two sections of the same part: the first is its text, the second prints as a section of its own.
- A sasaran's own sections (analysis, success factors, obstacles, solutions) print under that sasaran in Bab III A,
  in the planner's order; they have a title but no chapter.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from domain.enums import Chapter


class Part(StrEnum):
    """A part of the outline the report prints whatever the narratives hold, whose text a section may be."""

    FOREWORD = "foreword"  # Kata Pengantar, signed by the head of agency
    SUMMARY = "summary"  # Ikhtisar Eksekutif, with the summary of figures
    RENSTRA = "renstra"  # Bab II: the Renstra, its vision, missions and table of targets
    AGREEMENT = "agreement"  # Bab II: the year's Perjanjian Kinerja and its table
    OVERVIEW = "overview"  # Bab III A: how achievement is measured, the table of every IKU
    EFFICIENCY = "efficiency"  # Bab III A: efficiency of resources per sasaran
    BUDGET = "budget"  # Bab III B: the budget tables


@dataclass(frozen=True)
class Section:
    title: str
    chapter: str
    part: str = ""


YEAR_SECTIONS = {
    "foreword": Section("Kata Pengantar", Chapter.FRONT, Part.FOREWORD),
    "executive_summary": Section("Ikhtisar Eksekutif", Chapter.FRONT, Part.SUMMARY),
    "background": Section("Latar Belakang", Chapter.BAB1),
    "purpose": Section("Maksud dan Tujuan", Chapter.BAB1),
    "legal_basis": Section("Dasar Hukum", Chapter.BAB1),
    "tasks_functions": Section("Tugas dan Fungsi", Chapter.BAB1),
    "organisation": Section("Struktur Organisasi", Chapter.BAB1),
    "strategic_aspects": Section("Aspek Strategis Organisasi", Chapter.BAB1),
    "strategic_issues": Section("Isu Strategis", Chapter.BAB1),
    "staff": Section("Sumber Daya Manusia", Chapter.BAB1),
    "service_performance": Section("Tingkat Kinerja Pelayanan", Chapter.BAB1),
    "facilities": Section("Sarana dan Prasarana", Chapter.BAB1),
    "finance": Section("Keuangan", Chapter.BAB1),
    "scope": Section("Ruang Lingkup", Chapter.BAB1),
    "report_outline": Section("Sistematika Penulisan", Chapter.BAB1),
    "report_structure": Section("Sistematika Penulisan", Chapter.BAB1),
    "strategic_plan": Section("Rencana Strategis", Chapter.BAB2, Part.RENSTRA),
    "strategic_planning": Section("Perencanaan Strategis", Chapter.BAB2, Part.RENSTRA),
    "goals_objectives": Section("Tujuan dan Sasaran", Chapter.BAB2),
    "performance_indicators": Section("Indikator Kinerja", Chapter.BAB2),
    "strategy": Section("Strategi", Chapter.BAB2),
    "policy": Section("Kebijakan", Chapter.BAB2),
    "strategy_policy": Section("Strategi dan Kebijakan", Chapter.BAB2),
    "strategy_programs": Section("Strategi dan Program", Chapter.BAB2),
    "annual_work_plan": Section("Program dan Kegiatan Rencana Kinerja Tahunan", Chapter.BAB2),
    "performance_plan": Section("Rencana Kinerja Tahunan", Chapter.BAB2),
    "budget_plan": Section("Rencana Anggaran", Chapter.BAB2),
    "performance_agreement": Section("Perjanjian Kinerja", Chapter.BAB2, Part.AGREEMENT),
    "performance_overview": Section("Capaian Kinerja Organisasi", Chapter.BAB3A, Part.OVERVIEW),
    "priority_activity": Section("Kegiatan Prioritas", Chapter.BAB3A),
    "achievements": Section("Prestasi dan Penghargaan", Chapter.BAB3A),
    "efficiency_analysis": Section("Efisiensi Penggunaan Sumber Daya", Chapter.BAB3A, Part.EFFICIENCY),
    "budget_analysis": Section("Analisis Realisasi Anggaran", Chapter.BAB3B, Part.BUDGET),
    "conclusion": Section("Kesimpulan", Chapter.BAB4),
    "follow_up": Section("Langkah Tindak Lanjut", Chapter.BAB4),
    "recommendations": Section("Saran", Chapter.BAB4),
    "annexes": Section("Dokumen Pendukung", Chapter.APPENDIX),
}
NUMBERED_SECTIONS = (
    (re.compile(r"(?:tujuan|goal)_(\d{1,3})_analysis"), "Analisis Capaian Tujuan {}", Chapter.BAB3A),
    (re.compile(r"(?:sasaran|objective)_(\d{1,3})_analysis"), "Analisis Capaian Sasaran {}", Chapter.BAB3A),
)
OBJECTIVE_SECTIONS = {
    "analysis": "Analisis capaian",
    "success_factors": "Faktor keberhasilan",
    "obstacles": "Kendala",
    "solutions": "Solusi",
}


@dataclass(frozen=True)
class Placed:
    """An agency-year section as the report prints it."""

    key: str
    title: str
    chapter: str
    part: str


def year_section(key):
    """The catalogue's section of an agency-year key; None for a key the project does not know."""
    if key in YEAR_SECTIONS:
        return YEAR_SECTIONS[key]
    for pattern, title, chapter in NUMBERED_SECTIONS:
        match = pattern.fullmatch(key)
        if match:
            return Section(title.format(int(match[1])), chapter)
    return None


def readable_key(key):
    """A key as a title, for a section the project does not know: ``annex_iop`` → "Annex iop"."""
    return key.replace("_", " ").capitalize()


def section_title(key, title=""):
    """The title an agency-year section prints under: its own, else its key's, else its key made readable."""
    known = year_section(key)
    return title or (known.title if known else readable_key(key))


def objective_section_title(key, title=""):
    """The title a sasaran's section prints under: its own, else its key's, else its key made readable."""
    return title or OBJECTIVE_SECTIONS.get(key) or readable_key(key)


def place_sections(entries):
    """Where each agency-year section prints: ``entries`` are ``(key, own title, own chapter)`` in the planner's
    order (an own title or chapter is ``""`` when there is none); the result is a ``Placed`` per entry, in the
    same order."""
    placed, chapter, taken = [], Chapter.BAB1, set()
    for key, title, own_chapter in entries:
        known = year_section(key)
        chapter = own_chapter or (known.chapter if known else chapter)
        part = known.part if known and chapter == known.chapter and known.part not in taken else ""
        taken.add(part)
        placed.append(Placed(key, section_title(key, title), chapter, part))
    return placed
