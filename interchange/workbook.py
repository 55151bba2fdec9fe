"""The year of an agency as an Excel workbook, and the way back: read an edited workbook, list its changes, apply them.

``write_workbook`` writes three sheets from one loading of the agency (``performance.snapshot.load_snapshot``):
**Target** (the Renstra target of every year of the period, the PK target of the report year with its reason,
the renaksi TW I–IV), **Realisasi** (value, status, TW I–IV, note, evidence date) and **Anggaran** (pagu and
realisasi of the year of every budget line), and an **Info** sheet naming the agency and year. Codes are the keys;
the key columns (code, name, unit or level) are locked: each sheet is protected with only the input cells
unlocked. A plain number is written as a number; a range or a grade stays text, a range written the way the forms
show it (``76,61–88,30``), so it reads back as typed.

``compute_preview`` reads an uploaded workbook against the agency's current data and lists every changed cell
(old → new) and every problem (sheet, row number, code and column). Each cell is read the way the planner's forms
read it and checked by the model field's own ``clean`` (``domain.values`` through ``ValueField``, the length of a
text, the size of an amount), so no rule has a second copy here. ``apply_changes`` writes the changes in bulk.

Readings chosen where the workbook is ambiguous:

- A number cell equal to the stored value (``87.30`` read back as ``87.3``, or an amount of 17 digits that Excel
  can only hold as the nearest double) is no change.
- A number typed as text is read the Indonesian way (``89,5``), as a form reads it.
- An empty status cell keeps the stored status (a new realisation is final, the model's default).
- A row whose code is empty is ignored; a row left out is no change (the workbook never deletes data).
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.signals import agency_data_changed
from budgets.models import BudgetFigure, BudgetLine
from domain.enums import BudgetLevel, RealisationStatus
from domain.numbers import TypedNumberError, format_date, format_money, format_value, parse_typed_money, to_decimal
from domain.values import parse_typed_value
from indicators.models import Indicator, Realisation, RenstraYear, Target
from interchange.locks import locked_years
from performance.snapshot import load_snapshot, renstra_for_year

FORMAT = "lakip-excel/1"
INFO_SHEET = "Info"
TARGET_SHEET, REALISATION_SHEET, BUDGET_SHEET = "Target", "Realisasi", "Anggaran"
MAX_ROWS = 5_000  # rows read per sheet: ten times the largest agency's budget lines
QUARTERS = ("q1", "q2", "q3", "q4")
ROMAN = ("I", "II", "III", "IV")
MODELS = {"target": Target, "realisation": Realisation, "figure": BudgetFigure}
# Where a model field's stored value sits in the snapshot's dataclasses, where the names differ.
SNAPSHOT_ATTRIBUTES = {"renstra_value": "renstra", "agreement_value": "agreement", "budget": "budget"}
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
HEADER_FONT = Font(bold=True)


class WorkbookError(Exception):
    """The upload is not a workbook of this agency and year: one sentence saying why."""


@dataclass(frozen=True)
class Column:
    """A column of a sheet: a key (``kind`` "code" or "key", locked) or an input cell of one model field."""

    header: str
    kind: str  # "code", "key", or how an input is read: "value", "realised", "status", "text", "date", "money"
    model: str = ""
    field: str = ""
    year: int | None = None
    width: int = 16


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[tuple[str, tuple, object]]  # (code, key texts, the snapshot's item the row edits)


@dataclass(frozen=True)
class Change:
    """One changed cell: where it is, the model field it edits, and the stored value before and after."""

    sheet: str
    row: int
    code: str
    column: str
    model: str
    field: str
    year: int
    old: str
    new: str
    old_display: str
    new_display: str


@dataclass(frozen=True)
class Problem:
    """Why a cell, a row or the whole file (``row`` 0) cannot be applied."""

    sheet: str
    row: int
    code: str
    column: str
    message: str


@dataclass
class Preview:
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def as_json(self):
        return {"changes": [asdict(c) for c in self.changes], "problems": [asdict(p) for p in self.problems]}


def _indicators(snapshot):
    """Every indicator of the applicable plan: of the goals, of the sasaran (IKU), of the budget lines."""
    owners = [*snapshot.goals, *snapshot.objectives, *snapshot.lines]
    return [indicator for owner in owners for indicator in owner.indicators]


def build_sheets(snapshot, year):
    """The three sheets of ``year``: their columns and rows, from the snapshot."""
    indicators = _indicators(snapshot)
    keys = [Column("Kode indikator", "code"), Column("Nama indikator", "key", width=60), Column("Satuan", "key")]
    target_columns = list(keys)
    renstra_years = list(snapshot.renstra.years) if snapshot.renstra else []
    target_columns += [Column(f"Target Renstra {y}", "value", "target", "renstra_value", y) for y in renstra_years]
    if year in renstra_years:
        target_columns += [
            Column(f"Target PK {year}", "value", "target", "agreement_value", year),
            Column("Alasan target PK berbeda", "text", "target", "agreement_reason", year, width=40),
            *(Column(f"Renaksi TW {r}", "value", "target", q, year) for r, q in zip(ROMAN, QUARTERS, strict=True)),
        ]
    realisation_columns = [
        *keys,
        Column(f"Realisasi {year}", "realised", "realisation", "value", year),
        Column("Status", "status", "realisation", "status", year),
        *(
            Column(f"Realisasi TW {r}", "realised", "realisation", q, year)
            for r, q in zip(ROMAN, QUARTERS, strict=True)
        ),
        Column("Catatan", "text", "realisation", "note", year, width=40),
        Column("Tanggal bukti", "date", "realisation", "evidence_date", year),
    ]
    indicator_rows = [(i.code, (i.name, i.unit), i) for i in indicators]
    budget_columns = [
        Column("Kode", "code", width=22),
        Column("Nama program/kegiatan", "key", width=60),
        Column("Tingkat", "key"),
        Column(f"Pagu {year}", "money", "figure", "budget", year, width=20),
        Column(f"Realisasi {year}", "money", "figure", "realisation", year, width=20),
    ]
    line_rows = [(line.code, (line.name, BudgetLevel.label_of(line.level)), line) for line in snapshot.lines]
    return [
        Sheet(TARGET_SHEET, target_columns, indicator_rows),
        Sheet(REALISATION_SHEET, realisation_columns, indicator_rows),
        Sheet(BUDGET_SHEET, budget_columns, line_rows),
    ]


def stored(column, item):
    """The stored value of an input cell as text (``""`` for none): the model field's value in the snapshot."""
    if column.model == "figure":
        money = item.figures.get(column.year)
        value = getattr(money, column.field) if money else None
        return "" if value is None else f"{value:f}"
    data = (item.targets if column.model == "target" else item.realisations).get(column.year)
    if data is None:
        return ""
    if column.field in QUARTERS:
        value = data.quarters[QUARTERS.index(column.field)]
    else:
        value = getattr(data, SNAPSHOT_ATTRIBUTES.get(column.field, column.field))
    if isinstance(value, date):
        return value.isoformat()
    return value or ""


