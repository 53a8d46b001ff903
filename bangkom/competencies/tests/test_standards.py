from __future__ import annotations

import pytest

from bangkom.competencies.models import (
    ClassDefaultLevel,
    Competency,
    PositionStandard,
    StandardSource,
)
from bangkom.competencies.services import (
    class_default_set,
    dictionary_load,
    duty_save,
    standard_set,
    technical_competency_save,
)
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _levels(position) -> dict[str, tuple[int, str]]:
    return {
        s.competency.kode: (s.required_level, s.source)
        for s in PositionStandard.objects.filter(position=position).select_related("competency")
    }


def test_dictionary_has_nine_official_competencies_with_five_levels(world: World) -> None:
    official = Competency.objects.filter(is_official=True)
    assert sorted(official.values_list("kode", flat=True)) == [
        "M.1",
        "M.2",
        "M.3",
        "M.4",
        "M.5",
        "M.6",
        "M.7",
        "M.8",
        "SK.1",
    ]
    for competency in official:
        assert competency.levels.count() == 5
        assert all(level.indikator for level in competency.levels.all())
    assert dictionary_load() == 9  # idempotent
    assert Competency.objects.filter(is_official=True).count() == 9


def test_class_default_sets_managerial_standard(world: World) -> None:
    levels = _levels(world.kepala_puskesmas)  # pengawas → 2
    assert levels["M.1"] == (2, StandardSource.KELAS)
    assert levels["SK.1"] == (2, StandardSource.KELAS)
    assert _levels(world.staf_kecamatan)["M.5"] == (1, StandardSource.KELAS)


def test_duties_raise_and_add_levels(world: World) -> None:
    technical = technical_competency_save(
        instansi=None,
        kode="T.2",
        nama="Kebijakan dan Protokol Kesehatan",
        sektor="Kesehatan",
        uraian="",
        levels=["a", "b", "c", "d", "e"],
        acting_user=None,
    )
    m5 = Competency.objects.get(kode="M.5")
    duty_save(
        position=world.perawat,
        uraian="Menerapkan protokol kesehatan terbaru",
        competencies=[(technical, 3), (m5, 2)],
        acting_user=None,
    )
    levels = _levels(world.perawat)
    assert levels["T.2"] == (3, StandardSource.TUGAS)
    assert levels["M.5"] == (2, StandardSource.TUGAS)
    assert levels["M.1"] == (1, StandardSource.KELAS)


def test_manual_line_survives_rederivation_and_can_return_to_auto(world: World) -> None:
    m3 = Competency.objects.get(kode="M.3")
    standard_set(position=world.perawat, competency=m3, level=4, acting_user=None)
    class_default_set(instansi=world.instansi, kelas="ahli_pertama", level=2, acting_user=None)
    levels = _levels(world.perawat)
    assert levels["M.3"] == (4, StandardSource.MANUAL)
    assert levels["M.1"] == (2, StandardSource.KELAS)
    standard_set(position=world.perawat, competency=m3, level=None, acting_user=None)
    assert _levels(world.perawat)["M.3"] == (2, StandardSource.KELAS)


def test_class_default_change_is_per_instansi_and_audited(world: World) -> None:
    before = AuditEvent.objects.count()
    class_default_set(instansi=world.instansi, kelas="ahli_pertama", level=3, acting_user=None)
    assert (
        ClassDefaultLevel.objects.get(instansi=world.other_instansi, kelas="ahli_pertama").level
        == 1
    )
    assert _levels(world.other_position)["M.1"] == (1, StandardSource.KELAS)
    assert AuditEvent.objects.count() > before


def test_level_outside_scale_refused(world: World) -> None:
    m3 = Competency.objects.get(kode="M.3")
    with pytest.raises(ServiceError):
        standard_set(position=world.perawat, competency=m3, level=6, acting_user=None)
    with pytest.raises(ServiceError):
        duty_save(position=world.perawat, uraian="x", competencies=[(m3, 0)], acting_user=None)


def test_official_competency_cannot_be_edited(world: World) -> None:
    m1 = Competency.objects.get(kode="M.1")
    with pytest.raises(ServiceError):
        technical_competency_save(
            instansi=None,
            kode="T.99",
            nama="x",
            sektor="",
            uraian="",
            levels=["a"] * 5,
            competency=m1,
            acting_user=None,
        )


def test_instansi_technical_competency_not_usable_by_other_instansi(world: World) -> None:
    own = technical_competency_save(
        instansi=world.other_instansi,
        kode="T.50",
        nama="Khusus Pontianak",
        sektor="",
        uraian="",
        levels=["a", "b", "c", "d", "e"],
        acting_user=None,
    )
    with pytest.raises(ServiceError):
        duty_save(position=world.perawat, uraian="x", competencies=[(own, 2)], acting_user=None)
