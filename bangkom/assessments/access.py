"""Access helpers for assessments: who may see and write which ratings.

Built on :func:`bangkom.accounts.scope.scope_for` and the organisation helpers:

- an ASN rates themself and reads their own ratings;
- a supervisor rates their direct subordinates (``Employee.supervisor``) and nobody else;
- an OPD admin reads and calibrates the employees of their unit subtree;
- a BKPSDM admin (or a superadmin covering the instansi) runs rounds, imports and calibrates
  the whole instansi; leadership (pimpinan) reads the instansi;
- anything of another instansi answers 404; a visible object the user may not change, 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.accounts.scope import Scope, scope_for
from bangkom.assessments.models import AssessmentRound, CalibrationFlag, PerformanceRating
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.organisation.access import employee_q, employees_for_user, subtree_q
from bangkom.organisation.models import Employee, Instansi

NOT_SUBORDINATE = gettext_lazy("Anda hanya dapat menilai bawahan langsung Anda.")


# ----------------------------------------------------------------------------- instansi


def admin_instansi(user: Any) -> QuerySet[Instansi]:
    """The instansi the user administers (BKPSDM admin, superadmin); 403 when none."""
    scope = scope_for(user)
    if not scope.is_admin:
        raise deny(_("Hanya admin BKPSDM yang dapat melakukan ini."))
    return Instansi.objects.filter(pk__in=scope.admin_instansi_ids).order_by("nama")


def get_admin_instansi(user: Any, pk: object) -> Instansi:
    """One instansi the user administers: 404 when not visible, 403 when only readable."""
    scope = scope_for(user)
    instansi = get_visible_or_404(
        Instansi.objects.filter(pk__in=scope.visible_instansi_ids | scope.admin_instansi_ids), pk
    )
    if not scope.can_admin(instansi.pk):
        raise deny(_("Hanya admin BKPSDM instansi ini yang dapat melakukan ini."))
    return instansi


def overseer_instansi_ids(scope: Scope) -> set[int]:
    """Instansi the user oversees in part or in full: admins, leadership, OPD admins."""
    return set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}


def require_overseer(user: Any) -> Scope:
    scope = scope_for(user)
    if not overseer_instansi_ids(scope):
        raise deny()
    return scope


# ----------------------------------------------------------------------------- rounds


def rounds_for_user(user: Any) -> QuerySet[AssessmentRound]:
    """Rounds of the instansi the user belongs to in any role."""
    scope = scope_for(user)
    ids = overseer_instansi_ids(scope)
    if scope.employee_instansi_id:
        ids.add(scope.employee_instansi_id)
    return AssessmentRound.objects.filter(instansi_id__in=ids).select_related("instansi")


def get_round_for_user(user: Any, pk: object, *, for_write: bool = False) -> AssessmentRound:
    assessment_round = get_visible_or_404(rounds_for_user(user), pk)
    if for_write and not scope_for(user).can_admin(assessment_round.instansi_id):
        raise deny(_("Hanya admin BKPSDM yang dapat mengubah periode penilaian."))
    return assessment_round


# ----------------------------------------------------------------------------- employees


def own_employee(user: Any) -> Employee:
    """The user's own employee record (active); 403 for users who are not an ASN."""
    scope = scope_for(user)
    employee = None
    if scope.employee_id:
        employee = (
            Employee.objects.select_related("instansi", "unit", "position", "supervisor")
            .filter(pk=scope.employee_id, is_active=True)
            .first()
        )
    if employee is None:
        raise deny(_("Halaman ini untuk ASN yang akunnya terhubung dengan data pegawai."))
    return employee


def require_supervisor(user: Any) -> Employee:
    """The supervisor's own record; 403 for users without direct subordinates."""
    scope = scope_for(user)
    if not scope.is_supervisor:
        raise deny(_("Halaman ini untuk atasan langsung yang memiliki bawahan."))
    return own_employee(user)


def subordinates_of(supervisor: Employee) -> QuerySet[Employee]:
    """The active direct subordinates: the only employees a supervisor may rate."""
    return Employee.objects.filter(supervisor=supervisor, is_active=True).select_related(
        "instansi", "unit", "position"
    )


def get_subordinate_for_user(user: Any, pk: object) -> Employee:
    """A direct subordinate of the user, to rate or link: 404 when the user may not even see
    the employee, 403 (with the reason) when they may see but not rate."""
    employee = get_visible_or_404(employees_for_user(user), pk)
    scope = scope_for(user)
    if not (
        employee.is_active and scope.employee_id and employee.supervisor_id == scope.employee_id
    ):
        raise deny(str(NOT_SUBORDINATE))
    return employee


def get_employee_for_reading(user: Any, pk: object) -> Employee:
    """Any employee the user may read (self, subordinates, unit subtree, instansi)."""
    return get_visible_or_404(employees_for_user(user), pk)


def calibration_q(scope: Scope, prefix: str = "employee__") -> Q:
    """The employees whose disagreements the user may read: the instansi for admins and
    leadership, the unit subtree for OPD admins."""
    q = (
        Q(**{f"{prefix}instansi_id__in": scope.read_instansi_ids})
        if scope.read_instansi_ids
        else NOTHING
    )
    return q | subtree_q(scope.opd_paths(), unit=f"{prefix}unit")


def can_calibrate(user: Any, employee: Employee) -> bool:
    """BKPSDM admins of the instansi and OPD admins of the employee's unit subtree."""
    scope = scope_for(user)
    if scope.can_admin(employee.instansi_id):
        return True
    return employee.unit is not None and scope.manages_unit_path(
        employee.instansi_id, employee.unit.path
    )


def flags_for_user(user: Any) -> QuerySet[CalibrationFlag]:
    return CalibrationFlag.objects.filter(calibration_q(scope_for(user))).select_related(
        "round", "employee", "employee__unit", "employee__instansi", "competency", "calibration"
    )


def get_flag_for_user(user: Any, pk: object, *, for_write: bool = False) -> CalibrationFlag:
    flag = get_visible_or_404(flags_for_user(user), pk)
    if for_write and not can_calibrate(user, flag.employee):
        raise deny(_("Hanya admin BKPSDM atau admin OPD yang dapat menetapkan level kalibrasi."))
    return flag


# ----------------------------------------------------------------------------- performance


def performance_for_user(user: Any) -> QuerySet[PerformanceRating]:
    """SKP ratings of the employees the user may read."""
    scope = scope_for(user)
    q = employee_q(scope)
    return PerformanceRating.objects.filter(
        employee__in=Employee.objects.filter(q).values("pk")
    ).select_related("employee", "employee__unit", "employee__position", "employee__supervisor")


def get_rating_for_user(user: Any, pk: object, *, for_write: bool = False) -> PerformanceRating:
    """An SKP rating; writing (linking a shortfall) is for the direct supervisor only."""
    rating = get_visible_or_404(performance_for_user(user), pk)
    if for_write:
        scope = scope_for(user)
        if not (scope.employee_id and rating.employee.supervisor_id == scope.employee_id):
            raise deny(_("Hanya atasan langsung yang dapat mengaitkan kinerja dengan kompetensi."))
    return rating
