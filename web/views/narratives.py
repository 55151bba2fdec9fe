"""Placeholder of the Narasi page: replaced by its implementation in this change."""

from django.http import HttpResponse
from django.urls import path


def page(request, code, year):
    return HttpResponse("Narasi")


urlpatterns = [path("narratives/", page, name="narratives")]
