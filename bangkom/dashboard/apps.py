from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The pages that look across every app: the home page and the audit log."""

    name = "bangkom.dashboard"
    label = "dashboard"
