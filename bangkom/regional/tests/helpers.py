"""Builders the regional tests share: a Kota Medan with Kecamatan Medan Marelan, monthly series,
and public-form posts that pass the spam checks the way a person would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bangkom.competencies.models import Competency, CompetencyKind
from bangkom.organisation.models import (
    Instansi,
    Position,
    PositionClass,
    Unit,
    UnitKind,
    Wilayah,
    WilayahLevel,
)
from bangkom.organisation.services import instansi_create, position_save, unit_create
from bangkom.regional.models import Indicator, IndicatorKind, IndicatorValue, Periodicity
from bangkom.regional.periods import add_months
from bangkom.regional.services import challenge_issue


def wilayah(kode: str, nama: str, tingkat: str, parent: Wilayah | None = None) -> Wilayah:
    return Wilayah.objects.get_or_create(
        kode=kode, defaults={"nama": nama, "tingkat": tingkat, "parent": parent}
    )[0]


@dataclass
class Medan:
    instansi: Instansi
    marelan: Unit
    labuhan: Unit
    dpmptsp: Unit
    perizinan_marelan: Position
    camat_marelan: Position
    perizinan_labuhan: Position
    perizinan_dinas: Position
    regulasi: Competency
    indicator: Indicator
    wilayah_marelan: Wilayah
    wilayah_labuhan: Wilayah


def build_medan() -> Medan:
    """Kota Medan with two kecamatan, each with a licensing position, and a licensing office."""
    sumut = wilayah("12", "Sumatera Utara", WilayahLevel.PROVINSI)
    kota = wilayah("12.71", "Kota Medan", WilayahLevel.KABUPATEN_KOTA, sumut)
    w_marelan = wilayah("12.71.12", "Medan Marelan", WilayahLevel.KECAMATAN, kota)
    w_labuhan = wilayah("12.71.11", "Medan Labuhan", WilayahLevel.KECAMATAN, kota)
    wilayah("12.71.12.1001", "Rengas Pulau", WilayahLevel.KELURAHAN_DESA, w_marelan)
    instansi = instansi_create(wilayah=kota, nama="Pemerintah Kota Medan", acting_user=None)
    marelan = unit_create(
        instansi=instansi,
        nama="Kecamatan Medan Marelan",
        jenis=UnitKind.KECAMATAN,
        wilayah=w_marelan,
        acting_user=None,
    )
    labuhan = unit_create(
        instansi=instansi,
        nama="Kecamatan Medan Labuhan",
        jenis=UnitKind.KECAMATAN,
        wilayah=w_labuhan,
        acting_user=None,
    )
    dpmptsp = unit_create(
        instansi=instansi,
        nama="Dinas Penanaman Modal dan PTSP",
        jenis=UnitKind.DINAS,
        acting_user=None,
    )

    def position(unit: Unit, nama: str, kelas: str) -> Position:
        return position_save(instansi=instansi, unit=unit, nama=nama, kelas=kelas, acting_user=None)

    regulasi = Competency.objects.create(
        instansi=instansi,
        kode="T.PRZ.1",
        nama="Regulasi Perizinan Berusaha",
        jenis=CompetencyKind.TEKNIS,
    )
    indicator = Indicator.objects.create(
        instansi=instansi,
        kode="IZIN-USAHA",
        nama="Permohonan izin usaha",
        satuan="permohonan",
        jenis=IndicatorKind.SERVICE_DEMAND,
        periodisitas=Periodicity.MONTHLY,
    )
    return Medan(
        instansi=instansi,
        marelan=marelan,
        labuhan=labuhan,
        dpmptsp=dpmptsp,
        perizinan_marelan=position(marelan, "Pengadministrasi Perizinan", PositionClass.PELAKSANA),
        camat_marelan=position(marelan, "Camat Medan Marelan", PositionClass.ADMINISTRATOR),
        perizinan_labuhan=position(labuhan, "Pengadministrasi Perizinan", PositionClass.PELAKSANA),
        perizinan_dinas=position(dpmptsp, "Analis Perizinan", PositionClass.AHLI_PERTAMA),
        regulasi=regulasi,
        indicator=indicator,
        wilayah_marelan=w_marelan,
        wilayah_labuhan=w_labuhan,
    )


def monthly_values(
    indicator: Indicator,
    *,
    last_month: date,
    previous: list[int],
    current: list[int],
    wilayah: Wilayah | None = None,
    unit: Unit | None = None,
) -> None:
    """24 months ending at ``last_month``: the 12 ``previous`` then the 12 ``current`` values."""
    values = [*previous, *current]
    first = add_months(last_month, -(len(values) - 1))
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator,
                wilayah=wilayah,
                unit=unit,
                periode=add_months(first, index),
                nilai=Decimal(value),
            )
            for index, value in enumerate(values)
        ]
    )


def split(total: int, parts: int = 12) -> list[int]:
    """``total`` spread over ``parts`` months (the first months take the remainder)."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def passing_guard(form_key: str, seconds_ago: int = 60) -> dict[str, Any]:
    """The anti-spam fields of a form issued ``seconds_ago`` and answered correctly."""
    challenge = challenge_issue(form_key, now=timezone.now() - timedelta(seconds=seconds_ago))
    return {"token": challenge.token, "jawaban": str(challenge.answer), "website": ""}


def skm_post(**overrides: Any) -> dict[str, Any]:
    """A complete public SKM answer sheet (all 3 unless overridden)."""
    data: dict[str, Any] = {
        "tanggal": timezone.localdate().isoformat(),
        "jenis_layanan": "Surat keterangan usaha",
        "umur": "34",
        "jenis_kelamin": "P",
        "pendidikan": "sma",
        "pekerjaan": "wirausaha",
        "pekerjaan_lainnya": "",
        "saran": "",
        **{f"u{i}": "3" for i in range(1, 10)},
    }
    data.update(overrides)
    return data
