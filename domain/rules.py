"""The computation rules of a LAKIP, as plain functions over plain values (no database).

Every rule of ``shared/domain/lakip.md`` and of the spec's "Precise readings" lives here: achievement
(capaian) for higher/lower/range/graded/zero targets, the cap, roll-ups, categories, absorption (serapan), the
four efficiency methods and the budget tree sums. Where the brief is silent, the docstring of the rule says
which reading was chosen and why.

Everything is exact and unrounded: amounts and entered values are Decimals, and every ratio and mean is an
exact rational number (``fractions.Fraction``), so a mean that is exactly on a half cent (379,3 / 4 = 94,825)
is written 94,83, never 94,82 from a quotient cut at 28 digits. A figure is rounded only where it is written
(``domain.numbers.round_half_up``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from domain.enums import Direction, EfficiencyMethod
from domain.numbers import round_half_up, to_decimal
from domain.values import Number, kind_problem, parse_value

# Why an achievement could not be computed. The finding rules turn these into findings.
NO_TARGET = "no_target"
NO_REALISATION = "no_realisation"
ZERO_TARGET = "zero_target"
WRONG_KIND = "wrong_kind"

HUNDRED = Fraction(100)


# --- Achievement (capaian) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """An achievement in percent (exact), or None with the reason it could not be computed."""

    value: Fraction | None
    problem: str | None = None


def _against(realisation, target, direction):
    """One realisation against one numeric target, in percent; None when it cannot be computed.

    Higher is better: R / T × 100. Lower is better: (2T − R) / T × 100, floored at 0 (PermenPAN-RB 8/2021).
    Zero target: R = 0 → 100; lower is better with R > 0 → 0; higher is better → no value. Reading for the
    cases the brief does not name: lower is better with T = 0 and R < 0 beats the target (100).
    """
    realisation, target = Fraction(realisation), Fraction(target)
    if target == 0:
        if realisation == 0:
            return HUNDRED
        if direction == Direction.LOWER:
            return Fraction(0) if realisation > 0 else HUNDRED
        return None
    if direction == Direction.LOWER:
        return max(Fraction(0), (2 * target - realisation) / target * HUNDRED)
    return realisation / target * HUNDRED


def numeric_achievement(target, realisation, direction=Direction.HIGHER):
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
    return Fraction(realisation_rank, target_rank) * HUNDRED


def achievement(target, realisation, *, direction=Direction.HIGHER, scale=None, cap=None):
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
        value = min(value, Fraction(cap))
    return Outcome(value)


def mean(values):
    """Unweighted mean of the values that are known, exact; None when none is (spec: roll-ups skip nulls)."""
    known = [Fraction(v) for v in values if v is not None]
    if not known:
        return None
    return sum(known, Fraction(0)) / len(known)


# --- Categories -------------------------------------------------------------------------------------

DEFAULT_CATEGORY_BANDS = (
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
    (Decimal(0), "Sangat Rendah"),
)


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
    """part / whole × 100, exact; None when either is unknown or the whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return Fraction(part) / Fraction(whole) * HUNDRED


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
    if method == EfficiencyMethod.UNSPENT:
        return None if served is None else HUNDRED - served
    if method == EfficiencyMethod.RATIO:
        if served is None or served == 0 or achievement_value is None:
            return None
        return Fraction(achievement_value) / served
    if method == EfficiencyMethod.GAP:
        return None if served is None or achievement_value is None else Fraction(achievement_value) - served
    if method == EfficiencyMethod.EKA:
        if achievement_value is None or not budget or realisation is None or achievement_value == 0:
            return None
        ratio = Fraction(achievement_value) / HUNDRED
        spent_share = Fraction(realisation) / (Fraction(budget) * ratio)
        score = 50 + (1 - spent_share) / Fraction(1, 5) * 50
        return min(HUNDRED, max(Fraction(0), score))
    raise ValueError(f"unknown efficiency method {method!r}")


EFFICIENCY_SENTENCES = {
    EfficiencyMethod.RATIO: (
        "Efisiensi dihitung sebagai indeks efisiensi IE = capaian kinerja ÷ serapan anggaran; "
        "sasaran efisien bila IE ≥ 1."
    ),
    EfficiencyMethod.UNSPENT: "Efisiensi dihitung sebagai 100% dikurangi persentase serapan anggaran sasaran.",
    EfficiencyMethod.GAP: "Efisiensi dihitung sebagai selisih capaian kinerja dan serapan anggaran, dalam poin persen.",
    EfficiencyMethod.EKA: (
        "Efisiensi dihitung dengan metode PMK 22/2021: E = 1 − ΣRealisasi ÷ Σ(Pagu × Capaian), "
        "nilai efisiensi NE = 50 + (E ÷ 20%) × 50, dibatasi 0–100."
    ),
}
