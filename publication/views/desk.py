"""Placeholder: filled in by issue 15."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


queue = review = _missing
