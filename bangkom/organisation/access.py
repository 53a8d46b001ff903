"""Access helpers for the instansi, units, positions and employees.

Reads outside the user's scope answer 404; writes on a visible object the user may not change
answer 403.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import reduce
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bangkom.accounts.scope import Scope, scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.organisation.models import Employee, ImportJob, Instansi, Position, Unit


def subtree_q(paths: Iterable[str], *, unit: str = "") -> Q:
    """Rows whose unit lies in any of the subtrees at ``paths`` (materialised, ``12/40/``).

    ``unit`` is the lookup that leads to the unit (``"unit"``, ``"position__unit"``), empty for
    units themselves. No paths: nothing.
    """
    prefix = f"{unit}__" if unit else ""
    lookups = [Q(**{f"{prefix}path__startswith": path}) for path in paths]
    return reduce(operator.or_, lookups) if lookups else NOTHING


def instansi_for_user(user: Any) -> QuerySet[Instansi]:
    scope = scope_for(user)
    return Instansi.objects.filter(pk__in=scope.visible_instansi_ids).select_related("wilayah")


def get_instansi_for_user(user: Any, pk: object, *, for_write: bool = False) -> Instansi:
    instansi = get_visible_or_404(instansi_for_user(user), pk)
    if for_write and not scope_for(user).can_admin(instansi.pk):
        raise deny()
    return instansi


def units_for_user(user: Any) -> QuerySet[Unit]:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.read_instansi_ids) | subtree_q(scope.opd_paths())
    if not scope.read_instansi_ids and not scope.opd_units:
        q = NOTHING
    return Unit.objects.filter(q).select_related("instansi", "parent", "wilayah")


def get_unit_for_user(user: Any, pk: object, *, for_write: bool = False) -> Unit:
    unit = get_visible_or_404(units_for_user(user), pk)
    if for_write and not scope_for(user).manages_unit_path(unit.instansi_id, unit.path):
        raise deny()
    return unit


def positions_for_user(user: Any) -> QuerySet[Position]:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.read_instansi_ids) | subtree_q(scope.opd_paths(), unit="unit")
    if scope.employee_id:
        q |= Q(holders__pk=scope.employee_id) | Q(holders__supervisor_id=scope.employee_id)
    return Position.objects.filter(q).distinct().select_related("unit", "instansi")


def get_position_for_user(user: Any, pk: object, *, for_write: bool = False) -> Position:
    position = get_visible_or_404(positions_for_user(user), pk)
    if for_write and not scope_for(user).manages_unit_path(
        position.instansi_id, position.unit.path
    ):
        raise deny()
    return position


def employee_q(scope: Scope) -> Q:
    """The employees a scope may read: whole instansi for admins and leadership, the unit
    subtree for OPD admins, direct subordinates for supervisors, and oneself."""
    q = Q(instansi_id__in=scope.read_instansi_ids) if scope.read_instansi_ids else NOTHING
    q |= subtree_q(scope.opd_paths(), unit="unit")
    if scope.employee_id:
        q |= Q(pk=scope.employee_id) | Q(supervisor_id=scope.employee_id)
    return q


def employees_for_user(user: Any) -> QuerySet[Employee]:
    return Employee.objects.filter(employee_q(scope_for(user))).select_related(
        "instansi", "unit", "position", "supervisor"
    )


def can_write_employee(user: Any, employee: Employee) -> bool:
    scope = scope_for(user)
    if scope.can_admin(employee.instansi_id):
        return True
    return employee.unit is not None and scope.manages_unit_path(
        employee.instansi_id, employee.unit.path
    )


def get_employee_for_user(user: Any, pk: object, *, for_write: bool = False) -> Employee:
    employee = get_visible_or_404(employees_for_user(user), pk)
    if for_write and not can_write_employee(user, employee):
        raise deny()
    return employee


def import_jobs_for_user(user: Any) -> QuerySet[ImportJob]:
    """Import jobs of the instansi the user may import for (BKPSDM admin, superadmin)."""
    scope = scope_for(user)
    return ImportJob.objects.filter(instansi_id__in=scope.admin_instansi_ids).select_related(
        "instansi", "created_by"
    )


def get_import_job_for_user(user: Any, pk: object) -> ImportJob:
    """A job of an instansi the user does not see answers 404; one of an instansi they see but
    may not import for (an ASN, an OPD admin, the leadership) answers 403."""
    visible = ImportJob.objects.filter(instansi__in=instansi_for_user(user)).select_related(
        "instansi", "created_by"
    )
    job = get_visible_or_404(visible, pk)
    if not scope_for(user).can_admin(job.instansi_id):
        raise deny(_("Hanya admin BKPSDM atau superadmin instansi ini yang dapat melihat impor."))
    return job
