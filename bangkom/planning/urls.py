from django.urls import path

from bangkom.planning import views, views_catalogue

app_name = "planning"
urlpatterns = [
    path("katalog/", views_catalogue.catalogue, name="catalogue"),
    path("katalog/baru/", views_catalogue.template_create, name="template_create"),
    path("katalog/<int:pk>/", views_catalogue.template_edit, name="template_edit"),
    path("katalog/impor/", views_catalogue.catalogue_import_view, name="catalogue_import"),
    path(
        "katalog/impor/templat/",
        views_catalogue.catalogue_import_template,
        name="catalogue_import_template",
    ),
    path("konversi-jp/", views_catalogue.form_table, name="form_table"),
    path("konversi-jp/<int:pk>/", views_catalogue.form_edit, name="form_edit"),
    path("", views.plan_list, name="plan_list"),
    path("baru/", views.plan_create_view, name="plan_create"),
    path("tahun/", views.plan_year_view, name="plan_year"),
    path("saya/", views.my_plan, name="my_plan"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/ubah/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/program/", views.plan_program_add, name="plan_program_add"),
    path(
        "<int:pk>/program/<int:program_pk>/hapus/",
        views.plan_program_remove_view,
        name="plan_program_remove",
    ),
    path("<int:pk>/patok/", views.pin_view, name="pin"),
    path("<int:pk>/ajukan/", views.plan_submit_view, name="plan_submit"),
    path("<int:pk>/setujui/", views.plan_approve_view, name="plan_approve"),
    path("<int:pk>/kembalikan/", views.plan_return_view, name="plan_return"),
    path("<int:pk>/optimasi/", views.plan_run_view, name="plan_run"),
    path("<int:pk>/optimasi/<int:run_pk>/", views.run_detail, name="run_detail"),
    path("<int:pk>/optimasi/<int:run_pk>/status/", views.run_status, name="run_status"),
    path(
        "<int:pk>/optimasi/<int:run_pk>/pegawai/<int:employee_pk>/",
        views.assignment_why,
        name="assignment_why",
    ),
    path("<int:pk>/optimasi/<int:run_pk>/skenario/", views.scenario_view, name="scenario"),
    path("<int:pk>/bandingkan/", views.compare, name="compare"),
    path("<int:pk>/ekspor.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/ekspor.pdf", views.export_pdf, name="export_pdf"),
]
