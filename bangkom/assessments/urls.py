"""Assessment pages, mounted at ``/penilaian/``."""

from django.urls import path

from bangkom.assessments import views, views_import, views_performance

app_name = "assessments"
urlpatterns = [
    path("", views.my_assessments, name="my_assessments"),
    path("mandiri/", views.self_assessment, name="self_assessment"),
    path("atasan/", views.supervisor_grid, name="supervisor_grid"),
    path("atasan/baris/<int:employee_pk>/", views.supervisor_grid_row, name="supervisor_grid_row"),
    path("pegawai/<int:pk>/", views.employee_assessments, name="employee_assessments"),
    path("periode/", views.round_list, name="round_list"),
    path("periode/baru/", views.round_create_view, name="round_create"),
    path("periode/<int:pk>/tutup/", views.round_close_view, name="round_close"),
    path("kalibrasi/", views.calibration, name="calibration"),
    path("kalibrasi/<int:pk>/", views.calibration_set_view, name="calibration_set"),
    path("kinerja/", views_performance.performance_list, name="performance_list"),
    path("kinerja/<int:pk>/kaitkan/", views_performance.shortfall_link, name="shortfall_link"),
    path("aturan/", views.rules, name="rules"),
    path("impor/assessment-center/", views_import.import_ac, name="import_ac"),
    path(
        "impor/assessment-center/templat.xlsx",
        views_import.import_ac_template,
        name="import_ac_template",
    ),
    path("impor/skp/", views_import.import_skp, name="import_skp"),
    path("impor/skp/templat.xlsx", views_import.import_skp_template, name="import_skp_template"),
]
