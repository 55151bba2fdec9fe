from django.urls import path

from interchange import views

app_name = "interchange"

urlpatterns = [path("agencies/<slug:code>/<year:year>/files/", views.files, name="files")]
