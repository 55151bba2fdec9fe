"""The one template-filter library of the site and the PDF: figures written the Indonesian way.

Templates format only: every figure arrives computed (and unrounded) from the engine, and every filter here
writes it through ``domain.numbers``, so a page and the PDF print the same figure the same way. The report
templates load this library as well (``{% load lakip_format %}``).
"""

import json

from django import template
from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from agencies.fields import MoneyField, ValueField
from domain import numbers
from domain.enums import BudgetLevel, EfficiencyMethod, RealisationStatus, Severity

register = template.Library()

# A history shows a long text (a narrative's Markdown) cut to this many characters, old and new.
HISTORY_TEXT_LENGTH = 300

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


@register.filter
def history_value(value, field):
    """A value of ``field`` (a model field) as a history shows it: a choice by its label, an amount in rupiah, a
    target or realisation as typed (``89,5``), a date the Indonesian way, a long text cut short; "—" for none."""
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, MoneyField):
        return numbers.format_rupiah(value)
    if isinstance(field, ValueField):
        return numbers.format_value(value)
    if isinstance(field, models.DecimalField):
        return numbers.format_decimal(value, places=field.decimal_places)
    if isinstance(field, models.BooleanField):
        return "ya" if value else "tidak"
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "j F Y H.i")
    if isinstance(field, models.DateField):
        return numbers.format_date(value)
    if isinstance(field, models.ForeignKey):
        return f"{field.related_model._meta.verbose_name} #{value}"
    if isinstance(field, models.JSONField):
        return json.dumps(value, ensure_ascii=False, default=str)
    return Truncator(str(value)).chars(HISTORY_TEXT_LENGTH)
