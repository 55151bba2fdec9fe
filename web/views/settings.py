"""Placeholder of the Pengaturan page: replaced by its implementation in this change."""

from django.http import HttpResponse
from django.urls import path


def page(request, code, year):
    return HttpResponse("Pengaturan")


urlpatterns = [path("settings/", page, name="agency_settings")]
