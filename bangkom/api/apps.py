from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bangkom.api"
    label = "api"
