"""The checks that decide what may be stored: one function per rule, with messages a planner understands.

Every entry path calls these, so the admin and the importer accept and refuse exactly the same things: a
model's ``clean()`` (so every admin and planner form) shows the problems beside the field, and the importer
puts the JSON path of the value in front of each problem's path (``$.settings.category_bands`` + ``[1].min``).
A validator returns a list of ``Problem``, empty when the value is fine.

The rules whose model fields already say the same thing (a code column of 64 characters that may not be
blank, a ``SlugField``, the cap's ``choices``) are checked by those fields in the admin, with Django's own
message; calling the validator again in ``clean()`` would print every refusal twice.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal

from domain.enums import ACHIEVEMENT_CAPS
from domain.numbers import size_problem, to_decimal
from domain.values import NAMED_SCALES, VALUE_LENGTH, is_grade, value_problem

CODE_LENGTH = 64
LABEL_LENGTH = 100
QUOTE_LENGTH = 40
# The longest texts that may be stored, generous for what real reports hold (the demo files' longest indicator name
# is 216 characters, formula 435, note 317, vision 207) and small enough that no page, form or PDF is swamped:
NAME_LENGTH = 2_000  # a name or one statement: an indicator, a tujuan, a sasaran, a mission, a budget line
TEXT_LENGTH = 5_000  # a longer free text: the vision, a formula, the evidence, a note, the reason for a PK target
TITLE_LENGTH = 200  # the title of a narrative section
NARRATIVE_LENGTH = 100_000  # a narrative section (the demo files' longest is 29.514 characters)
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@dataclass(frozen=True)
class Problem:
    """One reason a value is refused: where inside the value (``"[1].min"``, ``""`` for all of it) and why.

    The importer uses the same class with the whole JSON path (``$.renstra.goals[0].code``).
    """

    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}" if self.path else self.message


def quoted(value):
    """A value as a message quotes it (``«BB»``, ``«50»``, ``«null»``), cut to ``QUOTE_LENGTH`` characters.

    Safe for anything a file holds: a huge number is quoted as ``1E+999999999``, never written out digit by
    digit; a lone surrogate or a control character (which no terminal or database takes) shows as ``�``.
    """
    if isinstance(value, str):
        text = value[:QUOTE_LENGTH]
    elif isinstance(value, Decimal):
        text = format(value, "f") if value.is_finite() and abs(value.adjusted()) < QUOTE_LENGTH else str(value)
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, default=str)[:QUOTE_LENGTH] if _small(value) else "[…]"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) >= QUOTE_LENGTH:
        text = text[: QUOTE_LENGTH - 1] + "…"
    return f"«{printable(text)}»"


def _small(value, budget=QUOTE_LENGTH):
    """Whether a nested value is small enough to write out in a message (a deep or long one is not)."""
    stack, seen = [value], 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > budget:
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def printable(text):
    """``text`` with what cannot be printed or stored (lone surrogates, NUL and other control characters
    except tab and newlines) replaced by ``�``."""
    return "".join(
        "\ufffd" if 0xD800 <= ord(char) <= 0xDFFF or (char < " " and char not in "\t\n\r") else char for char in text
    )


def text_problem(text):
    """Why a text cannot be stored: a lone surrogate (half of a UTF-16 pair, not a character) or a NUL, which
    PostgreSQL refuses and no page can show; None when it is fine."""
    if any(0xD800 <= ord(char) <= 0xDFFF or char == "\x00" for char in text):
        return "berisi karakter yang tidak sah (surrogate atau NUL)"
    return None


def field_messages(**problems):
    """``{field: [message, ...]}`` for the fields that have problems: what a model's ``clean()`` raises."""
    return {name: [str(problem) for problem in found] for name, found in problems.items() if found}


def too_long(text, limit):
    """The message refusing a text of more than ``limit`` characters."""
    return f"terlalu panjang ({len(text)} karakter, paling banyak {limit})"


# --- Grade scale -----------------------------------------------------------------------------------------


def scale_problems(spec):
    """Why an indicator's grade scale cannot be used.

    A scale is null (a numeric indicator), ``"sakip"``, ``"ikm"``, a list of grades from the lowest, or a
    list of ``{"grade", "min"}`` from the lowest whose minimums rise strictly; the lowest grade may omit its
    minimum, as it takes everything below the next one. Every entry has the same form. Readings where the
    spec is silent: a grade is any text ``domain.values.is_grade`` accepts, lower case included (``baik``),
    and grades are unique ignoring case and surrounding spaces, as ``Scale.rank`` compares them; a minimum
    written as null is a minimum left out; a list of one grade is a scale.
    """
    if spec is None or (isinstance(spec, str) and spec in NAMED_SCALES):
        return []
    if isinstance(spec, str):
        return [Problem("", f'skala {quoted(spec)} tidak dikenal: gunakan "sakip", "ikm", atau daftar predikat')]
    if not isinstance(spec, list) or not spec:
        return [Problem("", 'harus kosong, "sakip", "ikm", atau daftar predikat dari terendah')]
    if all(isinstance(entry, dict) for entry in spec):
        grades = [(f"[{i}].grade", entry.get("grade")) for i, entry in enumerate(spec)]
        return _grade_problems(grades) + _band_problems(spec)
    if any(isinstance(entry, dict) for entry in spec):
        return [Problem("", 'semua predikat harus sama bentuknya: teks, atau objek {"grade": ..., "min": ...}')]
    return _grade_problems([(f"[{i}]", grade) for i, grade in enumerate(spec)])


