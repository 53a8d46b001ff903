"""A synthetic instansi of any size, for benchmarks: units, positions with standards, active
employees with current levels, and weight factors. Written with bulk inserts; it leaves no audit
rows because it is not anybody's change, only test data."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bangkom.assessments.models import CurrentLevel
from bangkom.competencies.models import Competency, CompetencyKind, PositionStandard
from bangkom.competencies.services import class_defaults_ensure, dictionary_load
from bangkom.core.bulk import bulk_insert
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.lib.nip import make_nip
from bangkom.organisation.models import (
    Employee,
    Instansi,
    InstansiKind,
    Position,
    PositionClass,
    Unit,
    UnitKind,
    Wilayah,
    WilayahLevel,
)

CLASSES = (
    (PositionClass.PELAKSANA, 0.55),
    (PositionClass.AHLI_PERTAMA, 0.12),
    (PositionClass.AHLI_MUDA, 0.08),
    (PositionClass.TERAMPIL, 0.08),
    (PositionClass.PENGAWAS, 0.12),
    (PositionClass.ADMINISTRATOR, 0.04),
    (PositionClass.JPT_PRATAMA, 0.01),
)


@dataclass(frozen=True)
class SynthResult:
    instansi: Instansi
    employees: int
    current_levels: int
    factors: int


def synth_instansi(
    *, employees: int, competencies: int = 15, seed: int = 1, kode: str = "99.01"
) -> SynthResult:
    """An instansi with ``employees`` active ASN, each with ``competencies`` standard lines
    (the 9 official ones plus technical ones) and a current level for each."""
    rng = random.Random(seed)
    dictionary_load()
    province, _ = Wilayah.objects.get_or_create(
        kode=kode.split(".")[0],
        defaults={"nama": "Provinsi Sintetis", "tingkat": WilayahLevel.PROVINSI},
    )
    wilayah, _ = Wilayah.objects.get_or_create(
        kode=kode,
        defaults={
            "nama": f"Kabupaten Sintetis {kode}",
            "tingkat": WilayahLevel.KABUPATEN_KOTA,
            "parent": province,
        },
    )
    technical_count = max(competencies - 9, 0)
    technical = []
    for i in range(technical_count):
        technical.append(
            Competency.objects.get_or_create(
                instansi=None,
                kode=f"T.{900 + i}",
                defaults={
                    "nama": f"Kompetensi Teknis Sintetis {i + 1}",
                    "jenis": CompetencyKind.TEKNIS,
                },
            )[0]
        )
    official = list(Competency.objects.filter(is_official=True).order_by("kode"))
    all_competencies = official + technical
    with transaction.atomic():
        instansi = Instansi.objects.create(
            wilayah=wilayah, nama=f"Pemerintah Sintetis {kode}", jenis=InstansiKind.KABUPATEN
        )
        class_defaults_ensure(instansi=instansi)
        opd_count = max(employees // 700, 3)
        units: list[Unit] = []
        for o in range(opd_count):
            opd = Unit.objects.create(
                instansi=instansi, nama=f"OPD {o + 1}", jenis=UnitKind.DINAS, depth=0
            )
            opd.path = f"{opd.pk}/"
            opd.save(update_fields=["path"])
            for b in range(4):
                sub = Unit.objects.create(
                    instansi=instansi,
                    parent=opd,
                    nama=f"Bidang {b + 1}",
                    jenis=UnitKind.BIDANG,
                    depth=1,
                )
                sub.path = f"{opd.path}{sub.pk}/"
                sub.save(update_fields=["path"])
                units.append(sub)
        positions: list[Position] = []
        for unit in units:
            for kelas, _share in CLASSES:
                positions.append(
                    Position(
                        instansi=instansi, unit=unit, nama=f"{kelas.label} {unit.pk}", kelas=kelas
                    )
                )
        Position.objects.bulk_create(positions, batch_size=2000)
        positions = list(Position.objects.filter(instansi=instansi))
        bulk_insert(
            PositionStandard,
            ("position", "competency", "required_level", "source"),
            ((p.pk, c.pk, rng.randint(1, 4), "kelas") for p in positions for c in all_competencies),
        )
        by_unit: dict[int, list[Position]] = {}
        for p in positions:
            by_unit.setdefault(p.unit_id, []).append(p)
        weights = [share for _kelas, share in CLASSES]
        offset = Employee.objects.count()
        Employee.objects.bulk_create(
            (
                Employee(
                    instansi=instansi,
                    nip=_nip(offset + i),
                    nama=f"ASN Sintetis {offset + i + 1}",
                    unit=units[i % len(units)],
                    position=rng.choices(by_unit[units[i % len(units)].pk], weights=weights)[0],
                )
                for i in range(employees)
            ),
            batch_size=2000,
        )
        now = timezone.now()
        employee_ids = list(Employee.objects.filter(instansi=instansi).values_list("pk", flat=True))
        current = bulk_insert(
            CurrentLevel,
            ("employee", "competency", "level", "source", "assessed_on", "updated_at"),
            (
                (e, c.pk, rng.randint(1, 4), "atasan", date(2026, 3, 1), now)
                for e in employee_ids
                for c in all_competencies
            ),
        )
        factors = []
        for i, competency in enumerate(all_competencies[:10]):
            factors.append(
                WeightFactor(
                    instansi=instansi,
                    tahun=2026,
                    competency=competency,
                    unit=units[(i * 7) % len(units)] if i % 2 else None,
                    position_classes=[PositionClass.PELAKSANA] if i % 3 == 0 else [],
                    position_keyword="",
                    factor=Decimal("1.5") if i % 2 else Decimal("1.2"),
                    source=FactorSource.SIGNAL,
                    source_key=f"synth:{i}",
                    title=f"Faktor sintetis {i}",
                )
            )
        WeightFactor.objects.bulk_create(factors)
    return SynthResult(
        instansi=instansi, employees=employees, current_levels=current, factors=len(factors)
    )


def _nip(counter: int) -> str:
    """A valid, unique NIP per counter: 999 serials per birth date, one birth date per day
    from 1970, appointed 23 years later."""
    birth = date(1970, 1, 1) + timedelta(days=counter // 999)
    appointment = date(birth.year + 23, birth.month, 1)
    return make_nip(birth, appointment, "L" if counter % 2 else "P", counter % 999 + 1)
