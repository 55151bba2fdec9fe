"""The computation rules of a LAKIP, as plain functions over plain values (no database).

Every rule of ``shared/domain/lakip.md`` and of the spec's "Precise readings" lives here, in exact
decimals and unrounded: achievement (capaian) for higher/lower/range/graded/zero targets, the cap,
roll-ups, categories, absorption (serapan), the four efficiency methods and the budget tree sums.
Where the brief is silent, the docstring of the rule says which reading was chosen and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from performance.numbers import HUNDRED, round_half_up, to_decimal

HIGHER = "higher"
LOWER = "lower"
ACHIEVEMENT_CAPS = (100, 110, 120, 150)
EFFICIENCY_METHODS = ("ratio", "unspent", "gap", "eka")

# Why an achievement could not be computed. The finding rules turn these into findings.
NO_TARGET = "no_target"
NO_REALISATION = "no_realisation"
ZERO_TARGET = "zero_target"
WRONG_KIND = "wrong_kind"


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


_RANGE = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*[-–]\s*([+-]?\d+(?:\.\d+)?)\s*$")
_GRADE = re.compile(r"^[^\W\d_][\w .,/()+'’-]*$", re.UNICODE)


def parse_value(text):
    """``"78.13"`` → Number, ``"70-80"`` → Range, ``"BB"`` → Grade; None for an empty value.

    A text that is none of these (``"12abc"``) is returned as a Grade too; ``is_grade_like`` tells
    the importer whether it looks like one.
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


def is_grade_like(text):
    """A grade is a word, possibly several (``BB``, ``Menuju Informatif``); not a stray number."""
    return bool(_GRADE.match(str(text).strip()))


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


def scale_problems(spec):
    """Why a scale specification is unusable (empty list when it is fine)."""
    if spec is None or (isinstance(spec, str) and spec in NAMED_SCALES):
        return []
    if isinstance(spec, str):
        return [f'Skala "{spec}" tidak dikenal: gunakan "sakip", "ikm", atau daftar predikat.']
    if not isinstance(spec, list) or not spec:
        return ['Skala harus kosong, "sakip", "ikm", atau daftar predikat dari terendah.']
    if all(isinstance(g, str) and g.strip() for g in spec):
        grades = [g.strip().casefold() for g in spec]
    elif all(isinstance(g, dict) for g in spec):
        problems = []
        for position, band in enumerate(spec):
            if not isinstance(band.get("grade"), str) or not band["grade"].strip():
                problems.append(f"Predikat ke-{position + 1} tidak punya nama (grade).")
            if "min" in band and band["min"] is not None and to_decimal(band["min"]) is None:
                problems.append(f"Batas bawah predikat ke-{position + 1} bukan angka.")
        if problems:
            return problems
        grades = [b["grade"].strip().casefold() for b in spec]
        minimums = [to_decimal(b.get("min")) for b in spec]
        if any(m is not None for m in minimums):
            if any(m is None for m in minimums[1:]):
                return ["Setiap predikat di atas yang terendah harus punya batas bawah (min)."]
            present = [m for m in minimums if m is not None]
            if present != sorted(present) or len(set(present)) != len(present):
                return ["Batas bawah predikat harus naik dari predikat terendah ke tertinggi."]
    else:
        return ['Daftar predikat berisi teks, atau objek {"grade": ..., "min": ...}.']
    if len(set(grades)) != len(grades):
        return ["Nama predikat dalam skala tidak boleh berulang."]
    return []


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


# --- Achievement (capaian) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """An achievement in percent (unrounded), or None with the reason it could not be computed."""

    value: Decimal | None
    problem: str | None = None


def _against(realisation, target, direction):
    """One realisation against one numeric target, in percent; None when it cannot be computed.

    Higher is better: R / T × 100. Lower is better: (2T − R) / T × 100, floored at 0 (PermenPAN-RB 8/2021).
    Zero target: R = 0 → 100; lower is better with R > 0 → 0; higher is better → no value. Reading for the
    cases the brief does not name: lower is better with T = 0 and R < 0 beats the target (100).
    """
    if target == 0:
        if realisation == 0:
            return HUNDRED
        if direction == LOWER:
            return Decimal(0) if realisation > 0 else HUNDRED
        return None
    if direction == LOWER:
        return max(Decimal(0), (2 * target - realisation) / target * HUNDRED)
    return realisation / target * HUNDRED


