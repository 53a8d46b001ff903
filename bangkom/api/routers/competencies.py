"""Competencies: the national dictionary (managerial, socio-cultural, national technical) and an
instansi's own technical competencies."""

from typing import Any

from django.db.models import Q, prefetch_related_objects
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from bangkom.api.pagination import Pagination
from bangkom.api.refs import acting_user, require_write_role, resolve_optional_ref
from bangkom.api.schemas import (
    CompetencyCreateIn,
    CompetencyDetailOut,
    CompetencyFilter,
    CompetencyOut,
    CompetencyUpdateIn,
)
from bangkom.competencies.access import (
    can_write_competency,
    competencies_for_user,
    get_competency_for_user,
)
from bangkom.competencies.models import Competency, CompetencyKind
from bangkom.competencies.services import technical_competency_save
from bangkom.core.access import deny
from bangkom.organisation.access import get_instansi_for_user

router = Router(tags=["kompetensi"])


def competency_detail_for(request: HttpRequest, competency_id: int) -> Competency:
    competency = get_competency_for_user(acting_user(request), competency_id)
    prefetch_related_objects([competency], "levels")
    return competency


@router.get("", response=list[CompetencyOut], summary="Daftar kompetensi")
@paginate(Pagination)
def competency_list(request: HttpRequest, filters: Query[CompetencyFilter]) -> Any:
    competencies = competencies_for_user(acting_user(request)).select_related("instansi")
    if filters.jenis is not None:
        competencies = competencies.filter(jenis=filters.jenis)
    if filters.q and filters.q.strip():
        q = filters.q.strip()
        competencies = competencies.filter(Q(kode__icontains=q) | Q(nama__icontains=q))
    if filters.instansi is not None:
        competencies = competencies.filter(instansi_id=filters.instansi)
    return competencies.order_by("jenis", "kode", "pk")


@router.get("/{competency_id}", response=CompetencyDetailOut, summary="Detail kompetensi")
def competency_detail(request: HttpRequest, competency_id: int) -> Any:
    """With its five levels and, for the official dictionary, the behaviour indicators."""
    return competency_detail_for(request, competency_id)


@router.post("", response={201: CompetencyDetailOut}, summary="Tambah kompetensi teknis")
def competency_create_endpoint(request: HttpRequest, payload: CompetencyCreateIn) -> Any:
    """``instansi: null`` makes a national technical competency, which only a national
    superadmin may do."""
    require_write_role(request)
    user = acting_user(request)
    instansi = resolve_optional_ref("instansi", get_instansi_for_user, request, payload.instansi)
    if instansi is not None:
        get_instansi_for_user(user, instansi.pk, for_write=True)
    elif not can_write_competency(user, Competency(instansi=None, jenis=CompetencyKind.TEKNIS)):
        raise deny()
    competency = technical_competency_save(
        instansi=instansi,
        kode=payload.kode,
        nama=payload.nama,
        sektor=payload.sektor,
        uraian=payload.uraian,
        levels=payload.levels,
        acting_user=user,
    )
    return Status(201, competency_detail_for(request, competency.pk))


@router.patch(
    "/{competency_id}", response=CompetencyDetailOut, summary="Ubah kompetensi teknis (sebagian)"
)
def competency_update_endpoint(
    request: HttpRequest, competency_id: int, payload: CompetencyUpdateIn
) -> Any:
    """The official dictionary (PermenPANRB 38/2017) cannot be changed: 403."""
    user = acting_user(request)
    competency = get_competency_for_user(user, competency_id, for_write=True)
    changes = payload.changes()
    levels = changes.get("levels") or [
        level.deskripsi for level in competency.levels.order_by("level")
    ]
    technical_competency_save(
        instansi=competency.instansi,
        competency=competency,
        kode=changes.get("kode", competency.kode),
        nama=changes.get("nama", competency.nama),
        sektor=changes.get("sektor", competency.sektor),
        uraian=changes.get("uraian", competency.uraian),
        levels=levels,
        acting_user=user,
    )
    return competency_detail_for(request, competency.pk)
