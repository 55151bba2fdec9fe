"""The site's URLs: the Django admin for reviewers and data entry, the agency pages for everyone with access."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter


class YearConverter:
    """A report year in an address: four digits, so ``/agencies/x/99999999999999999999/`` is a 404 at once."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


register_converter(YearConverter, "year")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("web.urls")),
    path("", include("reports.urls")),
    path("", include("interchange.urls")),
    path("", include("publication.urls")),
]
