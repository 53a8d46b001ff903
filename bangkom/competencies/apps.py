from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    name = "bangkom.competencies"
    label = "competencies"
