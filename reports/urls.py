from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("agencies/<slug:code>/<year:year>/lakip.pdf", views.lakip_pdf, name="lakip_pdf"),
    path("agencies/<slug:code>/<year:year>/lakip-versi-lama.pdf", views.lakip_pdf_previous, name="lakip_pdf_previous"),
    path("agencies/<slug:code>/<year:year>/lakip/", views.lakip_status, name="lakip_status"),
    path("agencies/<slug:code>/<year:year>/lakip/render/", views.lakip_render, name="lakip_render"),
]
