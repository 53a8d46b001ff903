"""Nominations and enrolment: the supervisor (atasan langsung) approves or declines a
nomination with a reason, the ASN confirms or withdraws, open batches take self-enrolment, and a
batch never holds more active enrolments than its capacity.

Capacity is safe under concurrent requests: every write that may take or free a seat first locks
the batch row (``select_for_update``; on SQLite the IMMEDIATE transactions of the settings
serialise writers) and counts the seats inside that transaction. Enrolments beyond the capacity
wait in a numbered waiting list; when a seat frees, the first in the list moves up in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.models import (
    ACTIVE_ENROLMENT_STATUSES,
    BATCH_CAPACITY_MAX,
    ActionPlan,
    Batch,
    BatchStatus,
    Enrolment,
    EnrolmentStatus,
    Venue,
)
from bangkom.delivery.services.notifications import (
    message_for,
    notify,
    notify_decision,
    notify_nomination,
    notify_promoted,
)
from bangkom.organisation.models import Employee

ENROLMENT_FIELDS = ("status", "reason", "waitlist_position", "self_enrolled")
CLOSED_BATCH_STATUSES = (BatchStatus.COMPLETED, BatchStatus.CANCELLED)
REASON_MAX = 1000


def batch_capacity(batch: Batch) -> int:
    """Seats of a batch: its own ``capacity``; else the smallest allowed venue (or, when any
    venue may be used, the smallest venue of its sessions); else the program's maximum."""
    if batch.capacity:
        return batch.capacity
    capacities = list(batch.venues.values_list("capacity", flat=True))
    if not capacities:
        capacities = list(
            Venue.objects.filter(sessions__batch=batch).values_list("capacity", flat=True)
        )
    if capacities:
        return min(capacities)
    return max(1, min(BATCH_CAPACITY_MAX, batch.plan_program.template.max_peserta))


def seats_taken(batch: Batch) -> int:
    return Enrolment.objects.filter(batch=batch, status__in=ACTIVE_ENROLMENT_STATUSES).count()


def _lock(batch: Batch) -> Batch:
    return (
        Batch.objects.select_for_update(of=("self",))
        .select_related("plan_program__template")
        .get(pk=batch.pk)
    )


def _next_position(batch: Batch) -> int:
    top = Enrolment.objects.filter(batch=batch).aggregate(m=Max("waitlist_position"))["m"]
    return (top or 0) + 1


def _audit(enrolment: Enrolment, action: str, before: dict[str, Any], acting_user: Any) -> None:
    audit_event(
        actor=acting_user,
        action=action,
        target=enrolment,
        instansi=enrolment.batch.instansi,
        before=before,
        after=snapshot(enrolment, ENROLMENT_FIELDS),
    )


def _promote(batch: Batch, acting_user: Any) -> list[Enrolment]:
    """Move waitlisted enrolments up while the (locked) batch has free seats."""
    free = batch_capacity(batch) - seats_taken(batch)
    promoted: list[Enrolment] = []
    if free <= 0:
        return promoted
    waiting = Enrolment.objects.filter(batch=batch, status=EnrolmentStatus.WAITLISTED).order_by(
        "waitlist_position", "pk"
    )[:free]
    for enrolment in waiting.select_related("employee__supervisor", "batch__instansi"):
        before = snapshot(enrolment, ENROLMENT_FIELDS)
        enrolment.status = (
            EnrolmentStatus.CONFIRMED if enrolment.self_enrolled else EnrolmentStatus.NOMINATED
        )
        enrolment.waitlist_position = None
        enrolment.save(update_fields=["status", "waitlist_position", "updated_at"])
        _audit(enrolment, "delivery.enrolment.promote", before, acting_user)
        notify_promoted(enrolment)
        if enrolment.status == EnrolmentStatus.NOMINATED:
            notify_nomination(enrolment)
        promoted.append(enrolment)
    return promoted


