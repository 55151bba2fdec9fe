"""The finding rules: what a reviewer must see before the report is approved.

Findings are not errors: the planner can still save. Each rule is a small function over the snapshot
(what was entered) and the computed results; ``collect_findings`` runs them all in a fixed order.
Rule ids and severities follow the spec's table; messages are Indonesian, with figures written the
Indonesian way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from domain import rules, values
from domain.enums import RealisationStatus, Severity
from domain.numbers import format_percent, format_rupiah, format_value, is_standard_nip
from domain.review import explanation_problems
from domain.sections import OBJECTIVE_SECTIONS, readable_key, year_section

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
AGENCY = "agency"


@dataclass(frozen=True)
class Finding:
    """What a reviewer must see: how serious, which rule, about what (a code, or ``agency``), and why; ``section``
    is the narrative section a narrative finding is about (its key); ``note`` is the planner's explanation, if they
    wrote one (``YearData.finding_notes``)."""

    severity: str
    rule: str
    subject: str
    message: str
    section: str = ""
    note: str = ""


def _finding(severity, rule, subject, message, section=""):
    return Finding(severity=severity, rule=rule, subject=subject, message=message, section=section)


# --- Budget -----------------------------------------------------------------------------------------


def realisation_exceeds_budget(snapshot, results):
    """A budget line's or an objective's realisation above its budget (the figures the report uses)."""
    subjects = [(line.code, line.budget, line.realisation) for line in results.budget_lines]
    subjects += [(o.code, o.budget, o.realisation) for o in results.objectives]
    for code, budget, realisation in subjects:
        if budget is not None and realisation is not None and realisation > budget:
            share = rules.absorption(budget, realisation)
            detail = f" ({format_percent(share)})" if share is not None else ""
            yield _finding(
                ERROR,
                "realisation_exceeds_budget",
                code,
                f"Realisasi {format_rupiah(realisation)} melebihi pagu {format_rupiah(budget)}{detail}",
            )


def realisation_without_budget(snapshot, results):
    """A budget line with a realisation for the year but no budget: its absorption cannot be computed, and its
    realisation still counts in its parent's, which it inflates (a parent sums the realisation of every child
    that has one). Reported on the line itself, whatever the amount, since the pagu is what is missing."""
    for line in results.budget_lines:
        if line.budget is None and line.realisation is not None:
            yield _finding(
                ERROR,
                "realisation_without_budget",
                line.code,
                f"Realisasi {format_rupiah(line.realisation)} dicatat tanpa pagu tahun {results.year}",
            )


def children_sum_mismatch(snapshot, results):
    """A parent line whose own figure differs from the sum of its children (the sum is what counts)."""
    for line in results.budget_lines:
        if not line.from_children:
            continue
        parts = []
        if line.own_budget is not None and line.own_budget != line.budget:
            parts.append(f"pagu {format_rupiah(line.own_budget)} ≠ jumlah rincian {format_rupiah(line.budget)}")
        if (
            line.own_realisation is not None
            and line.realisation is not None
            and line.own_realisation != line.realisation
        ):
            parts.append(
                f"realisasi {format_rupiah(line.own_realisation)} ≠ jumlah rincian {format_rupiah(line.realisation)}"
            )
        if parts:
            yield _finding(
                ERROR,
                "children_sum_mismatch",
                line.code,
                "Angka yang tercantum tidak sama dengan jumlah rinciannya: " + "; ".join(parts),
            )


def objective_without_budget(snapshot, results):
    for objective in results.objectives:
        if objective.budget is None:
            yield _finding(
                WARNING,
                "objective_without_budget",
                objective.code,
                f"Tidak ada anggaran tahun {results.year} yang dikaitkan dengan sasaran {objective.code}",
            )


def budget_line_without_objective(snapshot, results):
    """A line with a budget for the year that neither it, nor a line above it, nor a line below it links
    to an objective; reported on the highest such line only."""
    lines = {line.code: line for line in results.budget_lines}
    children = {}
    for line in results.budget_lines:
        children.setdefault(line.parent, []).append(line)

    def linked_below(line):
        return any(c.objectives or linked_below(c) for c in children.get(line.code, []))

    def visit(line):
        if line.objectives:
            return
        if line.budget is not None and not linked_below(line):
            yield _finding(
                WARNING,
                "budget_line_without_objective",
                line.code,
                f"{line.name} (pagu {format_rupiah(line.budget)}) tidak dikaitkan dengan sasaran mana pun",
            )
            return
        for child in children.get(line.code, []):
            yield from visit(child)

    for program in children.get(None, []):
        if program.code in lines:
            yield from visit(program)


def budget_total_below_lines(snapshot, results):
    """The agency's whole budget (DPA) smaller than the programs it contains."""
    year_data = snapshot.years.get(results.year)
    if year_data is None or year_data.budget_total is None:
        return
    programs = rules.sum_known(line.budget for line in results.budget_lines if line.level == "program")
    if programs is not None and year_data.budget_total < programs:
        yield _finding(
            ERROR,
            "budget_total_below_lines",
            AGENCY,
            f"Total pagu {format_rupiah(year_data.budget_total)} lebih kecil dari jumlah pagu program "
            f"{format_rupiah(programs)}",
        )


