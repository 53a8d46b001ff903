"""Employees (ASN): PNS and PPPK of an instansi.

An ASN sees only their own record, a supervisor also their direct subordinates, an OPD admin the
employees of their OPD, the BKPSDM admin and leadership the whole instansi: the access helpers
decide, this module only asks them.
"""

from dataclasses import replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, Subquery
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from bangkom.accounts.scope import scope_for
from bangkom.api.errors import field_error
from bangkom.api.pagination import Pagination
from bangkom.api.refs import acting_user, require_write_role, resolve_ref, resolve_refs
from bangkom.api.schemas import EmployeeCreateIn, EmployeeFilter, EmployeeOut, EmployeeUpdateIn
from bangkom.core.access import deny
from bangkom.lib.golongan import GolonganError, parse_golongan
from bangkom.lib.nip import NipError, parse_nip
from bangkom.organisation.access import (
    employees_for_user,
    get_employee_for_user,
    get_instansi_for_user,
    get_position_for_user,
    get_unit_for_user,
)
from bangkom.organisation.models import Employee, EmployeeKind, Instansi, Position, Unit
from bangkom.organisation.services import EmployeeData, employee_save, normalise_nip

router = Router(tags=["pegawai"])


@router.get("", response=list[EmployeeOut], summary="Daftar pegawai")
@paginate(Pagination)
def employee_list(request: HttpRequest, filters: Query[EmployeeFilter]) -> Any:
    employees = employees_for_user(acting_user(request))
    if filters.instansi is not None:
        employees = employees.filter(instansi_id=filters.instansi)
    if filters.unit is not None:
        # The subtree's path comes from the unit itself; the result is still limited to the
        # employees the user may see, so an id outside their scope just finds nothing.
        unit_path = Unit.objects.filter(pk=filters.unit).values("path")[:1]
        employees = employees.filter(unit__path__startswith=Subquery(unit_path))
    if filters.position is not None:
        employees = employees.filter(position_id=filters.position)
    if filters.q and filters.q.strip():
        match = Q(nama__icontains=filters.q.strip())
        nip_part = normalise_nip(filters.q)
        if nip_part.isdigit():
            match |= Q(nip__contains=nip_part)
        employees = employees.filter(match)
    if filters.jenis is not None:
        employees = employees.filter(jenis=filters.jenis)
    if filters.active is not None:
        employees = employees.filter(is_active=filters.active)
    return employees.order_by("nama", "nip", "pk")


@router.get("/{employee_id}", response=EmployeeOut, summary="Detail pegawai")
def employee_detail(request: HttpRequest, employee_id: int) -> Any:
    return get_employee_for_user(acting_user(request), employee_id)


def _is_instansi_admin(request: HttpRequest, instansi: Instansi) -> bool:
    try:
        get_instansi_for_user(acting_user(request), instansi.pk, for_write=True)
    except PermissionDenied:
        return False
    return True


def _check_placement(
    request: HttpRequest, instansi: Instansi, unit: Unit | None, position: Position | None
) -> None:
    """Someone who is not the instansi's admin (an OPD admin) may only place an employee in a
    unit they manage."""
    if _is_instansi_admin(request, instansi):
        return
    target = unit or (position.unit if position is not None else None)
    if target is None:
        raise field_error("unit", _("Pilih unit kerja di OPD yang Anda kelola."))
    get_unit_for_user(acting_user(request), target.pk, for_write=True)


def _clean_nip(jenis: str, nip: str) -> str:
    """The NIP as the parser reads it (it also drops a spreadsheet's leading apostrophe, which
    the service's own normalisation keeps); an unreadable one goes to the service as sent, for
    its message."""
    if jenis == EmployeeKind.PNS:
        try:
            return parse_nip(nip).nip
        except NipError:
            return nip
    return nip


def _clean_golongan(jenis: str, golongan: str) -> str:
    if not golongan:
        return ""
    try:
        return parse_golongan(golongan, jenis=jenis)
    except GolonganError as exc:
        raise field_error("golongan", str(exc)) from exc


