"""Placeholder of the Target page: replaced by its implementation in this change."""

from django.http import HttpResponse
from django.urls import path


def page(request, code, year):
    return HttpResponse("Target")


urlpatterns = [path("targets/", page, name="targets")]
