"""Everything the LAKIP PDF prints, gathered into one plain dict before any template runs.

Everything comes from the engine (``performance.results.agency_results``): the figures, and the facts it
loaded to compute them (the Renstra that applies, every year's targets, the goals, the head of agency, the
signature and the narratives, in ``results.snapshot``). The context makes no query of its own for them, so the
PDF cannot disagree with the pages about which Renstra or which target applies. Its one query is the approved
version (``review.ReportVersion``) whose statement page and QR code an approved report prints, made before the
engine loads the data (see ``_current_version``). The templates then only lay out and format: they never query
and never compute a figure.

The context also numbers the outline and the tables, so the Daftar Isi, the Daftar Tabel and the headings
of the chapters are written from the same entries. Last, every text it holds gets break opportunities in its
long unbroken runs (``_breakable``), so that no text makes the layout slow, whichever template prints it.
"""

import copy
import dataclasses

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from domain import rules
from domain.enums import Chapter, GovernmentLevel, ReportStatus
from domain.numbers import format_date
from domain.review import review_statement
from domain.sections import Part, objective_section_title, place_sections
from domain.text import break_long_runs
from performance.results import agency_results
from presentation.charts import budget_absorption_chart, objective_achievement_charts
from presentation.markdown import render_markdown
from presentation.qr import qr_svg
from review.models import ReportVersion

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# A footnote names its indicator (whose row calls it) by at most this many characters: a footnote must fit at the
# foot of one page, or WeasyPrint moves the calling row a line per page (a 20.000-character name took 450 pages).
FOOTNOTE_NAME_LENGTH = 100
FOOTNOTE_FILES = 5  # the evidence files a footnote names; more are counted ("dan 3 berkas lain")
REGIONAL_HEADS = {"provinsi": "Gubernur", "kabupaten": "Bupati", "kota": "Wali Kota"}


class Outline:
    """The report's headings and tables in reading order, numbered as they are added."""

    def __init__(self):
        self.headings = []
        self.tables = []
        self._chapter = ""
        self._table_numbers = {}

    def heading(self, title, *, label="", level=1, chapter=None):
        if chapter is not None:
            self._chapter = chapter
        entry = {"id": f"h{len(self.headings) + 1}", "label": label, "title": title, "level": level}
        self.headings.append(entry)
        return entry

    def table(self, caption):
        number = self._table_numbers.get(self._chapter, 0) + 1
        self._table_numbers[self._chapter] = number
        prefix = f"{self._chapter}." if self._chapter else ""
        entry = {"id": f"t{len(self.tables) + 1}", "number": f"{prefix}{number}", "caption": caption}
        self.tables.append(entry)
        return entry


def _chapters(narratives):
    """The agency-year sections by chapter, each in the planner's order (``domain.sections.place_sections``): a
    dict of the title it prints under, its own title (``""`` when it has none), the part of the outline whose text
    it is (``""`` for a section of its own) and its HTML. A section without text is left out, unless it
    is a part's text: the part prints anyway, under the section's own title if it has one."""
    chapters = {chapter: [] for chapter in Chapter}
    entries = [(key, narrative.title, narrative.chapter) for key, narrative in narratives.items()]
    for placed, narrative in zip(place_sections(entries), narratives.values(), strict=True):
        html = render_markdown(narrative.text)
        if html or placed.part:
            chapters[placed.chapter].append(
                {
                    "title": placed.title,
                    "own_title": narrative.title,
                    "part": placed.part,
                    "html": html,
                }
            )
    return chapters


def _with_parts(sections, *, first=(), last=()):
    """A chapter's sections with its parts in their places: a part sits where the section that is its text sits,
    and a part without one comes before the sections (``first``) or after them (``last``)."""
    present = {section["part"] for section in sections}

    def bare(part):
        return {"title": "", "own_title": "", "part": part, "html": ""}

    return [bare(p) for p in first if p not in present] + sections + [bare(p) for p in last if p not in present]


def _part(sections, part):
    """The section that is the text of ``part`` among a chapter's sections, or a bare one."""
    return next((s for s in sections if s["part"] == part), None) or _with_parts([], first=(part,))[0]


def _objective_sections(narratives):
    """A sasaran's sections of the year in the planner's order, each under its title; those without text left out."""
    rendered = (
        {"title": objective_section_title(key, narrative.title), "html": render_markdown(narrative.text)}
        for key, narrative in narratives.items()
    )
    return [section for section in rendered if section["html"]]


