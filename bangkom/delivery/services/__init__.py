"""Writes of delivery. Each is keyword-only, atomic, and writes its audit row in the same
transaction (bangkom.core.audit)."""

from bangkom.delivery.services.batches import (
    BatchesFromPlan,
    agreement_warnings,
    batch_update,
    batches_from_plan,
)
from bangkom.delivery.services.calendar import calendar_token_renew
from bangkom.delivery.services.resources import (
    agreement_delete,
    agreement_save,
    holiday_delete,
    holiday_save,
    partner_delete,
    partner_save,
    partner_staff_link,
    trainer_delete,
    trainer_save,
    unit_max_away_set,
    venue_delete,
    venue_save,
)
from bangkom.delivery.services.schedule import (
    ScheduleOutcome,
    build_instance,
    reason_text,
    schedule_batches,
    schedule_start,
)
from bangkom.delivery.services.sessions import (
    batch_pin,
    batch_trainers_set,
    session_move,
)

__all__ = [
    "BatchesFromPlan",
    "ScheduleOutcome",
    "agreement_delete",
    "agreement_save",
    "agreement_warnings",
    "batch_pin",
    "batch_trainers_set",
    "batch_update",
    "batches_from_plan",
    "build_instance",
    "calendar_token_renew",
    "holiday_delete",
    "holiday_save",
    "partner_delete",
    "partner_save",
    "partner_staff_link",
    "reason_text",
    "schedule_batches",
    "schedule_start",
    "session_move",
    "trainer_delete",
    "trainer_save",
    "unit_max_away_set",
    "venue_delete",
    "venue_save",
]
