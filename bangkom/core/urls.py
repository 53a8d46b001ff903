from django.urls import path

from bangkom.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit_log"),
    path("sehat/", views.health, name="health"),
]
