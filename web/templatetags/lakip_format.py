"""The one template-filter library of the site and the PDF: figures written the Indonesian way.

Templates format only: every figure arrives computed (and unrounded) from the engine, and every filter here
writes it through ``domain.numbers``, so a page and the PDF print the same figure the same way. The report
templates load this library as well (``{% load lakip_format %}``).
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from domain import numbers
from domain.enums import BudgetLevel, EfficiencyMethod, RealisationStatus, Severity

register = template.Library()

register.filter("percent", numbers.format_percent)
register.filter("rupiah", numbers.format_rupiah)
register.filter("value", numbers.format_value)
register.filter("tanggal", numbers.format_date)
register.filter("nip", numbers.format_nip)


@register.filter
def number(value, places=2):
    """``1.234,56``; ``—`` when there is no figure."""
    return numbers.format_decimal(value, places=int(places))


@register.filter
def severity_label(severity):
    """``Kesalahan``, ``Peringatan`` or ``Informasi`` for a finding's severity."""
    return Severity.label_of(severity)


@register.filter
def status_label(status):
    """``Final``, ``Sementara`` or ``Menunggu hasil`` for a realisation's status."""
    return RealisationStatus.label_of(status)


@register.filter
def budget_level(level):
    """``Program``, ``Kegiatan`` or ``Sub Kegiatan`` for a budget line's level."""
    return BudgetLevel.label_of(level)


@register.filter
def efficiency_method(method):
    """The name of an efficiency method, e.g. ``100% − serapan`` for ``unspent``."""
    return EfficiencyMethod.label_of(method)


@register.filter
def realisation(figure):
    """A realisation as it is printed: pending reads "menunggu hasil", provisional is marked "(sementara)",
    each in a ``status`` span that pages and the PDF style alike.

    Works for an ``IndicatorResult`` and a ``YearFigure`` alike: both carry ``realisation`` and ``status``.
    """
    if figure is None:
        return "—"
    if figure.status == RealisationStatus.PENDING:
        return mark_safe('<span class="status pending">menunggu hasil</span>')  # noqa: S308 (constant markup)
    text = numbers.format_value(figure.realisation)
    if figure.status == RealisationStatus.PROVISIONAL and figure.realisation:
        return format_html('{} <span class="status provisional">(sementara)</span>', text)
    return text


@register.filter
def achievement(figure):
    """An indicator's achievement: "menunggu" while its realisation is pending, else a percentage."""
    if figure is None:
        return "—"
    if figure.status == RealisationStatus.PENDING:
        return "menunggu"
    return numbers.format_percent(figure.achievement)


@register.filter
def efficiency(value, method):
    """The efficiency figure in its method's unit: an index (ratio), a percentage (unspent), points (gap), a score."""
    if value is None:
        return "—"
    if method == EfficiencyMethod.UNSPENT:
        return numbers.format_percent(value)
    if method == EfficiencyMethod.GAP:
        return f"{numbers.format_decimal(value)} poin"
    return numbers.format_decimal(value)
