"""Writes of indicators and their values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Instansi, Unit, Wilayah
from bangkom.regional.models import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Periodicity,
)
from bangkom.regional.numbers import MAX_VALUE
from bangkom.regional.periods import MAX_YEAR, MIN_YEAR
from bangkom.regional.services.common import wilayah_in_instansi


@dataclass(frozen=True)
class IndicatorData:
    kode: str
    nama: str
    satuan: str
    jenis: str
    periodisitas: str
    bidang_spm: str = ""
    unsur_ikm: str = ""
    target: Decimal | None = None
    uraian: str = ""
    is_active: bool = True


def indicator_save(
    *,
    instansi: Instansi,
    data: IndicatorData,
    indicator: Indicator | None = None,
    acting_user: Any,
) -> Indicator:
    """Create or change an indicator of ``instansi``."""
    kode = data.kode.strip().upper()
    errors: dict[str, str] = {}
    if not kode:
        errors["kode"] = _("Kode wajib diisi.")
    elif (
        Indicator.objects.filter(instansi=instansi, kode__iexact=kode)
        .exclude(pk=indicator.pk if indicator else 0)
        .exists()
    ):
        errors["kode"] = _("Kode %s sudah dipakai indikator lain.") % kode
    if not data.nama.strip():
        errors["nama"] = _("Nama wajib diisi.")
    if not data.satuan.strip():
        errors["satuan"] = _("Satuan wajib diisi, misalnya jiwa, permohonan atau persen.")
    if data.jenis not in IndicatorKind.values:
        errors["jenis"] = _("Jenis indikator tidak dikenal.")
    if data.periodisitas not in Periodicity.values:
        errors["periodisitas"] = _("Periode data tidak dikenal.")
    if data.jenis == IndicatorKind.SPM and not data.bidang_spm:
        errors["bidang_spm"] = _("Pilih bidang SPM untuk indikator capaian SPM.")
    if data.jenis == IndicatorKind.IKM and not data.unsur_ikm:
        errors["unsur_ikm"] = _("Pilih unsur IKM (U1–U9) untuk indikator IKM.")
    if (
        indicator is not None
        and indicator.periodisitas != data.periodisitas
        and indicator.values.exists()
    ):
        errors["periodisitas"] = _(
            "Periode data tidak dapat diubah karena indikator sudah berisi nilai."
        )
    if errors:
        raise ServiceError(errors)
    fields = {
        "kode": kode,
        "nama": data.nama.strip(),
        "satuan": data.satuan.strip(),
        "jenis": data.jenis,
        "periodisitas": data.periodisitas,
        "bidang_spm": data.bidang_spm if data.jenis == IndicatorKind.SPM else "",
        "unsur_ikm": data.unsur_ikm if data.jenis == IndicatorKind.IKM else "",
        "target": data.target,
        "uraian": data.uraian.strip(),
        "is_active": data.is_active,
    }
    with transaction.atomic():
        if indicator is None:
            indicator = Indicator.objects.create(instansi=instansi, **fields)
            audit_event(
                actor=acting_user,
                action="indicator.create",
                target=indicator,
                instansi=instansi,
                after=snapshot(indicator),
            )
        else:
            before = snapshot(indicator)
            for name, value in fields.items():
                setattr(indicator, name, value)
            indicator.save()
            after = snapshot(indicator)
            if before != after:
                audit_event(
                    actor=acting_user,
                    action="indicator.update",
                    target=indicator,
                    instansi=instansi,
                    before=before,
                    after=after,
                )
    return indicator


def check_period(indicator: Indicator, periode: date) -> date:
    if not MIN_YEAR <= periode.year <= MAX_YEAR:
        raise ServiceError({"periode": _("Tahun %d di luar rentang yang wajar.") % periode.year})
    if indicator.periodisitas == Periodicity.YEARLY:
        if (periode.month, periode.day) != (1, 1):
            raise ServiceError({"periode": _("Indikator tahunan: periode ditulis tahunnya saja.")})
    elif periode.day != 1:
        raise ServiceError({"periode": _("Indikator bulanan: periode adalah satu bulan.")})
    return periode


def check_place(indicator: Indicator, unit: Unit | None, wilayah: Wilayah | None) -> None:
    if (unit is None) == (wilayah is None):
        raise ServiceError({"tempat": _("Pilih satu unit kerja atau satu wilayah.")})
    if unit is not None and unit.instansi_id != indicator.instansi_id:
        raise ServiceError({"tempat": _("Unit %s bukan milik instansi ini.") % unit.nama})
    if wilayah is not None and not wilayah_in_instansi(indicator.instansi, wilayah):
        raise ServiceError(
            {"tempat": _("Wilayah %s berada di luar wilayah instansi ini.") % wilayah}
        )


def check_value(nilai: Decimal) -> Decimal:
    if not isinstance(nilai, Decimal) or not nilai.is_finite():
        raise ServiceError({"nilai": _("Nilai harus berupa angka.")})
    if abs(nilai) >= MAX_VALUE:
        raise ServiceError({"nilai": _("Nilai terlalu besar.")})
    if nilai.as_tuple().exponent < -4:  # type: ignore[operator]
        raise ServiceError({"nilai": _("Nilai paling banyak 4 angka di belakang koma.")})
    return nilai


def value_save(
    *,
    indicator: Indicator,
    periode: date,
    nilai: Decimal,
    unit: Unit | None = None,
    wilayah: Wilayah | None = None,
    sumber: str = "",
    catatan: str = "",
    acting_user: Any,
) -> IndicatorValue:
    """Set the value of ``indicator`` at a place for a period (replacing an earlier one)."""
    check_place(indicator, unit, wilayah)
    check_period(indicator, periode)
    check_value(nilai)
    with transaction.atomic():
        existing = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator=indicator, unit=unit, wilayah=wilayah, periode=periode)
            .first()
        )
        fields = {"nilai": nilai, "sumber": sumber.strip()[:200], "catatan": catatan.strip()[:500]}
        if existing is None:
            value = IndicatorValue.objects.create(
                indicator=indicator, unit=unit, wilayah=wilayah, periode=periode, **fields
            )
            audit_event(
                actor=acting_user,
                action="indicator_value.create",
                target=value,
                instansi=indicator.instansi,
                after=snapshot(value),
            )
            return value
        before = snapshot(existing)
        for name, field_value in fields.items():
            setattr(existing, name, field_value)
        existing.save()
        after = snapshot(existing)
        if before != after:
            audit_event(
                actor=acting_user,
                action="indicator_value.update",
                target=existing,
                instansi=indicator.instansi,
                before=before,
                after=after,
            )
        return existing


def value_delete(*, value: IndicatorValue, acting_user: Any) -> None:
    with transaction.atomic():
        before = snapshot(value)
        audit_event(
            actor=acting_user,
            action="indicator_value.delete",
            target=value,
            instansi=value.indicator.instansi,
            before=before,
        )
        value.delete()
