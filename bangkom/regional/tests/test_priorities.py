"""Plan priorities (RPJMD/Renstra) into weight factors, year by year."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bangkom.competencies.models import Competency
from bangkom.core.errors import ServiceError
from bangkom.factors.models import WeightFactor
from bangkom.regional.models import PlanPriority
from bangkom.regional.services import (
    PriorityData,
    priority_apply,
    priority_delete,
    priority_save,
    signals_evaluate_all,
)
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def digital(world: World, **changes: object) -> PriorityData:
    data = {
        "tema": "Transformasi digital pemerintahan",
        "dokumen": "rpjmd",
        "referensi": "RPJMD Kota Kupang 2025–2029, Misi 3, Sasaran 3.2",
        "tahun_mulai": 2025,
        "tahun_selesai": 2029,
        "competencies": [Competency.objects.get(kode="M.7"), Competency.objects.get(kode="M.4")],
        "factor": Decimal("1.3"),
    }
    data.update(changes)
    return PriorityData(**data)  # type: ignore[arg-type]


def test_priority_weighs_every_year_it_covers_with_its_reference(world: World) -> None:
    priority = priority_save(instansi=world.instansi, data=digital(world), acting_user=None)
    factors = WeightFactor.objects.filter(source_key=f"plan-priority:{priority.pk}")
    assert sorted(set(factors.values_list("tahun", flat=True))) == [2025, 2026, 2027, 2028, 2029]
    factor = factors.get(tahun=2026, competency__kode="M.7")
    assert factor.source == "prioritas"
    assert factor.unit is None
    assert factor.factor == Decimal("1.300")
    assert factor.title == "Prioritas RPJMD: Transformasi digital pemerintahan"
    assert factor.evidence["rujukan"] == "RPJMD Kota Kupang 2025–2029, Misi 3, Sasaran 3.2"
    assert factor.evidence["periode"] == "2025–2029"


def test_units_and_position_classes_narrow_the_factors(world: World) -> None:
    priority = priority_save(
        instansi=world.instansi,
        data=digital(
            world,
            units=[world.puskesmas, world.kecamatan],
            position_classes=["pelaksana"],
            tahun_mulai=2026,
            tahun_selesai=2026,
        ),
        acting_user=None,
    )
    factors = WeightFactor.objects.filter(source_key=priority.source_key)
    assert factors.count() == 4  # 2 competencies × 2 units
    assert {f.unit_id for f in factors} == {world.puskesmas.pk, world.kecamatan.pk}
    assert all(f.position_classes == ["pelaksana"] for f in factors)


def test_shortening_or_deactivating_removes_factors_of_the_years_left(world: World) -> None:
    priority = priority_save(instansi=world.instansi, data=digital(world), acting_user=None)
    priority_save(
        instansi=world.instansi,
        data=digital(world, tahun_selesai=2026),
        priority=priority,
        acting_user=None,
    )
    years = set(
        WeightFactor.objects.filter(source_key=priority.source_key).values_list("tahun", flat=True)
    )
    assert years == {2025, 2026}
    priority_save(
        instansi=world.instansi,
        data=digital(world, tahun_selesai=2026, is_active=False),
        priority=priority,
        acting_user=None,
    )
    assert not WeightFactor.objects.filter(source_key=priority.source_key).exists()


def test_apply_outside_its_years_gives_nothing(world: World) -> None:
    priority = priority_save(instansi=world.instansi, data=digital(world), acting_user=None)
    assert priority_apply(priority=priority, tahun=2031, acting_user=None) == 0
    assert not WeightFactor.objects.filter(source_key=priority.source_key, tahun=2031).exists()


def test_evaluate_all_reapplies_priorities(world: World) -> None:
    priority = priority_save(instansi=world.instansi, data=digital(world), acting_user=None)
    WeightFactor.objects.filter(source_key=priority.source_key, tahun=2027).delete()
    report = signals_evaluate_all(instansi=world.instansi, tahun=2027, acting_user=None)
    assert report.priorities == [("Transformasi digital pemerintahan", 2)]
    assert WeightFactor.objects.filter(source_key=priority.source_key, tahun=2027).count() == 2


def test_delete_removes_every_year(world: World) -> None:
    priority = priority_save(instansi=world.instansi, data=digital(world), acting_user=None)
    key = priority.source_key
    priority_delete(priority=priority, acting_user=None)
    assert not WeightFactor.objects.filter(source_key=key).exists()
    assert not PlanPriority.objects.exists()


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"referensi": " "}, "referensi"),
        ({"tahun_selesai": 2024}, "tahun_selesai"),
        ({"factor": Decimal(0)}, "factor"),
        ({"competencies": []}, "competencies"),
    ],
)
def test_bad_priorities_are_refused_and_nothing_is_saved(
    world: World, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ServiceError) as err:
        priority_save(instansi=world.instansi, data=digital(world, **changes), acting_user=None)
    assert field in err.value.message_dict
    assert not PlanPriority.objects.exists()
    assert not WeightFactor.objects.exists()


def test_units_of_another_instansi_are_refused(world: World) -> None:
    with pytest.raises(ServiceError):
        priority_save(
            instansi=world.instansi, data=digital(world, units=[world.other_unit]), acting_user=None
        )
    assert not PlanPriority.objects.exists()
