"""Which evidence files may be stored: the kinds accepted, told by the file's content, and the size limit.

A file is judged by its bytes, never by its name or the content type the browser sent: a ``laporan.pdf`` that
is really an HTML page is refused. The signature is read by the ``filetype`` library (plain Python, no Django)
from the file's first ``SNIFF_BYTES``; an XLSX is a ZIP archive, so a file read as XLSX, or as a plain ZIP (an
Office file whose first entries push the workbook's past the bytes sniffed), is accepted as XLSX only if it
opens as a ZIP holding ``xl/workbook.xml``. Every refusal is a sentence that names the file.
"""

import zipfile
from dataclasses import dataclass
from fractions import Fraction

import filetype

from domain.numbers import format_decimal

SNIFF_BYTES = 8192
NAME_LENGTH = 200
WORKBOOK_ENTRY = "xl/workbook.xml"
ZIP_MIME = "application/zip"


@dataclass(frozen=True)
class EvidenceKind:
    """A kind of file accepted as evidence: its name for users, the content type it is served with, and the
    extension its stored file gets."""

    label: str
    content_type: str
    extension: str


PDF = EvidenceKind("PDF", "application/pdf", "pdf")
JPEG = EvidenceKind("JPEG", "image/jpeg", "jpg")
PNG = EvidenceKind("PNG", "image/png", "png")
XLSX = EvidenceKind("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
KINDS = (PDF, JPEG, PNG, XLSX)
ACCEPTED_LABELS = "PDF, JPEG, PNG, atau XLSX"


def format_size(size):
    """A size in bytes the Indonesian way, in the largest unit of 1.024 it reaches: ``10 MB``, ``1,5 KB``."""
    value, unit = Fraction(size), "byte"
    for larger in ("KB", "MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    text = format_decimal(value, places=1)
    return f"{text.removesuffix(',0')} {unit}"


def evidence_name(name):
    """The uploaded name as it is kept and shown: without any folder, control characters (a line break would break
    the download's header) or surrounding blanks, and at most ``NAME_LENGTH`` characters with its extension kept."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip() or "berkas"
    if len(name) <= NAME_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        return name[:NAME_LENGTH]
    return f"{stem[: NAME_LENGTH - len(extension) - 1]}.{extension}"


def _is_workbook(file):
    """Whether the whole ``file`` opens as a ZIP archive holding an Excel workbook."""
    try:
        with zipfile.ZipFile(file) as archive:
            return WORKBOOK_ENTRY in archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def evidence_kind(file):
    """The accepted kind of a binary, seekable ``file`` by its content, or None; the file is read from its start
    and left at its start."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    mime = filetype.guess_mime(head)
    if mime in (XLSX.content_type, ZIP_MIME):
        found = XLSX if _is_workbook(file) else None
        file.seek(0)
        return found
    return next((kind for kind in KINDS if kind.content_type == mime), None)


def size_problem(name, size, max_bytes):
    """Why a file of ``size`` bytes may not be stored (empty, or over ``max_bytes``), or None. Sizes are shown
    rounded (``12 MB``), or in bytes where rounding would show the file no larger than the limit."""
    if size == 0:
        return f"Berkas “{name}” kosong."
    if size > max_bytes:
        shown, limit = format_size(size), format_size(max_bytes)
        if shown == limit:
            shown, limit = f"{format_decimal(size, 0)} byte", f"{format_decimal(max_bytes, 0)} byte"
        return f"Berkas “{name}” berukuran {shown}, melebihi batas {limit}."
    return None


def kind_problem(name):
    """The refusal of a file whose content is none of the accepted kinds."""
    return (
        f"Berkas “{name}” tidak dapat diunggah: menurut isinya bukan {ACCEPTED_LABELS}. "
        "Simpan ulang dokumen sebagai PDF atau gambar, lalu unggah lagi."
    )