def _check_batch_open(batch: Batch, employee: Employee) -> None:
    if batch.status in CLOSED_BATCH_STATUSES:
        raise ServiceError(_("Angkatan ini sudah selesai atau dibatalkan."))
    if employee.instansi_id != batch.instansi_id or not employee.is_active:
        raise ServiceError(_("Pegawai ini bukan pegawai aktif instansi penyelenggara."))


def _enrol(*, batch: Batch, employee: Employee, self_enrolled: bool, acting_user: Any) -> Enrolment:
    _check_batch_open(batch, employee)
    seated = EnrolmentStatus.CONFIRMED if self_enrolled else EnrolmentStatus.NOMINATED
    try:
        with transaction.atomic():
            locked = _lock(batch)
            enrolment = (
                Enrolment.objects.select_for_update(of=("self",))
                .filter(batch=locked, employee=employee)
                .order_by("pk")
                .first()
            )
            if enrolment is not None and enrolment.status not in (
                EnrolmentStatus.DECLINED,
                EnrolmentStatus.CANCELLED,
            ):
                raise ServiceError(
                    _("%(name)s sudah terdaftar di angkatan ini (%(status)s).")
                    % {"name": employee.display_name, "status": enrolment.get_status_display()}
                )
            before = snapshot(enrolment, ENROLMENT_FIELDS) if enrolment else {}
            if enrolment is None:
                enrolment = Enrolment(batch=locked, employee=employee)
            enrolment.batch = locked
            enrolment.self_enrolled = self_enrolled
            enrolment.reason = ""
            if seats_taken(locked) < batch_capacity(locked):
                enrolment.status, enrolment.waitlist_position = seated, None
            else:
                enrolment.status = EnrolmentStatus.WAITLISTED
                enrolment.waitlist_position = _next_position(locked)
            enrolment.decided_by, enrolment.decided_at = None, None
            enrolment.confirmed_at = timezone.now() if enrolment.status == seated else None
            enrolment.save()
            _audit(
                enrolment,
                "delivery.enrolment.self_enrol" if self_enrolled else "delivery.enrolment.nominate",
                before,
                acting_user,
            )
            if enrolment.status == EnrolmentStatus.NOMINATED:
                notify_nomination(enrolment)
    except IntegrityError as exc:
        # The same ASN enrolled by a concurrent request: the unique constraint held.
        raise ServiceError(
            _("%(name)s sudah terdaftar di angkatan ini.") % {"name": employee.display_name}
        ) from exc
    return enrolment


def enrolment_nominate(*, batch: Batch, employee: Employee, acting_user: Any) -> Enrolment:
    """Nominate an ASN: a seat (waiting for the supervisor) or, when full, the waiting list."""
    return _enrol(batch=batch, employee=employee, self_enrolled=False, acting_user=acting_user)


def enrolment_self_enrol(*, batch: Batch, employee: Employee, acting_user: Any) -> Enrolment:
    """An ASN enrols in an open batch (e-learning and the like): confirmed at once while seats
    remain, else on the waiting list."""
    if not batch.open_enrolment:
        raise ServiceError(_("Angkatan ini tidak membuka pendaftaran mandiri."))
    return _enrol(batch=batch, employee=employee, self_enrolled=True, acting_user=acting_user)


def _reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ServiceError({"reason": [_("Alasan wajib diisi.")]})
    if len(reason) > REASON_MAX:
        raise ServiceError({"reason": [_("Alasan paling panjang %d karakter.") % REASON_MAX]})
    return reason


