"""Signals of the data layer, for changes that Django's own per-row signals do not announce."""

from django.dispatch import Signal

# Sent with ``agency_ids`` when the data of those agencies changed in bulk: an import writes with bulk_create and
# bulk_update, which send no per-row signal, yet what depends on the data (a stored PDF) must be renewed.
agency_data_changed = Signal()
