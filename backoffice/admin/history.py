"""The audit trail of each object in the admin: django-simple-history's history page, scoped and read-only.

``SimpleHistoryAdmin`` lists every version of an object (who, when, created/changed/deleted, the workflow's reason)
with the fields that changed from the version before, old → new; choices read as their labels ("Draf → Disetujui").
The list is the library's own, in Indonesian throughout (``backoffice/history_list.html``).

Readings chosen:

- The history of an object is shown to whoever may see the object (``agencies.access``, through the admin's scoped
  queryset); anybody else gets a 404, as for the object's own page. Only an administrator reads the history of a
  deleted object (its agency can no longer be asked).
- The history is a record, not an editor: reverting to an old version is disabled (a revert would pass by the
  admin's own forms and their checks); a version's page is read-only and a POST to it is refused.
- A row edited in its parent's inline (a narrative section, a mission, a sasaran's budget) links to its own history
  (``HistoryLinkInline``); the rows without an admin page of their own get a hidden, read-only one for it
  (``backoffice.admin.base.RowHistoryAdmin``).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from backoffice.admin.scoping import is_superuser


class ReadableChanges(HistoricalRecordContextHelper):
    """Old → new as people read them: a choice by its label, not its stored code."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    object_history_list_template = "backoffice/history_list.html"

    def _visible_or_404(self, request, object_id, version_id="0"):
        """404 for an address that names no object the user may see (or no version at all)."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        if not str(version_id).isdigit():
            raise Http404
        if not is_superuser(request.user) and self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        self._visible_or_404(request, object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)


class HistoryLinkInline:
    """An inline whose saved rows each link to their history page."""

    def get_fields(self, request, obj=None):
        return (*super().get_fields(request, obj), "history")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "history")

    @admin.display(description="riwayat")
    def history(self, obj):
        if obj.pk is None:
            return "—"
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        return format_html('<a href="{}">Riwayat</a>', url)
