"""Placeholder of the Anggaran page: replaced by its implementation in this change."""

from django.http import HttpResponse
from django.urls import path


def page(request, code, year):
    return HttpResponse("Anggaran")


urlpatterns = [path("budget/", page, name="budget")]
