from django.urls import path

from bangkom.delivery import views_elearning as views

app_name = "delivery_elearning"
urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("<int:pk>/", views.course_detail, name="course_detail"),
    path("<int:pk>/daftar/", views.course_enrol_view, name="course_enrol"),
    path("<int:pk>/kuis/", views.course_quiz, name="course_quiz"),
    path("modul/<int:pk>/", views.module_view, name="module"),
    path("modul/<int:pk>/selesai/", views.module_done_view, name="module_done"),
    path("modul/<int:pk>/berkas/", views.module_file, name="module_file"),
    path("kelola/", views.manage_courses, name="manage_courses"),
    path("kelola/<int:pk>/", views.course_edit, name="course_edit"),
    path("bank-soal/", views.bank_list, name="bank_list"),
    path("bank-soal/<int:pk>/", views.bank_detail, name="bank_detail"),
]