def expense_types_sum_mismatch(snapshot, results):
    """The budget by expense type does not add up to the agency's whole budget."""
    year_data = snapshot.years.get(results.year)
    if year_data is None or year_data.budget_total is None or not year_data.expense_types:
        return
    by_type = rules.sum_known(money.budget for _, money in year_data.expense_types)
    if by_type is not None and by_type != year_data.budget_total:
        yield _finding(
            ERROR,
            "expense_types_sum_mismatch",
            AGENCY,
            f"Jumlah pagu per jenis belanja {format_rupiah(by_type)} tidak sama dengan total pagu "
            f"{format_rupiah(year_data.budget_total)}",
        )


# --- Indicators ----------------------------------------------------------------------------------------


def _indicator_data(snapshot):
    for goal in snapshot.goals:
        yield from goal.indicators
    for objective in snapshot.objectives:
        yield from objective.indicators
    for line in snapshot.lines:
        yield from line.indicators


def missing_target(snapshot, results):
    """An indicator of an objective with no target (Renstra or PK) for the year."""
    for objective in results.objectives:
        for indicator in objective.indicators:
            if indicator.target is None:
                yield _finding(
                    ERROR,
                    "missing_target",
                    indicator.code,
                    f"{indicator.name}: tidak ada target tahun {results.year}",
                )


def missing_realisation(snapshot, results):
    """No realisation for the year: none entered, or still pending."""
    for indicator in results.indicators:
        if indicator.status == RealisationStatus.PENDING:
            evidence = f" ({indicator.evidence})" if indicator.evidence else ""
            yield _finding(
                WARNING,
                "missing_realisation",
                indicator.code,
                f"{indicator.name}: realisasi tahun {results.year} masih menunggu hasil{evidence}",
            )
        elif indicator.realisation is None:
            yield _finding(
                WARNING,
                "missing_realisation",
                indicator.code,
                f"{indicator.name}: belum ada realisasi tahun {results.year}",
            )


def realisation_provisional(snapshot, results):
    for indicator in results.indicators:
        if indicator.status == RealisationStatus.PROVISIONAL:
            evidence = f"; bukti: {indicator.evidence}" if indicator.evidence else ""
            yield _finding(
                INFO,
                "realisation_provisional",
                indicator.code,
                f"{indicator.name}: realisasi {format_value(indicator.realisation)} masih sementara{evidence}",
            )


def realisation_same_as_previous_year(snapshot, results):
    """The value equals last year's (numbers as numbers, grades as text): likely carried over."""
    for indicator in results.indicators:
        if indicator.realisation is None or indicator.previous_realisation is None:
            continue
        if values.values_equal(indicator.realisation, indicator.previous_realisation):
            yield _finding(
                WARNING,
                "realisation_same_as_previous_year",
                indicator.code,
                f"{indicator.name}: realisasi {results.year} ({format_value(indicator.realisation)}) sama dengan "
                f"realisasi {results.year - 1}; periksa apakah nilai tahun lalu terbawa",
            )


def target_differs_from_renstra(snapshot, results):
    """The PK target differs from the Renstra target of the year (compared as numbers, ranges bound by
    bound, grades as text). A recorded reason does not silence it: the reviewer still sees the reason."""
    for indicator in results.indicators:
        pk, renstra = indicator.agreement_target, indicator.renstra_target
        if pk is None or renstra is None or values.values_equal(pk, renstra):
            continue
        reason = f" Alasan: {indicator.agreement_reason}" if indicator.agreement_reason else " Tanpa alasan tercatat."
        yield _finding(
            WARNING,
            "target_differs_from_renstra",
            indicator.code,
            f"{indicator.name}: target PK {format_value(pk)} berbeda dengan target Renstra "
            f"{format_value(renstra)}.{reason}",
        )


def zero_target(snapshot, results):
    for indicator in results.indicators:
        if indicator.problem == rules.ZERO_TARGET:
            yield _finding(
                WARNING,
                "zero_target",
                indicator.code,
                f"{indicator.name}: target 0 dengan realisasi {format_value(indicator.realisation)}; "
                "capaian tidak dapat dihitung",
            )


