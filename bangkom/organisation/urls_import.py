"""The import pages, included by ``organisation/urls.py`` under ``impor/``."""

from django.urls import path

from bangkom.organisation import views_import

urlpatterns = [
    path("", views_import.import_employees, name="import_employees"),
    path("jabatan/", views_import.import_positions, name="import_positions"),
    path("berkas/<int:pk>/", views_import.import_job, name="import_job"),
    path("berkas/<int:pk>/status/", views_import.import_job_status, name="import_job_status"),
    path("berkas/<int:pk>/ulang/", views_import.import_job_retry_view, name="import_job_retry"),
    path(
        "templat/pegawai.xlsx",
        views_import.employees_template_download,
        name="import_employees_template",
    ),
    path(
        "templat/jabatan.xlsx",
        views_import.positions_template_download,
        name="import_positions_template",
    ),
]
