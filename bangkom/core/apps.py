from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bangkom.core"
    label = "core"
