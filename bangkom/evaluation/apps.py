from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Monitoring and evaluation (*monev*): reaction, learning, behaviour, results, decisions."""

    name = "bangkom.evaluation"
    label = "evaluation"
