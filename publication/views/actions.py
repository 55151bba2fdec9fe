"""Placeholder: filled in by issue 15."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


submit = withdraw = reply = version_file = add_note = close_note = return_report = approve = reopen = _missing
