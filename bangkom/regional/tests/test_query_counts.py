"""The query count of each regional list page does not grow with its data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bangkom.competencies.models import Competency
from bangkom.regional.models import (
    Indicator,
    IndicatorValue,
    PublicInput,
    SkmResponse,
    SkmUnitSettings,
)
from bangkom.regional.services import (
    PriorityData,
    RuleData,
    priority_save,
    rule_evaluate,
    rule_save,
)
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _grow(world: World, start: int, count: int) -> None:
    """More of everything the list pages show."""
    m5 = Competency.objects.get(kode="M.5")
    m3 = Competency.objects.get(kode="M.3")
    for n in range(start, start + count):
        indicator = Indicator.objects.create(
            instansi=world.instansi,
            kode=f"IND-{n}",
            nama=f"Indikator {n}",
            satuan="x",
            jenis="lainnya",
            periodisitas="bulanan",
        )
        for month in range(1, 4):
            IndicatorValue.objects.create(
                indicator=indicator,
                wilayah_id="53.71.01",
                periode=date(2025, month, 1),
                nilai=Decimal(n + month),
            )
            IndicatorValue.objects.create(
                indicator=indicator,
                unit=world.puskesmas,
                periode=date(2025, month, 1),
                nilai=Decimal(month),
            )
        rule = rule_save(
            instansi=world.instansi,
            data=RuleData(
                nama=f"Aturan {n}",
                indicator=indicator,
                unit=world.puskesmas,
                kondisi="minimal",
                ambang=Decimal(1),
                competencies=[m5, m3],
                factor=Decimal("1.5"),
            ),
            acting_user=None,
        )
        rule_evaluate(rule=rule, tahun=2026, acting_user=None)
        priority_save(
            instansi=world.instansi,
            data=PriorityData(
                tema=f"Tema {n}",
                referensi="RPJMD",
                tahun_mulai=2026,
                tahun_selesai=2026,
                competencies=[m5, m3],
                units=[world.puskesmas, world.kecamatan],
                factor=Decimal("1.2"),
            ),
            acting_user=None,
        )
        PublicInput.objects.create(
            instansi=world.instansi,
            kategori="masyarakat",
            topik=f"Masukan {n}",
            isi="Isi masukan yang cukup panjang untuk diterima.",
            content_hash=f"{n}".ljust(64, "0"),
        )
        for unit in (world.puskesmas, world.kecamatan, world.dinkes):
            SkmResponse.objects.create(
                unit=unit,
                periode_awal=date(2025, 5, 1),
                periode_akhir=date(2025, 5, 1),
                source="publik",
                **{f"u{i}": 3 for i in range(1, 10)},
            )


def _first_indicator() -> int:
    return Indicator.objects.order_by("pk").values_list("pk", flat=True)[0]


URLS: list[tuple[str, Callable[[World], str]]] = [
    ("indicators", lambda w: reverse("regional:indicator_list") + f"?instansi={w.instansi.pk}"),
    ("rules", lambda w: reverse("regional:rule_list") + f"?instansi={w.instansi.pk}"),
    ("priorities", lambda w: reverse("regional:priority_list") + f"?instansi={w.instansi.pk}"),
    (
        "moderation",
        lambda w: reverse("regional:moderation") + f"?instansi={w.instansi.pk}&status=semua",
    ),
    ("skm", lambda w: reverse("regional:skm_results") + f"?instansi={w.instansi.pk}&periode=2025"),
    ("skm unit", lambda w: reverse("regional:skm_unit", args=[w.puskesmas.pk]) + "?periode=2025"),
    ("indicator", lambda w: reverse("regional:indicator_detail", args=[_first_indicator()])),
]


@pytest.mark.parametrize("persona", ["bkpsdm", "opd_admin"])
@pytest.mark.parametrize("name,url", URLS, ids=[u[0] for u in URLS])
def test_list_queries_constant(
    client: Client, world: World, persona: str, name: str, url: Callable[[World], str]
) -> None:
    SkmUnitSettings.objects.create(unit=world.puskesmas, is_open=True, populasi_tahunan=500)
    _grow(world, 1, 2)
    client.force_login(world.user(persona))
    target = url(world)
    assert client.get(target).status_code == 200
    with CaptureQueriesContext(connection) as few:
        client.get(target)
    _grow(world, 10, 8)
    SkmUnitSettings.objects.create(unit=world.kecamatan, is_open=True)
    with CaptureQueriesContext(connection) as many:
        assert client.get(target).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
