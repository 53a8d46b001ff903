"""Reads for the needs pages: heatmap, drill-down, the "why" of a priority, inventories."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from bangkom.competencies.models import Competency
from bangkom.factors.models import WeightFactor
from bangkom.needs.models import (
    EmployeeNeeds,
    NeedLine,
    Recomputation,
    RecomputationStatus,
    UnitPriority,
)
from bangkom.organisation.models import Employee, Instansi, Unit


@dataclass(frozen=True)
class Heatmap:
    units: list[Unit]
    competencies: list[Competency]
    cells: dict[tuple[int, int], UnitPriority]
    max_score: Decimal

    def cell(self, unit_id: int, competency_id: int) -> UnitPriority | None:
        return self.cells.get((unit_id, competency_id))


def heatmap(
    instansi: Instansi, tahun: int, unit_q: Q, *, parent: Unit | None, max_competencies: int = 15
) -> Heatmap:
    """Units of one level (the OPD, or the children of ``parent``) × the competencies with the
    largest total weighted gap among them."""
    units_qs: QuerySet[Unit] = Unit.objects.filter(instansi=instansi)
    units_qs = units_qs.filter(parent=parent) if parent else units_qs.filter(parent__isnull=True)
    rows = list(
        UnitPriority.objects.filter(unit_q, instansi=instansi, tahun=tahun, unit__in=units_qs)
        .select_related("unit", "competency")
        .order_by("unit__nama")
    )
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[row.competency_id] += row.total_score
    top = sorted(totals, key=lambda cid: -totals[cid])[:max_competencies]
    competencies = {row.competency_id: row.competency for row in rows}
    units = {row.unit_id: row.unit for row in rows}
    return Heatmap(
        units=sorted(units.values(), key=lambda u: u.nama),
        competencies=[competencies[cid] for cid in top],
        cells={(row.unit_id, row.competency_id): row for row in rows if row.competency_id in top},
        max_score=max((row.total_score for row in rows), default=Decimal(0)),
    )


def factors_for(unit: Unit, competency: Competency, tahun: int) -> list[WeightFactor]:
    """Every active factor that can weigh ``competency`` for someone in ``unit``'s subtree:
    instansi-wide, on the unit or an ancestor, or on a unit below it."""
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
    return list(
        WeightFactor.objects.filter(
            instansi_id=unit.instansi_id, tahun=tahun, competency=competency, is_active=True
        )
        .filter(
            Q(unit__isnull=True) | Q(unit_id__in=ancestors) | Q(unit__path__startswith=unit.path)
        )
        .select_related("unit", "employee")
        .order_by("source", "-factor")
    )


@dataclass(frozen=True)
class EmployeeLine:
    employee: Employee
    line: NeedLine


def employees_with_gap(unit: Unit, competency: Competency, tahun: int) -> list[EmployeeLine]:
    """The ASN of ``unit``'s subtree with a gap in ``competency``, highest score first."""
    result = []
    for needs in (
        EmployeeNeeds.objects.filter(
            instansi_id=unit.instansi_id, tahun=tahun, unit__path__startswith=unit.path
        )
        .select_related("employee", "employee__position", "employee__unit")
        .iterator(chunk_size=2000)
    ):
        line = needs.line_for(competency.pk)
        if line is not None and line.gap:
            result.append(EmployeeLine(needs.employee, line))
    result.sort(key=lambda item: (-item.line.score, item.employee.nama))
    return result


@dataclass(frozen=True)
class InventoryLine:
    competency: Competency
    line: NeedLine
    factors: list[WeightFactor]


def inventory(employee: Employee, tahun: int) -> list[InventoryLine]:
    """One ASN's needs for the year, highest score first, each with the factors that weigh it."""
    needs = EmployeeNeeds.objects.filter(employee=employee, tahun=tahun).first()
    if needs is None:
        return []
    lines = needs.lines
    competencies = Competency.objects.in_bulk([line.competency_id for line in lines])
    factor_ids = {fid for line in lines for fid in line.factor_ids}
    factors = WeightFactor.objects.in_bulk(list(factor_ids))
    result = [
        InventoryLine(
            competency=competencies[line.competency_id],
            line=line,
            factors=[factors[fid] for fid in line.factor_ids if fid in factors],
        )
        for line in lines
        if line.competency_id in competencies
    ]
    result.sort(
        key=lambda item: (-item.line.score, -(item.line.target_gap or 0), item.competency.kode)
    )
    return result


def unit_inventory_rows(
    instansi: Instansi, tahun: int, unit_q: Q, unit: Unit | None
) -> list[dict[str, Any]]:
    """Flat rows of the per-ASN inventory for exports, ordered by unit, name, score."""
    qs = EmployeeNeeds.objects.filter(unit_q, instansi=instansi, tahun=tahun)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    qs = qs.select_related("employee", "employee__position", "unit").order_by(
        "unit__path", "employee__nama"
    )
    competencies = {c.pk: c for c in Competency.objects.all()}
    rows = []
    for needs in qs.iterator(chunk_size=2000):
        for line in sorted(needs.lines, key=lambda ln: -ln.score):
            competency = competencies.get(line.competency_id)
            rows.append(
                {
                    "unit": needs.unit.nama if needs.unit else "",
                    "nip": needs.employee.nip,
                    "nama": needs.employee.display_name,
                    "jabatan": needs.employee.position.nama if needs.employee.position else "",
                    "kode": competency.kode if competency else "",
                    "kompetensi": competency.nama if competency else "",
                    "dipersyaratkan": line.required_level,
                    "saat_ini": line.current_level,
                    "sumber": line.current_source,
                    "kesenjangan": line.gap,
                    "kesenjangan_karier": line.target_gap,
                    "bobot": line.weight,
                    "skor": line.score,
                }
            )
    return rows


def last_recomputation(instansi: Instansi, tahun: int) -> Recomputation | None:
    """The latest done recomputation: the one whose results are in force."""
    return (
        Recomputation.objects.filter(
            instansi=instansi, tahun=tahun, status=RecomputationStatus.DONE
        )
        .order_by("-finished_at", "-id")
        .first()
    )


def pending_recomputation(instansi: Instansi, tahun: int) -> Recomputation | None:
    """The latest recomputation if it has not (yet) replaced the results: queued, running, or
    failed after the last done one. ``None`` when the results in force are the latest."""
    latest = Recomputation.objects.filter(instansi=instansi, tahun=tahun).first()
    if latest is None or latest.status == RecomputationStatus.DONE:
        return None
    return latest
