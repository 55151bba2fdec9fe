"""Evidence files are told by their content: the signature decides the kind, never the name."""

import io
import zipfile

import pytest

from domain.evidence import (
    JPEG,
    PDF,
    PNG,
    XLSX,
    evidence_kind,
    evidence_name,
    format_size,
    kind_problem,
    size_problem,
)

TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201ff5e6b8a6e0000000049454e44ae426082"
)
JPEG_START = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb0043") + b"\x08" * 64


def zip_of(*entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in entries:
            archive.writestr(entry, "<x/>")
    return buffer.getvalue()


def workbook():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "Capaian"
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", PDF),
        (TINY_PNG, PNG),
        (JPEG_START, JPEG),
        (workbook(), XLSX),
        # An Office workbook whose first entries hide its kind from the signature: still a workbook.
        (zip_of("[Content_Types].xml", "docProps/app.xml", "xl/workbook.xml"), XLSX),
        # A ZIP without a workbook, a Word document, HTML and text named .pdf, GIF: none is accepted.
        (zip_of("word/document.xml", "[Content_Types].xml"), None),
        (zip_of("readme.txt"), None),
        (b"<!DOCTYPE html><html><body>Laporan</body></html>", None),
        (b"Bukti dukung: SK Kepala Dinas", None),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", None),
        (b"PK\x03\x04 not really an archive", None),
        (b"", None),
    ],
    ids=["pdf", "png", "jpeg", "xlsx", "zip-workbook", "docx", "zip", "html", "text", "gif", "broken-zip", "empty"],
)
def test_the_content_decides_the_kind(content, kind):
    file = io.BytesIO(content)
    assert evidence_kind(file) == kind
    assert file.tell() == 0


@pytest.mark.parametrize(
    ("size", "limit", "problem"),
    [
        (1, 10 * 1024 * 1024, None),
        (10 * 1024 * 1024, 10 * 1024 * 1024, None),
        (0, 10 * 1024 * 1024, "Berkas “a.pdf” kosong."),
        (12 * 1024 * 1024, 10 * 1024 * 1024, "Berkas “a.pdf” berukuran 12 MB, melebihi batas 10 MB."),
        (
            10 * 1024 * 1024 + 1,
            10 * 1024 * 1024,
            "Berkas “a.pdf” berukuran 10.485.761 byte, melebihi batas 10.485.760 byte.",
        ),
    ],
)
def test_size_problem_names_the_file_and_the_limit(size, limit, problem):
    assert size_problem("a.pdf", size, limit) == problem


@pytest.mark.parametrize(
    ("size", "text"), [(512, "512 byte"), (1536, "1,5 KB"), (10 * 1024 * 1024, "10 MB"), (2_500_000_000, "2,3 GB")]
)
def test_sizes_are_written_the_indonesian_way(size, text):
    assert format_size(size) == text


def test_the_refusal_of_a_kind_names_the_file_and_the_kinds_accepted():
    message = kind_problem("laporan.pdf")
    assert "“laporan.pdf”" in message
    assert "PDF, JPEG, PNG, atau XLSX" in message


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("SK Kadis 2024.pdf", "SK Kadis 2024.pdf"),
        ("C:\\Dokumen\\survei.xlsx", "survei.xlsx"),
        ("../../etc/bukti.png", "bukti.png"),
        ("bukti\r\nX-Header: 1.pdf", "buktiX-Header: 1.pdf"),
        ("   ", "berkas"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
        ("b" * 300, "b" * 200),
    ],
)
def test_the_kept_name_has_no_folder_no_control_character_and_fits(uploaded, kept):
    assert evidence_name(uploaded) == kept
