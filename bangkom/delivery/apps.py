from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """Implementation (*pelaksanaan*): partners, venues, schedules, enrolment, the JP ledger."""

    name = "bangkom.delivery"
    label = "delivery"

    def ready(self) -> None:
        # The optimiser's jp_done comes from the JP ledger (see bangkom/planning/jp_done.py).
        from bangkom.delivery.ledger.selectors import jp_earned_by_employee
        from bangkom.planning.jp_done import register_jp_done_provider

        register_jp_done_provider(jp_earned_by_employee)