def enrolment_decide(
    *,
    enrolment: Enrolment,
    approve: bool,
    reason: str = "",
    acting_user: Any,
    now: dt.datetime | None = None,
) -> Enrolment:
    """The supervisor approves or declines (with a reason) a nomination. A decline frees the
    seat, and the first waitlisted ASN moves up in the same transaction."""
    reason = _reason(reason, required=not approve)
    now = now or timezone.now()
    with transaction.atomic():
        locked_batch = _lock(enrolment.batch)
        locked = Enrolment.objects.select_for_update(of=("self",)).get(pk=enrolment.pk)
        if locked.status != EnrolmentStatus.NOMINATED:
            raise ServiceError(
                _("Pencalonan ini sudah diputuskan (%s).") % locked.get_status_display()
            )
        before = snapshot(locked, ENROLMENT_FIELDS)
        locked.batch = locked_batch
        locked.status = EnrolmentStatus.APPROVED if approve else EnrolmentStatus.DECLINED
        locked.reason = reason
        locked.decided_by = acting_user if getattr(acting_user, "pk", None) else None
        locked.decided_at = now
        locked.save()
        _audit(
            locked,
            "delivery.enrolment.approve" if approve else "delivery.enrolment.decline",
            before,
            acting_user,
        )
        notify_decision(locked)
        if not approve:
            _promote(locked_batch, acting_user)
    return locked


def enrolments_approve_bulk(
    *, enrolments: Iterable[Enrolment], acting_user: Any, now: dt.datetime | None = None
) -> int:
    """Approve many nominations at once (all or none); those no longer waiting are skipped.
    Returns how many were approved."""
    approved = 0
    with transaction.atomic():
        for enrolment in enrolments:
            if Enrolment.objects.filter(pk=enrolment.pk, status=EnrolmentStatus.NOMINATED).exists():
                enrolment_decide(
                    enrolment=enrolment, approve=True, acting_user=acting_user, now=now
                )
                approved += 1
    return approved


def enrolment_confirm(
    *, enrolment: Enrolment, acting_user: Any, now: dt.datetime | None = None
) -> Enrolment:
    """The ASN confirms an approved enrolment."""
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("batch__instansi")
            .get(pk=enrolment.pk)
        )
        if locked.status != EnrolmentStatus.APPROVED:
            raise ServiceError(
                _("Hanya pencalonan yang sudah disetujui atasan yang dapat dikonfirmasi.")
            )
        before = snapshot(locked, ENROLMENT_FIELDS)
        locked.status = EnrolmentStatus.CONFIRMED
        locked.confirmed_at = now or timezone.now()
        locked.save(update_fields=["status", "confirmed_at", "updated_at"])
        _audit(locked, "delivery.enrolment.confirm", before, acting_user)
    return locked


WITHDRAWABLE = (
    EnrolmentStatus.NOMINATED,
    EnrolmentStatus.APPROVED,
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.WAITLISTED,
)


def enrolment_withdraw(*, enrolment: Enrolment, reason: str, acting_user: Any) -> Enrolment:
    """The ASN declines (withdraws) with a reason. A freed seat goes to the waiting list."""
    reason = _reason(reason, required=True)
    with transaction.atomic():
        locked_batch = _lock(enrolment.batch)
        locked = Enrolment.objects.select_for_update(of=("self",)).get(pk=enrolment.pk)
        if locked.status not in WITHDRAWABLE:
            raise ServiceError(
                _("Keikutsertaan ini tidak dapat dibatalkan (%s).") % locked.get_status_display()
            )
        before = snapshot(locked, ENROLMENT_FIELDS)
        locked.batch = locked_batch
        locked.status = EnrolmentStatus.CANCELLED
        locked.reason = reason
        locked.waitlist_position = None
        locked.save()
        _audit(locked, "delivery.enrolment.withdraw", before, acting_user)
        _promote(locked_batch, acting_user)
    return locked


