from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "bangkom.planning"
    label = "planning"
