"""The site's URLs: the Django admin for reviewers and data entry, the agency pages for everyone with access."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("agencies.urls")),
    path("", include("reports.urls")),
]
