from django.apps import AppConfig


class FactorsConfig(AppConfig):
    name = "bangkom.factors"
    label = "factors"
    verbose_name = "Faktor bobot"
