"""Home-page items of delivery: what the ASN must confirm, attend and write; what the supervisor
must decide; the claims an admin must decide; a partner's or mentor's next work; and, for the
BKPSDM, batches that ran but were not closed (see :mod:`bangkom.core.todos`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bangkom.accounts.scope import Scope
from bangkom.core.todos import Todo
from bangkom.delivery.access import batches_for_user, sessions_for_user
from bangkom.delivery.ledger.access import decidable_claims_for_user
from bangkom.delivery.ledger.selectors import claims_pending, employee_year
from bangkom.delivery.models import (
    ActionPlan,
    BatchStatus,
    Enrolment,
    EnrolmentStatus,
    LogbookEntry,
    LogbookStatus,
    Session,
)
from bangkom.organisation.models import Employee

AHEAD = datetime.timedelta(days=14)
SHOWN = 5


def todos(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    items: list[Todo] = []
    if scope.employee_id:
        items += _participant(scope.employee_id, today)
    if scope.is_supervisor and scope.employee_id:
        items += _supervisor(scope)
    if scope.is_admin or scope.is_opd_admin:
        waiting = claims_pending(decidable_claims_for_user(user)).count()
        if waiting:
            items.append(
                Todo(
                    text=ngettext(
                        "%(n)d klaim JP pembelajaran mandiri menunggu keputusan",
                        "%(n)d klaim JP pembelajaran mandiri menunggu keputusan",
                        waiting,
                    )
                    % {"n": waiting},
                    url=reverse("delivery_ledger:claim_queue"),
                    count=waiting,
                )
            )
    if scope.is_admin:
        items += _unclosed_batches(user, scope, today)
    if scope.partner_instansi_ids:
        items += _partner_sessions(user, today)
    items += _mentor(user)
    return items


def _participant(employee_id: int, today: datetime.date) -> list[Todo]:
    items = []
    to_confirm = (
        Enrolment.objects.filter(employee_id=employee_id, status=EnrolmentStatus.APPROVED)
        .select_related("batch__plan_program__template")
        .order_by("batch__earliest", "pk")[:SHOWN]
    )
    items += [
        Todo(
            text=_("Konfirmasi keikutsertaan Anda: %(program)s")
            % {"program": enrolment.batch.plan_program.template.judul},
            url=reverse("delivery:my_trainings"),
        )
        for enrolment in to_confirm
    ]
    upcoming = Session.objects.filter(
        batch__enrolments__employee_id=employee_id,
        batch__enrolments__status__in=(EnrolmentStatus.CONFIRMED, EnrolmentStatus.APPROVED),
        date__gte=today,
        date__lte=today + AHEAD,
    ).order_by("date", "start_time")
    first = upcoming.select_related("batch__plan_program__template").first()
    if first is not None:
        count = upcoming.count()
        items.append(
            Todo(
                text=ngettext(
                    "%(n)d sesi pelatihan dalam dua minggu; berikutnya %(program)s, %(tanggal)s",
                    "%(n)d sesi pelatihan dalam dua minggu; berikutnya %(program)s, %(tanggal)s",
                    count,
                )
                % {
                    "n": count,
                    "program": first.batch.plan_program.template.judul,
                    "tanggal": date_format(first.date, "l, j M Y"),
                },
                url=reverse("delivery:my_calendar"),
                count=count,
                due=first.date,
            )
        )
    without_plan = (
        Enrolment.objects.filter(
            employee_id=employee_id,
            status=EnrolmentStatus.COMPLETED,
            completed_at__year=today.year,
            action_plan__isnull=True,
        )
        .select_related("batch__plan_program__template")
        .order_by("completed_at", "pk")[:SHOWN]
    )
    items += [
        Todo(
            text=_("Tulis rencana aksi untuk menerapkan %(program)s di tempat kerja")
            % {"program": enrolment.batch.plan_program.template.judul},
            url=reverse("delivery:action_plan", args=[enrolment.pk]),
        )
        for enrolment in without_plan
    ]
    employee = Employee.objects.filter(pk=employee_id, is_active=True).first()
    if employee is not None:
        year = employee_year(employee, today.year, as_of=today)
        if year.jp_target and not year.on_track:
            items.append(
                Todo(
                    text=_("JP %(tahun)d Anda %(earned)s dari %(target)d: tertinggal dari jadwal")
                    % {
                        "tahun": today.year,
                        "earned": f"{year.jp_earned.normalize():f}".replace(".", ","),
                        "target": year.jp_target,
                    },
                    url=reverse("delivery_ledger:my_jp"),
                    overdue=True,
                )
            )
    return items


def _supervisor(scope: Scope) -> list[Todo]:
    items = []
    nominated = Enrolment.objects.filter(
        employee__supervisor_id=scope.employee_id, status=EnrolmentStatus.NOMINATED
    ).count()
    if nominated:
        items.append(
            Todo(
                text=ngettext(
                    "%(n)d pencalonan bawahan menunggu persetujuan Anda",
                    "%(n)d pencalonan bawahan menunggu persetujuan Anda",
                    nominated,
                )
                % {"n": nominated},
                url=reverse("delivery:team_nominations"),
                count=nominated,
            )
        )
    plans = ActionPlan.objects.filter(
        enrolment__employee__supervisor_id=scope.employee_id, acknowledged_at__isnull=True
    ).count()
    if plans:
        items.append(
            Todo(
                text=ngettext(
                    "%(n)d rencana aksi bawahan menunggu Anda ketahui",
                    "%(n)d rencana aksi bawahan menunggu Anda ketahui",
                    plans,
                )
                % {"n": plans},
                url=reverse("delivery:team_nominations"),
                count=plans,
            )
        )
    return items


def _unclosed_batches(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    """Batches of the admin's instansi whose last session has passed but that are not closed."""
    ran = (
        batches_for_user(user)
        .filter(
            instansi_id__in=scope.admin_instansi_ids,
            status__in=(BatchStatus.SCHEDULED, BatchStatus.RUNNING),
            sessions__isnull=False,
        )
        .exclude(sessions__date__gte=today)
        .distinct()
        .count()
    )
    if not ran:
        return []
    return [
        Todo(
            text=ngettext(
                "%(n)d angkatan sudah selesai dilaksanakan: catat kelulusannya",
                "%(n)d angkatan sudah selesai dilaksanakan: catat kelulusannya",
                ran,
            )
            % {"n": ran},
            url=reverse("delivery:batch_list"),
            count=ran,
            overdue=True,
        )
    ]


def _partner_sessions(user: Any, today: datetime.date) -> list[Todo]:
    upcoming = (
        sessions_for_user(user)
        .filter(date__gte=today, date__lte=today + AHEAD)
        .order_by("date", "start_time")[:SHOWN]
    )
    return [
        Todo(
            text=_("%(program)s angkatan %(angkatan)d: sesi %(tanggal)s, catat kehadiran")
            % {
                "program": session.batch.plan_program.template.judul,
                "angkatan": session.batch.sequence,
                "tanggal": date_format(session.date, "l, j M Y"),
            },
            url=reverse("delivery:session_attendance", args=[session.pk]),
            due=session.date,
        )
        for session in upcoming
    ]


def _mentor(user: Any) -> list[Todo]:
    waiting = LogbookEntry.objects.filter(
        internship__mentor=user, status=LogbookStatus.SUBMITTED
    ).count()
    if not waiting:
        return []
    return [
        Todo(
            text=ngettext(
                "%(n)d logbook magang menunggu persetujuan Anda",
                "%(n)d logbook magang menunggu persetujuan Anda",
                waiting,
            )
            % {"n": waiting},
            url=reverse("delivery_internship:list"),
            count=waiting,
        )
    ]