def display(column, text):
    """A stored value as the pages show it."""
    if text == "":
        return "—"
    if column.kind == "money":
        return format_money(Decimal(text))
    if column.kind == "date":
        return format_date(text)
    if column.kind == "status":
        return RealisationStatus.label_of(text)
    if column.kind in ("value", "realised"):
        return format_value(text)
    return text


# --- Writing ------------------------------------------------------------------------------------------------------


def _cell_value(column, text):
    """What a cell holds: a number for a plain number or an amount, a date for a date, else the text."""
    if text == "":
        return None
    if column.kind in ("value", "realised", "money"):
        number = to_decimal(text)
        return number if number is not None else format_value(text)
    if column.kind == "date":
        return date.fromisoformat(text)
    if column.kind == "status":
        return RealisationStatus.label_of(text)
    return text


def _number_format(column, value):
    if column.kind == "money":
        return "#,##0.00" if value != value.to_integral_value() else "#,##0"
    places = -value.as_tuple().exponent
    return "0" if places <= 0 else "0." + "0" * places


def write_workbook(snapshot, year):
    """The ``.xlsx`` bytes of the agency's ``year`` (the snapshot loaded for that year)."""
    book = Workbook()
    info = book.active
    info.title = INFO_SHEET
    for row in (
        ("Format", FORMAT),
        ("Kode perangkat daerah", snapshot.code),
        ("Perangkat daerah", snapshot.name),
        ("Tahun", year),
        ("Petunjuk", "Isi hanya sel berwarna; kolom kode dan nama terkunci. Unggah kembali di halaman Excel & berkas."),
    ):
        info.append(row)
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 60
    info.protection.sheet = True
    statuses = DataValidation(
        type="list", formula1='"' + ",".join(label for _, label in RealisationStatus.choices()) + '"'
    )
    for sheet in build_sheets(snapshot, year):
        worksheet = book.create_sheet(sheet.title)
        worksheet.append([column.header for column in sheet.columns])
        for cell in worksheet[1]:
            cell.font = HEADER_FONT
        for code, keys, item in sheet.rows:
            worksheet.append([code, *keys, *(_cell_value(c, stored(c, item)) for c in sheet.columns[len(keys) + 1 :])])
        for index, column in enumerate(sheet.columns, start=1):
            letter = worksheet.cell(row=1, column=index).column_letter
            worksheet.column_dimensions[letter].width = column.width
            if column.kind in ("code", "key"):
                continue
            for (cell,) in worksheet.iter_rows(min_row=2, max_row=len(sheet.rows) + 1, min_col=index, max_col=index):
                cell.protection = Protection(locked=False)
                cell.fill = INPUT_FILL
                if isinstance(cell.value, Decimal):
                    cell.number_format = _number_format(column, cell.value)
                elif column.kind == "date":
                    cell.number_format = "dd/mm/yyyy"
            if column.kind == "status" and sheet.rows:
                worksheet.add_data_validation(statuses)
                statuses.add(f"{letter}2:{letter}{len(sheet.rows) + 1}")
        worksheet.freeze_panes = "B2"
        worksheet.protection.sheet = True
        worksheet.protection.formatColumns = False
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# --- Reading ------------------------------------------------------------------------------------------------------


