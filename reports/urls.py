from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("agencies/<slug:code>/<year:year>/lakip.pdf", views.lakip_pdf, name="lakip_pdf"),
]
