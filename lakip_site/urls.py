"""The site's URLs: the Django admin for reviewers and data entry, the agency pages for everyone with access."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("web.urls")),
    path("", include("reports.urls")),
]
