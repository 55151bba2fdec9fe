"""Template filters that write figures the Indonesian way, always through ``performance.numbers``.

Templates format only: every figure arrives computed (and unrounded) from the engine.
"""

from django import template

from budgets.models import BudgetLine
from performance import numbers

register = template.Library()

SEVERITY_LABELS = {"error": "Kesalahan", "warning": "Peringatan", "info": "Informasi"}


@register.filter
def percent(value):
    """``153,20%``; ``—`` when there is no figure."""
    return numbers.format_percent(value)


@register.filter
def decimal(value, places=2):
    """``1.234,56``; ``—`` when there is no figure."""
    return numbers.format_decimal(value, places=int(places))


@register.filter
def rupiah(value):
    """``Rp19.717.644.784``; ``—`` when there is no figure."""
    return numbers.format_rupiah(value)


@register.filter
def figure(text):
    """A target or realisation as entered: ``78,13``, ``70–80`` or a grade such as ``BB``."""
    return numbers.format_value(text)


@register.filter
def nip(text):
    """An 18-digit NIP as ``19740210 199311 1 001``."""
    return numbers.format_nip(text)


@register.filter
def tanggal(value):
    """A date as ``10 Maret 2025``."""
    return numbers.format_date(value)


@register.filter
def severity_label(severity):
    return SEVERITY_LABELS.get(severity, severity)


@register.filter
def budget_level(level):
    """``Program``, ``Kegiatan`` or ``Sub Kegiatan`` for a budget line's level."""
    return BudgetLine.Level(level).label if level in BudgetLine.Level.values else level
