from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "bangkom.reports"
    label = "reports"
