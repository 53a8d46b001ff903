from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "bangkom.assessments"
    label = "assessments"
