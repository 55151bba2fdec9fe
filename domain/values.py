"""Targets and realisations as values: a number, a range ``a-b`` or a grade of an ordered scale.

A value is stored as the plain text it was entered as (``"78.13"``, ``"70-80"``, ``"BB"``); ``parse_value``
reads it back. The grade scales (SAKIP, IKM, an indicator's own list) and how a number or a range is graded
live here too, with the check of whether a value is of the right kind for its indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from domain.numbers import (
    NUMBER_EXAMPLE,
    TypedNumberError,
    format_value,
    parse_typed_number,
    size_problem,
    to_decimal,
)

# --- Values: a target or realisation is a number, a range "a-b" or a grade --------------------------


@dataclass(frozen=True)
class Number:
    value: Decimal


@dataclass(frozen=True)
class Range:
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class Grade:
    text: str


# The grammar of a stored value. A number is a plain decimal with a dot; a range is two numbers joined by a
# hyphen (or an en dash); a grade is a word or a few words that start with a letter (``BB``, ``baik``,
# ``Menuju Informatif``, ``Sangat Baik (A)``), never a stray number such as ``12abc`` or ``89,5``.
_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_RANGE = re.compile(rf"^\s*({_NUMBER})\s*[-–]\s*({_NUMBER})\s*$")
_GRADE = re.compile(r"[^\W\d_][\w .,/()+'’&-]*")
VALUE_LENGTH = 64


def value_problem(text, *, allow_range=True):
    """Why a target or realisation, as it is stored, is not a value; None when it is one (or is empty).

    A value is a number (``"78.13"``), a range ``"a-b"`` with a ≤ b (``allow_range``: targets, not
    realisations) or a grade (``"BB"``). Whether a grade belongs to the indicator's scale is not decided
    here: a value of the wrong kind is a finding (``value_kind_mismatch``), never a reason to refuse it.
    """
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    if len(text) > VALUE_LENGTH:
        return f"terlalu panjang ({len(text)} karakter, paling banyak {VALUE_LENGTH})"
    number = to_decimal(text)
    if number is not None:
        return size_problem(number)
    match = _RANGE.match(text)
    if match:
        low, high = Decimal(match.group(1)), Decimal(match.group(2))
        if not allow_range:
            return f"«{text}» adalah rentang, padahal realisasi harus satu nilai"
        if low > high:
            return f"rentang «{text}» terbalik: batas bawah harus ≤ batas atas"
        return size_problem(low) or size_problem(high)
    if is_grade(text):
        return None
    return f"«{text}» bukan angka, rentang «a-b», atau predikat"


def is_grade(text):
    """Whether a text is written as a grade: a word (or words) starting with a letter (``¼`` or ``²`` are
    word characters to the regex, but not letters)."""
    text = str(text).strip()
    return bool(_GRADE.fullmatch(text)) and text[0].isalpha()


# A range as people type it: two typed numbers joined by a hyphen, an en or em dash, "s.d." or "s/d" (sampai
# dengan). The first bound ends with a digit or "%", so the minus of "-5" or "Rp -5" is a sign, not a joint.
_TYPED_RANGE = re.compile(r"(.*?[\d%])\s*(?:-|–|—|s\.\s?d\.?|s/d)\s*(.+)", re.IGNORECASE)
# A typed amount of rupiah starts with a letter too; it is not a grade.
_RUPIAH_START = re.compile(r"rp\.?\s*[+\d-]", re.IGNORECASE)


def parse_typed_value(text, *, allow_range=True):
    """The stored text of a target or realisation a person typed the Indonesian way; TypedNumberError if none.

    A typed number (``domain.numbers.parse_typed_number``) is stored as its plain decimal, keeping the places
    typed (``87,30`` → ``"87.30"``); a range ``80-90``, ``80 – 90``, ``80,5 s.d. 90`` or ``80 s/d 90`` as
    ``"80-90"``/``"80.5-90"`` (low ≤ high; refused when ``allow_range`` is off, as for realisations); a grade
    (``is_grade``: ``BB``, ``baik``) as typed, stripped; an empty box as ``""``. Only text that starts with a
    letter (``str.isalpha``) can be a grade: anything else (a digit, a sign, ``Rp`` and a digit, ``¼``) that is
    not a number or range is refused, so ``89.5`` or ``12abc`` is never stored as a grade by accident.
    """
    text = str(text).strip()
    if not text:
        return ""
    if text[0].isalpha() and not _RUPIAH_START.match(text):
        if is_grade(text):
            return text
        raise TypedNumberError(
            f"«{text}» bukan angka, rentang, atau predikat: tulis angka seperti 89,5, rentang seperti 80-90, "
            "atau predikat seperti BB"
        )
    bounds = _TYPED_RANGE.fullmatch(text)
    if bounds is None:
        return _sized(f"{parse_typed_number(text):f}")
    low, high = parse_typed_number(bounds[1]), parse_typed_number(bounds[2])
    if not allow_range:
        raise TypedNumberError(f"«{text}» adalah rentang, padahal realisasi harus satu nilai: {NUMBER_EXAMPLE}")
    if low > high:
        raise TypedNumberError(
            f"rentang «{text}» terbalik: tulis batas bawah dulu, mis. {format_value(f'{high:f}-{low:f}')}"
        )
    return _sized(f"{low:f}-{high:f}")


def _sized(stored):
    """The stored text of a typed number or range, refused when a number in it is too large or too fine to keep."""
    problem = value_problem(stored)
    if problem:
        raise TypedNumberError(problem)
    return stored


@lru_cache(maxsize=8192)
def parse_value(text):
    """``"78.13"`` → Number, ``"70-80"`` → Range, ``"BB"`` → Grade; None for an empty value.

    A text that is none of these (``"12abc"``) is returned as a Grade too: the validators
    (``domain.validators``) keep such texts from being stored. The values are immutable, so a text read once is
    not read again (an agency's results read each target and realisation of every year).
    """
    if text is None:
        return None
    text = str(text).strip()
    if not text:
        return None
    number = to_decimal(text)
    if number is not None:
        return Number(number)
    match = _RANGE.match(text)
    if match:
        low, high = Decimal(match.group(1)), Decimal(match.group(2))
        if low <= high:
            return Range(low, high)
    return Grade(text)


def values_equal(a, b):
    """Targets and realisations compared as the spec says: numbers as numbers (``75`` = ``75.00``),
    ranges bound by bound, grades as text."""
    pa, pb = parse_value(a), parse_value(b)
    if isinstance(pa, Grade) and isinstance(pb, Grade):
        return pa.text == pb.text
    return pa == pb


# --- Grade scales ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """An ordered grade scale, low to high, with optional bands that turn a number into a grade.

    ``bands`` are ``(grade, minimum, inclusive)`` from the highest grade down; the lowest grade
    takes everything below the last minimum.
    """

    name: str
    grades: tuple[str, ...]
    bands: tuple[tuple[str, Decimal, bool], ...] = ()

    def rank(self, grade):
        """1 for the lowest grade; None for a text that is not a grade of this scale."""
        wanted = grade.strip().casefold()
        for position, candidate in enumerate(self.grades, start=1):
            if candidate.casefold() == wanted:
                return position
        return None

    def grade_of_number(self, number):
        for grade, minimum, inclusive in self.bands:
            if number > minimum or (inclusive and number == minimum):
                return grade
        return self.grades[0]

    def grade_of(self, value):
        """The grade of a parsed value, or None where the value is of the wrong kind for this scale.

        A number is graded by the bands; a range by its lower bound (the least that meets it).
        Without bands a number has no grade.
        """
        if isinstance(value, Grade):
            return value.text if self.rank(value.text) else None
        if not self.bands:
            return None
        number = value.value if isinstance(value, Number) else value.low
        return self.grade_of_number(number)


SAKIP = Scale(
    "sakip",
    ("D", "C", "CC", "B", "BB", "A", "AA"),
    tuple((g, Decimal(m), False) for g, m in (("AA", 90), ("A", 80), ("BB", 70), ("B", 60), ("CC", 50), ("C", 30))),
)
IKM = Scale(
    "ikm",
    ("D", "C", "B", "A"),
    tuple((g, Decimal(m), True) for g, m in (("A", "88.31"), ("B", "76.61"), ("C", "65"))),
)
NAMED_SCALES = {"sakip": SAKIP, "ikm": IKM}


def resolve_scale(spec):
    """The Scale for a specification (None for a numeric indicator). Assumes ``scale_problems`` is empty.

    A custom list with ``min`` bounds uses them inclusively (a value equal to the bound earns it).
    """
    if spec is None:
        return None
    if isinstance(spec, str):
        return NAMED_SCALES[spec]
    if all(isinstance(g, str) for g in spec):
        return Scale("custom", tuple(g.strip() for g in spec))
    grades = tuple(b["grade"].strip() for b in spec)
    minimums = [to_decimal(b.get("min")) for b in spec]
    bands = tuple(
        (grade, minimum, True)
        for grade, minimum in reversed(list(zip(grades, minimums, strict=True)))
        if minimum is not None
    )
    return Scale("custom", grades, bands)


def kind_problem(text, scale, *, realisation=False):
    """Why a target or realisation does not fit its indicator, or None.

    A grade given for a numeric indicator, a grade that is not on the scale, a number for a graded
    indicator whose scale has no bands, and a range given as a realisation are each of the wrong kind.
    """
    value = parse_value(text)
    if value is None:
        return None
    if realisation and isinstance(value, Range):
        return f"realisasi «{text}» adalah rentang, padahal realisasi harus satu nilai"
    if scale is None:
        if isinstance(value, Grade):
            return f"«{value.text}» adalah predikat, padahal indikator ini berupa angka"
        return None
    if isinstance(value, Grade):
        if scale.rank(value.text) is None:
            return f"«{value.text}» bukan predikat skala {'/'.join(scale.grades)}"
        return None
    if not scale.bands:
        return f"«{text}» adalah angka, padahal skala predikat ini tidak punya rentang nilai"
    return None
