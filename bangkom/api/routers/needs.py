"""Needs analysis (AKPK): unit × competency priorities, their factors, per-ASN inventories."""

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from bangkom.accounts.scope import scope_for
from bangkom.api.openapi import also_answers
from bangkom.api.pagination import Pagination
from bangkom.api.refs import acting_user
from bangkom.api.schemas import ObjectId, Year
from bangkom.core.access import deny
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.needs.access import get_employee_for_needs, get_unit_for_needs, unit_filter_for
from bangkom.needs.models import UnitPriority
from bangkom.needs.selectors import inventory
from bangkom.organisation.models import Instansi

router = Router(tags=["kebutuhan"])


class PriorityOut(Schema):
    unit_id: int
    unit: str
    competency_id: int
    kode: str
    kompetensi: str
    asn_with_gap: int
    total_gap: int
    total_score: Decimal
    weight: Decimal
    rank: int


class FactorOut(Schema):
    id: int
    competency_id: int
    kode: str
    factor: Decimal
    source: str
    title: str
    evidence: dict[str, Any]
    unit_id: int | None
    employee_id: int | None
    position_classes: list[str]
    position_keyword: str


class NeedLineOut(Schema):
    competency_id: int
    kode: str
    kompetensi: str
    required_level: int
    current_level: int
    current_source: str
    gap: int
    target_required_level: int | None
    target_gap: int | None
    weight: Decimal
    score: Decimal
    factor_ids: list[int]


def _instansi(request: HttpRequest, instansi: int) -> Instansi:
    scope = scope_for(acting_user(request))
    allowed = set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}
    if instansi not in allowed:
        if not allowed:
            raise deny()
        raise Http404(_("Data tidak ditemukan."))
    return Instansi.objects.get(pk=instansi)


@router.get(
    "/priorities",
    response=list[PriorityOut],
    summary="Prioritas unit × kompetensi",
    openapi_extra=also_answers(403, 404),
)
@paginate(Pagination)
def priority_list(
    request: HttpRequest, instansi: ObjectId, tahun: Year, unit: ObjectId | None = None
) -> Any:
    """Ranked priorities of an instansi's units (rank 1 = highest total weighted gap among units
    of the same level). ``unit`` limits to that unit's subtree."""
    owner = _instansi(request, instansi)
    qs = UnitPriority.objects.filter(
        unit_filter_for(acting_user(request), owner), instansi=owner, tahun=tahun
    )
    if unit is not None:
        qs = qs.filter(unit__path__startswith=get_unit_for_needs(acting_user(request), unit).path)
    return [
        PriorityOut(
            unit_id=row.unit_id,
            unit=row.unit.nama,
            competency_id=row.competency_id,
            kode=row.competency.kode,
            kompetensi=row.competency.nama,
            asn_with_gap=row.asn_with_gap,
            total_gap=row.total_gap,
            total_score=row.total_score,
            weight=row.weight,
            rank=row.rank,
        )
        for row in qs.select_related("unit", "competency").order_by("unit__depth", "rank", "pk")
    ]


@router.get(
    "/factors",
    response=list[FactorOut],
    summary="Faktor bobot dan buktinya",
    openapi_extra=also_answers(403, 404),
)
@paginate(Pagination)
def factor_list(
    request: HttpRequest, instansi: ObjectId, tahun: Year, source: FactorSource | None = None
) -> Any:
    owner = _instansi(request, instansi)
    scope = scope_for(acting_user(request))
    qs = WeightFactor.objects.filter(instansi=owner, tahun=tahun, is_active=True)
    if not scope.can_read_all(owner.pk):
        qs = qs.filter(unit_filter_for(acting_user(request), owner))
    if source:
        qs = qs.filter(source=source)
    return [
        FactorOut(
            id=f.pk,
            competency_id=f.competency_id,
            kode=f.competency.kode,
            factor=f.factor,
            source=f.source,
            title=f.title,
            evidence=f.evidence,
            unit_id=f.unit_id,
            employee_id=f.employee_id,
            position_classes=list(f.position_classes or []),
            position_keyword=f.position_keyword,
        )
        for f in qs.select_related("competency").order_by("competency__kode", "pk")
    ]


@router.get("/employees/{employee_id}", response=list[NeedLineOut], summary="Kebutuhan satu ASN")
def employee_needs(request: HttpRequest, employee_id: int, tahun: Year) -> Any:
    """The inventory of one ASN's development needs (inventarisasi kebutuhan), highest score
    first; visible to whoever may see the ASN."""
    employee = get_employee_for_needs(acting_user(request), employee_id)
    return [
        NeedLineOut(
            competency_id=item.competency.pk,
            kode=item.competency.kode,
            kompetensi=item.competency.nama,
            required_level=item.line.required_level,
            current_level=item.line.current_level,
            current_source=item.line.current_source,
            gap=item.line.gap,
            target_required_level=item.line.target_required_level,
            target_gap=item.line.target_gap,
            weight=item.line.weight,
            score=item.line.score,
            factor_ids=list(item.line.factor_ids),
        )
        for item in inventory(employee, tahun)
    ]
