"""The enumerations of the domain, each with the Indonesian label users read.

One module at the bottom layer so that models, the engine, the importer and the templates use the same
values without importing one another (pretalx keeps its enumerations apart for the same reason). A model
field takes ``choices=Enum.choices()``; code compares with the members (``RealisationStatus.PENDING``), which
are plain strings.
"""

from enum import StrEnum


class Choices(StrEnum):
    """A string enumeration whose members carry an Indonesian ``label``: ``Member = "value", "Label"``."""

    def __new__(cls, value, label):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls):
        """``[(value, label), ...]`` for a Django field's ``choices``."""
        return [(member.value, member.label) for member in cls]

    @classmethod
    def values(cls):
        return [member.value for member in cls]

    @classmethod
    def label_of(cls, value):
        """The label of a stored value; the value itself when it is not one of ours."""
        return cls(value).label if value in cls._value2member_map_ else value


class GovernmentLevel(Choices):
    PROVINSI = "provinsi", "Provinsi"
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"


class Direction(Choices):
    HIGHER = "higher", "Semakin tinggi semakin baik"
    LOWER = "lower", "Semakin rendah semakin baik"


class RealisationStatus(Choices):
    FINAL = "final", "Final"
    PROVISIONAL = "provisional", "Sementara"
    PENDING = "pending", "Menunggu hasil"


class ExpenseType(Choices):
    """In the order of the budget structure (belanja pegawai first), which is the order reports print."""

    PEGAWAI = "pegawai", "Belanja Pegawai"
    BARANG_JASA = "barang_jasa", "Belanja Barang dan Jasa"
    MODAL = "modal", "Belanja Modal"


class BudgetLevel(Choices):
    PROGRAM = "program", "Program"
    ACTIVITY = "activity", "Kegiatan"
    SUB_ACTIVITY = "sub_activity", "Sub Kegiatan"


# The level a line's parent has: programs are roots, a kegiatan sits under a program, a sub kegiatan under a
# kegiatan.
PARENT_LEVEL = {BudgetLevel.ACTIVITY: BudgetLevel.PROGRAM, BudgetLevel.SUB_ACTIVITY: BudgetLevel.ACTIVITY}
CHILD_LEVEL = {parent: child for child, parent in PARENT_LEVEL.items()}


class EfficiencyMethod(Choices):
    RATIO = "ratio", "Rasio capaian / serapan (IE)"
    UNSPENT = "unspent", "100% − serapan"
    GAP = "gap", "Capaian − serapan (poin)"
    EKA = "eka", "Efisiensi EKA (PMK 22/2021)"


# The caps an agency may put on numeric achievement (percent); none by default.
ACHIEVEMENT_CAPS = (100, 110, 120, 150)


class PaperSize(Choices):
    A4 = "A4", "A4 (210 × 297 mm)"
    F4 = "F4", "F4 (215 × 330 mm)"


class ReportStatus(Choices):
    """Where a report (agency-year) stands in its review by the Inspektorat (``domain.review`` moves it)."""

    DRAFT = "draft", "Draf"
    SUBMITTED = "submitted", "Diajukan untuk reviu"
    RETURNED = "returned", "Dikembalikan untuk diperbaiki"
    APPROVED = "approved", "Disetujui"


class Severity(Choices):
    """How serious a finding is (the spec's table): in the order a reviewer reads them."""

    ERROR = "error", "Kesalahan"
    WARNING = "warning", "Peringatan"
    INFO = "info", "Informasi"


class Chapter(Choices):
    """Where a narrative section is printed, in the order of the report (PermenPAN-RB 53/2014 outline)."""

    FRONT = "front", "Bagian awal (sebelum Bab I)"
    BAB1 = "bab1", "Bab I Pendahuluan"
    BAB2 = "bab2", "Bab II Perencanaan Kinerja"
    BAB3A = "bab3a", "Bab III A. Capaian Kinerja Organisasi"
    BAB3B = "bab3b", "Bab III B. Realisasi Anggaran"
    BAB4 = "bab4", "Bab IV Penutup"
    APPENDIX = "appendix", "Lampiran"
