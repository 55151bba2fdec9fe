"""Whose change the audit trail (django-simple-history) records when an import or a workbook writes.

In a web request the library's ``HistoryRequestMiddleware`` names the request's user. A worker has no request, so
``acting_user`` puts the uploader in the same thread-local place for the length of an import, and every history row
written by a signal (a save, a deletion and its cascade) names them. Bulk writes pass the user explicitly
(``default_user`` of ``bulk_create_with_history``/``bulk_update_with_history``).
"""

from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords


def is_tracked(model):
    """Whether ``model`` keeps an audit trail."""
    return hasattr(model._meta, "simple_history_manager_attribute")


@contextmanager
def acting_user(user):
    """Record the changes made inside the block as ``user``'s; a request already being served keeps its own user,
    and no user (the command line) leaves the rows without one."""
    context = HistoricalRecords.context
    if user is None or hasattr(context, "request"):
        yield
        return
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del context.request
