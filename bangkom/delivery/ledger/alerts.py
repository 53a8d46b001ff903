"""Alerts for ASN falling behind on the 20 JP duty: one e-mail to each ASN behind, one to each
supervisor listing their subordinates behind, one to each OPD admin listing those of their
subtree. Sent on the alert date (``rules.alert_day``), once per instansi and date: the run is
recorded as an audit row and a second run on the same date sends nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.accounts.models import Role, RoleAssignment, User
from bangkom.core.audit import audit_event
from bangkom.core.models import AuditEvent
from bangkom.delivery.ledger import selectors
from bangkom.delivery.ledger.rules import base_target, service_window, target_for
from bangkom.organisation.models import Employee, Instansi

ALERT_ACTION = "delivery.jp.alert"


@dataclass(frozen=True)
class AlertReport:
    behind: int
    messages: int
    already_sent: bool = False


def _address(employee: Employee | None, users: dict[int, str]) -> str:
    if employee is None:
        return ""
    return employee.email or users.get(employee.pk, "")


@dataclass(frozen=True)
class Behind:
    employee: Employee
    earned: str
    target: int


def _jp(value: Any) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _line(row: Behind) -> str:
    return _("- %(name)s (NIP %(nip)s): %(earned)s dari %(target)s JP") % {
        "name": row.employee.display_name,
        "nip": row.employee.nip,
        "earned": row.earned,
        "target": row.target,
    }


def send_jp_alerts(*, instansi: Instansi, as_of: date, acting_user: Any = None) -> AlertReport:
    marker = f"{as_of.year}:{as_of.isoformat()}"
    if AuditEvent.objects.filter(action=ALERT_ACTION, instansi=instansi, note=marker).exists():
        return AlertReport(behind=0, messages=0, already_sent=True)
    target = base_target()
    behind = []
    for employee in selectors.behind(instansi, as_of.year, as_of=as_of):
        window = service_window(as_of.year, joined=employee.tmt_cpns)
        behind.append(
            Behind(
                employee=employee,
                earned=_jp(employee.earned),  # type: ignore[attr-defined]
                target=target_for(target, window) if window else 0,
            )
        )
    ids = {r.employee.pk for r in behind}
    ids |= {r.employee.supervisor_id for r in behind if r.employee.supervisor_id}
    users = dict(
        User.objects.filter(employee_id__in=ids)
        .exclude(email="")
        .values_list("employee_id", "email")
    )
    subject = _("Capaian JP %(year)s: Anda perlu menambah JP") % {"year": as_of.year}
    sender = settings.DEFAULT_FROM_EMAIL
    mails: list[tuple[str, str, str, list[str]]] = []
    by_supervisor: dict[int, list[Behind]] = defaultdict(list)
    for row in behind:
        employee = row.employee
        address = _address(employee, users)
        if address:
            body = _(
                "Yth. %(name)s,\n\nPer %(as_of)s Anda baru memperoleh %(earned)s dari target "
                "%(target)s JP tahun %(year)s (PP 11/2017: paling sedikit 20 JP setahun).\n"
                'Lihat rincian dan ajukan klaim pembelajaran di halaman "JP saya" Bangkom.'
            ) % {
                "name": employee.display_name,
                "as_of": as_of.isoformat(),
                "earned": row.earned,
                "target": row.target,
                "year": as_of.year,
            }
            mails.append((subject, body, sender, [address]))
        if employee.supervisor_id:
            by_supervisor[employee.supervisor_id].append(row)
    listing = _("ASN yang tertinggal capaian JP tahun %(year)s per %(as_of)s:\n\n%(lines)s")
    for rows in by_supervisor.values():
        address = _address(rows[0].employee.supervisor, users)
        if address:
            lines = "\n".join(_line(r) for r in rows)
            mails.append(
                (
                    _("Capaian JP bawahan Anda"),
                    listing % {"year": as_of.year, "as_of": as_of.isoformat(), "lines": lines},
                    sender,
                    [address],
                )
            )
    admins = RoleAssignment.objects.filter(
        role=Role.OPD_ADMIN, unit__instansi=instansi, user__is_active=True
    ).select_related("user", "unit")
    for assignment in admins:
        if not assignment.user.email or assignment.unit is None:
            continue
        path = assignment.unit.path
        mine = [r for r in behind if r.employee.unit and r.employee.unit.path.startswith(path)]
        if mine:
            lines = "\n".join(_line(r) for r in mine)
            mails.append(
                (
                    _("Capaian JP ASN %(unit)s") % {"unit": assignment.unit.nama},
                    listing % {"year": as_of.year, "as_of": as_of.isoformat(), "lines": lines},
                    sender,
                    [assignment.user.email],
                )
            )
    with transaction.atomic():
        audit_event(
            actor=acting_user,
            action=ALERT_ACTION,
            target=None,
            target_type="delivery.jpcredit",
            instansi=instansi,
            after={"behind": len(behind), "messages": len(mails)},
            note=marker,
        )
        # Sent after commit: a rolled-back run sends nothing and can simply be run again.
        transaction.on_commit(lambda: send_mass_mail(mails, connection=get_connection()))
    return AlertReport(behind=len(behind), messages=len(mails))
