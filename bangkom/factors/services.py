"""Writes of the weight factors: each source of evidence replaces what it said before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.factors.models import FactorSource, WeightFactor
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
                # The type name from before the move, so the audit history reads as one.
                target_type="needs.weightfactor",
                instansi=instansi,
                before=before,
                after=after,
                note=f"{source_key} ({tahun})",
            )
    return created
