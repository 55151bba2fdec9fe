"""Template filters of the LAKIP PDF: they only write figures the engine computed, the Indonesian way."""

from django import template

from performance import numbers

register = template.Library()

register.filter("percent", numbers.format_percent)
register.filter("number", numbers.format_decimal)
register.filter("rupiah", numbers.format_rupiah)
register.filter("value", numbers.format_value)
register.filter("tanggal", numbers.format_date)
register.filter("nip", numbers.format_nip)


@register.filter
def realisation(figure):
    """A realisation as the report prints it: pending reads "menunggu hasil", provisional is marked.

    Works for an ``IndicatorResult`` and a ``YearFigure`` alike: both carry ``realisation`` and ``status``.
    """
    if figure is None:
        return "—"
    if figure.status == "pending":
        return "menunggu hasil"
    text = numbers.format_value(figure.realisation)
    return f"{text} (sementara)" if figure.status == "provisional" and figure.realisation else text


@register.filter
def achievement(figure):
    """An indicator's achievement: "menunggu" while its realisation is pending, else a percentage."""
    if figure is None:
        return "—"
    if figure.status == "pending":
        return "menunggu"
    return numbers.format_percent(figure.achievement)


@register.filter
def efficiency(value, method):
    """The efficiency figure in its method's unit: an index (ratio), a percentage (unspent), points (gap), a score."""
    if value is None:
        return "—"
    if method == "unspent":
        return numbers.format_percent(value)
    if method == "gap":
        return f"{numbers.format_decimal(value)} poin"
    return numbers.format_decimal(value)