def _regional_head(snapshot):
    """The regional head the PK is signed with, e.g. "Bupati Bengkalis" for Pemerintah Kabupaten Bengkalis."""
    level = snapshot.government_level
    region = snapshot.government_name.removeprefix("Pemerintah ").strip()
    place = region.removeprefix(GovernmentLevel.label_of(level)).strip()
    return f"{REGIONAL_HEADS.get(level, 'Kepala Daerah')} {place}".strip()


def _renstra_rows(results, goals, years):
    """Rows of the Renstra table: each tujuan with its own indicators, then each of its sasaran with theirs.

    A tujuan or sasaran cell spans the rows of its group (``goal_span`` / ``objective_span`` on the group's
    first row, 0 on the others), as in a printed Renstra; WeasyPrint carries a spanning cell across pages.
    """
    goal_order = list(goals) + [o.goal for o in results.objectives if o.goal not in goals]
    rows = []
    for goal_code in dict.fromkeys(goal_order):
        blocks = [("", [i for i in results.goal_indicators if i.goal == goal_code])]
        blocks += [(o.text, list(o.indicators)) for o in results.objectives if o.goal == goal_code]
        blocks = [block for block in blocks if block[0] or block[1]] or [("", [])]
        goal_span = sum(max(1, len(indicators)) for _, indicators in blocks)
        for position, (objective_text, indicators) in enumerate(blocks):
            for index, indicator in enumerate(indicators or [None]):
                by_year = indicator.targets if indicator else {}
                rows.append(
                    {
                        "goal": goals.get(goal_code, ""),
                        "goal_span": goal_span if position == 0 and index == 0 else 0,
                        "objective": objective_text,
                        "objective_span": max(1, len(indicators)) if index == 0 else 0,
                        "indicator": indicator,
                        "targets": [by_year[y].renstra if y in by_year else None for y in years],
                    }
                )
    return rows


def _history_rows(objective, years):
    """Per indicator, its YearFigure of each year shown (None where the engine has none)."""
    rows = []
    for indicator in objective.indicators:
        by_year = {figure.year: figure for figure in indicator.history}
        rows.append({"indicator": indicator, "years": [by_year.get(y) for y in years]})
    return rows


def _summary_counts(objectives):
    """How many of the year's IKU met their target, fell short, or cannot be scored yet."""
    indicators = [i for o in objectives for i in o.indicators]
    scored = [i for i in indicators if i.achievement is not None and not i.is_pending]
    return {
        "objectives": len(objectives),
        "indicators": len(indicators),
        "met": sum(1 for i in scored if i.achievement >= 100),
        "short": sum(1 for i in scored if i.achievement < 100),
        "unscored": len(indicators) - len(scored),
        "provisional": sum(1 for i in indicators if i.is_provisional),
    }


def _evidence_note(indicator, year):
    """The footnote of a provisional or pending realisation: it names the evidence the value rests on, and the
    files uploaded as its evidence with the day of each upload (the first ``FOOTNOTE_FILES``, then how many more).
    A final realisation has no footnote, with or without files."""
    if not (indicator.is_provisional or indicator.is_pending):
        return ""
    state = "Realisasi sementara" if indicator.is_provisional else "Realisasi menunggu hasil"
    name = Truncator(indicator.name).chars(FOOTNOTE_NAME_LENGTH)
    note = f"{name}: {state}; bukti: {indicator.evidence or 'bukti dukung belum dicantumkan'}."
    files = indicator.realisations[year].files
    if files:
        listed = [f"{Truncator(f.name).chars(FOOTNOTE_NAME_LENGTH)} ({format_date(f.uploaded_on)})" for f in files]
        more = [f"dan {len(files) - FOOTNOTE_FILES} berkas lain"] if len(files) > FOOTNOTE_FILES else []
        note += f" Berkas bukti: {'; '.join(listed[:FOOTNOTE_FILES] + more)}."
    return note


def _achievement_rows(objectives, year):
    """Rows of the achievement table: every IKU with its footnote; the sasaran cell on the first row of its
    group spans the group (``span``)."""
    return [
        {
            "objective": objective,
            "span": len(objective["result"].indicators) if index == 0 else 0,
            "indicator": indicator,
            "note": _evidence_note(indicator, year),
        }
        for objective in objectives
        for index, indicator in enumerate(objective["result"].indicators)
    ]


