"""The Excel round trip: write a year as a workbook, read it back, list its changes, apply them all or nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from budgets.models import BudgetFigure
from indicators.models import Realisation, Target
from interchange.workbook import (
    ApplyError,
    WorkbookError,
    apply_changes,
    compute_preview,
    preview_workbook,
    write_workbook,
)
from performance.snapshot import load_snapshot

YEAR = 2024


@pytest.fixture
def belitung(import_demo):
    return import_demo("belitung-timur-2024")


def workbook_of(agency, year=YEAR):
    return load_workbook(io.BytesIO(write_workbook(load_snapshot(agency, year), year)))


def saved(book):
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def row_of(sheet, code):
    return next(row for row in sheet.iter_rows(min_row=2) if row[0].value == code)


def column_of(sheet, header):
    return next(cell.column - 1 for cell in sheet[1] if cell.value == header)


def set_cell(book, sheet, code, header, value):
    worksheet = book[sheet]
    row_of(worksheet, code)[column_of(worksheet, header)].value = value


def preview_of(agency, book, year=YEAR):
    return preview_workbook(agency, year, saved(book))


def test_a_workbook_read_back_unchanged_has_no_change_and_no_problem(belitung):
    preview = preview_of(belitung, workbook_of(belitung))
    assert preview.changes == []
    assert preview.problems == []


def test_the_sheets_hold_the_years_figures_with_numbers_as_numbers_and_ranges_and_grades_as_text(belitung):
    book = workbook_of(belitung)
    assert book.sheetnames == ["Info", "Target", "Realisasi", "Anggaran"]
    targets, realisations, budget = book["Target"], book["Realisasi"], book["Anggaran"]
    merit = row_of(targets, "IKU-1")
    assert merit[column_of(targets, "Target Renstra 2024")].value == 143
    assert merit[column_of(targets, "Target PK 2024")].value == 257
    assert row_of(targets, "IKU-4")[column_of(targets, "Target Renstra 2024")].value == "76,61–88,30"
    assert row_of(targets, "IKU-3")[column_of(targets, "Target Renstra 2024")].value == "BB"
    ip_asn = row_of(realisations, "IKU-2")
    assert ip_asn[column_of(realisations, "Realisasi 2024")].value == pytest.approx(79.03)
    assert ip_asn[column_of(realisations, "Status")].value == "Sementara"
    program = row_of(budget, "P1")
    assert program[column_of(budget, "Pagu 2024")].value == 5833189610
    assert program[column_of(budget, "Realisasi 2024")].value == 5649957862


def test_key_columns_are_locked_and_only_input_cells_are_open(belitung):
    book = workbook_of(belitung)
    for title in ("Info", "Target", "Realisasi", "Anggaran"):
        assert book[title].protection.sheet, title
    realisations = book["Realisasi"]
    ip_asn = row_of(realisations, "IKU-2")
    assert ip_asn[0].protection.locked and ip_asn[1].protection.locked and ip_asn[2].protection.locked
    assert not ip_asn[column_of(realisations, "Realisasi 2024")].protection.locked
    assert not ip_asn[column_of(realisations, "Catatan")].protection.locked
    assert realisations["A1"].protection.locked


def test_changed_cells_are_listed_old_to_new_with_sheet_row_code_and_column(belitung):
    book = workbook_of(belitung)
    set_cell(book, "Realisasi", "IKU-2", "Realisasi 2024", 80.5)
    set_cell(book, "Realisasi", "IKU-2", "Status", "Final")
    set_cell(book, "Target", "IKU-1", "Renaksi TW I", "60,5")
    set_cell(book, "Anggaran", "P1", "Realisasi 2024", "5.700.000.000")
    set_cell(book, "Realisasi", "IKU-4", "Tanggal bukti", date(2025, 1, 31))
    changes = {(c.sheet, c.code, c.column): c for c in preview_of(belitung, book).changes}
    assert len(changes) == 5
    value = changes[("Realisasi", "IKU-2", "Realisasi 2024")]
    assert (value.row, value.old, value.new, value.old_display, value.new_display) == (
        3,
        "79.03",
        "80.5",
        "79,03",
        "80,5",
    )
    status = changes[("Realisasi", "IKU-2", "Status")]
    assert (status.old_display, status.new_display, status.new) == ("Sementara", "Final", "final")
    assert changes[("Target", "IKU-1", "Renaksi TW I")].new == "60.5"
    money = changes[("Anggaran", "P1", "Realisasi 2024")]
    assert (money.old_display, money.new_display) == ("5.649.957.862", "5.700.000.000")
    assert changes[("Realisasi", "IKU-4", "Tanggal bukti")].new_display == "31 Januari 2025"


def test_a_bad_value_names_sheet_row_code_and_column(belitung):
    book = workbook_of(belitung)
    set_cell(book, "Realisasi", "IKU-2", "Realisasi 2024", "80-90")
    set_cell(book, "Anggaran", "P1", "Pagu 2024", -5)
    set_cell(book, "Realisasi", "IKU-1", "Status", "selesai")
    problems = {(p.sheet, p.row, p.code, p.column): p.message for p in preview_of(belitung, book).problems}
    assert "rentang" in problems[("Realisasi", 3, "IKU-2", "Realisasi 2024")]
    assert ("Anggaran", 2, "P1", "Pagu 2024") in problems
    assert "bukan status" in problems[("Realisasi", 2, "IKU-1", "Status")]


def test_unknown_codes_and_changed_key_columns_are_problems(belitung):
    book = workbook_of(belitung)
    book["Realisasi"]["A2"].value = "IKU-99"
    set_cell(book, "Target", "IKU-2", "Nama indikator", "Nama lain")
    problems = {(p.sheet, p.code, p.column): p.message for p in preview_of(belitung, book).problems}
    assert problems[("Realisasi", "IKU-99", "Kode indikator")] == "Kode «IKU-99» tidak dikenal."
    assert "Kolom kunci diubah" in problems[("Target", "IKU-2", "Nama indikator")]


def test_a_target_left_with_neither_renstra_nor_pk_value_is_a_problem(belitung):
    book = workbook_of(belitung)
    set_cell(book, "Target", "IKU-4", "Target Renstra 2024", None)
    problems = preview_of(belitung, book).problems
    assert [(p.code, p.column) for p in problems] == [("IKU-4", "Target Renstra 2024")]


def test_a_wrong_file_or_another_agencys_workbook_is_refused_with_a_sentence(belitung, import_demo):
    snapshot = load_snapshot(belitung, YEAR)
    with pytest.raises(WorkbookError, match="bukan buku kerja Excel"):
        compute_preview(snapshot, YEAR, b"%PDF-1.7 not a workbook")
    bengkalis = import_demo("bengkalis-2024")
    with pytest.raises(WorkbookError, match="milik perangkat daerah «bkpp-bengkalis»"):
        compute_preview(snapshot, YEAR, saved(workbook_of(bengkalis)))
    with pytest.raises(WorkbookError, match="untuk tahun 2023, bukan 2024"):
        compute_preview(snapshot, YEAR, write_workbook(load_snapshot(belitung, 2023), 2023))


def test_apply_writes_every_change(belitung):
    book = workbook_of(belitung)
    set_cell(book, "Realisasi", "IKU-2", "Realisasi 2024", 80.5)
    set_cell(book, "Target", "IKU-1", "Renaksi TW II", 120)
    set_cell(book, "Anggaran", "P1", "Realisasi 2024", 5700000000)
    apply_changes(belitung, YEAR, preview_of(belitung, book).changes)
    assert Realisation.objects.get(indicator__code="IKU-2", year=YEAR).value == "80.5"
    assert Target.objects.get(indicator__code="IKU-1", renstra_year__year=YEAR).q2 == "120"
    assert BudgetFigure.objects.get(line__code="P1", year=YEAR).realisation == Decimal("5700000000")
    assert preview_of(belitung, book).changes == []


def test_apply_is_atomic_a_problem_anywhere_applies_nothing(belitung):
    book = workbook_of(belitung)
    set_cell(book, "Realisasi", "IKU-2", "Realisasi 2024", 80.5)
    set_cell(book, "Target", "IKU-4", "Target Renstra 2024", None)
    changes = preview_of(belitung, book).changes
    with pytest.raises(ApplyError):
        apply_changes(belitung, YEAR, changes)
    assert Realisation.objects.get(indicator__code="IKU-2", year=YEAR).value == "79.03"
    assert Target.objects.get(indicator__code="IKU-4", renstra_year__year=YEAR).renstra_value == "76.61-88.30"
