"""The admin registrations of every model, loaded by Django's admin autodiscovery.

One module per data app (``agencies``, ``indicators``, ``budgets``, ``review``) and one each for the stored PDFs
(``reports``) and the uploads (``uploads``), both read-only; ``scoping`` narrows every page to the agencies the user
may access, ``freezing`` keeps approved reports frozen, ``history`` shows each object's audit trail (``base`` joins
the three), ``columns`` writes years, amounts and the engine's figures.
"""

from backoffice.admin import agencies, budgets, indicators, reports, review, uploads

__all__ = ["agencies", "budgets", "indicators", "reports", "review", "uploads"]
