from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "bangkom.organisation"
    label = "organisation"
