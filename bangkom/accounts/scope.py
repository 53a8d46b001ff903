"""What a user may see and change, computed once per request from their roles.

Every access helper (``bangkom/*/access.py``) starts from :func:`scope_for`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from bangkom.accounts.models import Role, RoleAssignment
from bangkom.organisation.models import Employee, Instansi


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    superadmin_national: bool = False
    admin_instansi_ids: frozenset[int] = frozenset()
    read_instansi_ids: frozenset[int] = frozenset()
    opd_units: tuple[tuple[int, str], ...] = ()  # (instansi_id, unit path) per OPD admin role
    partner_instansi_ids: frozenset[int] = frozenset()
    employee_id: int | None = None
    employee_instansi_id: int | None = None
    subordinate_count: int = 0
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_supervisor(self) -> bool:
        return self.subordinate_count > 0

    @property
    def is_admin(self) -> bool:
        return bool(self.admin_instansi_ids)

    @property
    def is_opd_admin(self) -> bool:
        return bool(self.opd_units)

    @property
    def visible_instansi_ids(self) -> frozenset[int]:
        """Instansi the user belongs to in any role (shown by name, not necessarily in full)."""
        ids = set(self.read_instansi_ids) | {inst for inst, _ in self.opd_units}
        ids |= self.partner_instansi_ids
        if self.employee_instansi_id:
            ids.add(self.employee_instansi_id)
        return frozenset(ids)

    def can_admin(self, instansi_id: int) -> bool:
        return instansi_id in self.admin_instansi_ids

    def can_read_all(self, instansi_id: int) -> bool:
        return instansi_id in self.read_instansi_ids

    def opd_paths(self, instansi_id: int | None = None) -> list[str]:
        return [p for inst, p in self.opd_units if instansi_id is None or inst == instansi_id]

    def manages_unit_path(self, instansi_id: int, path: str) -> bool:
        """True when an admin of this instansi or an OPD admin whose subtree holds ``path``."""
        if self.can_admin(instansi_id):
            return True
        return any(path.startswith(p) for p in self.opd_paths(instansi_id))

    def role_labels(self) -> list[str]:
        labels = [str(Role(r).label) for r in Role.values if r in self.roles]
        if self.is_supervisor:
            labels.append("Atasan langsung")
        if self.employee_id:
            labels.append("ASN")
        return labels


ANONYMOUS = Scope(user_id=None)


def scope_for(user: Any) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_bangkom_scope", None)
    if cached is not None:
        return cached
    scope = _compute(user)
    user._bangkom_scope = scope
    return scope


def _compute(user: Any) -> Scope:
    admin: set[int] = set()
    read: set[int] = set()
    partner: set[int] = set()
    opd: list[tuple[int, str]] = []
    roles: set[str] = set()
    national = False
    region_codes: list[str] = []
    for assignment in RoleAssignment.objects.filter(user=user).select_related("unit"):
        roles.add(assignment.role)
        if assignment.role == Role.SUPERADMIN:
            if assignment.region_id is None:
                national = True
            else:
                region_codes.append(assignment.region_id)
        elif assignment.role == Role.BKPSDM_ADMIN and assignment.instansi_id:
            admin.add(assignment.instansi_id)
        elif assignment.role == Role.PIMPINAN and assignment.instansi_id:
            read.add(assignment.instansi_id)
        elif assignment.role == Role.MITRA and assignment.instansi_id:
            partner.add(assignment.instansi_id)
        elif assignment.role == Role.OPD_ADMIN and assignment.unit is not None:
            opd.append((assignment.unit.instansi_id, assignment.unit.path))
    if national or region_codes:
        instansi = Instansi.objects.all()
        if not national:
            region_q = Q()
            for code in region_codes:
                region_q |= Q(wilayah_id=code) | Q(wilayah_id__startswith=f"{code}.")
            instansi = instansi.filter(region_q)
        admin.update(instansi.values_list("id", flat=True))
    read |= admin
    employee_id = user.employee_id
    employee_instansi_id = None
    subordinates = 0
    if employee_id:
        employee = Employee.objects.filter(pk=employee_id, is_active=True).first()
        if employee is None:
            employee_id = None
        else:
            employee_instansi_id = employee.instansi_id
            subordinates = Employee.objects.filter(
                supervisor_id=employee_id, is_active=True
            ).count()
    return Scope(
        user_id=user.pk,
        superadmin_national=national,
        admin_instansi_ids=frozenset(admin),
        read_instansi_ids=frozenset(read),
        opd_units=tuple(opd),
        partner_instansi_ids=frozenset(partner),
        employee_id=employee_id,
        employee_instansi_id=employee_instansi_id,
        subordinate_count=subordinates,
        roles=frozenset(roles),
    )
