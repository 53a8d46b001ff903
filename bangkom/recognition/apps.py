from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    """Recognition (*penghargaan*): certificates, Open Badges credentials, awards, talent box."""

    name = "bangkom.recognition"
    label = "recognition"