def numeric_achievement(target, realisation, direction=HIGHER):
    """Achievement of a number (``realisation``) against a Number or a Range target.

    Range ``a-b``: inside → 100; outside, the nearer bound is the target, so above ``b`` higher is
    better scores R / b and lower is better (2b − R) / b; below ``a`` R / a and (2a − R) / a.
    """
    if isinstance(target, Number):
        return _against(realisation, target.value, direction)
    if target.low <= realisation <= target.high:
        return HUNDRED
    bound = target.high if realisation > target.high else target.low
    return _against(realisation, bound, direction)


def graded_achievement(target_grade, realisation_grade, scale):
    """Grade ≥ target grade → 100 ("tercapai": an exceeded grade is said in words, never scored above
    100); below → rank(R) / rank(T) × 100 with ranks counted from 1 at the lowest grade."""
    target_rank, realisation_rank = scale.rank(target_grade), scale.rank(realisation_grade)
    if realisation_rank >= target_rank:
        return HUNDRED
    return Decimal(realisation_rank) / Decimal(target_rank) * HUNDRED


def achievement(target, realisation, *, direction=HIGHER, scale=None, cap=None):
    """The achievement of one realisation against one target (texts as entered), with the agency's cap.

    ``scale`` is a Scale (graded indicator) or None (numeric). The direction does not apply to graded
    indicators: the scale's order says which grade is better. The cap (100, 110, 120 or 150) limits the
    result; graded achievements never exceed 100 anyway.
    """
    target_value, realisation_value = parse_value(target), parse_value(realisation)
    if target_value is None:
        return Outcome(None, NO_TARGET)
    if realisation_value is None:
        return Outcome(None, NO_REALISATION)
    if kind_problem(target, scale) or kind_problem(realisation, scale, realisation=True):
        return Outcome(None, WRONG_KIND)
    if scale is not None:
        target_grade, realisation_grade = scale.grade_of(target_value), scale.grade_of(realisation_value)
        return Outcome(graded_achievement(target_grade, realisation_grade, scale))
    value = numeric_achievement(target_value, realisation_value.value, direction)
    if value is None:
        return Outcome(None, ZERO_TARGET)
    if cap is not None:
        value = min(value, Decimal(cap))
    return Outcome(value)


def mean(values):
    """Unweighted mean of the values that are known; None when none is (spec: roll-ups skip nulls).

    The sum is taken with extra precision so that the mean of equal values is that value exactly.
    """
    known = [v for v in values if v is not None]
    if not known:
        return None
    with localcontext() as wide:
        wide.prec = 80
        total = sum(known, Decimal(0)) / len(known)
    return +total


# --- Categories -------------------------------------------------------------------------------------

DEFAULT_CATEGORY_BANDS = (
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
    (Decimal(0), "Sangat Rendah"),
)


def category_bands_problems(bands):
    """Why an agency's category bands are unusable (empty list when they are fine)."""
    if bands is None:
        return []
    if not isinstance(bands, list) or not bands:
        return ['Kategori harus kosong atau daftar {"min": ..., "label": ...} dari tertinggi.']
    problems = []
    minimums = []
    for position, band in enumerate(bands):
        if not isinstance(band, dict):
            problems.append(f"Kategori ke-{position + 1} harus berupa objek {{min, label}}.")
            continue
        minimum = to_decimal(band.get("min"))
        if minimum is None:
            problems.append(f"Batas bawah kategori ke-{position + 1} bukan angka.")
        else:
            minimums.append(minimum)
        if not isinstance(band.get("label"), str) or not band["label"].strip():
            problems.append(f"Kategori ke-{position + 1} tidak punya label.")
    if not problems and minimums != sorted(minimums, reverse=True):
        problems.append("Kategori harus diurutkan dari batas bawah tertinggi ke terendah.")
    if not problems and len(set(minimums)) != len(minimums):
        problems.append("Batas bawah kategori tidak boleh berulang.")
    return problems


def category_bands(spec):
    """The agency's bands as ((minimum, label), ...) from the highest down; the default when unset."""
    if not spec:
        return DEFAULT_CATEGORY_BANDS
    return tuple((to_decimal(b["min"]), b["label"]) for b in spec)


