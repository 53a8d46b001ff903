from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "bangkom.demo"
    label = "demo"
    verbose_name = "Data demo"
