"""SKP shortfall links become per-employee weight factors with their evidence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bangkom.assessments.imports import skp_import
from bangkom.assessments.models import PerformanceRating, ShortfallLink, SkpPredikat
from bangkom.assessments.performance import shortfall_link_set
from bangkom.assessments.services import RulesData, assessment_rules_set
from bangkom.assessments.tests.conftest import competency
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def rating(world: World, predikat: str, tahun: int = 2025, employee=None) -> PerformanceRating:
    return PerformanceRating.objects.create(
        instansi=world.instansi, employee=employee or world.employee, tahun=tahun, predikat=predikat
    )


@pytest.mark.parametrize(
    "predikat,factor",
    [
        (SkpPredikat.BUTUH_PERBAIKAN, Decimal("1.25")),
        (SkpPredikat.KURANG, Decimal("1.5")),
        (SkpPredikat.SANGAT_KURANG, Decimal("1.5")),
    ],
)
def test_a_linked_shortfall_becomes_weight_factors_with_evidence(
    world: World, predikat: str, factor: Decimal
) -> None:
    skp = rating(world, predikat)
    shortfall_link_set(
        rating=skp,
        competencies=[competency("M.3"), competency("M.5")],
        note="Keluhan pasien tentang komunikasi dan pelayanan",
        acting_user=world.user("supervisor"),
    )
    factors = WeightFactor.objects.filter(source_key=f"skp:{skp.pk}").order_by("competency__kode")
    assert [f.competency.kode for f in factors] == ["M.3", "M.5"]
    label = SkpPredikat(predikat).label
    for weight in factors:
        assert weight.source == FactorSource.PERFORMANCE
        assert weight.factor == factor
        assert weight.employee_id == world.employee.pk
        assert weight.unit_id is None
        assert weight.instansi_id == world.instansi.pk
        assert weight.tahun == 2026  # the plan year after the SKP year
        assert weight.title.startswith(f"SKP 2025: {label} — {weight.competency.kode}")
        assert weight.evidence["skp_id"] == skp.pk
        assert weight.evidence["nip"] == world.employee.nip
        assert weight.evidence["predikat"] == label
        assert weight.evidence["tahun_skp"] == 2025
        assert (
            weight.evidence["analisis_atasan"] == "Keluhan pasien tentang komunikasi dan pelayanan"
        )
        assert weight.evidence["dikaitkan_oleh"] == "supervisor"
    assert AuditEvent.objects.filter(action="performance.link", target_id=str(skp.pk)).count() == 1
    assert AuditEvent.objects.filter(action="weight_factor.replace").count() == 1


def test_relinking_replaces_and_unlinking_removes_the_factors(world: World) -> None:
    skp = rating(world, SkpPredikat.KURANG)
    user = world.user("supervisor")
    shortfall_link_set(
        rating=skp,
        competencies=[competency("M.3"), competency("M.5")],
        note="Analisis pertama",
        acting_user=user,
    )
    shortfall_link_set(
        rating=skp,
        competencies=[competency("M.4")],
        note="Analisis kedua lebih tepat",
        acting_user=user,
    )
    assert list(WeightFactor.objects.values_list("competency__kode", flat=True)) == ["M.4"]
    assert list(skp.links.values_list("competency__kode", flat=True)) == ["M.4"]
    shortfall_link_set(rating=skp, competencies=[], note="", acting_user=user)
    assert not WeightFactor.objects.exists()
    assert not ShortfallLink.objects.exists()


def test_a_good_predicate_cannot_be_linked_and_a_note_is_required(world: World) -> None:
    good = rating(world, SkpPredikat.BAIK)
    with pytest.raises(ServiceError):
        shortfall_link_set(
            rating=good,
            competencies=[competency("M.3")],
            note="Tidak perlu",
            acting_user=world.user("supervisor"),
        )
    bad = rating(world, SkpPredikat.KURANG, tahun=2024)
    with pytest.raises(ServiceError) as caught:
        shortfall_link_set(
            rating=bad,
            competencies=[competency("M.3")],
            note="",
            acting_user=world.user("supervisor"),
        )
    assert "note" in caught.value.message_dict
    assert not WeightFactor.objects.exists() and not ShortfallLink.objects.exists()


def test_factors_are_configurable_per_instansi_and_applied_again(world: World) -> None:
    skp = rating(world, SkpPredikat.BUTUH_PERBAIKAN)
    shortfall_link_set(
        rating=skp,
        competencies=[competency("M.3")],
        note="Komunikasi dengan pasien",
        acting_user=world.user("supervisor"),
    )
    assert WeightFactor.objects.get().factor == Decimal("1.25")
    assessment_rules_set(
        instansi=world.instansi,
        data=RulesData(
            order=["kalibrasi", "assessment_center", "atasan", "mandiri"],
            ac_max_age_months=None,
            threshold=2,
            shortfall_factors={
                "butuh_perbaikan": Decimal("1.1"),
                "kurang": Decimal("1.8"),
                "sangat_kurang": Decimal("2"),
            },
        ),
        acting_user=world.user("bkpsdm"),
    )
    assert WeightFactor.objects.get().factor == Decimal("1.1")
    with pytest.raises(ServiceError):
        assessment_rules_set(
            instansi=world.instansi,
            data=RulesData(
                order=["atasan"],
                ac_max_age_months=None,
                threshold=2,
                shortfall_factors={"butuh_perbaikan": Decimal("0.5")},
            ),
            acting_user=world.user("bkpsdm"),
        )
    assert WeightFactor.objects.get().factor == Decimal("1.1")


def test_a_reimported_predicate_refreshes_the_factors(world: World) -> None:
    skp = rating(world, SkpPredikat.BUTUH_PERBAIKAN)
    shortfall_link_set(
        rating=skp,
        competencies=[competency("M.3")],
        note="Komunikasi dengan pasien",
        acting_user=world.user("supervisor"),
    )
    skp_import(
        data=f"nip,tahun,predikat\n{world.employee.nip},2025,Sangat Kurang\n".encode(),
        filename="skp.csv",
        instansi=world.instansi,
        acting_user=world.user("bkpsdm"),
    )
    weight = WeightFactor.objects.get()
    assert weight.factor == Decimal("1.5")
    assert weight.title.startswith("SKP 2025: Sangat Kurang")
    skp_import(
        data=f"nip,tahun,predikat\n{world.employee.nip},2025,Baik\n".encode(),
        filename="skp.csv",
        instansi=world.instansi,
        acting_user=world.user("bkpsdm"),
    )
    assert not WeightFactor.objects.exists()  # no shortfall, no weight


def test_a_competency_of_another_instansi_is_refused(world: World) -> None:
    from bangkom.competencies.services import technical_competency_save

    foreign = technical_competency_save(
        instansi=world.other_instansi,
        kode="T.1",
        nama="Kompetensi Kota Luar",
        sektor="Lain",
        uraian="",
        levels=[f"Level {n}" for n in range(1, 6)],
        acting_user=world.user("outsider"),
    )
    skp = rating(world, SkpPredikat.KURANG)
    with pytest.raises(ServiceError) as caught:
        shortfall_link_set(
            rating=skp, competencies=[foreign], note="Analisis atasan langsung", acting_user=None
        )
    assert "competencies" in caught.value.message_dict
    assert not WeightFactor.objects.exists()
