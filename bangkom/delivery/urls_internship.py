from django.urls import path

from bangkom.delivery import views_internship as views

app_name = "delivery_internship"
urlpatterns = [
    path("", views.internship_list, name="list"),
    path("calon/", views.eligible_list, name="eligible"),
    path("<int:pk>/", views.internship_detail, name="detail"),
    path("<int:pk>/laporan/", views.internship_report, name="report"),
    path("logbook/<int:pk>/", views.logbook_decide_view, name="logbook_decide"),
    path("kegiatan/", views.activity_list, name="activity_list"),
]
