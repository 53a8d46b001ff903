"""Plan priorities (RPJMD/Renstra themes) and the factors they produce per plan year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.organisation.models import Instansi, Unit
from bangkom.regional.models import PlanDocument, PlanPriority
from bangkom.regional.services.common import (
    check_competencies,
    check_factor,
    check_position_classes,
    check_units,
    clear_factors,
)
from bangkom.regional.services.rules import check_plan_year

SOURCE = FactorSource.PLAN_PRIORITY.value
MAX_SPAN_YEARS = 20  # an RPJPD spans 20 years; an RPJMD 5


@dataclass(frozen=True)
class PriorityData:
    tema: str
    referensi: str
    tahun_mulai: int
    tahun_selesai: int
    competencies: Sequence[Competency]
    factor: Decimal
    dokumen: str = PlanDocument.RPJMD
    uraian: str = ""
    units: Sequence[Unit] = ()
    position_classes: Sequence[str] = ()
    position_keyword: str = ""
    is_active: bool = True


def priority_specs(priority: PlanPriority, tahun: int) -> list[FactorSpec]:
    """The factors of ``priority`` in plan year ``tahun``: none outside its years or inactive."""
    if not priority.is_active or not priority.covers(tahun):
        return []
    title = _("Prioritas %(doc)s: %(tema)s") % {
        "doc": priority.get_dokumen_display(),
        "tema": priority.tema,
    }
    units: list[Unit | None] = list(priority.units.order_by("path")) or [None]
    evidence_base = {
        "tema": priority.tema,
        "dokumen": str(priority.get_dokumen_display()),
        "rujukan": priority.referensi,
        "periode": f"{priority.tahun_mulai}–{priority.tahun_selesai}",
        "tahun_rencana": tahun,
    }
    if priority.uraian:
        evidence_base["uraian"] = priority.uraian[:1000]
    specs = []
    for unit in units:
        evidence = {
            **evidence_base,
            "unit": unit.nama if unit is not None else priority.instansi.nama,
        }
        for competency in priority.competencies.order_by("jenis", "kode"):
            specs.append(
                FactorSpec(
                    competency=competency,
                    factor=priority.factor,
                    title=title,
                    evidence=evidence,
                    unit=unit,
                    position_classes=tuple(priority.position_classes),
                    position_keyword=priority.position_keyword,
                )
            )
    return specs


def priority_apply(*, priority: PlanPriority, tahun: int, acting_user: Any) -> int:
    """Replace the priority's factors for ``tahun``; returns how many it has now."""
    check_plan_year(tahun)
    specs = priority_specs(priority, tahun)
    factors_replace(
        instansi=priority.instansi,
        tahun=tahun,
        source=SOURCE,
        source_key=priority.source_key,
        specs=specs,
        acting_user=acting_user,
    )
    return len(specs)


def _check(instansi: Instansi, data: PriorityData) -> None:
    errors: dict[str, str] = {}
    if not data.tema.strip():
        errors["tema"] = _("Tema prioritas wajib diisi.")
    if not data.referensi.strip():
        errors["referensi"] = _("Tulis rujukan dokumennya, misalnya RPJMD 2025–2029, Misi 2.")
    if data.dokumen not in PlanDocument.values:
        errors["dokumen"] = _("Jenis dokumen tidak dikenal.")
    try:
        check_plan_year(data.tahun_mulai)
        check_plan_year(data.tahun_selesai)
    except ServiceError:
        errors["tahun_mulai"] = _("Tahun harus antara 2000 dan 2100.")
    else:
        if data.tahun_selesai < data.tahun_mulai:
            errors["tahun_selesai"] = _("Tahun selesai tidak boleh sebelum tahun mulai.")
        elif data.tahun_selesai - data.tahun_mulai >= MAX_SPAN_YEARS:
            errors["tahun_selesai"] = _("Rentang tahun paling lama 20 tahun.")
    if errors:
        raise ServiceError(errors)


def priority_save(
    *,
    instansi: Instansi,
    data: PriorityData,
    priority: PlanPriority | None = None,
    acting_user: Any,
) -> PlanPriority:
    """Create or change a priority and apply it to every plan year it covers now or covered
    before (years it no longer covers lose its factors)."""
    _check(instansi, data)
    competencies = check_competencies(instansi, data.competencies)
    units = check_units(instansi, data.units)
    classes = check_position_classes(data.position_classes)
    factor = check_factor(data.factor)
    fields = {
        "tema": data.tema.strip(),
        "dokumen": data.dokumen,
        "referensi": data.referensi.strip(),
        "uraian": data.uraian.strip(),
        "tahun_mulai": data.tahun_mulai,
        "tahun_selesai": data.tahun_selesai,
        "position_classes": classes,
        "position_keyword": data.position_keyword.strip(),
        "factor": factor,
        "is_active": data.is_active,
    }
    with transaction.atomic():
        years: set[int] = set(range(data.tahun_mulai, data.tahun_selesai + 1))
        if priority is None:
            priority = PlanPriority.objects.create(instansi=instansi, **fields)
            before: dict[str, Any] = {}
        else:
            priority = PlanPriority.objects.select_for_update().get(pk=priority.pk)
            before = _snapshot(priority)
            years |= set(
                WeightFactor.objects.filter(
                    instansi=instansi, source_key=priority.source_key
                ).values_list("tahun", flat=True)
            )
            for name, value in fields.items():
                setattr(priority, name, value)
            priority.save()
        priority.competencies.set(competencies)
        priority.units.set(units)
        after = _snapshot(priority)
        if before != after:
            audit_event(
                actor=acting_user,
                action="plan_priority.update" if before else "plan_priority.create",
                target=priority,
                instansi=instansi,
                before=before,
                after=after,
            )
        for tahun in sorted(years):
            priority_apply(priority=priority, tahun=tahun, acting_user=acting_user)
    return priority


def _snapshot(priority: PlanPriority) -> dict[str, Any]:
    return {
        **snapshot(priority),
        "competencies": sorted(priority.competencies.values_list("kode", flat=True)),
        "units": sorted(priority.units.values_list("pk", flat=True)),
    }


def priority_delete(*, priority: PlanPriority, acting_user: Any) -> None:
    with transaction.atomic():
        clear_factors(
            instansi=priority.instansi,
            source=SOURCE,
            source_key=priority.source_key,
            acting_user=acting_user,
        )
        audit_event(
            actor=acting_user,
            action="plan_priority.delete",
            target=priority,
            instansi=priority.instansi,
            before=_snapshot(priority),
        )
        priority.delete()