def _open(data):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors alike for a file that is not .xlsx
        raise WorkbookError(
            "Berkas ini bukan buku kerja Excel (.xlsx) yang dapat dibaca; unggah buku kerja yang diunduh dari "
            f"halaman ini ({type(error).__name__})."
        ) from None


def _check_info(book, snapshot, year):
    """The Info sheet names this format, agency and year, or the file is refused as a whole."""
    if INFO_SHEET not in book.sheetnames:
        raise WorkbookError(
            "Buku kerja ini tidak memiliki sheet Info: unggah buku kerja yang diunduh dari halaman ini."
        )
    info = {row[0]: row[1] for row in book[INFO_SHEET].iter_rows(max_row=10, max_col=2, values_only=True) if row}
    if info.get("Format") != FORMAT:
        raise WorkbookError(f"Buku kerja ini bukan format {FORMAT}: unggah buku kerja yang diunduh dari halaman ini.")
    code = str(info.get("Kode perangkat daerah") or "")
    if code != snapshot.code:
        raise WorkbookError(f"Buku kerja ini milik perangkat daerah «{code[:64]}», bukan «{snapshot.code}».")
    try:
        workbook_year = int(info.get("Tahun"))
    except (TypeError, ValueError):
        workbook_year = None
    if workbook_year != year:
        raise WorkbookError(f"Buku kerja ini untuk tahun {info.get('Tahun')}, bukan {year}.")


def _messages(error):
    return "; ".join(error.messages)


def read_cell(column, raw, old):
    """The stored text of an input cell as typed in the workbook; ValidationError with the reason if refused.

    The model field's ``clean`` has the last word, so the workbook accepts exactly what the admin accepts.
    """
    model_field = MODELS[column.model]._meta.get_field(column.field)
    if isinstance(raw, str):
        raw = raw.strip()
    if raw is None or raw == "":
        if column.kind == "status":
            return old
        model_field.clean(None if model_field.null else "", None)
        return ""
    if isinstance(raw, bool):
        raise ValidationError("bukan angka atau teks")
    if isinstance(raw, float) and old and to_decimal(old) is not None and float(old) == raw:
        return old
    if column.kind in ("value", "realised", "money"):
        if isinstance(raw, (int, float, Decimal)):
            number = Decimal(str(raw))
        else:
            try:
                if column.kind == "money":
                    number = parse_typed_money(raw)
                else:
                    text = parse_typed_value(raw, allow_range=column.kind == "value")
                    return model_field.clean(text, None)
            except TypedNumberError as error:
                raise ValidationError(str(error)) from None
        if column.kind == "money":
            return f"{model_field.clean(number, None):f}"
        return model_field.clean(f"{number:f}", None)
    if column.kind == "date":
        if isinstance(raw, datetime):
            raw = raw.date()
        if isinstance(raw, date):
            return raw.isoformat()
        try:
            return model_field.clean(str(raw), None).isoformat()
        except ValidationError:
            raise ValidationError(
                f"«{str(raw)[:40]}» bukan tanggal: tulis seperti 2025-03-10 atau pakai sel tanggal"
            ) from None
    if column.kind == "status":
        by_label = {label.lower(): value for value, label in RealisationStatus.choices()}
        by_label.update({value: value for value in RealisationStatus.values()})
        status = by_label.get(str(raw).lower())
        if status is None:
            names = ", ".join(label for _, label in RealisationStatus.choices())
            raise ValidationError(f"«{str(raw)[:40]}» bukan status: pilih {names}")
        return model_field.clean(status, None)
    return model_field.clean(str(raw), None)


