"""Reads of delivery: lists for the pages, a month of the schedule, and the conflicts of a
proposed session date (who or what would be double-booked). Each selector fetches what its page
shows in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from bangkom.delivery.access import batches_for_user, sessions_for_user
from bangkom.delivery.models import (
    ACTIVE_ENROLMENT_STATUSES,
    MAX_AWAY_DEFAULT,
    Agreement,
    Batch,
    Enrolment,
    Holiday,
    Partner,
    Session,
    Trainer,
    UnitAwayLimit,
    Venue,
)
from bangkom.delivery.scheduler.model import DEFAULT_WORKING_DAYS, WEEKDAYS
from bangkom.organisation.models import Employee, Instansi, Unit
from bangkom.planning.models import Plan


def day_text(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


# --- resource lists ----------------------------------------------------------------------


def partner_list(instansi: Instansi) -> QuerySet[Partner]:
    return (
        Partner.objects.filter(instansi=instansi)
        .prefetch_related(
            Prefetch("agreements", queryset=Agreement.objects.order_by("-valid_until"))
        )
        .annotate(batch_count=Count("batches", distinct=True))
        .order_by("name")
    )


def trainer_list(instansi: Instansi) -> QuerySet[Trainer]:
    return (
        Trainer.objects.filter(instansi=instansi)
        .select_related("partner", "employee")
        .prefetch_related("competencies")
        .order_by("name")
    )


def venue_list(instansi: Instansi) -> QuerySet[Venue]:
    return Venue.objects.filter(instansi=instansi).select_related("partner").order_by("name")


def holiday_list(instansi: Instansi, year: int) -> QuerySet[Holiday]:
    return Holiday.objects.filter(instansi=instansi, date__year=year).order_by("date")


def unit_limit_list(instansi: Instansi) -> QuerySet[Unit]:
    """The instansi's units with their active staff count and their own away limit, if any."""
    return (
        Unit.objects.filter(instansi=instansi)
        .select_related("away_limit")
        .annotate(staff=Count("employees", filter=Q(employees__is_active=True), distinct=True))
        .order_by("path")
    )


# --- batches and the schedule ------------------------------------------------------------


def batches_of_plan(user: Any, plan: Plan) -> QuerySet[Batch]:
    return (
        batches_for_user(user)
        .filter(plan_program__plan=plan)
        .prefetch_related(
            "trainers", Prefetch("sessions", queryset=Session.objects.order_by("date"))
        )
        .annotate(
            participant_count=Count(
                "enrolments",
                filter=Q(enrolments__status__in=ACTIVE_ENROLMENT_STATUSES),
                distinct=True,
            )
        )
        .order_by("plan_program__template__kode", "sequence")
    )


def schedule_month(
    user: Any, *, year: int, month: int, instansi_id: int | None = None
) -> QuerySet[Session]:
    qs = sessions_for_user(user).filter(date__year=year, date__month=month)
    if instansi_id is not None:
        qs = qs.filter(batch__instansi_id=instansi_id)
    return (
        qs.select_related("batch__partner")
        .prefetch_related("batch__trainers")
        .order_by("date", "start_time", "batch__plan_program__template__kode", "batch__sequence")
    )


def employee_sessions(employee: Employee, year: int) -> QuerySet[Session]:
    return (
        Session.objects.filter(
            date__year=year,
            batch__enrolments__employee=employee,
            batch__enrolments__status__in=ACTIVE_ENROLMENT_STATUSES,
        )
        .select_related("batch__plan_program__template", "batch__instansi__wilayah", "venue")
        .distinct()
        .order_by("date", "start_time")
    )


def trainer_sessions(trainer: Trainer, year: int) -> QuerySet[Session]:
    return (
        Session.objects.filter(date__year=year, batch__trainers=trainer)
        .select_related("batch__plan_program__template", "batch__instansi__wilayah", "venue")
        .distinct()
        .order_by("date", "start_time")
    )


def venue_sessions(venue: Venue, year: int) -> QuerySet[Session]:
    return (
        Session.objects.filter(date__year=year, venue=venue)
        .select_related("batch__plan_program__template", "batch__instansi__wilayah", "venue")
        .order_by("date", "start_time")
    )


# --- conflicts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """One rule a proposed date breaks; ``code`` is stable, ``message`` names who or what."""

    code: str
    message: str


def unit_limit(unit_id: int, staff: int, limits: dict[int, float]) -> int:
    share = limits.get(unit_id, float(getattr(settings, "DELIVERY_MAX_AWAY", MAX_AWAY_DEFAULT)))
    return int(share * staff + 1e-9)


