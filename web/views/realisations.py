"""Placeholder of the Realisasi page: replaced by its implementation in this change."""

from django.http import HttpResponse
from django.urls import path


def page(request, code, year):
    return HttpResponse("Realisasi")


urlpatterns = [path("realisations/", page, name="realisations")]