def value_kind_mismatch(snapshot, results):
    """A grade for a numeric indicator, or a number for a graded one without bands: target and realisation
    are each checked, independently of whether the other is missing."""
    by_code = {i.code: i for i in results.indicators}
    for data in _indicator_data(snapshot):
        scale = values.resolve_scale(data.scale)
        indicator = by_code[data.code]
        for label, text, is_realisation in (
            ("target", indicator.target, False),
            ("realisasi", indicator.realisation, True),
        ):
            problem = values.kind_problem(text, scale, realisation=is_realisation)
            if problem:
                yield _finding(
                    ERROR,
                    "value_kind_mismatch",
                    data.code,
                    f"{data.name}: {label} {results.year} tidak sesuai: {problem}",
                )


# --- Agency and narratives ---------------------------------------------------------------------------------


def nip_malformed(snapshot, results):
    if snapshot.head_nip and not is_standard_nip(snapshot.head_nip):
        yield _finding(
            WARNING,
            "nip_malformed",
            AGENCY,
            f"NIP kepala perangkat daerah «{snapshot.head_nip}» tidak terdiri dari 18 digit",
        )


_REPORT_NAMES = (
    r"LAKIP|LKjIP|LKj|LAPKIN|"
    r"Laporan\s+(?:Akuntabilitas\s+)?Kinerja(?:\s+Instansi\s+Pemerintah(?:an)?)?"
)
_OTHER_YEAR_PATTERNS = (
    # The report calling itself by a year: "Laporan Kinerja ... Tahun 2023", "LAKIP ... Tahun Anggaran 2023".
    re.compile(
        rf"\b(?:{_REPORT_NAMES})\b[^.\n\d]{{0,120}}?\bTahun\s+(?:Anggaran\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)",
        re.IGNORECASE,
    ),
    # The budget year: "Tahun Anggaran 2023", "APBD-P 2023", "DPA 2023".
    re.compile(
        r"\b(?:Tahun\s+Anggaran|T\.\s?A\.|APBD(?:\s*-\s*P|\s+Perubahan)?|DPA)\s+(?:Tahun\s+)?"
        r"(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)",
        re.IGNORECASE,
    ),
    # The performance agreement: "Perjanjian Kinerja Tahun 2023", "PK 2023".
    re.compile(
        r"\b(?:Perjanjian\s+Kinerja|PK)\s+(?:\(PK\)\s+)?(?:Tahun\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)",
        re.IGNORECASE,
    ),
)
# A year attached to an evaluation names the evaluated year ("LHE AKIP Tahun Anggaran 2023"), not the report's.
_EVALUATION_CONTEXT = re.compile(r"\b(?:LHE|evaluasi|hasil\s+penilaian)\b[^.\n]{0,30}$", re.IGNORECASE)


def _narratives(snapshot, year):
    """(subject, key, narrative) of every narrative section of the year: the agency's, then each sasaran's."""
    year_data = snapshot.years.get(year)
    if year_data is not None:
        for key, narrative in year_data.narratives.items():
            yield AGENCY, key, narrative
    for objective in snapshot.objectives:
        for key, narrative in objective.narratives.get(year, {}).items():
            yield objective.code, key, narrative


def _snippet(text, match):
    """The matched words on one line, however the narrative wrapped them."""
    return " ".join(text[match.start() : match.end()].split())


def narrative_mentions_other_year(snapshot, results):
    """A narrative that calls the report, its budget year or its PK by another year than the report's."""
    for subject, key, narrative in _narratives(snapshot, results.year):
        text, seen = narrative.text, set()
        for pattern in _OTHER_YEAR_PATTERNS:
            for match in pattern.finditer(text):
                if int(match.group("year")) == results.year or match.start("year") in seen:
                    continue
                if _EVALUATION_CONTEXT.search(text[max(0, match.start() - 40) : match.start()]):
                    continue
                seen.add(match.start("year"))
                phrase = _snippet(text, match)
                if len(phrase) > 90:
                    phrase = "… " + phrase[-80:]
                yield _finding(
                    WARNING,
                    "narrative_mentions_other_year",
                    subject,
                    f"Narasi «{key}» menyebut «{phrase}», padahal laporan ini tahun {results.year}",
                    key,
                )


