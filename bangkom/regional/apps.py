from django.apps import AppConfig


class RegionalConfig(AppConfig):
    name = "bangkom.regional"
    label = "regional"
