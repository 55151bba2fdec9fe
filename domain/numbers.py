"""Exact decimals in, Indonesian text out: parsing, half-up rounding, and ``1.234.567,89`` formatting.

Every figure is computed unrounded and rounded half-up to 2 places only where it is written.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)
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


def round_half_up(value, places=2):
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


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
    rounded = round_half_up(Decimal(value), places)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):.{places}f}"
    whole, _, fraction = text.partition(".")
    return f"{sign}{_group(whole)}" + (f",{fraction}" if places > 0 else "")


def format_percent(value, places=2):
    """``153,20%``; ``—`` for None."""
    return "—" if value is None else f"{format_decimal(value, places)}%"


def format_rupiah(value):
    """``Rp19.717.644.784`` (cents only when there are some); ``—`` for None."""
    if value is None:
        return "—"
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return f"Rp{format_decimal(value, places)}"


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
    low, sep, high = str(text).partition("-")
    if sep and to_decimal(low) is not None and to_decimal(high) is not None:
        return f"{format_value(low)}–{format_value(high)}"
    return str(text)


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
