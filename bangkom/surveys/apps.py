from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "bangkom.surveys"
    label = "surveys"