def batch_enrolment_settings(
    *, batch: Batch, capacity: int | None, open_enrolment: bool, acting_user: Any
) -> Batch:
    """Set a batch's capacity (empty: from its venues) and whether ASN may enrol themselves.
    A larger capacity moves the waiting list up at once."""
    if capacity is not None and not 1 <= capacity <= BATCH_CAPACITY_MAX:
        raise ServiceError({"capacity": [_("Kapasitas harus 1–%d peserta.") % BATCH_CAPACITY_MAX]})
    with transaction.atomic():
        locked = _lock(batch)
        before = snapshot(locked, ("capacity", "open_enrolment"))
        locked.capacity = capacity
        locked.open_enrolment = open_enrolment
        locked.save(update_fields=["capacity", "open_enrolment", "updated_at"])
        audit_event(
            actor=acting_user,
            action="delivery.batch.enrolment_settings",
            target=locked,
            instansi=locked.instansi,
            before=before,
            after=snapshot(locked, ("capacity", "open_enrolment")),
        )
        _promote(locked, acting_user)
    batch.capacity, batch.open_enrolment = capacity, open_enrolment
    return locked


# --- the action plan (rencana aksi) ---------------------------------------------------------

ACTION_PLAN_MAX = 4000


def action_plan_save(
    *, enrolment: Enrolment, plan: str, due_date: dt.date | None, acting_user: Any
) -> ActionPlan:
    """The ASN writes (or rewrites, until the supervisor acknowledges it) the action plan of a
    completed enrolment: what they will apply at work, and by when."""
    plan = (plan or "").strip()
    errors: dict[str, list[str]] = {}
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise ServiceError(_("Rencana aksi ditulis setelah pelatihan dinyatakan selesai."))
    if not plan:
        errors["plan"] = [_("Tuliskan apa yang akan Anda terapkan.")]
    elif len(plan) > ACTION_PLAN_MAX:
        errors["plan"] = [_("Paling panjang %d karakter.") % ACTION_PLAN_MAX]
    if due_date is None:
        errors["due_date"] = [_("Isi target selesai.")]
    elif enrolment.completed_at and due_date < timezone.localdate(enrolment.completed_at):
        errors["due_date"] = [_("Target selesai tidak boleh sebelum pelatihan selesai.")]
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        existing = (
            ActionPlan.objects.select_for_update(of=("self",))
            .filter(enrolment=enrolment)
            .order_by("pk")
            .first()
        )
        if existing is not None and existing.acknowledged_at:
            raise ServiceError(_("Rencana aksi ini sudah diketahui atasan dan tidak dapat diubah."))
        before = snapshot(existing, ("plan", "due_date")) if existing else {}
        action_plan = existing or ActionPlan(enrolment=enrolment)
        assert due_date is not None  # checked above
        action_plan.plan, action_plan.due_date = plan, due_date
        action_plan.save()
        audit_event(
            actor=acting_user,
            action="delivery.action_plan.save",
            target=action_plan,
            instansi=enrolment.batch.instansi,
            before=before,
            after=snapshot(action_plan, ("plan", "due_date")),
        )
    employee = enrolment.employee
    if employee.supervisor_id:
        notify(
            [
                message_for(
                    employee.supervisor,
                    _("Rencana aksi bawahan"),
                    _("%(name)s menulis rencana aksi untuk %(batch)s.")
                    % {"name": employee.display_name, "batch": enrolment.batch},
                    reverse("delivery:team_nominations"),
                )
            ]
        )
    return action_plan


def action_plan_acknowledge(
    *,
    action_plan: ActionPlan,
    supervisor: Employee,
    acting_user: Any,
    now: dt.datetime | None = None,
) -> ActionPlan:
    """The supervisor acknowledges (mengetahui) the action plan; once only."""
    with transaction.atomic():
        locked = ActionPlan.objects.select_for_update(of=("self",)).get(pk=action_plan.pk)
        if locked.acknowledged_at:
            raise ServiceError(_("Rencana aksi ini sudah diketahui."))
        locked.acknowledged_by = supervisor
        locked.acknowledged_at = now or timezone.now()
        locked.save(update_fields=["acknowledged_by", "acknowledged_at", "updated_at"])
        audit_event(
            actor=acting_user,
            action="delivery.action_plan.acknowledge",
            target=locked,
            instansi=action_plan.enrolment.batch.instansi,
            after=snapshot(locked, ("acknowledged_by",)),
        )
    return locked
