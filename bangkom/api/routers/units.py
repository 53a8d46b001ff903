"""Units (unit kerja): the OPD of an instansi and the units under them."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from bangkom.api.pagination import Pagination
from bangkom.api.refs import acting_user, require_write_role, resolve_ref, resolve_wilayah
from bangkom.api.schemas import UnitCreateIn, UnitFilter, UnitOut, UnitUpdateIn
from bangkom.organisation.access import get_instansi_for_user, get_unit_for_user, units_for_user
from bangkom.organisation.models import Instansi, Unit
from bangkom.organisation.services import unit_create, unit_update

router = Router(tags=["unit kerja"])


@router.get("", response=list[UnitOut], summary="Daftar unit kerja")
@paginate(Pagination)
def unit_list(request: HttpRequest, filters: Query[UnitFilter]) -> Any:
    units = units_for_user(acting_user(request))
    if filters.instansi is not None:
        units = units.filter(instansi_id=filters.instansi)
    if filters.parent is not None:
        units = units.filter(parent_id=filters.parent)
    if filters.q and filters.q.strip():
        q = filters.q.strip()
        units = units.filter(Q(nama__icontains=q) | Q(singkatan__icontains=q))
    return units.order_by("path", "pk")


@router.get("/{unit_id}", response=UnitOut, summary="Detail unit kerja")
def unit_detail(request: HttpRequest, unit_id: int) -> Any:
    return get_unit_for_user(acting_user(request), unit_id)


def _parent_for_write(
    request: HttpRequest, instansi: Instansi, parent_id: int | None
) -> Unit | None:
    """A new top-level unit (OPD) is the instansi admin's call; a sub-unit needs write access
    to its parent, which an OPD admin has inside their own OPD."""
    if parent_id is None:
        get_instansi_for_user(acting_user(request), instansi.pk, for_write=True)
        return None
    return resolve_ref("parent", get_unit_for_user, request, parent_id, for_write=True)


@router.post("", response={201: UnitOut}, summary="Tambah unit kerja")
def unit_create_endpoint(request: HttpRequest, payload: UnitCreateIn) -> Any:
    require_write_role(request)
    instansi = resolve_ref("instansi", get_instansi_for_user, request, payload.instansi)
    parent = _parent_for_write(request, instansi, payload.parent)
    unit = unit_create(
        instansi=instansi,
        parent=parent,
        nama=payload.nama,
        jenis=payload.jenis,
        singkatan=payload.singkatan,
        wilayah=resolve_wilayah("wilayah", payload.wilayah),
        acting_user=acting_user(request),
    )
    return Status(201, get_unit_for_user(acting_user(request), unit.pk))


@router.patch("/{unit_id}", response=UnitOut, summary="Ubah unit kerja (sebagian)")
def unit_update_endpoint(request: HttpRequest, unit_id: int, payload: UnitUpdateIn) -> Any:
    user = acting_user(request)
    unit = get_unit_for_user(user, unit_id, for_write=True)
    changes = payload.changes()
    parent = unit.parent
    if "parent" in changes and changes["parent"] != unit.parent_id:
        parent = _parent_for_write(request, unit.instansi, changes["parent"])
    wilayah = unit.wilayah
    if "wilayah" in changes:
        wilayah = resolve_wilayah("wilayah", changes["wilayah"])
    unit_update(
        unit=unit,
        nama=changes.get("nama", unit.nama),
        jenis=changes.get("jenis", unit.jenis),
        parent=parent,
        singkatan=changes.get("singkatan", unit.singkatan),
        wilayah=wilayah,
        acting_user=user,
    )
    return get_unit_for_user(user, unit.pk)
