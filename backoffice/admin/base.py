"""The bases of the ModelAdmins of history-tracked models: scoped, frozen where approved, with their audit trail."""

from backoffice.admin.freezing import FreezeAwareAdmin
from backoffice.admin.history import ScopedHistoryAdmin
from backoffice.admin.scoping import AgencyScopedMixin


class TrackedAdmin(AgencyScopedMixin, FreezeAwareAdmin, ScopedHistoryAdmin):
    """Scoped to the user's agencies (``AgencyScopedMixin``), read-only and refused where a report is approved
    (``FreezeAwareAdmin``), with each object's history (``ScopedHistoryAdmin``)."""


class RowHistoryAdmin(AgencyScopedMixin, ScopedHistoryAdmin):
    """The history of rows edited only in their parent's inline: hidden from the index, read-only, reached by the
    inline's "Riwayat" link."""

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