def conflicts_for(
    *,
    batch: Batch,
    date: dt.date,
    venue: Venue | None,
    trainers: Iterable[Trainer] | None = None,
    session: Session | None = None,
) -> list[Conflict]:
    """What would clash if ``batch`` met on ``date`` in ``venue`` with ``trainers`` (default:
    the batch's own); ``session`` is the session being moved, not counted against itself."""
    trainers = list(batch.trainers.all() if trainers is None else trainers)
    found: list[Conflict] = []
    when = day_text(date)

    holiday = Holiday.objects.filter(instansi_id=batch.instansi_id, date=date).first()
    working = getattr(settings, "DELIVERY_WORKING_DAYS", DEFAULT_WORKING_DAYS)
    if holiday is not None:
        found.append(
            Conflict(
                "holiday",
                _("%(date)s hari libur: %(name)s.") % {"date": when, "name": holiday.name},
            )
        )
    elif WEEKDAYS[date.weekday()] not in working:
        found.append(Conflict("not_working_day", _("%s bukan hari kerja.") % when))

    same_batch = Session.objects.filter(batch=batch, date=date)
    if session is not None:
        same_batch = same_batch.exclude(pk=session.pk)
    if same_batch.exists():
        found.append(
            Conflict(
                "batch_day",
                _("%(batch)s sudah punya sesi pada %(date)s.") % {"batch": batch, "date": when},
            )
        )

    others = (
        Session.objects.filter(date=date)
        .exclude(batch=batch)
        .select_related("batch__plan_program__template", "venue")
    )
    participants = list(
        Enrolment.objects.filter(batch=batch, status__in=ACTIVE_ENROLMENT_STATUSES).select_related(
            "employee__unit"
        )
    )
    if venue is not None:
        if date in venue.unavailable:
            found.append(
                Conflict(
                    "venue_unavailable",
                    _("Tempat %(venue)s tidak tersedia pada %(date)s.")
                    % {"venue": venue.name, "date": when},
                )
            )
        if venue.capacity < len(participants):
            found.append(
                Conflict(
                    "venue_capacity",
                    _("Kapasitas %(venue)s %(capacity)d orang, peserta %(count)d orang.")
                    % {"venue": venue.name, "capacity": venue.capacity, "count": len(participants)},
                )
            )
        for other in others.filter(venue=venue):
            found.append(
                Conflict(
                    "venue_busy",
                    _("Tempat %(venue)s pada %(date)s sudah dipakai %(batch)s.")
                    % {"venue": venue.name, "date": when, "batch": other.batch},
                )
            )
    for trainer in trainers:
        if date in trainer.unavailable:
            found.append(
                Conflict(
                    "trainer_unavailable",
                    _("Pengajar %(trainer)s berhalangan pada %(date)s.")
                    % {"trainer": trainer.name, "date": when},
                )
            )
    if trainers:
        busy_rows = (
            Batch.trainers.through.objects.filter(trainer__in=trainers, batch__sessions__in=others)
            .select_related("trainer", "batch__plan_program__template")
            .distinct()
        )
        for row in busy_rows:
            found.append(
                Conflict(
                    "trainer_busy",
                    _("Pengajar %(trainer)s pada %(date)s juga mengajar %(batch)s.")
                    % {"trainer": row.trainer.name, "date": when, "batch": row.batch},
                )
            )
    employee_ids = [e.employee_id for e in participants]
    if employee_ids:
        clashes = (
            Enrolment.objects.filter(
                employee_id__in=employee_ids,
                status__in=ACTIVE_ENROLMENT_STATUSES,
                batch__sessions__date=date,
            )
            .exclude(batch=batch)
            .select_related("employee", "batch__plan_program__template")
            .distinct()
            .order_by("employee__nama")
        )
        for clash in clashes:
            found.append(
                Conflict(
                    "employee_busy",
                    _("ASN %(name)s (NIP %(nip)s) pada %(date)s juga mengikuti %(batch)s.")
                    % {
                        "name": clash.employee.nama,
                        "nip": clash.employee.nip,
                        "date": when,
                        "batch": clash.batch,
                    },
                )
            )
        found += _unit_conflicts(batch, date, participants)
    return found


def _unit_conflicts(batch: Batch, date: dt.date, participants: list[Enrolment]) -> list[Conflict]:
    mine: dict[int, set[int]] = defaultdict(set)
    units: dict[int, Unit] = {}
    for enrolment in participants:
        unit = enrolment.employee.unit
        if unit is not None:
            mine[unit.pk].add(enrolment.employee_id)
            units[unit.pk] = unit
    away = defaultdict(set, {k: set(v) for k, v in mine.items()})
    rows = (
        Enrolment.objects.filter(
            employee__unit_id__in=list(mine),
            status__in=ACTIVE_ENROLMENT_STATUSES,
            batch__sessions__date=date,
        )
        .exclude(batch=batch)
        .values_list("employee__unit_id", "employee_id")
    )
    for unit_id, employee_id in rows:
        away[unit_id].add(employee_id)
    staff = dict(
        Employee.objects.filter(unit_id__in=list(mine), is_active=True)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    limits = {
        row.unit_id: float(row.max_away)
        for row in UnitAwayLimit.objects.filter(unit_id__in=list(mine))
    }
    found = []
    for unit_id, people in sorted(away.items()):
        limit = unit_limit(unit_id, staff.get(unit_id, 0), limits)
        if len(people) > limit:
            found.append(
                Conflict(
                    "unit_limit",
                    _(
                        "Unit %(unit)s: %(count)d pegawai meninggalkan tugas pada %(date)s, "
                        "melebihi batas %(limit)d orang."
                    )
                    % {
                        "unit": units[unit_id].nama,
                        "count": len(people),
                        "date": day_text(date),
                        "limit": limit,
                    },
                )
            )
    return found
