from __future__ import annotations

from decimal import Decimal

import pytest

from bangkom.assessments.models import CurrentLevel
from bangkom.competencies.models import Competency
from bangkom.core.models import AuditEvent
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.needs.models import EmployeeNeeds, UnitPriority
from bangkom.needs.services import needs_recompute
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _rate(world: World, levels: dict[str, int]) -> None:
    for employee in (world.employee, world.colleague, world.kecamatan_staff, world.other_employee):
        for code, level in levels.items():
            CurrentLevel.objects.update_or_create(
                employee=employee,
                competency=Competency.objects.get(kode=code),
                defaults={"level": level, "source": "atasan"},
            )


def test_recompute_scores_and_priorities(world: World) -> None:
    _rate(world, {"M.3": 1, "M.5": 1, "M.1": 1})
    world.perawat.standards.filter(competency__kode="M.5").update(required_level=3)
    m5 = Competency.objects.get(kode="M.5")
    factors_replace(
        instansi=world.instansi,
        tahun=2026,
        source="sinyal",
        source_key="signal-rule:1",
        specs=[FactorSpec(competency=m5, factor=Decimal("1.5"), title="Uji", unit=world.dinkes)],
        acting_user=None,
    )
    result = needs_recompute(instansi=world.instansi, tahun=2026, acting_user=world.user("bkpsdm"))
    needs = EmployeeNeeds.objects.filter(instansi=world.instansi, tahun=2026)
    assert result.need_rows == 2  # two perawat with M.5 gap 2; the others are at level
    assert needs.count() == 2
    line = needs.get(employee=world.employee).line_for(m5.pk)
    assert line is not None
    assert (line.gap, line.weight, line.score) == (2, Decimal("1.5"), Decimal("3"))
    assert not EmployeeNeeds.objects.filter(instansi=world.other_instansi).exists()
    dinkes = UnitPriority.objects.get(tahun=2026, unit=world.dinkes, competency=m5)
    assert (dinkes.asn_with_gap, dinkes.total_gap, dinkes.total_score, dinkes.rank) == (
        2,
        4,
        Decimal("6"),
        1,
    )
    assert AuditEvent.objects.filter(action="needs.recompute", instansi=world.instansi).count() == 1


def test_recompute_is_idempotent(world: World) -> None:
    _rate(world, {"M.3": 1})
    world.perawat.standards.filter(competency__kode="M.3").update(required_level=2)
    needs_recompute(instansi=world.instansi, tahun=2026, acting_user=None)
    snapshot = EmployeeNeeds.objects.order_by("employee").values_list
    first = list(snapshot("employee", "total_gap", "lines_json"))
    needs_recompute(instansi=world.instansi, tahun=2026, acting_user=None)
    second = list(snapshot("employee", "total_gap", "lines_json"))
    assert first == second and len(first) == 2


def test_factors_replace_validates_and_replaces(world: World) -> None:
    m5 = Competency.objects.get(kode="M.5")
    factors_replace(
        instansi=world.instansi,
        tahun=2026,
        source="survei",
        source_key="survey:1",
        specs=[FactorSpec(competency=m5, factor=Decimal("1.2"), title="a")],
        acting_user=None,
    )
    factors_replace(
        instansi=world.instansi,
        tahun=2026,
        source="survei",
        source_key="survey:1",
        specs=[FactorSpec(competency=m5, factor=Decimal("1.4"), title="b")],
        acting_user=None,
    )
    assert list(world.instansi.weight_factors.values_list("factor", flat=True)) == [Decimal("1.4")]
    from bangkom.core.errors import ServiceError

    with pytest.raises(ServiceError):
        factors_replace(
            instansi=world.instansi,
            tahun=2026,
            source="survei",
            source_key="survey:2",
            specs=[
                FactorSpec(competency=m5, factor=Decimal("1.2"), title="x", unit=world.other_unit)
            ],
            acting_user=None,
        )
    assert world.instansi.weight_factors.count() == 1
