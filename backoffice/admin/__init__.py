"""The admin registrations of every model, loaded by Django's admin autodiscovery.

One module per data app (``agencies``, ``indicators``, ``budgets``) and one for the stored PDFs (``reports``,
read-only); ``scoping`` narrows every page to the agencies the user may access, ``columns`` writes years, amounts
and the engine's figures.
"""

from backoffice.admin import agencies, budgets, indicators, reports

__all__ = ["agencies", "budgets", "indicators", "reports"]