_REGION_LEVEL = r"(?:Kabupaten|Kab\.|Kota|Provinsi|Prov\.)"
# A region name: capitalised words separated by spaces on the same line ("Kota Pangkal Pinang").
_REGION = re.compile(rf"\b{_REGION_LEVEL}[ \t]+(?P<name>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){{0,3}})")
# Capitalised words that follow a level word without being a region name.
_NOT_A_NAME = {
    "Nomor", "Tahun", "Sesuai", "Berdasarkan", "Masih", "Dan", "Dalam", "Untuk", "Yang", "Se", "Rp",
    "Kepegawaian", "Daerah", "Lain", "Lainnya", "Terkait", "Pada", "Di", "Dengan", "Oleh", "Tentang",
    "Serta", "Atau", "Sebagai", "Setempat", "Tersebut", "Induk", "Kabupaten", "Kota", "Provinsi",
}  # fmt: skip


def _own_region_name(government_name):
    """The agency's own region name: "Pemerintah Kabupaten Belitung Timur" → "belitung timur"."""
    match = re.search(rf"{_REGION_LEVEL}\s+(.+)$", government_name)
    name = match.group(1) if match else government_name.removeprefix("Pemerintah")
    return " ".join(name.casefold().split())


def _names_own_region(text, start, own):
    """Whether the text at ``start`` reads the own region's name (whatever its case and spacing), as a
    whole word: "Pangkajene dan Kepulauan" is one name even with its lower-case "dan"."""
    following = " ".join(text[start : start + 2 * len(own) + 10].split()).casefold()
    return following.startswith(own) and not following[len(own) : len(own) + 1].isalpha()


def narrative_mentions_other_region(snapshot, results):
    """A narrative naming a kabupaten, kota or provinsi other than the agency's own.

    The name is the run of capitalised words after the level word, on one line. It is the agency's own
    when the text there reads the own region's name ("Kabupaten Bengkalis Nomor ..." is Bengkalis), so a
    misspelling of the own name ("Belitang Timur", "Begkulu") is reported too: it is wrong in a signed
    report. Words that cannot start a name ("Provinsi Kepegawaian Daerah ...") are skipped.
    """
    own = _own_region_name(snapshot.government_name)
    for subject, key, narrative in _narratives(snapshot, results.year):
        text, seen = narrative.text, set()
        for match in _REGION.finditer(text):
            words = match.group("name").split()
            if words[0] in _NOT_A_NAME:
                continue
            if _names_own_region(text, match.start("name"), own):
                continue
            cut = next((i for i, w in enumerate(words) if w in _NOT_A_NAME), len(words))
            region = " ".join(match.group(0).split()[: 1 + cut])
            if region in seen:
                continue
            seen.add(region)
            yield _finding(
                WARNING,
                "narrative_mentions_other_region",
                subject,
                f"Narasi «{key}» menyebut {region}, bukan {snapshot.government_name.removeprefix('Pemerintah ')}",
                key,
            )


def narrative_without_title(snapshot, results):
    """A section with text whose key the project does not know (``domain.sections``) and that has no title of its
    own: it prints under its key made readable ("Annex iop"), which a report in Bahasa Indonesia should not show.
    A sasaran's section counts when its key is not one of a sasaran's."""
    for subject, key, narrative in _narratives(snapshot, results.year):
        known = year_section(key) if subject == AGENCY else OBJECTIVE_SECTIONS.get(key)
        if known is None and not narrative.title and narrative.text.strip():
            yield _finding(
                INFO,
                "narrative_without_title",
                subject,
                f"Bagian narasi «{key}» belum diberi judul; dicetak dengan judul «{readable_key(key)}»",
                key,
            )


RULES = (
    realisation_exceeds_budget,
    realisation_without_budget,
    children_sum_mismatch,
    budget_total_below_lines,
    expense_types_sum_mismatch,
    missing_target,
    value_kind_mismatch,
    target_differs_from_renstra,
    missing_realisation,
    realisation_same_as_previous_year,
    zero_target,
    objective_without_budget,
    budget_line_without_objective,
    narrative_mentions_other_year,
    narrative_mentions_other_region,
    narrative_without_title,
    nip_malformed,
    realisation_provisional,
)


def collect_findings(snapshot, results):
    """Every finding of the agency-year, errors first, in rule order within each severity."""
    found = [f for rule in RULES for f in rule(snapshot, results)]
    year = snapshot.years.get(results.year)
    notes = year.finding_notes if year else {}
    found = [replace(f, note=notes.get((f.rule, f.subject), "")) for f in found]
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(found, key=lambda f: order[f.severity])


def unexplained_errors(findings):
    """The error findings a report cannot be submitted with: not fixed, and not explained in a sentence
    (``domain.review.explanation_problems``) by the planner's note."""
    return [f for f in findings if f.severity == ERROR and explanation_problems(f.note)]