def _same(column, old, new):
    """Whether a read value is the stored one: equal text, or equal numbers (``87.30`` and ``87.3``)."""
    if old == new:
        return True
    if column.kind in ("value", "realised", "money"):
        before, after = to_decimal(old), to_decimal(new)
        return before is not None and after is not None and before == after
    return False


def _read_sheet(worksheet, sheet, preview):
    title = sheet.title
    rows = worksheet.iter_rows(max_row=MAX_ROWS + 1, max_col=len(sheet.columns) + 5, values_only=True)
    headers = next(rows, ())
    expected = [column.header for column in sheet.columns]
    found = [str(h).strip() if h is not None else "" for h in headers[: len(expected)]]
    if found != expected:
        preview.problems.append(
            Problem(title, 1, "", "", f"Judul kolom berubah: harus {', '.join(expected)}. Unduh buku kerja baru.")
        )
        return
    items = {code: (keys, item) for code, keys, item in sheet.rows}
    key_count = len(sheet.rows[0][1]) + 1 if sheet.rows else 1
    seen = set()
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            preview.problems.append(
                Problem(title, number, "", "", f"Lebih dari {MAX_ROWS} baris: sisanya tidak dibaca.")
            )
            break
        values = list(values) + [None] * (len(expected) - len(values))
        code = str(values[0]).strip() if values[0] is not None else ""
        if not code:
            continue
        if code not in items:
            preview.problems.append(
                Problem(title, number, code[:64], expected[0], f"Kode «{code[:64]}» tidak dikenal.")
            )
            continue
        if code in seen:
            preview.problems.append(Problem(title, number, code, expected[0], "Kode ini muncul lebih dari sekali."))
            continue
        seen.add(code)
        keys, item = items[code]
        for column, key, typed in zip(sheet.columns[1:key_count], keys, values[1:key_count], strict=True):
            if (str(typed).strip() if typed is not None else "") != (key or "").strip():
                preview.problems.append(
                    Problem(title, number, code, column.header, "Kolom kunci diubah: kolom ini tidak boleh diubah.")
                )
        for column, raw in zip(sheet.columns[key_count:], values[key_count : len(expected)], strict=True):
            old = stored(column, item)
            try:
                new = read_cell(column, raw, old)
            except ValidationError as error:
                preview.problems.append(Problem(title, number, code, column.header, _messages(error)))
                continue
            if not _same(column, old, new):
                preview.changes.append(
                    Change(
                        title,
                        number,
                        code,
                        column.header,
                        column.model,
                        column.field,
                        column.year,
                        old,
                        new,
                        display(column, old),
                        display(column, new),
                    )
                )


def compute_preview(snapshot, year, data):
    """Every change and problem of the uploaded workbook ``data`` against the agency's data in ``snapshot``.

    Raises WorkbookError when the file is not a workbook of this agency and year.
    """
    book = _open(data)
    try:
        _check_info(book, snapshot, year)
        preview = Preview()
        for sheet in build_sheets(snapshot, year):
            if sheet.title not in book.sheetnames:
                preview.problems.append(Problem(sheet.title, 0, "", "", "Sheet ini tidak ada di buku kerja."))
                continue
            _read_sheet(book[sheet.title], sheet, preview)
    finally:
        book.close()
    return preview


def target_problems(snapshot, changes):
    """The row checks of the targets the changes touch: the model's own constraints (a target needs a Renstra or
    a PK value). One small query per changed target row, so this runs where the preview is computed, in a worker;
    the database keeps the same constraints when the changes are applied."""
    indicators = {indicator.code: indicator for indicator in _indicators(snapshot)}
    rows = defaultdict(dict)
    for change in changes:
        if change.model == "target":
            rows[(change.code, change.year, change.sheet, change.row)][change.field] = change.new
    problems = []
    for (code, year, sheet, row), fields in rows.items():
        data = indicators[code].targets.get(year)
        target = Target(
            renstra_value=fields.get("renstra_value", (data.renstra if data else "") or ""),
            agreement_value=fields.get("agreement_value", (data.agreement if data else "") or ""),
        )
        try:
            target.validate_constraints(exclude={"indicator", "renstra_year"})
        except ValidationError as error:
            message = f"Target {year} harus memiliki target Renstra atau target PK ({_messages(error)})"
            problems.append(Problem(sheet, row, code, f"Target Renstra {year}", message))
    return problems


