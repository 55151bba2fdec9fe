"""Read a ``lakip/1`` document into the database: validate everything first, then write it all or nothing.

The import is an upsert keyed by the natural keys of the file (codes and years), so database ids stay
stable across re-imports: pages, bookmarks and review notes that point at a row keep pointing at it.
Rows of the agency that the file no longer holds are deleted, so the agency always matches its file.
What the file does not carry (planners, reviewers, the review status of a year) is left alone.

Every row written is recorded in the audit trail (django-simple-history): the bulk writes through
``bulk_create_with_history``/``bulk_update_with_history``, the saves and deletions by the library's own signals,
all under the importing user when one is known (``interchange.history.acting_user``).

A locked year (an approved report, or for a planner a submitted one: ``interchange.locks``) may not change. The
rule chosen is the simplest exact one: the writer compares the file with the stored rows as it always does, and a
row of a locked year that it would create, change or delete refuses the whole file, naming the year; so a file
whose data of that year is identical to the stored data (a re-import of the same file, or of the approved
version's ``lakip/1``) changes nothing there and passes. A file that replaces the Renstra covering a locked year
(another start year, or a period that no longer holds the year) is refused too, since the year's targets hang from
it. Each kind of row is checked as the writer compares it, and the refusal (every locked year the file changes,
with what it changes there) is raised before any deletion, inside the import's transaction, so nothing of a refused
file is kept; ``agencies.freeze`` stays the backstop of anything the check could miss.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import attrgetter
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.freeze import FrozenError
from agencies.models import Agency, Government, Narrative, ReportYear
from agencies.signals import agency_data_changed
from budgets.models import BudgetFigure, BudgetLine, ExpenseTypeBudget, ObjectiveBudget
from domain.enums import (
    CHILD_LEVEL,
    BudgetLevel,
    Chapter,
    Direction,
    EfficiencyMethod,
    ExpenseType,
    GovernmentLevel,
    RealisationStatus,
)
from domain.numbers import MONEY_DIGITS, json_number, size_problem, to_decimal
from domain.validators import (
    Problem,
    achievement_cap_problems,
    category_bands_problems,
    code_problems,
    narrative_problems,
    printable,
    quoted,
    scale_problems,
    slug_problems,
    text_problem,
    too_long,
    value_problems,
)
from indicators.models import (
    Goal,
    Indicator,
    Mission,
    Objective,
    ObjectiveNarrative,
    Realisation,
    Renstra,
    RenstraYear,
    Target,
)
from interchange.history import acting_user, is_tracked
from interchange.locks import locked_years
from review.models import ReportVersion

from .format import FORMAT, LINE_CHILDREN

YEAR_KEY = re.compile(r"\d{4}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PATH_LENGTH = 300  # characters of a JSON path a message shows: a key can be as long as a file
FIRST_YEAR = 2000
REPORT_YEAR_FIELDS = "penandatanganan dan total anggaran laporan"


class LakipFileError(Exception):
    """A file that cannot be imported, with every problem found in it (nothing was written)."""

    def __init__(self, problems, source="<dokumen>"):
        self.problems = list(problems)
        self.source = source
        super().__init__("\n".join(f"{source}: {problem}" for problem in self.problems))


@dataclass
class ImportResult:
    """What an import did, per kind of row (``"indicator"``, ``"target"``...)."""

    agency_code: str
    source: str = "<dokumen>"
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)

    @property
    def changed(self):
        return any(sum(counts.values()) for counts in (self.created, self.updated, self.deleted))

    def __str__(self):
        return (
            f"{self.agency_code}: {sum(self.created.values())} dibuat, {sum(self.updated.values())} diubah, "
            f"{sum(self.deleted.values())} dihapus"
        )


def _json_integer(text):
    """A JSON integer: an int, or a Decimal when it is longer than any figure (Python refuses to read integers
    of over 4.300 digits, and the size check of the field it stands in refuses it with its path)."""
    return int(text) if len(text) <= 30 else Decimal(text)


def parse_json(text):
    """Parse JSON keeping every number exact (a Decimal, never a float), whatever its size."""
    return json.loads(text, parse_float=Decimal, parse_constant=Decimal, parse_int=_json_integer)


def import_file(path, *, user=None):
    """Import one file; a file that is missing, not UTF-8 or not JSON is refused like any other bad file."""
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LakipFileError([Problem("$", "berkas tidak ditemukan")], source) from None
    except (OSError, UnicodeDecodeError) as error:
        raise LakipFileError(
            [Problem("$", f"berkas tidak dapat dibaca sebagai teks UTF-8 ({error})")], source
        ) from None
    try:
        data = parse_json(text)
    except json.JSONDecodeError as error:
        message = f"bukan JSON yang sah: {error.msg} (baris {error.lineno}, kolom {error.colno})"
        raise LakipFileError([Problem("$", message)], source) from None
    except RecursionError:
        raise LakipFileError([Problem("$", "JSON bersarang terlalu dalam: bukan dokumen lakip/1")], source) from None
    return import_document(data, source=source, user=user)


def import_document(data, *, source="<dokumen>", user=None):
    """Validate a parsed ``lakip/1`` document and, only if it has no problem at all and changes no locked year
    (``interchange.locks``) for ``user`` (the importing user, None for the command line), write it in one
    transaction, recorded in the audit trail under ``user``."""
    reader = _Reader()
    plan = reader.read(data)
    if reader.problems:
        raise LakipFileError(reader.problems, source)
    try:
        with transaction.atomic(), acting_user(user):
            result = _Writer(plan, ImportResult(agency_code=plan["agency"]["code"], source=source), user).write()
            if result.changed:
                changed = Agency.objects.filter(code=result.agency_code).values_list("pk", flat=True)
                agency_data_changed.send(sender=import_document, agency_ids=list(changed))
            return result
    except FrozenError as error:  # the guard's backstop: a cascade the writer's own check did not foresee
        raise LakipFileError([Problem("$", message) for message in error.messages], source) from None


def decimal_text(value):
    """The stored text of a JSON number or decimal string: ``78.13`` → ``"78.13"``; None when it is not one,
    or when it is too large or too fine to keep (``domain.numbers.size_problem``), so that ``1e999999999`` is
    never written out.

    A decimal string is kept as written (stripped); what is a decimal is ``domain.numbers.to_decimal``'s rule.
    """
    number = to_decimal(value)
    if number is None or size_problem(number):
        return None
    return value.strip() if isinstance(value, str) else format(number, "f")


def field_length(model, name):
    """The column width of a text field, so that the import refuses what the database could not hold."""
    return model._meta.get_field(name).max_length


class _Reader:
    """Walks the document once, collecting every problem and building a clean plan for the writer."""

    def __init__(self):
        self.problems = []
        self.indicator_paths = {}
        self.line_paths = {}

    def problem(self, path, message):
        """Record a problem. A path holds the file's own keys, which may be anything: it is made printable and
        cut short, so that no message is ever longer than a screen or unprintable."""
        path = printable(path)
        if len(path) > PATH_LENGTH:
            path = path[: PATH_LENGTH - 1] + "…"
        self.problems.append(Problem(path, message))

    def report(self, path, problems):
        """The problems a domain validator found in the value at ``path``, under their JSON paths; returns them."""
        for problem in problems:
            self.problem(f"{path}{problem.path}", problem.message)
        return problems

    # Shapes ---------------------------------------------------------------------------------------

    def mapping(self, parent, key, path, *, required=False):
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "wajib diisi")
            return {}
        if not isinstance(value, dict):
            self.problem(f"{path}.{key}", "harus berupa objek JSON ({...})")
            return {}
        return value

    def items(self, parent, key, path):
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"{path}.{key}", "harus berupa daftar JSON ([...])")
            return []
        return value

    def objects(self, parent, key, path):
        """The entries of a list that must hold objects, with their paths; other entries are problems."""
        result = []
        for index, item in enumerate(self.items(parent, key, path)):
            item_path = f"{path}.{key}[{index}]"
            if isinstance(item, dict):
                result.append((item, item_path))
            else:
                self.problem(item_path, "harus berupa objek JSON ({...})")
        return result

    def text(self, parent, key, path, *, required=False, max_length=None, code=False):
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "wajib diisi")
            return ""
        if not isinstance(value, str):
            self.problem(f"{path}.{key}", "harus berupa teks")
            return ""
        if text_problem(value):
            self.problem(f"{path}.{key}", text_problem(value))
            return ""
        if code:
            value = value.strip()
        if required and not value.strip():
            self.problem(f"{path}.{key}", "wajib diisi")
        elif max_length and len(value) > max_length:
            self.problem(f"{path}.{key}", too_long(value, max_length))
        return value

    def code(self, parent, key, path, problems=code_problems):
        """A code as stored (stripped), checked by the domain's rule for codes, or for slugs (``slug_problems``)."""
        value = parent.get(key)
        code = value.strip() if isinstance(value, str) else value
        self.report(f"{path}.{key}", problems("" if code is None else code))
        return code if isinstance(code, str) else ""

    def short_value(self, parent, key, path, max_length):
        """A short free field that may be written as a number or as text (standard, baseline)."""
        value = parent.get(key)
        if not isinstance(value, int | Decimal) or isinstance(value, bool):
            return self.text(parent, key, path, max_length=max_length)
        text = decimal_text(value)
        if text is None:
            self.problem(f"{path}.{key}", f"{quoted(value)} bukan angka yang sah, atau terlalu besar")
        elif len(text) > max_length:
            self.problem(f"{path}.{key}", too_long(text, max_length))
        return text or ""

    def year(self, value, path):
        if isinstance(value, str) and YEAR_KEY.fullmatch(value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
            self.problem(path, f"{quoted(value)} bukan tahun empat angka")
            return None
        if value < FIRST_YEAR:
            self.problem(path, f"tahun {value} terlalu awal (paling awal {FIRST_YEAR})")
            return None
        return value

    def by_year(self, parent, key, path):
        """The entries of an object keyed by year (``{"2024": ...}``), with int years and their paths.

        A year written as null is a year without data, as if it were left out.
        """
        result = []
        for raw_year, value in self.mapping(parent, key, path).items():
            entry_path = f"{path}.{key}.{raw_year}"
            if value is None:
                continue
            if not YEAR_KEY.fullmatch(raw_year):
                self.problem(entry_path, f"{quoted(raw_year)} bukan tahun empat angka")
                continue
            if int(raw_year) < FIRST_YEAR:
                self.problem(entry_path, f"tahun {raw_year} terlalu awal (paling awal {FIRST_YEAR})")
                continue
            result.append((int(raw_year), value, entry_path))
        return result

    def choice(self, parent, key, path, choices, default, label):
        value = parent.get(key)
        if value is None:
            return default
        if value not in choices:
            allowed = ", ".join(choices)
            self.problem(f"{path}.{key}", f"{label} {quoted(value)} tidak dikenal ({allowed})")
            return default
        return value

    def money(self, parent, key, path):
        """A rupiah amount as an exact Decimal: a number ≥ 0 that fits the database column (``MONEY_DIGITS``)."""
        value = parent.get(key)
        if value is None:
            return None
        amount = to_decimal(value)
        if amount is None or amount < 0:
            self.problem(f"{path}.{key}", f"{quoted(value)} bukan jumlah uang yang sah (angka tidak negatif)")
            return None
        if size_problem(amount, MONEY_DIGITS):
            self.problem(f"{path}.{key}", f"{quoted(value)} {size_problem(amount, MONEY_DIGITS)}")
            return None
        return amount

    def date(self, parent, key, path):
        value = parent.get(key)
        if value is None:
            return None
        if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(f"{path}.{key}", f"{quoted(value)} bukan tanggal ISO (YYYY-MM-DD)")
        return None

    def unique(self, seen, code, path, what):
        """Remember a code; report it when it was already used elsewhere in the file."""
        if code in seen:
            self.problem(path, f'kode {what} "{code}" ganda (sudah dipakai di {seen[code]})')
        elif code:
            seen[code] = path

    # Document -------------------------------------------------------------------------------------

    def read(self, data):
        if not isinstance(data, dict):
            self.problem("$", "dokumen harus berupa objek JSON ({...})")
            return None
        fmt = data.get("format")
        if fmt != FORMAT:
            message = "wajib diisi" if fmt is None else f"format {quoted(fmt)} tidak didukung"
            self.problem("$.format", f'{message}; harus "{FORMAT}"')
        agency, government = self.read_agency(self.mapping(data, "agency", "$", required=True), "$.agency")
        agency.update(self.read_settings(self.mapping(data, "settings", "$"), "$.settings"))
        renstra_data = self.mapping(data, "renstra", "$", required=True)
        renstra = self.read_renstra(renstra_data, "$.renstra")
        goals, indicators = self.read_goals(renstra_data, "$.renstra", renstra)
        objectives = self.read_objectives(renstra_data, "$.renstra", {g["code"] for g in goals}, renstra, indicators)
        lines = []
        objective_codes = {o["code"] for o in objectives}
        for program_data, program_path in self.objects(data, "programs", "$"):
            self.read_line(program_data, program_path, "program", None, objective_codes, renstra, lines, indicators)
        for position, indicator in enumerate(indicators):
            indicator["fields"]["position"] = position
        return {
            "government": government,
            "agency": agency,
            "renstra": renstra,
            "missions": self.read_missions(renstra_data, "$.renstra"),
            "goals": goals,
            "objectives": objectives,
            "lines": lines,
            "indicators": indicators,
            "years": self.read_years(data, "$"),
        }

    def read_agency(self, data, path):
        government_data = self.mapping(data, "government", path, required=True)
        government_path = f"{path}.government"
        government = {
            "code": self.code(government_data, "code", government_path, slug_problems),
            "name": self.text(
                government_data, "name", government_path, required=True, max_length=field_length(Government, "name")
            ),
        }
        if "head_name" in government_data:
            government["head_name"] = self.text(
                government_data, "head_name", government_path, max_length=field_length(Government, "head_name")
            )
        level = government_data.get("level")
        if level is None:
            self.problem(f"{government_path}.level", "wajib diisi")
        government["level"] = self.choice(
            government_data, "level", government_path, GovernmentLevel.values(), "", "tingkat pemerintah daerah"
        )
        head = self.mapping(data, "head", path)
        head_path = f"{path}.head"
        nip = self.short_value(head, "nip", head_path, field_length(Agency, "head_nip"))
        agency = {
            "code": self.code(data, "code", path, slug_problems),
            "name": self.text(data, "name", path, required=True, max_length=field_length(Agency, "name")),
            "short_name": self.text(data, "short_name", path, max_length=field_length(Agency, "short_name")),
            "city": self.text(data, "city", path, max_length=field_length(Agency, "city")),
            "head_name": self.text(head, "name", head_path, max_length=field_length(Agency, "head_name")),
            "head_title": self.text(head, "title", head_path, max_length=field_length(Agency, "head_title")),
            "head_rank": self.text(head, "rank", head_path, max_length=field_length(Agency, "head_rank")),
            "head_nip": nip,
        }
        return agency, government

    def read_settings(self, data, path):
        cap = data.get("achievement_cap")
        if self.report(f"{path}.achievement_cap", achievement_cap_problems(cap)):
            cap = None
        return {
            "achievement_cap": int(cap) if cap is not None else None,
            "efficiency_method": self.choice(
                data, "efficiency_method", path, EfficiencyMethod.values(), EfficiencyMethod.RATIO, "metode efisiensi"
            ),
            "category_bands": self.read_category_bands(data.get("category_bands"), f"{path}.category_bands"),
        }

    def read_category_bands(self, bands, path):
        """The bands as stored, once ``category_bands_problems`` finds none: each ``{"min", "label"}``, with
        its minimum as a JSON number (a JSON field cannot hold a Decimal) and any other key left out."""
        if self.report(path, category_bands_problems(bands)) or bands is None:
            return None
        return [{"min": json_number(band["min"]), "label": band["label"]} for band in bands]

    def read_renstra(self, data, path):
        start = end = None
        for key in ("start_year", "end_year"):
            if data.get(key) is None:
                self.problem(f"{path}.{key}", "wajib diisi")
        if data.get("start_year") is not None:
            start = self.year(data["start_year"], f"{path}.start_year")
        if data.get("end_year") is not None:
            end = self.year(data["end_year"], f"{path}.end_year")
        if start and end and start > end:
            self.problem(f"{path}.end_year", f"tahun akhir {end} sebelum tahun awal {start}")
            end = None
        return {
            "start_year": start,
            "end_year": end,
            "vision": self.text(data, "vision", path, max_length=field_length(Renstra, "vision")),
        }

    def read_missions(self, data, path):
        missions = []
        for index, mission in enumerate(self.items(data, "missions", path)):
            if not isinstance(mission, str):
                self.problem(f"{path}.missions[{index}]", "harus berupa teks")
            elif text_problem(mission):
                self.problem(f"{path}.missions[{index}]", text_problem(mission))
            elif len(mission) > field_length(Mission, "text"):
                self.problem(f"{path}.missions[{index}]", too_long(mission, field_length(Mission, "text")))
            else:
                missions.append(mission)
        return missions

    def read_goals(self, data, path, renstra):
        """The goals, and their indicators as the first of the file's indicators."""
        seen = {}
        goals, indicators = [], []
        for position, (goal, goal_path) in enumerate(self.objects(data, "goals", path)):
            code = self.code(goal, "code", goal_path)
            self.unique(seen, code, f"{goal_path}.code", "tujuan")
            text = self.text(goal, "text", goal_path, required=True, max_length=field_length(Goal, "text"))
            goals.append({"code": code, "text": text, "position": position})
            indicators += self.read_indicators(goal, goal_path, ("goal", code), renstra)
        return goals, indicators

    def read_objectives(self, data, path, goal_codes, renstra, indicators):
        seen = {}
        objectives = []
        for position, (objective, objective_path) in enumerate(self.objects(data, "objectives", path)):
            code = self.code(objective, "code", objective_path)
            self.unique(seen, code, f"{objective_path}.code", "sasaran")
            goal = self.text(objective, "goal", objective_path, code=True) or None
            if goal and goal not in goal_codes:
                self.problem(f"{objective_path}.goal", f"tujuan {quoted(goal)} tidak ada di $.renstra.goals")
            narratives = {}
            for year, keyed, year_path in self.by_year(objective, "narratives", objective_path):
                narratives[year] = self.read_narratives(keyed, year_path, chapters=False)
            objectives.append(
                {
                    "code": code,
                    "goal": goal,
                    "text": self.text(
                        objective, "text", objective_path, required=True, max_length=field_length(Objective, "text")
                    ),
                    "position": position,
                    "budgets": self.read_budgets(objective, objective_path),
                    "narratives": narratives,
                }
            )
            indicators += self.read_indicators(objective, objective_path, ("objective", code), renstra)
        return objectives

    def read_narratives(self, keyed, path, *, chapters=True):
        """``[(key, fields)]`` in file order; keys the project does not know are kept too.

        A section is its Markdown text or ``{"title", "chapter", "text"}``, each optional (a missing text is an
        empty one); null is no section. The fields are ``text``, ``title`` (stripped) and, for an agency-year section
        (``chapters``), ``chapter``: a sasaran's section prints under its sasaran and has no chapter to choose.
        """
        if not isinstance(keyed, dict):
            self.problem(path, "harus berupa objek JSON {bagian: teks}")
            return []
        narratives = []
        for key, section in keyed.items():
            section_path = f"{path}.{key}"
            if self.report(section_path, slug_problems(key)) or section is None:
                continue
            fields = {"text": "", "title": ""} | ({"chapter": ""} if chapters else {})
            if isinstance(section, str):
                fields["text"] = self.text(keyed, key, path)
                self.report(section_path, narrative_problems(fields["text"]))
            elif isinstance(section, dict):
                fields["text"] = self.text(section, "text", section_path)
                self.report(f"{section_path}.text", narrative_problems(fields["text"]))
                title_length = field_length(Narrative if chapters else ObjectiveNarrative, "title")
                fields["title"] = self.text(section, "title", section_path, max_length=title_length).strip()
                if chapters:
                    fields["chapter"] = self.choice(section, "chapter", section_path, Chapter.values(), "", "bab")
                elif section.get("chapter") is not None:
                    self.problem(f"{section_path}.chapter", "narasi sasaran dicetak pada sasarannya, tanpa bab")
            else:
                self.problem(section_path, 'harus berupa teks atau objek {"title": ..., "chapter": ..., "text": ...}')
            narratives.append((key, fields))
        return narratives

    def read_budgets(self, data, path):
        budgets = {}
        for year, budget, budget_path in self.by_year(data, "budgets", path):
            if not isinstance(budget, dict):
                self.problem(budget_path, 'harus berupa objek {"budget": ..., "realisation": ...}')
                continue
            budgets[year] = {
                "budget": self.money(budget, "budget", budget_path),
                "realisation": self.money(budget, "realisation", budget_path),
                "expense_type": self.choice(
                    budget, "expense_type", budget_path, ExpenseType.values(), "", "jenis belanja"
                ),
            }
        return budgets

    def read_line(self, data, path, level, parent, objective_codes, renstra, lines, indicators):
        code = self.code(data, "code", path)
        self.unique(self.line_paths, code, f"{path}.code", "program/kegiatan")
        linked = []
        for index, objective in enumerate(self.items(data, "objectives", path)):
            if not isinstance(objective, str):
                self.problem(f"{path}.objectives[{index}]", "harus berupa kode sasaran (teks)")
            elif objective.strip() not in objective_codes:
                message = f"sasaran {quoted(objective)} tidak ada di $.renstra.objectives"
                self.problem(f"{path}.objectives[{index}]", message)
            elif objective.strip() not in linked:
                linked.append(objective.strip())
        lines.append(
            {
                "code": code,
                "level": level,
                "parent": parent,
                "name": self.text(data, "name", path, required=True, max_length=field_length(BudgetLine, "name")),
                "position": len(lines),
                "objectives": linked,
                "budgets": self.read_budgets(data, path),
            }
        )
        indicators += self.read_indicators(data, path, ("budget_line", code), renstra)
        children_key = LINE_CHILDREN.get(level)
        if children_key:
            for child, child_path in self.objects(data, children_key, path):
                self.read_line(child, child_path, CHILD_LEVEL[level], code, objective_codes, renstra, lines, indicators)

    def read_indicators(self, owner, path, owned_by, renstra):
        indicators = []
        for data, indicator_path in self.objects(owner, "indicators", path):
            code = self.code(data, "code", indicator_path)
            self.unique(self.indicator_paths, code, f"{indicator_path}.code", "indikator")
            indicators.append(
                {
                    "code": code,
                    "owner": owned_by,
                    "fields": {
                        "name": self.text(
                            data, "name", indicator_path, required=True, max_length=field_length(Indicator, "name")
                        ),
                        "unit": self.text(data, "unit", indicator_path, max_length=field_length(Indicator, "unit")),
                        "direction": self.choice(
                            data, "direction", indicator_path, Direction.values(), "higher", "arah"
                        ),
                        "scale": self.read_scale(data.get("scale"), f"{indicator_path}.scale"),
                        "formula": self.text(
                            data, "formula", indicator_path, max_length=field_length(Indicator, "formula")
                        ),
                        "data_source": self.text(
                            data, "data_source", indicator_path, max_length=field_length(Indicator, "data_source")
                        ),
                        "national_standard": self.value(
                            data.get("national_standard"), f"{indicator_path}.national_standard", allow_range=True
                        ),
                        "baseline": self.short_value(
                            data, "baseline", indicator_path, field_length(Indicator, "baseline")
                        ),
                    },
                    "targets": self.read_targets(data, indicator_path, renstra),
                    "realisations": self.read_realisations(data, indicator_path),
                }
            )
        return indicators

    def read_scale(self, scale, path):
        """The scale as stored, once ``scale_problems`` finds none: a name or a list of grades as written; the
        ``{"grade", "min"}`` form with its minimums as JSON numbers, a minimum left out (or null) left out, and
        any other key left out."""
        if self.report(path, scale_problems(scale)):
            return None
        if not isinstance(scale, list) or not isinstance(scale[0], dict):
            return scale
        return [
            {"grade": band["grade"], **({} if band.get("min") is None else {"min": json_number(band["min"])})}
            for band in scale
        ]

    def target_values(self, data, key, path, renstra):
        values = {}
        for year, value, value_path in self.by_year(data, key, path):
            if (
                renstra["start_year"]
                and renstra["end_year"]
                and not (renstra["start_year"] <= year <= renstra["end_year"])
            ):
                self.problem(
                    value_path,
                    f"tahun {year} di luar periode Renstra {renstra['start_year']}–{renstra['end_year']}",
                )
                continue
            text = self.value(value, value_path, allow_range=True)
            if text:
                values[year] = text
        return values

    def read_targets(self, data, path, renstra):
        renstra_values = self.target_values(data, "targets", path, renstra)
        agreement_values = self.target_values(data, "agreement_targets", path, renstra)
        reasons = {}
        for year, reason, reason_path in self.by_year(data, "agreement_reasons", path):
            if not isinstance(reason, str):
                self.problem(reason_path, "harus berupa teks")
            elif text_problem(reason):
                self.problem(reason_path, text_problem(reason))
            elif len(reason) > field_length(Target, "agreement_reason"):
                self.problem(reason_path, too_long(reason, field_length(Target, "agreement_reason")))
            elif year not in renstra_values and year not in agreement_values:
                self.problem(reason_path, f"tidak ada target tahun {year} yang dapat diberi alasan")
            else:
                reasons[year] = reason
        return {
            year: {
                "renstra_value": renstra_values.get(year, ""),
                "agreement_value": agreement_values.get(year, ""),
                "agreement_reason": reasons.get(year, ""),
            }
            for year in sorted(renstra_values.keys() | agreement_values.keys())
        }

    def value(self, value, path, *, allow_range):
        """A target or national standard (``allow_range``) or a realisation as stored: a JSON number as its
        decimal text, a text stripped, checked by the one grammar of a stored value (``domain.values``), as the
        model's ``ValueField`` checks it. ``""`` when there is none (null or an empty text, as in the admin) or
        it is refused."""
        if value is None:
            return ""
        number = None if isinstance(value, str) else to_decimal(value)
        if number is not None and size_problem(number):
            self.problem(path, f"{quoted(value)} {size_problem(number)}")
            return ""
        text = value.strip() if isinstance(value, str) else decimal_text(value)
        if text is None:
            self.problem(path, f"{quoted(value)} harus berupa angka atau teks")
            return ""
        return "" if self.report(path, value_problems(text, allow_range=allow_range)) else text

    def realised_value(self, data, key, path):
        return self.value(data.get(key), f"{path}.{key}", allow_range=False)

    def read_realisations(self, data, path):
        realisations = {}
        for year, realisation, realisation_path in self.by_year(data, "realisations", path):
            if not isinstance(realisation, dict):
                self.problem(realisation_path, 'harus berupa objek {"value": ..., "status": ...}')
                continue
            fields = {
                "value": self.realised_value(realisation, "value", realisation_path),
                "status": self.choice(
                    realisation,
                    "status",
                    realisation_path,
                    RealisationStatus.values(),
                    RealisationStatus.FINAL,
                    "status",
                ),
                "evidence": self.text(
                    realisation, "evidence", realisation_path, max_length=field_length(Realisation, "evidence")
                ),
                "evidence_date": self.date(realisation, "evidence_date", realisation_path),
                "note": self.text(realisation, "note", realisation_path, max_length=field_length(Realisation, "note")),
            }
            quarters = self.mapping(realisation, "quarters", realisation_path)
            quarters_path = f"{realisation_path}.quarters"
            for key in quarters:
                if key not in ("1", "2", "3", "4"):
                    self.problem(f"{quarters_path}.{key}", f'triwulan {quoted(key)} tidak dikenal ("1" sampai "4")')
            for quarter in range(1, 5):
                fields[f"q{quarter}"] = self.realised_value(quarters, str(quarter), quarters_path)
            realisations[year] = fields
        return realisations

    def read_years(self, data, path):
        years = {}
        for year, report, year_path in self.by_year(data, "years", path):
            if not isinstance(report, dict):
                self.problem(year_path, "harus berupa objek JSON ({...})")
                continue
            total = self.mapping(report, "budget_total", year_path)
            total_path = f"{year_path}.budget_total"
            by_type = {}
            for entry, entry_path in self.objects(report, "budget_by_type", year_path):
                expense_type = entry.get("type")
                if expense_type is None:
                    self.problem(f"{entry_path}.type", "wajib diisi")
                    continue
                expense_type = self.choice(entry, "type", entry_path, ExpenseType.values(), None, "jenis belanja")
                if expense_type in by_type:
                    self.problem(f"{entry_path}.type", f'jenis belanja "{expense_type}" ganda')
                elif expense_type:
                    by_type[expense_type] = {
                        "budget": self.money(entry, "budget", entry_path),
                        "realisation": self.money(entry, "realisation", entry_path),
                    }
            narratives_path = f"{year_path}.narratives"
            narratives = report.get("narratives")
            years[year] = {
                "fields": {
                    "signed_city": self.text(
                        report, "signed_city", year_path, max_length=field_length(ReportYear, "signed_city")
                    ),
                    "signed_date": self.date(report, "signed_date", year_path),
                    "budget_total": self.money(total, "budget", total_path),
                    "realisation_total": self.money(total, "realisation", total_path),
                },
                "by_type": by_type,
                "narratives": [] if narratives is None else self.read_narratives(narratives, narratives_path),
            }
        return years


class _Writer:
    """Writes a clean plan as an upsert on natural keys, deleting what the file no longer holds.

    Stale rows are deleted only at the end, children before owners: an indicator that moves from a
    removed objective to another one is updated first, so the cascade of the removal cannot take it.
    Before that, the rows of locked years the file would create, change or delete refuse the file
    (``self.refused``: year → the kinds of rows).
    """

    def __init__(self, plan, result, user=None):
        self.plan = plan
        self.result = result
        self.user = user
        self.stale = []
        self.locked = {}
        self.refused = {}

    def write(self):
        government = self.write_government()
        self.agency = self.write_agency(government)
        self.locked = locked_years(self.agency.pk, self.user)
        self.renstra = self.write_renstra()
        self.write_missions()
        goals = self.write_goals()
        objectives = self.write_objectives(goals)
        lines = self.write_lines()
        self.write_line_objectives(lines, objectives)
        indicators = self.write_indicators(goals, objectives, lines)
        self.write_targets(indicators)
        self.write_realisations(indicators)
        self.write_figures(lines, objectives)
        self.write_objective_narratives(objectives)
        self.write_years()
        if self.refused:
            raise LakipFileError(self.refusals(), self.result.source)
        for kind, model, pks in reversed(self.stale):
            model.objects.filter(pk__in=pks).delete()
            self.result.deleted[kind] += len(pks)
        return self.result

    def refuse(self, year, what):
        self.refused.setdefault(year, []).append(what)

    def refusals(self):
        """One problem per locked year the file would change, naming what it changes there."""
        problems = []
        for year in sorted(self.refused):
            what = ", ".join(dict.fromkeys(self.refused[year]))
            problems.append(Problem("$", f"{self.locked[year]} Yang diubah berkas ini pada tahun {year}: {what}."))
        return problems

    def check_locked(self, rows, year_of, what):
        """Refuse the file for each locked year among ``rows`` (to be created, changed or deleted)."""
        for row in rows:
            year = year_of(row)
            if year in self.locked:
                self.refuse(year, what)

    def sync(self, kind, model, existing, wanted, *, prune=True, year_of=None, what=None):
        """Create, update or (later) delete rows of one kind so that they are exactly ``wanted``.

        ``existing`` and ``wanted`` map a natural key to a row and to its field values (attnames).
        ``year_of(row)`` gives the report year a row belongs to, for the kinds a locked year holds; ``what`` names
        them in a refusal (the model's plural name by default).
        Returns the row of every wanted key, new rows with their ids.
        """
        rows, new, changed, changed_fields = {}, [], [], set()
        for key, values in wanted.items():
            row = existing.get(key)
            if row is None:
                row = model(**values)
                new.append(row)
            else:
                differing = [name for name, value in values.items() if getattr(row, name) != value]
                for name in differing:
                    setattr(row, name, values[name])
                if differing:
                    changed.append(row)
                    changed_fields.update(differing)
            rows[key] = row
        if year_of is not None:
            stale = [row for key, row in existing.items() if key not in wanted] if prune else []
            self.check_locked([*new, *changed, *stale], year_of, what or str(model._meta.verbose_name_plural))
        self.create(model, new)
        if changed:
            self.update(model, changed, sorted(changed_fields))
        self.result.created.update({kind: len(new)} if new else {})
        self.result.updated.update({kind: len(changed)} if changed else {})
        if prune:
            self.prune(kind, model, existing, wanted)
        return rows

    def create(self, model, rows):
        if is_tracked(model):
            bulk_create_with_history(rows, model, default_user=self.user)
        else:
            model.objects.bulk_create(rows)

    def update(self, model, rows, fields):
        if is_tracked(model):
            bulk_update_with_history(rows, model, fields, default_user=self.user)
        else:
            model.objects.bulk_update(rows, fields)

    def prune(self, kind, model, existing, wanted):
        pks = [row.pk for key, row in existing.items() if key not in wanted]
        if pks:
            self.stale.append((kind, model, pks))

    def save_one(self, kind, row, values):
        """Create or update one row through ``save()`` (which may keep other rows in step)."""
        if row.pk is None:
            row.save()
            self.result.created[kind] += 1
            return row
        differing = [name for name, value in values.items() if getattr(row, name) != value]
        if differing:
            for name in differing:
                setattr(row, name, values[name])
            row.save()
            self.result.updated[kind] += 1
        return row

    def write_government(self):
        values = self.plan["government"]
        row = Government.objects.filter(code=values["code"]).first() or Government(**values)
        return self.save_one("government", row, values)

    def write_agency(self, government):
        values = {**self.plan["agency"], "government_id": government.pk}
        row = Agency.objects.filter(code=values["code"]).first() or Agency(**values)
        return self.save_one("agency", row, values)

    def write_renstra(self):
        values = {"agency_id": self.agency.pk, **self.plan["renstra"]}
        replaced = list(
            self.agency.renstras.filter(start_year__lte=values["end_year"], end_year__gte=values["start_year"]).exclude(
                start_year=values["start_year"]
            )
        )
        row = self.agency.renstras.filter(start_year=values["start_year"]).first() or Renstra(**values)
        self.check_renstra(replaced, row, values)
        if replaced:
            Renstra.objects.filter(pk__in=[renstra.pk for renstra in replaced]).delete()
            self.result.deleted["renstra"] += len(replaced)
        return self.save_one("renstra", row, values)

    def check_renstra(self, replaced, row, values):
        """Refuse the file at once when it drops a locked year from the Renstra that holds its targets: a
        Renstra replaced by one of another start year, or a stored period that no longer holds the year."""
        for year in self.locked:
            in_replaced = any(renstra.start_year <= year <= renstra.end_year for renstra in replaced)
            dropped = row.pk is not None and row.start_year <= year <= row.end_year
            if in_replaced or (dropped and not values["start_year"] <= year <= values["end_year"]):
                self.refuse(year, f"Renstra yang memuat tahun {year}")
        if self.refused:
            raise LakipFileError(self.refusals(), self.result.source)

    def write_missions(self):
        existing = {m.position: m for m in self.renstra.missions.all()}
        wanted = {
            position: {"renstra_id": self.renstra.pk, "position": position, "text": text}
            for position, text in enumerate(self.plan["missions"])
        }
        self.sync("mission", Mission, existing, wanted)

    def write_goals(self):
        existing = {g.code: g for g in self.renstra.goals.all()}
        wanted = {g["code"]: {"renstra_id": self.renstra.pk, **g} for g in self.plan["goals"]}
        return self.sync("goal", Goal, existing, wanted)

    def write_objectives(self, goals):
        existing = {o.code: o for o in self.renstra.objectives.all()}
        wanted = {
            o["code"]: {
                "renstra_id": self.renstra.pk,
                "goal_id": goals[o["goal"]].pk if o["goal"] else None,
                "code": o["code"],
                "text": o["text"],
                "position": o["position"],
            }
            for o in self.plan["objectives"]
        }
        return self.sync("objective", Objective, existing, wanted)

    def write_lines(self):
        """Lines level by level, so that every parent has its id before its children refer to it."""
        existing = {line.code: line for line in self.agency.budget_lines.all()}
        rows = {}
        for level in BudgetLevel.values():
            wanted = {
                line["code"]: {
                    "agency_id": self.agency.pk,
                    "parent_id": rows[line["parent"]].pk if line["parent"] else None,
                    "level": level,
                    "code": line["code"],
                    "name": line["name"],
                    "position": line["position"],
                }
                for line in self.plan["lines"]
                if line["level"] == level
            }
            rows |= self.sync("budget_line", BudgetLine, existing, wanted, prune=False)
        self.prune("budget_line", BudgetLine, existing, rows)
        return rows

    def write_line_objectives(self, lines, objectives):
        through = BudgetLine.objectives.through
        existing = {
            (link.budgetline_id, link.objective_id): link
            for link in through.objects.filter(budgetline__agency=self.agency)
        }
        wanted = {}
        for line in self.plan["lines"]:
            for code in line["objectives"]:
                key = (lines[line["code"]].pk, objectives[code].pk)
                wanted[key] = {"budgetline_id": key[0], "objective_id": key[1]}
        self.sync("line_objective", through, existing, wanted)

    def write_indicators(self, goals, objectives, lines):
        owners = {"goal": goals, "objective": objectives, "budget_line": lines}
        existing = {i.code: i for i in self.agency.indicators.all()}
        wanted = {}
        for indicator in self.plan["indicators"]:
            kind, code = indicator["owner"]
            wanted[indicator["code"]] = {
                "agency_id": self.agency.pk,
                "code": indicator["code"],
                "goal_id": None,
                "objective_id": None,
                "budget_line_id": None,
                f"{kind}_id": owners[kind][code].pk,
                **indicator["fields"],
            }
        return self.sync("indicator", Indicator, existing, wanted)

    def write_targets(self, indicators):
        years = {y.year: y for y in RenstraYear.objects.filter(renstra=self.renstra)}
        existing = {
            (t.indicator_id, t.renstra_year_id): t
            for t in Target.objects.filter(indicator__agency=self.agency, renstra_year__renstra=self.renstra)
        }
        wanted = {}
        for indicator in self.plan["indicators"]:
            indicator_id = indicators[indicator["code"]].pk
            for year, values in indicator["targets"].items():
                key = (indicator_id, years[year].pk)
                wanted[key] = {"indicator_id": key[0], "renstra_year_id": key[1], **values}
        renstra_years = {renstra_year.pk: year for year, renstra_year in years.items()}
        self.sync("target", Target, existing, wanted, year_of=lambda target: renstra_years[target.renstra_year_id])

    def write_realisations(self, indicators):
        existing = {(r.indicator_id, r.year): r for r in Realisation.objects.filter(indicator__agency=self.agency)}
        wanted = {}
        for indicator in self.plan["indicators"]:
            indicator_id = indicators[indicator["code"]].pk
            for year, values in indicator["realisations"].items():
                wanted[(indicator_id, year)] = {"indicator_id": indicator_id, "year": year, **values}
        self.sync("realisation", Realisation, existing, wanted, year_of=attrgetter("year"))

    def write_figures(self, lines, objectives):
        existing = {(f.line_id, f.year): f for f in BudgetFigure.objects.filter(line__agency=self.agency)}
        wanted = {}
        for line in self.plan["lines"]:
            line_id = lines[line["code"]].pk
            for year, values in line["budgets"].items():
                wanted[(line_id, year)] = {"line_id": line_id, "year": year, **values}
        self.sync("budget_figure", BudgetFigure, existing, wanted, year_of=attrgetter("year"))

        existing = {
            (b.objective_id, b.year): b for b in ObjectiveBudget.objects.filter(objective__renstra=self.renstra)
        }
        wanted = {}
        for objective in self.plan["objectives"]:
            objective_id = objectives[objective["code"]].pk
            for year, values in objective["budgets"].items():
                wanted[(objective_id, year)] = {"objective_id": objective_id, "year": year, **values}
        self.sync("objective_budget", ObjectiveBudget, existing, wanted, year_of=attrgetter("year"))

    def write_objective_narratives(self, objectives):
        existing = {
            (n.objective_id, n.year, n.key): n
            for n in ObjectiveNarrative.objects.filter(objective__renstra=self.renstra)
        }
        wanted = {}
        for objective in self.plan["objectives"]:
            objective_id = objectives[objective["code"]].pk
            for year, narratives in objective["narratives"].items():
                for position, (key, fields) in enumerate(narratives):
                    wanted[(objective_id, year, key)] = {
                        "objective_id": objective_id,
                        "year": year,
                        "key": key,
                        "position": position,
                        **fields,
                    }
        self.sync("objective_narrative", ObjectiveNarrative, existing, wanted, year_of=attrgetter("year"))

    def write_years(self):
        existing = {r.year: r for r in self.agency.report_years.all()}
        wanted = {
            year: {"agency_id": self.agency.pk, "year": year, **report["fields"]}
            for year, report in self.plan["years"].items()
        }
        self.check_versions([row for year, row in existing.items() if year not in wanted])
        report_years = self.sync(
            "report_year", ReportYear, existing, wanted, year_of=attrgetter("year"), what=REPORT_YEAR_FIELDS
        )
        years = {row.pk: year for year, row in (existing | report_years).items()}

        def year_of(row):
            return years[row.report_year_id]

        existing = {
            (e.report_year_id, e.expense_type): e
            for e in ExpenseTypeBudget.objects.filter(report_year__agency=self.agency)
        }
        wanted = {}
        for year, report in self.plan["years"].items():
            report_year_id = report_years[year].pk
            for expense_type, values in report["by_type"].items():
                wanted[(report_year_id, expense_type)] = {
                    "report_year_id": report_year_id,
                    "expense_type": expense_type,
                    **values,
                }
        self.sync("expense_type_budget", ExpenseTypeBudget, existing, wanted, year_of=year_of)

        existing = {(n.report_year_id, n.key): n for n in Narrative.objects.filter(report_year__agency=self.agency)}
        wanted = {}
        for year, report in self.plan["years"].items():
            report_year_id = report_years[year].pk
            for position, (key, fields) in enumerate(report["narratives"]):
                wanted[(report_year_id, key)] = {
                    "report_year_id": report_year_id,
                    "key": key,
                    "position": position,
                    **fields,
                }
        self.sync("narrative", Narrative, existing, wanted, year_of=year_of)

    def check_versions(self, removed):
        """A report year with an approved version (``review.ReportVersion``, kept for good) is never deleted."""
        kept = ReportVersion.objects.filter(report_year__in=removed).values_list("report_year__year", flat=True)
        for year in sorted(set(kept)):
            self.locked.setdefault(year, f"Laporan tahun {year} punya versi yang disetujui Inspektorat, yang disimpan.")
            self.refuse(year, "tahun laporannya dihapus (tidak ada di berkas)")
