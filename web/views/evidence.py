"""Placeholder of the Bukti page: replaced by its implementation in this change."""

from django.http import HttpResponse
from django.urls import path


def page(request, code, year):
    return HttpResponse("Bukti")


urlpatterns = [path("evidence/", page, name="evidence")]
