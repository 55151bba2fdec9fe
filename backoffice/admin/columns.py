"""Admin columns shared by every page: years, agencies, amounts, and the engine's figures beside the entries.

The computed columns (achievement, category, absorption) always show what the engine
(``performance.results``) computed: the admin never computes a figure of its own.
"""

import json

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models.functions import Cast

from domain.numbers import format_percent, format_rupiah
from performance import results


class ResultsCache:
    """``agency_results`` per (agency, year), computed once however many rows show them.

    Create one per request (a changelist's columns, an inline instance): results change with every
    edit, so they must not outlive the request that shows them.
    """

    def __init__(self):
        self._results = {}

    def get(self, agency, year):
        key = (agency.pk, year)
        if key not in self._results:
            self._results[key] = results.agency_results(agency=agency, year=year)
        return self._results[key]

    def indicator(self, realisation):
        """The engine's result for the indicator and year of ``realisation``."""
        indicator = realisation.indicator
        return self.get(indicator.agency, realisation.year).indicator(indicator.code)

    def budget_line(self, figure):
        """The engine's result for the budget line and year of ``figure``."""
        line = figure.line
        found = self.get(line.agency, figure.year).budget_lines
        return next((result for result in found if result.code == line.code), None)


def year_column(path="year", description="tahun"):
    """An admin column of a year written as a year (``2024``).

    The site groups digits (``USE_THOUSAND_SEPARATOR``), so Django would print an integer column as ``2.024``.
    """

    @admin.display(description=description, ordering=path)
    def year(obj):
        for name in path.split("__"):
            obj = getattr(obj, name)
        return str(obj)

    return year


def agency_column(path="agency"):
    """An admin column naming the agency of a row by its code: short, unique, and fits a narrow column."""

    @admin.display(description="perangkat daerah", ordering=f"{path}__code")
    def agency(obj):
        for name in path.split("__"):
            obj = getattr(obj, name)
        return obj.code

    return agency


class ExactDecimalDecoder(json.JSONDecoder):
    """JSON as typed in an admin box, with every decimal kept as its exact text (``"min": 88.31`` is stored
    as ``"88.31"``, the form the import stores too), never as a float that has already lost it."""

    def __init__(self, **kwargs):
        super().__init__(parse_float=str, **kwargs)


class OptionalJSONField(forms.JSONField):
    """An empty box for "no value", where Django's JSON field would show the word ``null``; decimals stay exact."""

    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "decoder": ExactDecimalDecoder})

    def prepare_value(self, value):
        return "" if value is None else super().prepare_value(value)


def achievement_columns(cache):
    """The computed achievement and category of a realisation, as admin columns or readonly fields."""

    @admin.display(description="capaian")
    def achievement(realisation):
        if realisation.pk is None:
            return "—"
        result = cache.indicator(realisation)
        return format_percent(result.achievement if result else None)

    @admin.display(description="kategori")
    def category(realisation):
        if realisation.pk is None:
            return "—"
        result = cache.indicator(realisation)
        return (result.category if result else None) or "—"

    return achievement, category


def absorption_column(cache):
    """The computed absorption (serapan) of a budget figure, as an admin column or readonly field."""

    @admin.display(description="serapan")
    def absorption(figure):
        if figure.pk is None:
            return "—"
        result = cache.budget_line(figure)
        return format_percent(result.absorption if result else None)

    return absorption


def rupiah_column(field, description):
    """An amount column written as rupiah (``Rp19.717.644.784``), sorted by the amount as a number.

    The sort casts the column to a number: on SQLite an amount is kept as exact decimal text
    (``agencies.fields.MoneyField``), which would otherwise sort ``Rp9`` after ``Rp10``.
    """

    @admin.display(description=description, ordering=Cast(field, models.DecimalField(max_digits=18, decimal_places=2)))
    def amount(obj):
        return format_rupiah(getattr(obj, field))

    amount.__name__ = f"{field}_display"
    return amount
