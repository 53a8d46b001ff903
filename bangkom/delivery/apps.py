from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """Implementation (*pelaksanaan*): partners, venues, schedules, enrolment, the JP ledger."""

    name = "bangkom.delivery"
    label = "delivery"
