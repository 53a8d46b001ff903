from django.urls import include, path

from bangkom.organisation import views

app_name = "organisation"
urlpatterns = [
    path("unit/", views.unit_list, name="unit_list"),
    path("unit/baru/", views.unit_create_view, name="unit_create"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/ubah/", views.unit_edit, name="unit_edit"),
    path("jabatan/", views.position_list, name="position_list"),
    path("jabatan/baru/", views.position_create_view, name="position_create"),
    path("jabatan/<int:pk>/", views.position_detail, name="position_detail"),
    path("jabatan/<int:pk>/ubah/", views.position_edit, name="position_edit"),
    path("jabatan/<int:pk>/tugas/", views.duty_create_view, name="duty_create"),
    path("jabatan/<int:pk>/tugas/<int:duty_pk>/", views.duty_edit, name="duty_edit"),
    path("jabatan/<int:pk>/tugas/<int:duty_pk>/hapus/", views.duty_delete_view, name="duty_delete"),
    path("jabatan/<int:pk>/standar/", views.standard_edit, name="standard_edit"),
    path("pegawai/", views.employee_list, name="employee_list"),
    path("pegawai/baru/", views.employee_create_view, name="employee_create"),
    path("pegawai/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("pegawai/<int:pk>/ubah/", views.employee_edit, name="employee_edit"),
    path("wilayah/", views.wilayah_search, name="wilayah_search"),
    path("impor/", include("bangkom.organisation.urls_import")),
]
