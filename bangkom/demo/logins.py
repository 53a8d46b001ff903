"""The demo logins: one per role per demo instansi, plus the national superadmin.

The table is read from the database (who holds which role, in which instansi and unit), so it
shows what a user will really see after logging in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from bangkom.accounts.models import RoleAssignment, User

# Published with the demo on purpose: every demo account shares it. Never used outside demo data.
DEMO_PASSWORD = "demo-bangkom-2026"  # noqa: S105
SUPERADMIN_USERNAME = "superadmin"
# <kota>.<role>: BKPSDM admin, OPD admin, supervisor, employee, partner staff, leadership.
LOGIN_ROLES = ("bkpsdm", "opd", "atasan", "asn", "mitra", "pimpinan")
# Accounts the delivery stage adds where a story needs them (bangkom.demo.delivery): Medan's
# internship mentor (and intern, when the ASN login is in a magang batch) and the Pontianak
# health staff who follow the e-learning course.
STORY_LOGINS = ("mentor", "magang", "dinkes1", "dinkes2", "dinkes3")


def demo_usernames(slugs: Iterable[str]) -> list[str]:
    return [SUPERADMIN_USERNAME] + [
        f"{slug}.{role}" for slug in slugs for role in (*LOGIN_ROLES, *STORY_LOGINS)
    ]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    peran: str
    instansi: str
    keterangan: str


def demo_logins(slugs: Iterable[str]) -> list[DemoLogin]:
    """The demo accounts that exist, in table order, described from their roles and records."""
    usernames = demo_usernames(slugs)
    users = (
        User.objects.filter(username__in=usernames)
        .select_related("employee__instansi", "employee__position", "employee__unit")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("instansi", "unit", "region"),
            )
        )
        .annotate(subordinate_count=Count("employee__subordinates"))
    )
    by_name = {user.username: user for user in users}
    return [_describe(by_name[name]) for name in usernames if name in by_name]


def _describe(user: User) -> DemoLogin:
    assignments = list(user.role_assignments.all())
    employee = user.employee
    roles = [assignment.get_role_display() for assignment in assignments]
    if not roles and employee is not None:
        has_staff = getattr(user, "subordinate_count", 0) > 0
        roles = [_("Atasan langsung") if has_staff else _("Pegawai ASN")]
    instansi = next((str(a.instansi) for a in assignments if a.instansi), "")
    if not instansi:
        instansi = str(employee.instansi) if employee else _("nasional")
    details = []
    for assignment in assignments:
        if assignment.unit is not None:
            details.append(_("cakupan: %s") % assignment.unit.nama)
    if employee is not None:
        where = " · ".join(
            part
            for part in (
                employee.position.nama if employee.position else "",
                employee.unit.nama if employee.unit else "",
            )
            if part
        )
        details.append(f"{employee.display_name} ({where}; NIP {employee.nip})")
    elif user.nama:
        details.append(user.nama)
    return DemoLogin(
        username=user.username,
        peran=", ".join(roles) or "-",
        instansi=instansi,
        keterangan="; ".join(details),
    )


def format_logins(rows: list[DemoLogin]) -> str:
    """A plain-text table for the console, followed by the shared password."""
    header = DemoLogin(_("Nama pengguna"), _("Peran"), _("Instansi"), _("Unit / nama"))
    table = [header, *rows]
    widths = [
        max(len(getattr(row, name)) for row in table) for name in ("username", "peran", "instansi")
    ]
    lines = []
    for index, row in enumerate(table):
        cells = [row.username, row.peran, row.instansi]
        line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        lines.append(f"{line}  {row.keterangan}".rstrip())
        if index == 0:
            lines.append("-" * min(len(lines[0]) + 20, 160))
    lines.append("")
    lines.append(
        _("Kata sandi semua akun demo: %(password)s (hanya untuk demo).")
        % {"password": DEMO_PASSWORD}
    )
    lines.append(_("Akun yang tertaut ke pegawai juga dapat masuk dengan NIP pegawai itu."))
    return "\n".join(lines)