def _grade_problems(grades):
    """The grades of a scale, given as ``(path, grade)``: each a grade text, none repeated."""
    problems, seen = [], set()
    for path, grade in grades:
        if grade is None:
            problems.append(Problem(path, "wajib diisi"))
        elif not isinstance(grade, str) or not is_grade(grade):
            problems.append(Problem(path, f"{quoted(grade)} bukan predikat (kata yang diawali huruf)"))
        elif len(grade.strip()) > VALUE_LENGTH:
            problems.append(Problem(path, too_long(grade.strip(), VALUE_LENGTH)))
        elif grade.strip().casefold() in seen:
            problems.append(Problem(path, f"predikat {quoted(grade)} ganda"))
        else:
            seen.add(grade.strip().casefold())
    return problems


def _band_problems(bands):
    """The minimums of a scale's bands: numbers rising strictly from the lowest grade, which may omit its own."""
    problems, previous = [], None
    for index, band in enumerate(bands):
        path, written = f"[{index}].min", band.get("min")
        minimum = to_decimal(written)
        if written is None:
            if index:
                problems.append(Problem(path, "wajib diisi: setiap predikat di atas yang terendah punya batas bawah"))
        elif minimum is None:
            problems.append(Problem(path, f"{quoted(written)} bukan angka"))
        elif size_problem(minimum):
            problems.append(Problem(path, f"{quoted(written)} {size_problem(minimum)}"))
            minimum = None
        elif previous is not None and minimum <= previous:
            problems.append(Problem(path, f"{quoted(written)} harus lebih besar dari batas bawah predikat di bawahnya"))
        if minimum is not None:
            previous = minimum
    return problems


# --- Category bands --------------------------------------------------------------------------------------


def category_bands_problems(bands):
    """Why an agency's category bands cannot be used.

    Null (the default 91/76/66/51 bands) or a non-empty list of ``{"min", "label"}`` from the highest band
    down: minimums are numbers falling strictly, labels are non-empty texts of at most 100 characters (the
    length is that of the label as stored).
    """
    if bands is None:
        return []
    if not isinstance(bands, list) or not bands:
        return [Problem("", 'harus kosong atau daftar [{"min": 91, "label": "Sangat Tinggi"}, ...] dari tertinggi')]
    problems, previous = [], None
    for index, band in enumerate(bands):
        if not isinstance(band, dict):
            problems.append(Problem(f"[{index}]", f'{quoted(band)} harus berupa objek {{"min": ..., "label": ...}}'))
            continue
        label = band.get("label")
        if label is None or (isinstance(label, str) and not label.strip()):
            problems.append(Problem(f"[{index}].label", "wajib diisi"))
        elif not isinstance(label, str):
            problems.append(Problem(f"[{index}].label", f"{quoted(label)} bukan teks"))
        elif len(label) > LABEL_LENGTH:
            problems.append(Problem(f"[{index}].label", too_long(label, LABEL_LENGTH)))
        written = band.get("min")
        minimum = to_decimal(written)
        if minimum is None or size_problem(minimum):
            if written is None:
                message = "wajib diisi"
            else:
                message = f"{quoted(written)} {size_problem(minimum) if minimum is not None else 'bukan angka'}"
            problems.append(Problem(f"[{index}].min", message))
            continue
        if previous is not None and minimum >= previous:
            message = f"{quoted(written)} harus lebih kecil dari batas bawah kategori di atasnya"
            problems.append(Problem(f"[{index}].min", message))
        previous = minimum
    return problems


# --- Values, codes, settings -----------------------------------------------------------------------------


def value_problems(text, *, allow_range=True):
    """Why a target (``allow_range``) or a realisation, as stored, is not a value: the one grammar of
    ``domain.values.value_problem``. An empty value is no value, never a problem; whether a grade is on the
    indicator's scale is a finding (``value_kind_mismatch``), not a refusal."""
    problem = value_problem(text, allow_range=allow_range)
    return [] if problem is None else [Problem("", problem)]


def code_problems(code):
    """The code of a goal, objective, indicator or budget line: a text, not blank, of at most 64 characters.

    Reading: the length is that of the code without its surrounding spaces, which every entry path strips
    before storing it (the admin's form fields, the importer).
    """
    if not isinstance(code, str):
        return [Problem("", f"{quoted(code)} bukan teks")]
    text = code.strip()
    if not text:
        return [Problem("", "wajib diisi")]
    if len(text) > CODE_LENGTH:
        return [Problem("", too_long(text, CODE_LENGTH))]
    if text_problem(text):
        return [Problem("", text_problem(text))]
    return []


def narrative_problems(text):
    """The Markdown text of a narrative section: at most ``NARRATIVE_LENGTH`` characters (a section of a hundred
    pages; a pasted image or file is refused here rather than printed)."""
    if len(text) > NARRATIVE_LENGTH:
        return [Problem("", too_long(text, NARRATIVE_LENGTH))]
    return []


def slug_problems(code):
    """The code of an agency or a government (and a narrative's key): a code of letters, digits, ``-`` and ``_``."""
    problems = code_problems(code)
    if not problems and not SLUG.fullmatch(code):
        problems.append(Problem("", f'{quoted(code)} hanya boleh berisi huruf, angka, "-" dan "_"'))
    return problems


def achievement_cap_problems(cap):
    """An agency's achievement cap: null (no cap) or one of ``ACHIEVEMENT_CAPS``."""
    if cap is None or cap in ACHIEVEMENT_CAPS:
        return []
    *others, last = ACHIEVEMENT_CAPS
    allowed = ", ".join(str(c) for c in others)
    return [Problem("", f"{quoted(cap)} bukan null, {allowed} atau {last}")]
