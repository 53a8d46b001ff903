"""Scheduling an instansi's batches of a year with the pure scheduler
(:mod:`bangkom.delivery.scheduler`, the same module as ``bangkom schedule``), and writing its
answer back as sessions.

The exchange instance is built from the database: working days and holidays, the venues with
capacity and unavailable days, the trainers' unavailable days, units with their staff counts and
``max_away`` share, the ASN, and the batches with their windows and pins. Batches that are running,
completed or cancelled are not moved; the days their venues and trainers are taken count as
unavailable.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.core.jobs import enqueue_on_commit
from bangkom.delivery import scheduler
from bangkom.delivery.models import (
    ACTIVE_ENROLMENT_STATUSES,
    MAX_AWAY_DEFAULT,
    Batch,
    BatchStatus,
    Enrolment,
    Holiday,
    ScheduleRun,
    ScheduleRunStatus,
    Session,
    Trainer,
    UnitAwayLimit,
    Venue,
    new_session_uid,
)
from bangkom.organisation.models import Employee, Instansi

# Statuses the scheduler may (re)place; the others are history or already under way.
SCHEDULABLE = (BatchStatus.PLANNED, BatchStatus.SCHEDULED, BatchStatus.UNSCHEDULED)

REASON_TEXT = {
    "no_start_in_window": gettext_lazy("tidak ada hari mulai dalam rentang waktunya"),
    "pin_not_working_day": gettext_lazy("tanggal patokan bukan hari kerja"),
    "no_venue": gettext_lazy("tidak ada tempat yang cukup besar dan tersedia"),
    "unit_limit": gettext_lazy(
        "pesertanya dari satu unit melebihi batas pegawai yang boleh meninggalkan layanan"
    ),
    "no_room_without_conflict": gettext_lazy("tidak muat tanpa bentrok jadwal"),
    "not_placed_in_time": gettext_lazy("belum terjadwal dalam batas waktu penyusunan"),
}


def reason_text(code: str) -> str:
    return str(REASON_TEXT.get(code, code))


def working_day_names() -> list[str]:
    return list(getattr(settings, "DELIVERY_WORKING_DAYS", scheduler.model.DEFAULT_WORKING_DAYS))


def default_max_away() -> float:
    return float(getattr(settings, "DELIVERY_MAX_AWAY", MAX_AWAY_DEFAULT))


def session_times() -> tuple[dt.time, dt.time]:
    start = getattr(settings, "DELIVERY_SESSION_START", "08:00")
    end = getattr(settings, "DELIVERY_SESSION_END", "16:00")
    return dt.time.fromisoformat(start), dt.time.fromisoformat(end)


def venue_code(pk: int) -> str:
    return f"V{pk}"


def trainer_code(pk: int) -> str:
    return f"T{pk}"


def unit_code(pk: int) -> str:
    return f"U{pk}"


def batch_code(pk: int) -> str:
    return f"B{pk}"


@dataclass
class BuiltInstance:
    data: dict[str, Any]
    batches: dict[str, Batch]
    pinned: set[str] = field(default_factory=set)
    without_venue: set[str] = field(default_factory=set)  # left out: no active venue allowed


def _iso(dates: Any) -> list[str]:
    return sorted({d if isinstance(d, str) else d.isoformat() for d in dates})


def build_instance(*, instansi: Instansi, year: int) -> BuiltInstance:
    """The scheduler's exchange instance for ``instansi``'s batches of ``year``."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    batches = list(
        Batch.objects.filter(instansi=instansi, year=year, status__in=SCHEDULABLE)
        .select_related("plan_program__template")
        .prefetch_related("trainers", "venues")
        .order_by("pk")
    )
    batch_ids = [b.pk for b in batches]
    # Days that batches outside this run hold (running or finished): their venues and trainers
    # are not free then.
    taken_venue: dict[int, set[dt.date]] = defaultdict(set)
    taken_trainer: dict[int, set[dt.date]] = defaultdict(set)
    fixed_sessions = (
        Session.objects.filter(batch__instansi=instansi, date__range=(start, end))
        .exclude(batch_id__in=batch_ids)
        .prefetch_related("batch__trainers")
    )
    for session in fixed_sessions:
        if session.venue_id:
            taken_venue[session.venue_id].add(session.date)
        for trainer in session.batch.trainers.all():
            taken_trainer[trainer.pk].add(session.date)

    venues = Venue.objects.filter(instansi=instansi, is_active=True).order_by("pk")
    trainer_ids = {t.pk for b in batches for t in b.trainers.all()}
    trainers = Trainer.objects.filter(pk__in=trainer_ids).order_by("pk")

    enrolments = (
        Enrolment.objects.filter(batch_id__in=batch_ids, status__in=ACTIVE_ENROLMENT_STATUSES)
        .select_related("employee")
        .order_by("batch_id", "employee__nip")
    )
    participants: dict[int, list[str]] = defaultdict(list)
    employee_unit: dict[str, int] = {}  # an ASN without a unit counts in unit 0 (no limit)
    for enrolment in enrolments:
        participants[enrolment.batch_id].append(enrolment.employee.nip)
        employee_unit[enrolment.employee.nip] = enrolment.employee.unit_id or 0
    unit_ids = set(employee_unit.values())
    staff = Counter(
        Employee.objects.filter(unit_id__in=unit_ids, is_active=True).values_list(
            "unit_id", flat=True
        )
    )
    limits = {
        row.unit_id: float(row.max_away)
        for row in UnitAwayLimit.objects.filter(unit_id__in=unit_ids)
    }
    pins: dict[int, Session] = {}
    pinned_until: dict[int, dt.date] = {}
    for session in Session.objects.filter(batch_id__in=batch_ids, pinned=True).order_by("date"):
        pins.setdefault(session.batch_id, session)
        pinned_until[session.batch_id] = session.date

    data: dict[str, Any] = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "holidays": _iso(
            Holiday.objects.filter(instansi=instansi, date__range=(start, end)).values_list(
                "date", flat=True
            )
        ),
        "working_days": working_day_names(),
        "venues": [
            {
                "id": venue_code(v.pk),
                "capacity": v.capacity,
                "unavailable": _iso(set(v.unavailable_dates) | taken_venue[v.pk]),
            }
            for v in venues
        ],
        "trainers": [
            {
                "id": trainer_code(t.pk),
                "unavailable": _iso(set(t.unavailable_dates) | taken_trainer[t.pk]),
            }
            for t in trainers
        ],
        "units": [
            {
                "id": unit_code(pk),
                "staff": max(staff[pk], 1),
                "max_away": limits.get(pk, default_max_away()) if pk else 1.0,
            }
            for pk in sorted(unit_ids)
        ],
        "employees": [
            {"id": nip, "unit": unit_code(unit)} for nip, unit in sorted(employee_unit.items())
        ],
        "batches": [],
        "fixed": [],
    }
    active_venues = {v.pk for v in venues}
    built = BuiltInstance(data=data, batches={})
    for batch in batches:
        code = batch_code(batch.pk)
        built.batches[code] = batch
        item: dict[str, Any] = {
            "id": code,
            "days": batch.days,
            "participants": participants[batch.pk],
            "trainers": [trainer_code(t.pk) for t in batch.trainers.all()],
            "online": batch.online,
            "earliest": max(batch.earliest or start, start).isoformat(),
            "latest": min(batch.latest or end, end).isoformat(),
        }
        if not batch.online:
            allowed = [venue_code(v.pk) for v in batch.venues.all() if v.pk in active_venues]
            if batch.venues.all() and not allowed:
                # Every venue it may use is inactive: it cannot be placed (an empty list
                # would mean "any venue").
                built.without_venue.add(code)
                continue
            item["venues"] = allowed
        data["batches"].append(item)
        pin = pins.get(batch.pk)
        if pin is not None:
            built.pinned.add(code)
            # The planner's pin wins over the planned window.
            item["earliest"] = min(item["earliest"], pin.date.isoformat())
            item["latest"] = max(item["latest"], pinned_until[batch.pk].isoformat())
            fixed: dict[str, Any] = {"batch": code, "start": pin.date.isoformat()}
            if pin.venue_id and not batch.online and pin.venue_id in active_venues:
                fixed["venue"] = venue_code(pin.venue_id)
                # A planner who moved the session chose this venue; it counts as allowed.
                if item.get("venues") and fixed["venue"] not in item["venues"]:
                    item["venues"].append(fixed["venue"])
            data["fixed"].append(fixed)
    return built


