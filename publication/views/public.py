"""Placeholder: filled in by issue 15."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


governments = government_reports = version_pdf = verify = version_page = _missing
