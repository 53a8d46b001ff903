from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "bangkom.needs"
    label = "needs"
