from django.urls import path

from bangkom.api.api import api

urlpatterns = [path("", api.urls)]
