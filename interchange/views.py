"""Placeholder of the Excel and files page: replaced by its implementation in this change."""

from django.http import HttpResponse


def files(request, code, year):
    return HttpResponse("Excel & berkas")
