"""Home-page items of planning: plans waiting for their approval, a planning year without an
approved plan (BKPSDM), and the ASN's own planned programs."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bangkom.accounts.scope import Scope
from bangkom.core.todos import Todo
from bangkom.organisation.models import Instansi
from bangkom.organisation.plan_year import current_plan_year
from bangkom.planning.access import plans_for_user
from bangkom.planning.models import PlanStatus, RunAssignment

SHOWN = 5


def todos(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    items: list[Todo] = []
    if scope.admin_instansi_ids:
        submitted = plans_for_user(user).filter(
            status=PlanStatus.SUBMITTED, instansi_id__in=scope.admin_instansi_ids
        )
        items += [
            Todo(
                text=_("Rencana “%(judul)s” diajukan: periksa dan setujui atau kembalikan")
                % {"judul": plan.judul},
                url=reverse("planning:plan_detail", args=[plan.pk]),
            )
            for plan in submitted.order_by("tahun", "id")[:SHOWN]
        ]
        items += _years_without_plan(user, scope)
    if scope.employee_id:
        items += _my_programs(scope.employee_id, scope.employee_instansi_id)
    return items


def _years_without_plan(user: Any, scope: Scope) -> list[Todo]:
    instansi_list = list(
        Instansi.objects.filter(pk__in=scope.admin_instansi_ids).order_by("nama")[:SHOWN]
    )
    years = {inst.pk: current_plan_year(inst) for inst in instansi_list}
    approved = set(
        plans_for_user(user)
        .filter(
            instansi_id__in=years,
            unit__isnull=True,
            status=PlanStatus.APPROVED,
            tahun__in=set(years.values()),
        )
        .values_list("instansi_id", "tahun")
    )
    return [
        Todo(
            text=_("Belum ada rencana pengembangan %(tahun)d %(instansi)s yang disetujui")
            % {"tahun": years[inst.pk], "instansi": inst.nama},
            url=reverse("planning:plan_list"),
        )
        for inst in instansi_list
        if (inst.pk, years[inst.pk]) not in approved
    ]


def _my_programs(employee_id: int, instansi_id: int | None) -> list[Todo]:
    tahun = current_plan_year(
        Instansi.objects.filter(pk=instansi_id).first() if instansi_id else None
    )
    planned = RunAssignment.objects.filter(
        employee_id=employee_id,
        run__plan__status=PlanStatus.APPROVED,
        run__plan__adopted_run=F("run_id"),
        run__plan__tahun=tahun,
    ).count()
    if not planned:
        return []
    return [
        Todo(
            text=ngettext(
                "%(n)d program pengembangan direncanakan untuk Anda tahun %(tahun)d",
                "%(n)d program pengembangan direncanakan untuk Anda tahun %(tahun)d",
                planned,
            )
            % {"n": planned, "tahun": tahun},
            url=reverse("planning:my_plan"),
            count=planned,
        )
    ]
