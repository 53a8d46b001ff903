"""Writes of the needs analysis: weight factors from every source of evidence."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.assessments.models import CurrentLevel
from bangkom.competencies.models import Competency, PositionStandard
from bangkom.core.audit import audit_event
from bangkom.core.bulk import bulk_insert
from bangkom.core.errors import ServiceError
from bangkom.needs.compute import EmployeeFacts, Factor, need_rows, rank, unit_aggregates
from bangkom.needs.models import (
    FactorSource,
    NeedScore,
    Recomputation,
    UnitPriority,
    WeightFactor,
)
from bangkom.organisation.models import Employee, Instansi, PositionClass, Unit


@dataclass(frozen=True)
class FactorSpec:
    """What a source of evidence says: weigh ``competency`` by ``factor`` for these employees."""

    competency: Competency
    factor: Decimal
    title: str
    evidence: dict[str, Any] = field(default_factory=dict)
    unit: Unit | None = None
    employee: Employee | None = None
    position_classes: Sequence[str] = ()
    position_keyword: str = ""


def _check_spec(instansi: Instansi, spec: FactorSpec) -> list[str]:
    errors = []
    if spec.factor <= 0:
        errors.append(_("Faktor untuk %s harus lebih dari 0.") % spec.competency.kode)
    if spec.unit is not None and spec.unit.instansi_id != instansi.pk:
        errors.append(_("Unit %s bukan milik instansi ini.") % spec.unit.nama)
    if spec.competency.instansi_id not in (None, instansi.pk):
        errors.append(_("Kompetensi %s bukan milik instansi ini.") % spec.competency.kode)
    if spec.employee is not None and spec.employee.instansi_id != instansi.pk:
        errors.append(_("Pegawai %s bukan milik instansi ini.") % spec.employee.nip)
    unknown = set(spec.position_classes) - set(PositionClass.values)
    if unknown:
        errors.append(_("Kelas jabatan tidak dikenal: %s") % ", ".join(sorted(unknown)))
    if not spec.title.strip():
        errors.append(_("Setiap faktor perlu ringkasan buktinya."))
    return errors


def factors_replace(
    *,
    instansi: Instansi,
    tahun: int,
    source: str,
    source_key: str,
    specs: Sequence[FactorSpec],
    acting_user: Any,
) -> list[WeightFactor]:
    """Replace every factor a source produced for ``instansi``/``tahun`` with ``specs``.

    A source (a signal rule, a plan priority, a survey, a moderated input, a unit's IKM) is
    re-evaluated as a whole: its old factors go, its new ones come, in one transaction with one
    audit row saying what changed.
    """
    if source not in FactorSource.values:
        raise ServiceError({"source": _("Sumber faktor tidak dikenal: %s") % source})
    errors = [message for spec in specs for message in _check_spec(instansi, spec)]
    if errors:
        raise ServiceError({"factors": errors})
    with transaction.atomic():
        old = WeightFactor.objects.filter(instansi=instansi, tahun=tahun, source_key=source_key)
        before = {f"{f.competency_id}@{f.unit_id or '*'}": str(f.factor) for f in old}
        old.delete()
        created = WeightFactor.objects.bulk_create(
            [
                WeightFactor(
                    instansi=instansi,
                    tahun=tahun,
                    competency=spec.competency,
                    unit=spec.unit,
                    employee=spec.employee,
                    position_classes=list(spec.position_classes),
                    position_keyword=spec.position_keyword.strip(),
                    factor=spec.factor,
                    source=source,
                    source_key=source_key,
                    title=spec.title.strip()[:255],
                    evidence=spec.evidence,
                )
                for spec in specs
            ]
        )
        after = {f"{s.competency.pk}@{s.unit.pk if s.unit else '*'}": str(s.factor) for s in specs}
        if before != after:
            audit_event(
                actor=acting_user,
                action="weight_factor.replace",
                target=None,
                target_type="needs.weightfactor",
                instansi=instansi,
                before=before,
                after=after,
                note=f"{source_key} ({tahun})",
            )
    return created


# ----------------------------------------------------------------------------- recomputation


def load_inputs(
    instansi: Instansi, tahun: int
) -> tuple[
    list[EmployeeFacts],
    dict[int, dict[int, int]],
    dict[tuple[int, int], tuple[int, str]],
    list[Factor],
    dict[int, str],
    dict[int, int],
]:
    """Everything the computation needs, read in a handful of set-based queries."""
    employees = [
        EmployeeFacts(
            id=pk,
            unit_id=unit_id,
            unit_path=unit_path or "",
            position_id=position_id,
            position_class=position_class or "",
            position_name=position_name or "",
            target_position_id=target_id,
        )
        for pk, unit_id, unit_path, position_id, position_class, position_name, target_id in (
            Employee.objects.filter(instansi=instansi, is_active=True).values_list(
                "pk",
                "unit_id",
                "unit__path",
                "position_id",
                "position__kelas",
                "position__nama",
                "target_position_id",
            )
        )
    ]
    standards: dict[int, dict[int, int]] = defaultdict(dict)
    for position_id, competency_id, level in PositionStandard.objects.filter(
        position__instansi=instansi
    ).values_list("position_id", "competency_id", "required_level"):
        standards[position_id][competency_id] = level
    current = {
        (employee_id, competency_id): (level, source)
        for employee_id, competency_id, level, source in CurrentLevel.objects.filter(
            employee__instansi=instansi, employee__is_active=True
        ).values_list("employee_id", "competency_id", "level", "source")
    }
    units = list(Unit.objects.filter(instansi=instansi).values_list("pk", "path", "depth"))
    unit_paths = {pk: path for pk, path, _depth in units}
    unit_depths = {pk: depth for pk, _path, depth in units}
    factors = [
        Factor(
            id=f.pk,
            competency_id=f.competency_id,
            factor=f.factor,
            unit_path=unit_paths.get(f.unit_id, "") if f.unit_id else "",
            position_classes=frozenset(f.position_classes or ()),
            position_keyword=f.position_keyword,
            employee_id=f.employee_id,
        )
        for f in WeightFactor.objects.filter(instansi=instansi, tahun=tahun, is_active=True)
    ]
    return employees, standards, current, factors, unit_paths, unit_depths


def needs_recompute(*, instansi: Instansi, tahun: int, acting_user: Any) -> Recomputation:
    """Recompute every need score and unit priority of ``instansi`` for ``tahun``.

    Idempotent: the materialised rows are replaced as a whole in one transaction, so readers see
    either the old or the new analysis, never half of each.
    """
    started = time.perf_counter()
    employees, standards, current, factors, unit_paths, unit_depths = load_inputs(instansi, tahun)
    rows = need_rows(employees, standards, current, factors)
    aggregates = unit_aggregates(rows, unit_paths)
    ranks = rank(aggregates, unit_depths)
    with transaction.atomic():
        NeedScore.objects.filter(instansi=instansi, tahun=tahun).delete()
        UnitPriority.objects.filter(instansi=instansi, tahun=tahun).delete()
        bulk_insert(
            NeedScore,
            (
                "instansi",
                "tahun",
                "employee",
                "competency",
                "unit",
                "required_level",
                "current_level",
                "current_source",
                "gap",
                "target_required_level",
                "target_gap",
                "weight",
                "score",
            ),
            (
                (
                    instansi.pk,
                    tahun,
                    r.employee_id,
                    r.competency_id,
                    r.unit_id,
                    r.required_level,
                    r.current_level,
                    r.current_source,
                    r.gap,
                    r.target_required_level,
                    r.target_gap,
                    r.weight,
                    r.score,
                )
                for r in rows
            ),
        )
        bulk_insert(
            UnitPriority,
            (
                "instansi",
                "tahun",
                "unit",
                "competency",
                "asn_with_gap",
                "total_gap",
                "total_score",
                "weight",
                "rank",
            ),
            (
                (
                    instansi.pk,
                    tahun,
                    a.unit_id,
                    a.competency_id,
                    a.asn_with_gap,
                    a.total_gap,
                    a.total_score,
                    a.weight,
                    ranks[(a.unit_id, a.competency_id)],
                )
                for a in aggregates
            ),
        )
        recomputation, _created = Recomputation.objects.update_or_create(
            instansi=instansi,
            tahun=tahun,
            defaults={
                "employees": len(employees),
                "need_rows": len(rows),
                "seconds": round(time.perf_counter() - started, 3),
            },
        )
        audit_event(
            actor=acting_user,
            action="needs.recompute",
            target=recomputation,
            instansi=instansi,
            after={
                "tahun": tahun,
                "employees": len(employees),
                "need_rows": len(rows),
                "factors": len(factors),
            },
        )
    return recomputation