def _current_version(agency, year):
    """The approved version of the agency-year not reopened since (the highest number), or None.

    Read before the engine loads the data: a version current now was approved before the data is read, so the
    data was frozen when it was read unless the version is reopened meanwhile, which the render queue checks
    before it attaches a PDF to the version (``reports.tasks``).
    """
    return (
        ReportVersion.objects.select_related("report_year__agency")
        .filter(report_year__agency=agency, report_year__year=year)
        .current()
        .first()
    )


def _approval(version, agency_name, year, heading):
    """What the statement page and the cover print of an approved version.

    The verification address is ``LAKIP_PUBLIC_URL`` with the version's page; it is kept whole (made safe after
    escaping, so no break opportunity enters it) and its QR code is drawn by ``presentation.qr``.
    """
    url = settings.LAKIP_PUBLIC_URL + reverse("publication:verify_version", args=[version.token])
    return {
        "version": version,
        "number": version.number,
        "approved_on": timezone.localdate(version.approved_at),
        "reviewer_name": version.reviewer_name,
        "reviewer_nip": version.reviewer_nip,
        "reviewer_title": version.reviewer_title,
        "reviewed_city": version.reviewed_city,
        "reviewed_on": version.reviewed_on,
        "statement": review_statement(agency_name, year),
        "url": format_html("{}", url),
        "qr": qr_svg(url),
        "heading": heading,
    }


