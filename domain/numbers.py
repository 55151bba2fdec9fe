"""Exact decimals in, Indonesian text out: parsing, half-up rounding, and ``1.234.567,89`` formatting.

Every figure is computed unrounded and rounded half-up to 2 places only where it is written. What a person
types (``89,5``, ``Rp 1.234.567,89``) is read by ``parse_typed_number``; what is stored and exchanged in files
is a plain decimal (``"89.5"``), read by ``to_decimal``.
"""

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def to_decimal(value):
    """A Decimal from an int, a Decimal or a plain decimal string (``"78.13"``); None if it is not one.

    Floats are refused on purpose: they have already lost the exact value.
    """
    if value is None or isinstance(value, bool | float):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not text or not all(c.isdigit() or c in "+-." for c in text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


# The size of a number LAKIP keeps, as (digits before the decimal point, digits after it). A measure (a target,
# a realisation, a national standard, a scale's or a category's minimum) fits 15 and 10: more than any index,
# percentage or count an agency reports. A rupiah amount fits 16 and 2: the database column, numeric(18, 2),
# more than a province's whole budget. Anything bigger is a slip or an attack (``1e999999999`` alone would take
# a gigabyte to write out), and is refused where it enters, before it is ever written out or stored.
MEASURE_DIGITS = (15, 10)
MONEY_DIGITS = (16, 2)


def json_number(value):
    """A number as a JSON field keeps it (category bands, grade scales): an int when whole, else its exact decimal
    text, since a float would lose it."""
    number = to_decimal(value)
    return int(number) if number == number.to_integral_value() else format(number, "f")


def size_problem(number, digits=MEASURE_DIGITS):
    """Why a finite Decimal is too large or too fine to keep (``digits`` as above), or None.

    Reads only the number's exponent and digits, never writes it out, so ``1e999999999`` is judged at once.
    Trailing zeros after the decimal point do not count (``78.1300`` has 2 places).
    """
    integer_digits, places = digits
    if number == 0:
        return None
    if number.adjusted() >= integer_digits:
        return f"terlalu besar: paling banyak {integer_digits} angka sebelum koma"
    _, digit_tuple, exponent = number.as_tuple()
    if exponent < 0:
        trailing_zeros = len(digit_tuple) - len("".join(map(str, digit_tuple)).rstrip("0"))
        if -exponent - min(trailing_zeros, -exponent) > places:
            return f"terlalu banyak angka di belakang koma (paling banyak {places})"
    return None


def round_half_up(value, places=2):
    """A Decimal with ``places`` places, a tie rounded away from zero (94,825 → 94,83, −0,005 → −0,01).

    Exact for an int, a Decimal or a Fraction of any size: the engine's ratios and means are exact
    rationals, and a tie is decided on the exact value, never on a quotient cut at some precision.
    """
    if value is None:
        return None
    scaled = Fraction(value) * 10**places
    whole = math.floor(abs(scaled) + Fraction(1, 2))
    sign = "-" if scaled < 0 and whole else ""
    return Decimal(f"{sign}{whole}E-{places}")


def plain(value, places=2):
    """The results-file form of a figure: ``"153.20"`` (None stays None)."""
    rounded = round_half_up(value, places)
    return None if rounded is None else f"{rounded:.{places}f}"


def plain_money(value):
    """Money for the results file: whole rupiah (``"6111568080"``), or 2 places when there are cents."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return f"{value.to_integral_value():f}"
    return plain(value)


def _group(digits):
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def format_decimal(value, places=2):
    """``1.234.567,89``; ``—`` for None. Rounded half-up."""
    if value is None:
        return "—"
    rounded = round_half_up(value, places)
    sign = "-" if rounded < 0 else ""
    text = f"{rounded.copy_abs():.{places}f}"
    whole, _, fraction = text.partition(".")
    return f"{sign}{_group(whole)}" + (f",{fraction}" if places > 0 else "")


def format_percent(value, places=2):
    """``153,20%``; ``—`` for None."""
    return "—" if value is None else f"{format_decimal(value, places)}%"


def format_money(value):
    """``19.717.644.784`` (cents only when there are some, ``1.234,50``); ``—`` for None.

    An amount without ``Rp``, as an input box shows it: ``parse_typed_money`` reads it back unchanged.
    """
    if value is None:
        return "—"
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return format_decimal(value, places)


def format_rupiah(value):
    """``Rp19.717.644.784`` (cents only when there are some); ``—`` for None."""
    return "—" if value is None else f"Rp{format_money(value)}"


# Where a stored range "a-b" is joined: the first hyphen or en dash after a digit, so "-5--3" is -5 to -3.
_RANGE_JOINT = re.compile(r"(.*?\d)\s*[-–]\s*(.+)")


def format_value(text):
    """A target or realisation as entered (number, range or grade), written the Indonesian way.

    ``"78.13"`` → ``78,13``, ``"76.61-88.30"`` → ``76,61–88,30``, ``"BB"`` stays ``BB``. Numbers keep the
    places they were entered with, so ``0.63`` is not turned into ``0,63`` with a different precision.
    """
    if text is None or text == "":
        return "—"
    number = to_decimal(text)
    if number is not None:
        places = max(0, -number.as_tuple().exponent)
        return format_decimal(number, places)
    bounds = _RANGE_JOINT.fullmatch(str(text))
    if bounds and to_decimal(bounds[1]) is not None and to_decimal(bounds[2]) is not None:
        return f"{format_value(bounds[1])}–{format_value(bounds[2])}"
    return str(text)


class TypedNumberError(ValueError):
    """A number a person typed that cannot be read; its text is the sentence that says what to type instead."""


# A number typed the Indonesian way: the dot groups thousands (a first group of 1-3 digits not starting with 0,
# then groups of exactly 3), the comma starts the decimals. ASCII digits only.
_TYPED_NUMBER = re.compile(r"[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?", re.ASCII)
# A decimal typed the English way (``87.30``): refused, with the comma spelling as the hint.
_DOT_DECIMAL = re.compile(r"[+-]?\d+\.\d+", re.ASCII)
_RUPIAH_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
NUMBER_EXAMPLE = "tulis angka seperti 89,5 atau 1.234.567,89"


def parse_typed_number(text):
    """The exact Decimal a person meant by a number typed the Indonesian way; TypedNumberError if unreadable.

    ``89,5`` → 89.5, ``1.234.567,89`` → 1234567.89, ``-5`` → -5; a ``Rp``/``Rp.`` prefix (with or without a
    space), a trailing ``%`` and surrounding spaces are ignored. Readings, chosen because a silently wrong
    figure is worse than a question:

    - The comma is the decimal mark and the dot only groups thousands, so ``1.234`` is 1234: that is how
      Indonesian forms write numbers and how the site shows them back (1234 is shown as ``1.234``).
    - A dot counts as a thousands dot only between groups of exactly 3 digits after a first group of 1 to 3
      digits that does not start with 0. Any other dot (``87.30``, ``0.125``, ``1234.5``) is a decimal typed
      the English way: refused, with the comma spelling as the hint, rather than read as 8730.
    - English grouping (``1,234.5``), exponents (``1e5``), empty groups (``1..2``), a bare ``,5`` and
      spaces inside the digits are refused.
    """
    text = str(text).strip()
    digits = _RUPIAH_PREFIX.sub("", text, count=1).removesuffix("%").strip()
    if _TYPED_NUMBER.fullmatch(digits):
        whole, _, fraction = digits.replace(".", "").partition(",")
        return Decimal(f"{whole}.{fraction}" if fraction else whole)
    if _DOT_DECIMAL.fullmatch(digits):
        raise TypedNumberError(f"«{text}»: gunakan koma untuk desimal, mis. {format_value(digits)}")
    raise TypedNumberError(f"«{text}» bukan angka: {NUMBER_EXAMPLE}")


def parse_typed_money(text):
    """A rupiah amount typed the Indonesian way (``Rp 1.234.567,89``): a typed number, ≥ 0, at most 2 places
    and 16 digits before the comma (``MONEY_DIGITS``)."""
    amount = parse_typed_number(text)
    if amount < 0:
        raise TypedNumberError(f"«{str(text).strip()}»: jumlah rupiah tidak boleh negatif, tulis 0 atau lebih")
    if amount.as_tuple().exponent < -2:
        raise TypedNumberError(f"«{str(text).strip()}»: paling banyak 2 angka di belakang koma, mis. 1.234.567,89")
    problem = size_problem(amount, MONEY_DIGITS)
    if problem:
        raise TypedNumberError(f"«{str(text).strip()[:40]}»: {problem}")
    return amount


def format_date(value):
    """``10 Maret 2025``."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def is_standard_nip(nip):
    """Whether a NIP has the 18 digits of a civil servant's number (spaces aside)."""
    digits = (nip or "").replace(" ", "")
    return len(digits) == 18 and digits.isdigit()


def format_nip(nip):
    """An 18-digit NIP printed as ``19740210 199311 1 001``; any other NIP as given."""
    digits = (nip or "").replace(" ", "")
    if is_standard_nip(digits):
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return nip or ""
