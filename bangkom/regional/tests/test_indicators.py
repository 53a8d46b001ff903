"""Indicators: entry by hand, CSV/XLSX import all or nothing with errors per cell, pages."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.core.imports.report import ImportRejected
from bangkom.core.models import AuditEvent
from bangkom.regional.imports import indicator_values_import
from bangkom.regional.models import Indicator, IndicatorValue
from bangkom.regional.numbers import parse_number
from bangkom.regional.services import IndicatorData, indicator_save, value_save
from bangkom.regional.tests.helpers import build_medan
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(world: World) -> Indicator:
    return indicator_save(
        instansi=world.instansi,
        data=IndicatorData(
            kode="izin-usaha",
            nama="Permohonan izin usaha",
            satuan="permohonan",
            jenis="permintaan_layanan",
            periodisitas="bulanan",
        ),
        acting_user=None,
    )


def test_indicator_codes_are_upper_case_and_unique(world: World, indicator: Indicator) -> None:
    assert indicator.kode == "IZIN-USAHA"
    with pytest.raises(ServiceError) as err:
        indicator_save(
            instansi=world.instansi,
            data=IndicatorData(
                kode="Izin-Usaha", nama="x", satuan="x", jenis="lainnya", periodisitas="bulanan"
            ),
            acting_user=None,
        )
    assert "kode" in err.value.message_dict


def test_spm_indicator_needs_its_field(world: World) -> None:
    with pytest.raises(ServiceError) as err:
        indicator_save(
            instansi=world.instansi,
            data=IndicatorData(
                kode="SPM", nama="SPM", satuan="%", jenis="spm", periodisitas="tahunan"
            ),
            acting_user=None,
        )
    assert "bidang_spm" in err.value.message_dict


def test_value_save_replaces_and_audits(world: World, indicator: Indicator) -> None:
    value_save(
        indicator=indicator,
        unit=world.kecamatan,
        periode=date(2025, 7, 1),
        nilai=Decimal(140),
        acting_user=None,
    )
    value_save(
        indicator=indicator,
        unit=world.kecamatan,
        periode=date(2025, 7, 1),
        nilai=Decimal(151),
        acting_user=None,
    )
    assert IndicatorValue.objects.get().nilai == Decimal(151)
    assert AuditEvent.objects.filter(action="indicator_value.update").count() == 1


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"periode": date(2025, 7, 15)}, "periode"),
        ({"unit": None}, "tempat"),
    ],
)
def test_bad_values_are_refused(
    world: World, indicator: Indicator, kwargs: dict[str, Any], field: str
) -> None:
    data: dict[str, Any] = {
        "indicator": indicator,
        "unit": world.kecamatan,
        "periode": date(2025, 7, 1),
        "nilai": Decimal(1),
    }
    data.update(kwargs)
    with pytest.raises(ServiceError) as err:
        value_save(acting_user=None, **data)
    assert field in err.value.message_dict
    assert not IndicatorValue.objects.exists()


def test_wilayah_outside_the_instansi_is_refused(world: World, indicator: Indicator) -> None:
    from bangkom.organisation.models import Wilayah

    with pytest.raises(ServiceError):
        value_save(
            indicator=indicator,
            wilayah=Wilayah.objects.get(kode="61.71"),
            periode=date(2025, 7, 1),
            nilai=Decimal(1),
            acting_user=None,
        )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1.480", Decimal(1480)),
        ("22,4", Decimal("22.4")),
        ("22.4", Decimal("22.4")),
        ("1.234.567,5", Decimal("1234567.5")),
        (" 12 ", Decimal(12)),
        (3.0, Decimal(3)),
    ],
)
def test_numbers_as_written_in_indonesia(text: object, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["dua", "1,2,3", "", "12a", True])
def test_not_numbers(text: object) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


CSV_GOOD = (
    "kode_indikator;periode;kode_wilayah;unit;nilai;sumber\n"
    "IZIN-USAHA;2025-07;53.71.01;;1.480;DPMPTSP\n"
    "izin-usaha;Agustus 2025;;Kecamatan Alak;151;\n"
)


def test_csv_import_creates_then_updates(world: World, indicator: Indicator) -> None:
    summary = indicator_values_import(
        data=CSV_GOOD.encode(), filename="izin.csv", instansi=world.instansi, acting_user=None
    )
    assert summary.counts == {"created": 2, "updated": 0, "unchanged": 0}
    value = IndicatorValue.objects.get(wilayah_id="53.71.01")
    assert value.nilai == Decimal(1480) and value.periode == date(2025, 7, 1)
    assert IndicatorValue.objects.get(unit=world.kecamatan).periode == date(2025, 8, 1)
    again = indicator_values_import(
        data=CSV_GOOD.replace("1.480", "1.500").encode(),
        filename="izin.csv",
        instansi=world.instansi,
        acting_user=None,
    )
    assert again.counts == {"created": 0, "updated": 1, "unchanged": 1}
    assert AuditEvent.objects.filter(action__startswith="indicator_value.").count() == 3


def test_import_rejects_every_bad_cell_and_saves_nothing(
    world: World, indicator: Indicator
) -> None:
    content = (
        "kode_indikator,periode,kode_wilayah,unit,nilai\n"
        "IZIN-USAHA,2025-07,53.71.01,,dua ratus\n"  # not a number
        "TIDAK-ADA,2025-07,53.71.01,,10\n"  # unknown indicator
        "IZIN-USAHA,2025-13,53.71.01,,10\n"  # no month 13
        "IZIN-USAHA,2025-08,,Unit Fiktif,10\n"  # unknown unit
        "IZIN-USAHA,2025-08,61.71,,10\n"  # another region
        "IZIN-USAHA,2025-09,53.71.01,,10\n"  # fine
        "IZIN-USAHA,2025-09,53.71.01,,11\n"  # the same cell twice
    )
    with pytest.raises(ImportRejected) as err:
        indicator_values_import(
            data=content.encode(), filename="x.csv", instansi=world.instansi, acting_user=None
        )
    found = {(e.row, e.column) for e in err.value.errors}
    assert found == {
        (2, "nilai"),
        (3, "kode_indikator"),
        (4, "periode"),
        (5, "unit"),
        (6, "kode_wilayah"),
        (8, "periode"),
    }
    messages = " ".join(e.message for e in err.value.errors)
    assert "bukan angka" in messages and "TIDAK-ADA tidak dikenal" in messages
    assert "Unit Fiktif" in messages and "baris 7" in messages
    assert not IndicatorValue.objects.exists()


def test_xlsx_import_takes_number_and_date_cells(world: World, indicator: Indicator) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Kode Indikator", "Periode", "Kode Wilayah", "Nilai"])
    sheet.append(["IZIN-USAHA", date(2025, 7, 1), "53.71.01", 1480])
    sheet.append(["IZIN-USAHA", "2025-08", "53.71.01", 22.4])
    buffer = io.BytesIO()
    workbook.save(buffer)
    indicator_values_import(
        data=buffer.getvalue(), filename="izin.xlsx", instansi=world.instansi, acting_user=None
    )
    assert sorted(IndicatorValue.objects.values_list("nilai", flat=True)) == [
        Decimal("22.4"),
        Decimal(1480),
    ]


def test_import_needs_a_place_column(world: World, indicator: Indicator) -> None:
    with pytest.raises(ImportRejected) as err:
        indicator_values_import(
            data=b"kode_indikator,periode,nilai\nIZIN-USAHA,2025-07,1\n",
            filename="x.csv",
            instansi=world.instansi,
            acting_user=None,
        )
    assert "kode_wilayah" in str(err.value.errors[0])


def test_import_page_shows_errors(client, world: World, indicator: Indicator) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("regional:indicator_import") + f"?instansi={world.instansi.pk}",
        {
            "berkas": SimpleUploadedFile(
                "x.csv",
                b"kode_indikator,periode,kode_wilayah,nilai\nIZIN-USAHA,2025-07,53.71.01,abc\n",
            )
        },
    )
    content = response.content.decode()
    assert "tidak ada data yang disimpan" in content and "bukan angka" in content
    assert not IndicatorValue.objects.exists()


def test_detail_page_entry_and_chart(client, world: World, indicator: Indicator) -> None:
    client.force_login(world.user("bkpsdm"))
    url = reverse("regional:indicator_detail", args=[indicator.pk])
    for month, value in (("2025-07", "140"), ("2025-08", "151")):
        response = client.post(url, {"kode_wilayah": "53.71.01", "periode": month, "nilai": value})
        assert response.status_code == 302
    page = client.get(url).content.decode()
    assert page.count("<rect") == 2
    assert "2025-08: 151" in page
    bad = client.post(url, {"kode_wilayah": "53.71.01", "periode": "Juli", "nilai": "x"})
    assert bad.status_code == 200
    assert IndicatorValue.objects.count() == 2


def test_list_page_shows_a_small_chart_per_place(client, world: World) -> None:
    medan = build_medan()
    from bangkom.accounts.models import Role
    from bangkom.accounts.services import role_assign

    role_assign(
        user=world.user("bkpsdm"), role=Role.BKPSDM_ADMIN, instansi=medan.instansi, acting_user=None
    )
    for month in range(1, 7):
        IndicatorValue.objects.create(
            indicator=medan.indicator,
            wilayah=medan.wilayah_marelan,
            periode=date(2025, month, 1),
            nilai=Decimal(100 + month),
        )
    client.force_login(world.user("bkpsdm"))
    page = client.get(
        reverse("regional:indicator_list") + f"?instansi={medan.instansi.pk}"
    ).content.decode()
    assert "Kecamatan Medan Marelan" in page
    assert page.count('class="spark"') == 1 and page.count("<rect") == 6