def build_context(*, agency, year):
    """The whole report as plain data: the engine's results plus the plan, people and texts around them.

    Each chapter lists the planner's sections in their order, with the outline's own parts among them where the
    section that is their text sits, or else at their usual place: the Kata Pengantar first and the Ikhtisar
    Eksekutif last of the front matter, the Renstra first and the Perjanjian Kinerja last of Bab II, the efficiency
    of resources last of Bab III A (after the sasaran, whose place is fixed). Bab III A's and B's opening parts
    always open them, whatever the place of their text.

    An approved report year with a current version (``approval``) prints as that version: no DRAFT mark, no
    findings, and the reviewer's statement (Pernyataan Telah Direviu) in the Lampiran right after the Perjanjian
    Kinerja. A report year approved without a current version (its status set outside the workflow, or approved
    after ``_current_version`` looked) prints as a draft: ``draft`` is False only with both.
    """
    version = _current_version(agency, year)
    results = agency_results(agency=agency, year=year)
    snapshot = results.snapshot
    report_year = snapshot.years.get(year)
    renstra = snapshot.renstra
    goals = {goal.code: goal.text for goal in snapshot.goals}
    outline = Outline()
    chapters = _chapters(report_year.narratives if report_year else {})
    renstra_years = list(renstra.years) if renstra else []
    history_years = [y for y in renstra_years if y <= year] or [year]
    renstra_period = f"{renstra.start_year}–{renstra.end_year}" if renstra else ""
    part_titles = {
        Part.FOREWORD: "Kata Pengantar",
        Part.SUMMARY: "Ikhtisar Eksekutif",
        Part.RENSTRA: f"Rencana Strategis {renstra_period}".strip(),
        Part.AGREEMENT: f"Perjanjian Kinerja Tahun {year}",
        Part.OVERVIEW: "Capaian Kinerja Organisasi",
        Part.EFFICIENCY: "Efisiensi Penggunaan Sumber Daya",
        Part.BUDGET: "Realisasi Anggaran",
    }

    def heading(section, **kwargs):
        """A section's heading: a part's own heading unless the planner titled its text, else the section's title."""
        title = (section["own_title"] or part_titles[section["part"]]) if section["part"] else section["title"]
        return outline.heading(title, **kwargs)

    front = []
    for section in _with_parts(chapters[Chapter.FRONT], first=(Part.FOREWORD,), last=(Part.SUMMARY,)):
        front.append({**section, "heading": heading(section)})
        if section["part"] == Part.SUMMARY:
            front[-1]["table"] = outline.table(
                f"Ringkasan capaian kinerja dan serapan anggaran per sasaran tahun {year}"
            )
    contents = outline.heading("Daftar Isi")
    table_list = outline.heading("Daftar Tabel")

    bab1 = outline.heading("Pendahuluan", label="BAB I", chapter="1")
    bab1_sections = [
        {**section, "heading": heading(section, label=f"{LETTERS[i % 26]}.", level=2)}
        for i, section in enumerate(chapters[Chapter.BAB1])
    ]

    bab2 = outline.heading("Perencanaan Kinerja", label="BAB II", chapter="2")
    bab2_sections = []
    for i, section in enumerate(_with_parts(chapters[Chapter.BAB2], first=(Part.RENSTRA,), last=(Part.AGREEMENT,))):
        bab2_sections.append({**section, "heading": heading(section, label=f"{LETTERS[i % 26]}.", level=2)})
        if section["part"] == Part.RENSTRA:
            caption = f"Tujuan, sasaran, indikator dan target Renstra {renstra_period}".strip()
            bab2_sections[-1]["table"] = outline.table(caption)
        elif section["part"] == Part.AGREEMENT:
            bab2_sections[-1]["table"] = outline.table(f"Sasaran, indikator dan target Perjanjian Kinerja tahun {year}")

    bab3 = outline.heading("Akuntabilitas Kinerja", label="BAB III", chapter="3")
    overview = _part(chapters[Chapter.BAB3A], Part.OVERVIEW)
    bab3a = heading(overview, label="A.", level=2)
    achievement_table = outline.table(f"Target, realisasi dan capaian indikator kinerja utama tahun {year}")
    charts = objective_achievement_charts(results)
    objectives = []
    for number, objective in enumerate(results.objectives, start=1):
        objective_heading = outline.heading(f"Sasaran {number}: {objective.text}", level=3)
        lines = [line for line in results.budget_lines if objective.code in line.objectives]
        has_standard = any(i.national_standard for i in objective.indicators)
        objectives.append(
            {
                "result": objective,
                "number": number,
                "goal": goals.get(objective.goal, ""),
                "heading": objective_heading,
                "chart": charts[objective.code],
                "history_table": outline.table(
                    f"Realisasi dan capaian sasaran {number} tahun {history_years[0]}–{year}"
                ),
                "history_rows": _history_rows(objective, history_years),
                "end_table": outline.table(
                    f"Realisasi sasaran {number} dibandingkan target akhir Renstra"
                    + (" dan standar nasional" if has_standard else "")
                ),
                "has_standard": has_standard,
                "narratives": _objective_sections(objective.narratives),
                "lines": lines,
                "lines_table": outline.table(f"Program dan kegiatan pendukung sasaran {number}") if lines else None,
            }
        )
    bab3a_sections = []
    others = [section for section in chapters[Chapter.BAB3A] if section["part"] != Part.OVERVIEW]
    for section in _with_parts(others, last=(Part.EFFICIENCY,)):
        bab3a_sections.append({**section, "heading": heading(section, level=3)})
        if section["part"] == Part.EFFICIENCY:
            caption = f"Capaian kinerja, serapan anggaran dan efisiensi per sasaran tahun {year}"
            bab3a_sections[-1]["table"] = outline.table(caption)

    budget = _part(chapters[Chapter.BAB3B], Part.BUDGET)
    bab3b = heading(budget, label="B.", level=2)
    budget_sections = [
        {**section, "heading": heading(section, level=3)}
        for section in chapters[Chapter.BAB3B]
        if section["part"] != Part.BUDGET
    ]
    absorption_chart, absorption_by_program = budget_absorption_chart(results)
    lines_table = outline.table(f"Pagu dan realisasi per program, kegiatan dan sub kegiatan tahun {year}")
    objective_budget_table = outline.table(f"Pagu dan realisasi anggaran per sasaran tahun {year}")
    expense_table = outline.table(f"Pagu dan realisasi per jenis belanja tahun {year}")

    bab4 = outline.heading("Penutup", label="BAB IV", chapter="4")
    bab4_sections = [{**section, "heading": heading(section, level=2)} for section in chapters[Chapter.BAB4]]

    approved = report_year is not None and report_year.status == ReportStatus.APPROVED and version is not None
    appendix = outline.heading("Lampiran", chapter="L")
    appendix_pk = outline.heading(f"Perjanjian Kinerja Tahun {year}", label="1.", level=2)
    appendix_pk_table = outline.table(f"Perjanjian Kinerja tahun {year}")
    approval = (
        _approval(version, snapshot.name, year, outline.heading("Pernyataan Telah Direviu", label="2.", level=2))
        if approved
        else None
    )
    first_section = 3 if approval else 2
    appendix_sections = [
        {**section, "heading": heading(section, label=f"{number}.", level=2)}
        for number, section in enumerate(chapters[Chapter.APPENDIX], start=first_section)
    ]
    findings_label = f"{len(appendix_sections) + first_section}."
    appendix_findings = (
        None if approved else outline.heading("Temuan yang belum diselesaikan", label=findings_label, level=2)
    )

    context = {
        "agency": snapshot,
        "regional_head": _regional_head(snapshot),
        "regional_head_name": snapshot.government_head_name,
        "year": year,
        "paper_size": snapshot.paper_size,
        "draft": not approved,
        "approval": approval,
        "status_label": ReportStatus.label_of(report_year.status if report_year else ReportStatus.DRAFT),
        "signed_city": (report_year.signed_city if report_year else "") or snapshot.city,
        "signed_date": report_year.signed_date if report_year else None,
        "totals": results.totals,
        "counts": _summary_counts(results.objectives),
        "efficiency_method": results.efficiency_method,
        "efficiency_sentence": rules.EFFICIENCY_SENTENCES[results.efficiency_method],
        "footnote_name_length": FOOTNOTE_NAME_LENGTH,
        "achievement_cap": results.achievement_cap,
        "category_bands": results.category_bands,
        "renstra": renstra,
        "renstra_years": renstra_years,
        "renstra_rows": _renstra_rows(results, goals, renstra_years),
        "missions": renstra.missions if renstra else (),
        "history_years": history_years,
        "objectives": objectives,
        "achievement_rows": _achievement_rows(objectives, year),
        "budget_lines": results.budget_lines,
        "absorption_chart": absorption_chart,
        "absorption_by_program": absorption_by_program,
        "expense_types": results.expense_types,
        "findings": results.findings,
        "front": front,
        "bab1_sections": bab1_sections,
        "bab2_sections": bab2_sections,
        "overview": overview,
        "bab3a_sections": bab3a_sections,
        "budget": budget,
        "budget_sections": budget_sections,
        "bab4_sections": bab4_sections,
        "appendix_sections": appendix_sections,
        "toc": outline.headings,
        "tables": outline.tables,
        "h": {
            "contents": contents,
            "table_list": table_list,
            "bab1": bab1,
            "bab2": bab2,
            "bab3": bab3,
            "bab3a": bab3a,
            "bab3b": bab3b,
            "bab4": bab4,
            "appendix": appendix,
            "appendix_pk": appendix_pk,
            "appendix_findings": appendix_findings,
        },
        "t": {
            "achievement": achievement_table,
            "lines": lines_table,
            "objective_budget": objective_budget_table,
            "expense": expense_table,
            "appendix_pk": appendix_pk_table,
        },
    }
    return _breakable(context, {})


