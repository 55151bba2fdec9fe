"""Placeholder of the Temuan page: replaced by its implementation in this change."""

from django.http import HttpResponse
from django.urls import path


def page(request, code, year):
    return HttpResponse("Temuan")


urlpatterns = [path("findings/", page, name="findings")]