def category(achievement_value, bands=DEFAULT_CATEGORY_BANDS):
    """The category of an achievement, taken from the achievement as written (rounded half-up to 2
    places): 90,996 is written 91,00 and is "Sangat Tinggi". Above 100 stays in the top band. A value
    below every minimum falls in the lowest band, which the brief's "else" makes the catch-all."""
    if achievement_value is None:
        return None
    written = round_half_up(achievement_value)
    for minimum, label in bands:
        if written >= minimum:
            return label
    return bands[-1][1]


# --- Budget: absorption, tree sums, efficiency --------------------------------------------------------


def percent_of(part, whole):
    """part / whole × 100; None when either is unknown or the whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * HUNDRED


def absorption(budget, realisation):
    """Serapan = realisasi / pagu × 100; None without a realisation or with a pagu of 0."""
    return percent_of(realisation, budget)


def sum_known(values):
    """Sum of the amounts that are known; None when none is."""
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


@dataclass(frozen=True)
class LineFigures:
    """A budget line's figures for one year: what the report uses, and what was entered on the line."""

    budget: Decimal | None
    realisation: Decimal | None
    own_budget: Decimal | None
    own_realisation: Decimal | None
    children_budget: Decimal | None = None
    children_realisation: Decimal | None = None

    @property
    def from_children(self):
        return self.children_budget is not None

    @property
    def budget_mismatch(self):
        return self.from_children and self.own_budget is not None and self.own_budget != self.children_budget

    @property
    def realisation_mismatch(self):
        return (
            self.from_children
            and self.own_realisation is not None
            and self.children_realisation is not None
            and self.own_realisation != self.children_realisation
        )


def line_figures(own_budget, own_realisation, children):
    """A line whose children have budgets takes their sums (budget over the children that have one, and
    realisation over the children that have one); its own figure is then only compared. Otherwise the
    line's own figures stand."""
    children_budget = sum_known(c.budget for c in children)
    if children_budget is None:
        return LineFigures(own_budget, own_realisation, own_budget, own_realisation)
    children_realisation = sum_known(c.realisation for c in children)
    return LineFigures(
        children_budget, children_realisation, own_budget, own_realisation, children_budget, children_realisation
    )


def efficiency(method, *, achievement_value, budget, realisation):
    """The efficiency figure of a sasaran under the agency's method (unrounded).

    - ``ratio``: IE = C / serapan (efficient when ≥ 1); needs both.
    - ``unspent``: 100 − serapan, computed even where no achievement is known.
    - ``gap``: C − serapan, in points.
    - ``eka`` (PMK 22/2021): E = 1 − ΣRA / Σ(PA × CK) with CK the sasaran's (capped) achievement as a
      ratio, the same for every line, so E = 1 − R / (P × CK); score NE = 50 + (E / 20%) × 50 clamped to
      0-100. No score where CK or the pagu is 0.
    """
    served = absorption(budget, realisation)
    if method == "unspent":
        return None if served is None else HUNDRED - served
    if method == "ratio":
        return None if served is None or served == 0 or achievement_value is None else achievement_value / served
    if method == "gap":
        return None if served is None or achievement_value is None else achievement_value - served
    if method == "eka":
        if achievement_value is None or not budget or realisation is None or achievement_value == 0:
            return None
        ratio = achievement_value / HUNDRED
        spent_share = realisation / (budget * ratio)
        score = 50 + (1 - spent_share) / Decimal("0.2") * 50
        return min(HUNDRED, max(Decimal(0), score))
    raise ValueError(f"unknown efficiency method {method!r}")


EFFICIENCY_SENTENCES = {
    "ratio": (
        "Efisiensi dihitung sebagai indeks efisiensi IE = capaian kinerja ÷ serapan anggaran; "
        "sasaran efisien bila IE ≥ 1."
    ),
    "unspent": "Efisiensi dihitung sebagai 100% dikurangi persentase serapan anggaran sasaran.",
    "gap": "Efisiensi dihitung sebagai selisih capaian kinerja dan serapan anggaran, dalam poin persen.",
    "eka": (
        "Efisiensi dihitung dengan metode PMK 22/2021: E = 1 − ΣRealisasi ÷ Σ(Pagu × Capaian), "
        "nilai efisiensi NE = 50 + (E ÷ 20%) × 50, dibatasi 0–100."
    ),
}
