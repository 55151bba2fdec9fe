"""The planner's pages. A report year's pages live under ``agencies/<code>/<year>/``; each module of
``web.views`` lists its own there."""

from django.urls import include, path

from web.views import agencies, dashboard

app_name = "web"

YEAR = "agencies/<slug:code>/<year:year>/"

urlpatterns = [
    path("", agencies.AgencyListView.as_view(), name="agency_list"),
    path("agencies/<slug:code>/", agencies.agency_detail, name="agency_detail"),
    path(YEAR, dashboard.agency_year, name="agency_year"),
    path(YEAR, include("web.views.realisations")),
    path(YEAR, include("web.views.evidence")),
    path(YEAR, include("web.views.targets")),
    path(YEAR, include("web.views.budget")),
    path(YEAR, include("web.views.narratives")),
    path(YEAR, include("web.views.settings")),
    path(YEAR, include("web.views.findings")),
    path(YEAR, include("web.views.history")),
]
