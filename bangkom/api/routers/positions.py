"""Positions (jabatan) with their duties (uraian tugas) and competency standard."""

from typing import Any

from django.db.models import Prefetch, Subquery, prefetch_related_objects
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from bangkom.api.pagination import Pagination
from bangkom.api.refs import acting_user, require_write_role, resolve_ref, resolve_refs
from bangkom.api.schemas import (
    DutyIn,
    PositionCreateIn,
    PositionDetailOut,
    PositionFilter,
    PositionOut,
    PositionUpdateIn,
    StandardIn,
)
from bangkom.competencies.access import get_competency_for_user
from bangkom.competencies.models import Competency, PositionStandard
from bangkom.competencies.services import duty_delete, duty_save, standard_set
from bangkom.organisation.access import get_position_for_user, get_unit_for_user, positions_for_user
from bangkom.organisation.models import Duty, DutyCompetency, Position, Unit
from bangkom.organisation.services import position_save

router = Router(tags=["jabatan"])


def position_detail_for(
    request: HttpRequest, position_id: int, *, for_write: bool = False
) -> Position:
    """The position through its access helper, its duties and standard prefetched."""
    position = get_position_for_user(acting_user(request), position_id, for_write=for_write)
    duty_links = DutyCompetency.objects.select_related("competency").order_by(
        "competency__jenis", "competency__kode"
    )
    prefetch_related_objects(
        [position],
        Prefetch(
            "duties",
            queryset=Duty.objects.prefetch_related(Prefetch("competencies", queryset=duty_links)),
        ),
        Prefetch("standards", queryset=PositionStandard.objects.select_related("competency")),
    )
    return position


@router.get("", response=list[PositionOut], summary="Daftar jabatan")
@paginate(Pagination)
def position_list(request: HttpRequest, filters: Query[PositionFilter]) -> Any:
    positions = positions_for_user(acting_user(request))
    if filters.instansi is not None:
        positions = positions.filter(instansi_id=filters.instansi)
    if filters.unit is not None:
        # The subtree's path comes from the unit itself; the result is still limited to the
        # positions the user may see, so an id outside their scope just finds nothing.
        unit_path = Unit.objects.filter(pk=filters.unit).values("path")[:1]
        positions = positions.filter(unit__path__startswith=Subquery(unit_path))
    if filters.kelas is not None:
        positions = positions.filter(kelas=filters.kelas)
    if filters.q and filters.q.strip():
        positions = positions.filter(nama__icontains=filters.q.strip())
    return positions.order_by("unit__path", "nama", "pk")


@router.get("/{position_id}", response=PositionDetailOut, summary="Detail jabatan")
def position_detail(request: HttpRequest, position_id: int) -> Any:
    """With its duties (and the competencies each needs) and its standard, line by line with
    where each level comes from: the position class, the duties, or a manual edit."""
    return position_detail_for(request, position_id)


@router.post("", response={201: PositionDetailOut}, summary="Tambah jabatan")
def position_create_endpoint(request: HttpRequest, payload: PositionCreateIn) -> Any:
    require_write_role(request)
    unit = resolve_ref("unit", get_unit_for_user, request, payload.unit, for_write=True)
    position = position_save(
        instansi=unit.instansi,
        unit=unit,
        nama=payload.nama,
        kelas=payload.kelas,
        ikhtisar=payload.ikhtisar,
        acting_user=acting_user(request),
    )
    return Status(201, position_detail_for(request, position.pk))


@router.patch("/{position_id}", response=PositionDetailOut, summary="Ubah jabatan (sebagian)")
def position_update_endpoint(
    request: HttpRequest, position_id: int, payload: PositionUpdateIn
) -> Any:
    """A change of class re-derives the standard (manual lines are kept)."""
    position = get_position_for_user(acting_user(request), position_id, for_write=True)
    changes = payload.changes()
    unit = position.unit
    if "unit" in changes and changes["unit"] != position.unit_id:
        unit = resolve_ref("unit", get_unit_for_user, request, changes["unit"], for_write=True)
    position_save(
        instansi=position.instansi,
        unit=unit,
        nama=changes.get("nama", position.nama),
        kelas=changes.get("kelas", position.kelas),
        ikhtisar=changes.get("ikhtisar", position.ikhtisar),
        position=position,
        acting_user=acting_user(request),
    )
    return position_detail_for(request, position.pk)


@router.put(
    "/{position_id}/standards/{competency_id}",
    response=PositionDetailOut,
    summary="Atur satu baris standar kompetensi",
)
def standard_set_endpoint(
    request: HttpRequest, position_id: int, competency_id: int, payload: StandardIn
) -> Any:
    """Sets the required level by hand (kept when the standard is re-derived); ``level: null``
    hands the line back to the derivation from class and duties."""
    position = get_position_for_user(acting_user(request), position_id, for_write=True)
    competency = get_competency_for_user(acting_user(request), competency_id)
    standard_set(
        position=position,
        competency=competency,
        level=payload.level,
        acting_user=acting_user(request),
    )
    return position_detail_for(request, position.pk)


def _duty_links(request: HttpRequest, payload: DutyIn) -> list[tuple[Competency, int]]:
    fields = {
        f"competencies.{index}.competency": (get_competency_for_user, link.competency)
        for index, link in enumerate(payload.competencies)
    }
    competencies = resolve_refs(request, fields)
    return [
        (competencies[field], link.level)
        for field, link in zip(fields, payload.competencies, strict=True)
    ]


def _duty_of(position: Position, duty_id: int) -> Duty:
    duty = position.duties.filter(pk=duty_id).first()
    if duty is None:
        raise Http404
    return duty


@router.post(
    "/{position_id}/duties", response={201: PositionDetailOut}, summary="Tambah uraian tugas"
)
def duty_create_endpoint(request: HttpRequest, position_id: int, payload: DutyIn) -> Any:
    """Each competency a duty names raises the position's standard to at least that level."""
    position = get_position_for_user(acting_user(request), position_id, for_write=True)
    duty_save(
        position=position,
        uraian=payload.uraian,
        competencies=_duty_links(request, payload),
        urutan=payload.urutan,
        acting_user=acting_user(request),
    )
    return Status(201, position_detail_for(request, position.pk))


@router.put(
    "/{position_id}/duties/{duty_id}", response=PositionDetailOut, summary="Ganti uraian tugas"
)
def duty_update_endpoint(
    request: HttpRequest, position_id: int, duty_id: int, payload: DutyIn
) -> Any:
    """Replaces the duty's text and its whole list of competencies."""
    position = get_position_for_user(acting_user(request), position_id, for_write=True)
    duty = _duty_of(position, duty_id)
    duty_save(
        position=position,
        duty=duty,
        uraian=payload.uraian,
        competencies=_duty_links(request, payload),
        urutan=payload.urutan,
        acting_user=acting_user(request),
    )
    return position_detail_for(request, position.pk)


@router.delete(
    "/{position_id}/duties/{duty_id}", response={204: None}, summary="Hapus uraian tugas"
)
def duty_delete_endpoint(request: HttpRequest, position_id: int, duty_id: int) -> Any:
    position = get_position_for_user(acting_user(request), position_id, for_write=True)
    duty_delete(duty=_duty_of(position, duty_id), acting_user=acting_user(request))
    return Status(204, None)