@dataclass
class ScheduleOutcome:
    status: str
    placed: int
    unscheduled: list[tuple[Batch, str]]  # (batch, reason code)
    solve_seconds: float

    def unscheduled_messages(self) -> list[str]:
        return [f"{batch}: {reason_text(code)}" for batch, code in self.unscheduled]


def schedule_batches(
    *,
    instansi: Instansi,
    year: int,
    acting_user: Any,
    time_limit_seconds: float | None = None,
) -> ScheduleOutcome:
    """Propose the year's calendar: solve, then write one session per batch day. Unpinned
    sessions are replaced; a batch's sessions keep their UIDs in day order, so a moved batch
    moves in subscribed calendars. Pinned batches keep their sessions as they are."""
    built = build_instance(instansi=instansi, year=year)
    try:
        instance = scheduler.parse_instance(built.data)
    except scheduler.InstanceError as exc:  # a data bug, not a user mistake; say where
        raise ServiceError(_("Data penjadwalan tidak valid: %s") % exc) from exc
    limit = time_limit_seconds or float(getattr(settings, "DELIVERY_SCHEDULE_TIME_LIMIT", 15))
    result = scheduler.solve(instance, time_limit_seconds=limit)
    venues = {venue_code(v.pk): v for v in Venue.objects.filter(instansi=instansi)}
    start_time, end_time = session_times()
    placements = {p.id: p for p in result.batches}
    reasons = {u.id: u.reason for u in result.unscheduled}
    reasons.update({code: "no_venue" for code in built.without_venue})
    outcome = ScheduleOutcome(
        status=result.status, placed=0, unscheduled=[], solve_seconds=result.solve_seconds
    )
    with transaction.atomic():
        # One writer of an instansi's schedule at a time: a second run waits, then rewrites
        # from the sessions the first one left.
        Instansi.objects.select_for_update().filter(pk=instansi.pk).get()
        for code, batch in built.batches.items():
            existing = list(batch.sessions.order_by("date"))
            placement = placements.get(code)
            if code in built.pinned:
                status = BatchStatus.SCHEDULED if placement else BatchStatus.UNSCHEDULED
            elif placement is None:
                Session.objects.filter(batch=batch).delete()
                status = BatchStatus.UNSCHEDULED
            else:
                uids = [s.uid for s in existing]
                Session.objects.filter(batch=batch).delete()
                Session.objects.bulk_create(
                    [
                        Session(
                            batch=batch,
                            date=day,
                            start_time=existing[i].start_time if i < len(existing) else start_time,
                            end_time=existing[i].end_time if i < len(existing) else end_time,
                            venue=venues.get(placement.venue) if placement.venue else None,
                            uid=uids[i] if i < len(uids) else new_session_uid(),
                        )
                        for i, day in enumerate(placement.days)
                    ]
                )
                status = BatchStatus.SCHEDULED
            reason = "" if placement else reasons.get(code, "not_placed_in_time")
            Batch.objects.filter(pk=batch.pk).update(status=status, unscheduled_reason=reason)
            batch.status, batch.unscheduled_reason = status, reason
            if placement:
                outcome.placed += 1
            else:
                outcome.unscheduled.append((batch, reason))
        audit_event(
            actor=acting_user,
            action="delivery.schedule.solve",
            target=instansi,
            instansi=instansi,
            note=_("Tahun %(year)d: %(placed)d angkatan terjadwal, %(missing)d belum (%(status)s)")
            % {
                "year": year,
                "placed": outcome.placed,
                "missing": len(outcome.unscheduled),
                "status": result.status,
            },
        )
    return outcome


