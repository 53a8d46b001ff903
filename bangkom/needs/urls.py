"""Needs analysis pages, mounted at ``/kebutuhan/``."""

from django.urls import path

from bangkom.needs import views

app_name = "needs"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("hitung-ulang/", views.recompute, name="recompute"),
    path("hitung-ulang/<int:pk>/", views.recompute_status, name="recompute_status"),
    path("prioritas/<int:unit_pk>/<int:competency_pk>/", views.priority, name="priority"),
    path("pegawai/<int:pk>/", views.employee_inventory, name="employee"),
    path("ekspor.xlsx", views.export_xlsx, name="export_xlsx"),
    path("ekspor.pdf", views.export_pdf, name="export_pdf"),
]