def locked_problems(changes, locked):
    """A problem for every change to a year ``user`` may not change (``locked``: ``interchange.locks.locked_years``),
    such as the Renstra target of an approved year on the Target sheet."""
    return [
        Problem(change.sheet, change.row, change.code, change.column, locked[change.year])
        for change in changes
        if change.year in locked
    ]


def preview_workbook(agency, year, data, user=None):
    """What a worker computes for an uploaded workbook: its changes and problems against the agency's data as it
    is now, with the row checks of the changed targets and the changes to years locked for ``user``."""
    snapshot = load_snapshot(agency, year)
    preview = compute_preview(snapshot, year, data)
    preview.problems += target_problems(snapshot, preview.changes)
    preview.problems += locked_problems(preview.changes, locked_years(agency.pk, user))
    return preview


# --- Applying -----------------------------------------------------------------------------------------------------


def _python(model, name, text):
    """The model attribute of a stored text: a date, an amount, or the text itself."""
    model_field = MODELS[model]._meta.get_field(name)
    if text == "":
        return None if model_field.null else ""
    return model_field.to_python(text)


class ApplyError(Exception):
    """The changes cannot be written; nothing was written."""


def apply_changes(agency, year, changes, user=None):
    """Write ``changes`` (a list of ``Change``) in one transaction, in bulk, recorded in the audit trail as
    ``user``'s, and announce the agency's data changed.

    A fixed number of queries whatever the number of changes. A change to a year locked for ``user`` (bulk writes
    pass by the freeze guard's signals, so the check is here) or a database constraint that refuses a row (a
    target left with neither a Renstra nor a PK value) writes nothing and raises ApplyError.
    """
    locked = locked_problems(changes, locked_years(agency.pk, user))
    if locked:
        raise ApplyError(locked[0].message)
    by_row = defaultdict(dict)
    for change in changes:
        by_row[(change.model, change.code, change.year)][change.field] = _python(change.model, change.field, change.new)
    codes = {model: {code for (m, code, _) in by_row if m == model} for model in MODELS}
    try:
        with transaction.atomic():
            indicators = {
                i.code: i
                for i in Indicator.objects.filter(agency=agency, code__in=codes["target"] | codes["realisation"])
            }
            _write_targets(agency, year, indicators, by_row, user)
            _write_rows(
                Realisation,
                {
                    (r.indicator.code, r.year): r
                    for r in Realisation.objects.filter(indicator__in=indicators.values(), year=year).select_related(
                        "indicator"
                    )
                },
                {key: values for key, values in by_row.items() if key[0] == "realisation"},
                lambda code, y: Realisation(indicator=indicators[code], year=y),
                user,
            )
            lines = {line.code: line for line in BudgetLine.objects.filter(agency=agency, code__in=codes["figure"])}
            _write_rows(
                BudgetFigure,
                {
                    (f.line.code, f.year): f
                    for f in BudgetFigure.objects.filter(line__in=lines.values(), year=year).select_related("line")
                },
                {key: values for key, values in by_row.items() if key[0] == "figure"},
                lambda code, y: BudgetFigure(line=lines[code], year=y),
                user,
            )
            agency_data_changed.send(sender=apply_changes, agency_ids=[agency.pk])
    except IntegrityError as error:
        raise ApplyError(f"Perubahan tidak dapat disimpan; tidak ada yang diubah ({error}).") from None


def _write_targets(agency, year, indicators, by_row, user):
    rows = {key: values for key, values in by_row.items() if key[0] == "target"}
    if not rows:
        return
    renstra = renstra_for_year(agency, year)
    renstra_years = {ry.year: ry for ry in RenstraYear.objects.filter(renstra=renstra)}
    existing = Target.objects.filter(indicator__in=indicators.values(), renstra_year__renstra=renstra)
    _write_rows(
        Target,
        {(t.indicator.code, t.renstra_year.year): t for t in existing.select_related("indicator", "renstra_year")},
        rows,
        lambda code, y: Target(indicator=indicators[code], renstra_year=renstra_years[y]),
        user,
    )


def _write_rows(model, existing, rows, new_row, user):
    """Update the existing rows and create the missing ones of ``rows`` ({(model, code, year): {field: value}}),
    with their history rows."""
    changed, created, fields = [], [], set()
    for (_, code, year), values in rows.items():
        row = existing.get((code, year))
        if row is None:
            row = new_row(code, year)
            created.append(row)
        else:
            changed.append(row)
        for name, value in values.items():
            setattr(row, name, value)
        fields |= set(values)
    if changed:
        bulk_update_with_history(changed, model, sorted(fields), default_user=user)
    if created:
        bulk_create_with_history(created, model, default_user=user)