def schedule_start(*, instansi: Instansi, year: int, acting_user: Any) -> ScheduleRun:
    """Queue a scheduling run (a background task, sent after this transaction commits)."""
    from bangkom.delivery.tasks import schedule_run_execute

    if not 2000 <= year <= 2100:
        raise ServiceError({"year": [_("Tahun tidak valid.")]})
    with transaction.atomic():
        run = ScheduleRun.objects.create(
            instansi=instansi,
            year=year,
            created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        audit_event(
            actor=acting_user,
            action="delivery.schedule.queue",
            target=run,
            instansi=instansi,
            note=str(year),
        )
        enqueue_on_commit(run, schedule_run_execute, run.pk)
    return run


def schedule_run_execute_now(run_id: int) -> ScheduleRun:
    """Carry out a queued run. Idempotent: a finished run is returned as it is."""
    run = ScheduleRun.objects.select_related("instansi", "created_by").get(pk=run_id)
    if run.is_finished:
        return run
    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRunStatus.RUNNING)
    try:
        outcome = schedule_batches(instansi=run.instansi, year=run.year, acting_user=run.created_by)
    except Exception as exc:  # the run records why it failed, for the page to show
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=ScheduleRunStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=ScheduleRunStatus.DONE,
        solver_status=outcome.status,
        placed=outcome.placed,
        unscheduled=[{"batch": b.pk, "reason": code} for b, code in outcome.unscheduled],
        solve_seconds=outcome.solve_seconds,
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
    return run
