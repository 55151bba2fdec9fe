from django.urls import path

from web import views

app_name = "web"

urlpatterns = [
    path("", views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/<slug:code>/", views.agency_detail, name="agency_detail"),
    path("agencies/<slug:code>/<year:year>/", views.agency_year, name="agency_year"),
]
