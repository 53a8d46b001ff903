"""Regional data in the persona world (bangkom/testing/world.py), for page and permission tests.

In "Kota Uji": an indicator with values for Kecamatan Alak (wilayah) and Puskesmas Alak (unit);
a rule aimed at Kecamatan Alak (outside the OPD admin's Dinas Kesehatan) and one at Puskesmas Alak
(inside it); a city-wide priority and one for Puskesmas Alak; a pending public input; open SKM
surveys at Puskesmas Alak and Kecamatan Alak with imported answers. "Kota Luar" has its own
indicator, rule and input, which Kota Uji's users must never see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bangkom.competencies.models import Competency
from bangkom.organisation.models import Instansi, Unit, Wilayah
from bangkom.regional.models import (
    Indicator,
    IndicatorValue,
    PlanPriority,
    PublicInput,
    RegionalSettings,
    SignalRule,
    SkmImport,
    SkmResponse,
    SkmUnitSettings,
)
from bangkom.regional.services import PriorityData, RuleData, priority_save, rule_save
from bangkom.testing.world import World


@dataclass
class Regional:
    indicator: Indicator
    value: IndicatorValue
    rule_kecamatan: SignalRule
    rule_puskesmas: SignalRule
    priority_city: PlanPriority
    priority_puskesmas: PlanPriority
    item: PublicInput
    batch: SkmImport
    other_indicator: Indicator
    other_rule: SignalRule
    other_item: PublicInput


def _indicator(instansi: Instansi, kode: str) -> Indicator:
    return Indicator.objects.create(
        instansi=instansi,
        kode=kode,
        nama="Permohonan izin usaha",
        satuan="permohonan",
        jenis="permintaan_layanan",
        periodisitas="bulanan",
    )


def build_regional(world: World) -> Regional:
    alak = Wilayah.objects.get(kode="53.71.01")
    m5 = Competency.objects.get(kode="M.5")
    indicator = _indicator(world.instansi, "IZIN")
    value = IndicatorValue.objects.create(
        indicator=indicator, wilayah=alak, periode=date(2025, 9, 1), nilai=Decimal(150)
    )
    IndicatorValue.objects.create(
        indicator=indicator, unit=world.puskesmas, periode=date(2025, 9, 1), nilai=Decimal(12)
    )

    def rule(nama: str, **kwargs: object) -> SignalRule:
        data = {
            "nama": nama,
            "indicator": indicator,
            "kondisi": "minimal",
            "ambang": Decimal(100),
            "competencies": [m5],
            "factor": Decimal("1.5"),
            **kwargs,
        }
        return rule_save(instansi=world.instansi, data=RuleData(**data), acting_user=None)  # type: ignore[arg-type]

    rule_kecamatan = rule("Izin Alak", wilayah=alak, target_unit=world.kecamatan)
    rule_puskesmas = rule("Izin Puskesmas", unit=world.puskesmas, ambang=Decimal(10))

    def priority(tema: str, units: list[Unit]) -> PlanPriority:
        return priority_save(
            instansi=world.instansi,
            data=PriorityData(
                tema=tema,
                referensi="RPJMD 2025–2029, Misi 2",
                tahun_mulai=2025,
                tahun_selesai=2029,
                competencies=[m5],
                units=units,
                factor=Decimal("1.2"),
            ),
            acting_user=None,
        )

    priority_city = priority("Transformasi digital pemerintahan", [])
    priority_puskesmas = priority("Pelayanan kesehatan primer", [world.puskesmas])
    item = PublicInput.objects.create(
        instansi=world.instansi,
        kategori="swasta",
        topik="Perizinan lambat",
        isi="Petugas perizinan perlu memahami OSS RBA agar permohonan tidak bolak-balik.",
        email="pelapor@example.org",
        telepon="0812 3456 7890",
        content_hash="x" * 64,
    )
    RegionalSettings.objects.create(instansi=world.instansi, public_input_open=True)
    SkmUnitSettings.objects.create(unit=world.puskesmas, is_open=True, populasi_tahunan=1000)
    SkmUnitSettings.objects.create(unit=world.kecamatan, is_open=True)
    batch = SkmImport.objects.create(
        unit=world.puskesmas, periode="2025", filename="skm.csv", file_hash="f" * 64, rows=2
    )
    for scores in ([3, 3, 3, 3, 3, 2, 2, 3, 3], [4, 3, 3, 3, 3, 2, 3, 3, 3]):
        SkmResponse.objects.create(
            unit=world.puskesmas,
            periode_awal=date(2025, 1, 1),
            periode_akhir=date(2025, 12, 31),
            source="impor",
            import_batch=batch,
            **{f"u{i}": s for i, s in enumerate(scores, start=1)},
        )
    other_indicator = _indicator(world.other_instansi, "IZIN")
    other_rule = rule_save(
        instansi=world.other_instansi,
        data=RuleData(
            nama="Izin Luar",
            indicator=other_indicator,
            unit=world.other_unit,
            kondisi="minimal",
            ambang=Decimal(1),
            competencies=[m5],
            factor=Decimal(2),
        ),
        acting_user=None,
    )
    other_item = PublicInput.objects.create(
        instansi=world.other_instansi,
        kategori="masyarakat",
        topik="Antrean panjang",
        isi="Antrean di puskesmas terlalu panjang, perlu petugas yang lebih sigap.",
        content_hash="y" * 64,
    )
    return Regional(
        indicator=indicator,
        value=value,
        rule_kecamatan=rule_kecamatan,
        rule_puskesmas=rule_puskesmas,
        priority_city=priority_city,
        priority_puskesmas=priority_puskesmas,
        item=item,
        batch=batch,
        other_indicator=other_indicator,
        other_rule=other_rule,
        other_item=other_item,
    )
