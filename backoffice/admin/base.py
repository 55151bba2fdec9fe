"""The base of every ModelAdmin of a history-tracked model: scoped, frozen where approved, with its audit trail."""

from backoffice.admin.freezing import FreezeAwareAdmin
from backoffice.admin.history import ScopedHistoryAdmin
from backoffice.admin.scoping import AgencyScopedMixin


class TrackedAdmin(AgencyScopedMixin, FreezeAwareAdmin, ScopedHistoryAdmin):
    """Scoped to the user's agencies (``AgencyScopedMixin``), read-only and refused where a report is approved
    (``FreezeAwareAdmin``), with each object's history (``ScopedHistoryAdmin``)."""
