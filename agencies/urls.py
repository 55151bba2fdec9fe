from django.urls import path

from agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/<slug:code>/", views.agency_detail, name="agency_detail"),
    path("agencies/<slug:code>/<int:year>/", views.agency_year, name="agency_year"),
]