def _breakable(value, done):
    """``value`` with break opportunities in every text it holds (``domain.text.break_long_runs``), so that
    whatever a planner typed (an indicator name, a unit, a code, a sasaran) lays out in linear time wherever a
    template prints it, the templates themselves needing no filter.

    Texts inside dicts, lists, tuples and dataclasses (the engine's results and snapshot) are replaced; HTML
    already made safe (narratives, charts) is left alone, as are numbers, dates and dict keys. An object with no
    long text is kept as it is, and one reached twice becomes one copy (``done`` maps ids to results), so the
    templates see the same shared objects as before. A frozen dataclass is copied and its fields set on the copy.
    """
    if id(value) in done:
        return done[id(value)]
    result = value
    if isinstance(value, str):
        if not hasattr(value, "__html__"):
            result = break_long_runs(value)
    elif isinstance(value, dict):
        items = {key: _breakable(item, done) for key, item in value.items()}
        if any(items[key] is not item for key, item in value.items()):
            result = items
    elif isinstance(value, list | tuple):
        items = [_breakable(item, done) for item in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            result = items if isinstance(value, list) else tuple(items)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _breakable(old, done)
            if new is not old:
                changed[field.name] = new
        if changed:
            result = copy.copy(value)
            for name, new in changed.items():
                object.__setattr__(result, name, new)
    done[id(value)] = result
    return result