@router.post("", response={201: EmployeeOut}, summary="Tambah pegawai")
def employee_create_endpoint(request: HttpRequest, payload: EmployeeCreateIn) -> Any:
    """For a PNS, birth date, sex and TMT CPNS are read from the NIP."""
    require_write_role(request)
    user = acting_user(request)
    instansi = resolve_ref("instansi", get_instansi_for_user, request, payload.instansi)
    if not _is_instansi_admin(request, instansi) and not scope_for(user).opd_paths(instansi.pk):
        raise deny()
    refs = resolve_refs(
        request,
        {
            "unit": (get_unit_for_user, payload.unit),
            "position": (get_position_for_user, payload.position),
            "supervisor": (get_employee_for_user, payload.supervisor),
        },
    )
    unit, position, supervisor = refs["unit"], refs["position"], refs["supervisor"]
    _check_placement(request, instansi, unit, position)
    data = EmployeeData(
        nip=_clean_nip(payload.jenis, payload.nip),
        nama=payload.nama,
        jenis=payload.jenis,
        gelar_depan=payload.gelar_depan,
        gelar_belakang=payload.gelar_belakang,
        tanggal_lahir=payload.tanggal_lahir,
        jenis_kelamin=payload.jenis_kelamin or "",
        golongan=_clean_golongan(payload.jenis, payload.golongan),
        pendidikan_tingkat=payload.pendidikan_tingkat,
        pendidikan_nama=payload.pendidikan_nama,
        unit=unit,
        position=position,
        supervisor=supervisor,
        email=payload.email,
        phone=payload.phone,
        is_active=payload.is_active,
    )
    employee = employee_save(instansi=instansi, data=data, acting_user=user)
    return Status(201, get_employee_for_user(user, employee.pk))


def _current_data(employee: Employee) -> EmployeeData:
    return EmployeeData(
        nip=employee.nip,
        nama=employee.nama,
        jenis=employee.jenis,
        gelar_depan=employee.gelar_depan,
        gelar_belakang=employee.gelar_belakang,
        # For a PNS these follow from the NIP; sending the stored ones would make a NIP
        # correction fail against the old birth date.
        tanggal_lahir=None if employee.jenis == EmployeeKind.PNS else employee.tanggal_lahir,
        jenis_kelamin="" if employee.jenis == EmployeeKind.PNS else employee.jenis_kelamin,
        golongan=employee.golongan,
        pendidikan_tingkat=employee.pendidikan_tingkat,
        pendidikan_nama=employee.pendidikan_nama,
        unit=employee.unit,
        position=employee.position,
        supervisor=employee.supervisor,
        email=employee.email,
        phone=employee.phone,
        is_active=employee.is_active,
    )


@router.patch("/{employee_id}", response=EmployeeOut, summary="Ubah pegawai (sebagian)")
def employee_update_endpoint(
    request: HttpRequest, employee_id: int, payload: EmployeeUpdateIn
) -> Any:
    """Send only the fields to change. A new position without a unit moves the employee to
    the position's unit."""
    user = acting_user(request)
    employee = get_employee_for_user(user, employee_id, for_write=True)
    changes = payload.changes()
    getters = {
        "unit": get_unit_for_user,
        "position": get_position_for_user,
        "supervisor": get_employee_for_user,
    }
    changes.update(
        resolve_refs(
            request,
            {
                field: (getter, changes[field])
                for field, getter in getters.items()
                if field in changes
            },
        )
    )
    if changes.get("position") is not None and "unit" not in changes:
        changes["unit"] = changes["position"].unit
    if "unit" in changes or "position" in changes:
        _check_placement(
            request,
            employee.instansi,
            changes.get("unit", employee.unit),
            changes.get("position", employee.position),
        )
    jenis = changes.get("jenis", employee.jenis)
    if "nip" in changes:
        changes["nip"] = _clean_nip(jenis, changes["nip"])
    if "golongan" in changes:
        changes["golongan"] = _clean_golongan(jenis, changes["golongan"])
    if "jenis_kelamin" in changes:
        changes["jenis_kelamin"] = changes["jenis_kelamin"] or ""
    data = replace(_current_data(employee), **changes)
    employee_save(instansi=employee.instansi, data=data, employee=employee, acting_user=user)
    return get_employee_for_user(user, employee.pk)
