from django.urls import path

from bangkom.competencies import views

app_name = "competencies"
urlpatterns = [
    path("", views.competency_list, name="list"),
    path("<int:pk>/", views.competency_detail, name="detail"),
    path("teknis/baru/", views.technical_create, name="technical_create"),
    path("<int:pk>/ubah/", views.technical_edit, name="technical_edit"),
    path("level-bawaan/", views.class_defaults, name="class_defaults"),
]
