"""What the regional services share: settings with defaults, public audit rows, lookups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import diff
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.factors.models import WeightFactor
from bangkom.factors.services import factors_replace
from bangkom.organisation.models import Instansi, PositionClass, Unit, Wilayah, WilayahLevel
from bangkom.regional.models import RegionalSettings

PUBLIC_ACTOR = "publik"
MAX_FACTOR = Decimal("10")


def regional_settings(instansi: Instansi) -> RegionalSettings:
    """The instansi's settings; unsaved defaults when it has never saved any (reading writes
    nothing)."""
    found = RegionalSettings.objects.filter(instansi=instansi).first()
    return found if found is not None else RegionalSettings(instansi=instansi)


def audit_public(
    *,
    action: str,
    target: models.Model,
    instansi: Instansi,
    after: Mapping[str, Any],
    note: str = "",
) -> AuditEvent:
    """The audit row of a submission by a member of the public: no user, actor "publik".

    ``core.audit.audit_event`` labels a missing actor "sistem"; a citizen is not the system.
    """
    return AuditEvent.objects.create(
        actor=None,
        actor_label=PUBLIC_ACTOR,
        instansi=instansi,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        changes=diff(None, after),
        note=note,
    )


def check_factor(value: Decimal | None, field: str = "factor") -> Decimal:
    """A weight factor is a number above 0 and at most 10."""
    try:
        factor = Decimal(value) if value is not None else None
    except (InvalidOperation, TypeError, ValueError):
        factor = None
    if factor is None or not factor.is_finite():
        raise ServiceError({field: _("Faktor harus berupa angka, misalnya 1,5.")})
    if factor <= 0 or factor > MAX_FACTOR:
        raise ServiceError({field: _("Faktor harus lebih dari 0 dan paling besar 10.")})
    return factor


def check_position_classes(classes: Iterable[str], field: str = "position_classes") -> list[str]:
    chosen = list(dict.fromkeys(classes))
    unknown = sorted(set(chosen) - set(PositionClass.values))
    if unknown:
        raise ServiceError({field: _("Kelas jabatan tidak dikenal: %s") % ", ".join(unknown)})
    return chosen


def check_competencies(
    instansi: Instansi, competencies: Iterable[Competency], field: str = "competencies"
) -> list[Competency]:
    chosen = list({c.pk: c for c in competencies}.values())
    if not chosen:
        raise ServiceError({field: _("Pilih paling sedikit satu kompetensi.")})
    foreign = [c.kode for c in chosen if c.instansi_id not in (None, instansi.pk)]
    if foreign:
        raise ServiceError(
            {field: _("Kompetensi %s bukan milik instansi ini.") % ", ".join(foreign)}
        )
    return sorted(chosen, key=lambda c: (c.jenis, c.kode))


def check_units(instansi: Instansi, units: Iterable[Unit], field: str = "units") -> list[Unit]:
    chosen = list({u.pk: u for u in units}.values())
    foreign = [u.nama for u in chosen if u.instansi_id != instansi.pk]
    if foreign:
        raise ServiceError({field: _("Unit %s bukan milik instansi ini.") % ", ".join(foreign)})
    return sorted(chosen, key=lambda u: u.path)


def wilayah_in_instansi(instansi: Instansi, wilayah: Wilayah) -> bool:
    """True for the instansi's own region and every region inside it."""
    return wilayah.kode == instansi.wilayah_id or wilayah.kode.startswith(f"{instansi.wilayah_id}.")


def wilayah_label(wilayah: Wilayah) -> str:
    """``Kecamatan Medan Marelan``, ``Kelurahan Alak``: the level in front of district and
    village names, which the Kemendagri list writes bare (city names already carry theirs)."""
    if wilayah.tingkat == WilayahLevel.KECAMATAN:
        return _("Kecamatan %s") % wilayah.nama
    if wilayah.tingkat == WilayahLevel.KELURAHAN_DESA:
        return (_("Kelurahan %s") if wilayah.is_kelurahan else _("Desa %s")) % wilayah.nama
    return wilayah.nama


def national_competency(kode: str) -> Competency:
    competency = Competency.objects.filter(instansi__isnull=True, kode=kode).first()
    if competency is None:
        raise ServiceError(
            _("Kompetensi %s belum ada di kamus; muat kamus kompetensi terlebih dahulu.") % kode
        )
    return competency


def clear_factors(*, instansi: Instansi, source: str, source_key: str, acting_user: Any) -> int:
    """Remove every factor a source produced, for every plan year; returns how many years."""
    years = sorted(
        set(
            WeightFactor.objects.filter(instansi=instansi, source_key=source_key).values_list(
                "tahun", flat=True
            )
        )
    )
    for tahun in years:
        factors_replace(
            instansi=instansi,
            tahun=tahun,
            source=source,
            source_key=source_key,
            specs=[],
            acting_user=acting_user,
        )
    return len(years)
