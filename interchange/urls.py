from django.urls import path

from interchange import views

app_name = "interchange"

FILES = "agencies/<slug:code>/<year:year>/files/"

urlpatterns = [
    path(FILES, views.files, name="files"),
    path(f"{FILES}lakip-excel.xlsx", views.download_excel, name="download_excel"),
    path(f"{FILES}lakip.json", views.download_lakip, name="download_lakip"),
    path(f"{FILES}lakip-results.json", views.download_results, name="download_results"),
    path(f"{FILES}upload/excel/", views.upload_excel, name="upload_excel"),
    path(f"{FILES}upload/lakip/", views.upload_lakip, name="upload_lakip"),
    path(f"{FILES}upload/<int:pk>/", views.upload, name="upload"),
    path(f"{FILES}upload/<int:pk>/apply/", views.apply, name="apply"),
    path(f"{FILES}upload/<int:pk>/cancel/", views.cancel, name="cancel"),
]
