"""Position import: template round trip, standards derived, re-import, duty replacement, errors."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bangkom.competencies.models import PositionStandard, StandardSource
from bangkom.core.imports.report import ImportRejected
from bangkom.core.models import AuditEvent
from bangkom.organisation.imports import positions_import
from bangkom.organisation.imports.workbooks import positions_template
from bangkom.organisation.models import Duty, Position, PositionClass
from bangkom.testing.world import World

SHEETS = ("Jabatan", "Uraian Tugas", "Standar")


def state() -> tuple[int, ...]:
    return (
        Position.objects.count(),
        Duty.objects.count(),
        PositionStandard.objects.count(),
        AuditEvent.objects.count(),
    )


def fill(template: bytes, rows: dict[str, list[dict[str, Any]]]) -> bytes:
    """The template with each data sheet's example row replaced by ``rows[sheet]``."""
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    for name in SHEETS:
        sheet = workbook[name]
        sheet.delete_rows(2)
        header = [cell.value for cell in sheet[1]]
        for row in rows.get(name, []):
            sheet.append([row.get(column, "") for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(world: World, data: bytes, **options: Any) -> Any:
    options.setdefault("acting_user", world.user("bkpsdm"))
    return positions_import(data=data, filename="jabatan.xlsx", instansi=world.instansi, **options)


def standard(position: Position) -> dict[str, tuple[int, str]]:
    return {
        line.competency.kode: (line.required_level, line.source)
        for line in PositionStandard.objects.filter(position=position).select_related("competency")
    }


WORKBOOK = {
    "Jabatan": [
        {
            "unit": "Puskesmas Alak",
            "unit_induk": "Dinas Kesehatan",
            "nama_jabatan": "Pranata Komputer Ahli Pertama",
            "ikhtisar": "Mengelola aplikasi.",
        },
        {
            "unit": "Kecamatan Alak",
            "nama_jabatan": "Kepala Seksi Pemerintahan",
            "kelas_jabatan": "Pengawas",
        },
        {
            "unit": "Puskesmas Alak",
            "nama_jabatan": "perawat ahli  pertama",
            "ikhtisar": "Memberikan asuhan keperawatan.",
        },
    ],
    "Uraian Tugas": [
        {
            "unit": "Puskesmas Alak",
            "nama_jabatan": "Pranata Komputer Ahli Pertama",
            "urutan": 1,
            "uraian_tugas": "Memelihara aplikasi puskesmas",
            "kompetensi": "M.3:3; M.4:2",
        },
        {
            "unit": "Puskesmas Alak",
            "nama_jabatan": "Pranata Komputer Ahli Pertama",
            "urutan": 2,
            "uraian_tugas": "Menyusun laporan layanan",
            "kompetensi": "m.3 : 2",
        },
        {
            "unit": "Kecamatan Alak",
            "nama_jabatan": "Kepala Seksi Pemerintahan",
            "uraian_tugas": "Mengoordinasikan pelayanan administrasi",
            "kompetensi": "M.5:4",
        },
    ],
    "Standar": [
        {
            "unit": "Kecamatan Alak",
            "nama_jabatan": "Kepala Seksi Pemerintahan",
            "kode_kompetensi": "M.1",
            "level": 4,
        },
    ],
}


def test_template_round_trip_through_the_page(
    world: World, client, django_capture_on_commit_callbacks
) -> None:
    client.force_login(world.user("bkpsdm"))
    response = client.get(reverse("organisation:import_positions_template"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Jabatan", "Uraian Tugas", "Standar", "Petunjuk", "Referensi"]
    assert [c.value for c in workbook["Jabatan"][1]] == [
        "unit",
        "unit_induk",
        "nama_jabatan",
        "kelas_jabatan",
        "ikhtisar",
    ]
    assert [c.value for c in workbook["Uraian Tugas"][1]] == [
        "unit",
        "nama_jabatan",
        "urutan",
        "uraian_tugas",
        "kompetensi",
    ]
    assert [c.value for c in workbook["Standar"][1]] == [
        "unit",
        "nama_jabatan",
        "kode_kompetensi",
        "level",
    ]
    codes = {row[0].value for row in workbook["Referensi"].iter_rows()}
    assert {"M.1", "M.8", "SK.1", "Fungsional Ahli Pertama"} <= codes

    upload = io.BytesIO(fill(response.content, WORKBOOK))
    upload.name = "jabatan.xlsx"
    with django_capture_on_commit_callbacks(execute=True):  # the job runs as the worker would
        response = client.post(
            reverse("organisation:import_positions"),
            {"instansi": world.instansi.pk, "berkas": upload},
        )
    assert response.status_code == 302
    page = client.get(response["Location"])

    assert page.status_code == 200
    assert "Impor selesai" in page.content.decode()
    pranata = Position.objects.get(unit=world.puskesmas, nama="Pranata Komputer Ahli Pertama")
    assert (pranata.kelas, pranata.ikhtisar) == (PositionClass.AHLI_PERTAMA, "Mengelola aplikasi.")
    lines = standard(pranata)
    assert lines["M.3"] == (3, StandardSource.TUGAS)  # the highest level its duties ask for
    assert lines["M.4"] == (2, StandardSource.TUGAS)
    assert lines["M.1"] == (1, StandardSource.KELAS)  # ahli pertama's default
    assert len(lines) == 9
    assert list(pranata.duties.values_list("urutan", "uraian")) == [
        (1, "Memelihara aplikasi puskesmas"),
        (2, "Menyusun laporan layanan"),
    ]
    kasi = Position.objects.get(unit=world.kecamatan, nama="Kepala Seksi Pemerintahan")
    lines = standard(kasi)
    assert lines["M.5"] == (4, StandardSource.TUGAS)
    assert lines["M.1"] == (4, StandardSource.MANUAL)
    assert lines["M.2"] == (2, StandardSource.KELAS)  # pengawas
    world.perawat.refresh_from_db()
    assert world.perawat.ikhtisar == "Memberikan asuhan keperawatan."  # matched, updated
    assert (
        Position.objects.filter(unit=world.puskesmas, nama__iexact="perawat ahli pertama").count()
        == 1
    )


def test_reimport_changes_nothing_and_duties_are_replaced_by_number(world: World) -> None:
    template = positions_template(instansi=world.instansi)
    first = run(world, fill(template, WORKBOOK))
    assert first.counts["positions_created"] == 2 and first.counts["positions_updated"] == 1
    assert first.counts["duties_created"] == 3 and first.counts["standards_set"] == 1
    counts = state()

    again = run(world, fill(template, WORKBOOK))

    assert state() == counts
    assert again.counts["positions_unchanged"] == 3
    assert again.counts["duties_unchanged"] == 3 and again.counts["standards_unchanged"] == 1
    assert sum(n for code, n in again.counts.items() if not code.endswith("unchanged")) == 0

    changed = {
        **WORKBOOK,
        "Uraian Tugas": [
            {
                "unit": "Puskesmas Alak",
                "nama_jabatan": "Pranata Komputer Ahli Pertama",
                "urutan": 1,
                "uraian_tugas": "Memelihara aplikasi puskesmas",
                "kompetensi": "M.3:2",
            },
        ],
    }
    third = run(world, fill(template, changed))

    assert third.counts["duties_updated"] == 1 and third.counts["duties_deleted"] == 1
    pranata = Position.objects.get(nama="Pranata Komputer Ahli Pertama")
    assert pranata.duties.count() == 1
    assert standard(pranata)["M.3"] == (2, StandardSource.TUGAS)
    assert standard(pranata)["M.4"] == (1, StandardSource.KELAS)  # no duty asks for it any more
    kasi = Position.objects.get(nama="Kepala Seksi Pemerintahan")
    assert kasi.duties.count() == 1  # not in the duty sheet: kept


def test_dry_run_writes_nothing(world: World) -> None:
    before = state()

    summary = run(world, fill(positions_template(), WORKBOOK), dry_run=True)

    assert summary.dry_run and summary.counts["positions_created"] == 2
    assert state() == before


def test_every_bad_cell_is_reported_with_its_sheet(world: World) -> None:
    bad = {
        "Jabatan": [
            {"unit": "Dinas Pariwisata", "nama_jabatan": "Analis Pariwisata Ahli Muda"},  # 2
            {"unit": "Puskesmas Alak", "nama_jabatan": "Analis Data", "kelas_jabatan": "Kepala"},
            {"unit": "Puskesmas Alak", "nama_jabatan": "Analis Data Kesehatan"},  # 4: no class
            {"unit": "Puskesmas Alak", "nama_jabatan": "Bidan Ahli Muda"},  # 5: good
            {"unit": "Puskesmas Alak", "nama_jabatan": "BIDAN AHLI MUDA"},  # 6: twice
        ],
        "Uraian Tugas": [
            {
                "unit": "Puskesmas Alak",
                "nama_jabatan": "Bidan Ahli Muda",
                "urutan": 1,
                "uraian_tugas": "Menolong persalinan",
                "kompetensi": "M.3:7; T.99:2; M.4",
            },  # 2
            {
                "unit": "Puskesmas Alak",
                "nama_jabatan": "Bidan Ahli Muda",
                "urutan": 1,
                "uraian_tugas": "Konseling",
            },  # 3: number used
            {
                "unit": "Puskesmas Alak",
                "nama_jabatan": "Dokter Ahli Utama",
                "uraian_tugas": "Memeriksa",
            },  # 4: unknown position
            {
                "unit": "Puskesmas Alak",
                "nama_jabatan": "Bidan Ahli Muda",
                "urutan": "satu",
                "uraian_tugas": "",
            },  # 5: two bad cells
            {
                "unit": "Puskesmas Alak",
                "nama_jabatan": "Analis Data",  # its Jabatan row is wrong: reported there only
                "uraian_tugas": "Mengolah data",
                "kompetensi": "M.1:2",
            },
        ],
        "Standar": [
            {
                "unit": "Puskesmas Alak",
                "nama_jabatan": "Bidan Ahli Muda",
                "kode_kompetensi": "M.9",
                "level": "x",
            },  # 2
            {
                "unit": "Puskesmas Alak",
                "nama_jabatan": "Bidan Ahli Muda",
                "kode_kompetensi": "M.2",
                "level": "inf",
            },  # 3
        ],
    }
    before = state()

    with pytest.raises(ImportRejected) as caught:
        run(world, fill(positions_template(), bad))

    assert state() == before
    errors = {(e.sheet, e.row, e.column): e for e in caught.value.errors}
    assert set(errors) == {
        ("Jabatan", 2, "unit"),
        ("Jabatan", 3, "kelas_jabatan"),
        ("Jabatan", 4, "kelas_jabatan"),
        ("Jabatan", 6, "nama_jabatan"),
        ("Uraian Tugas", 2, "kompetensi"),
        ("Uraian Tugas", 3, "urutan"),
        ("Uraian Tugas", 4, "nama_jabatan"),
        ("Uraian Tugas", 5, "urutan"),
        ("Uraian Tugas", 5, "uraian_tugas"),
        ("Standar", 2, "kode_kompetensi"),
        ("Standar", 2, "level"),
        ("Standar", 3, "level"),
    }
    message = errors["Uraian Tugas", 2, "kompetensi"].message
    assert "level M.3 harus 1–5" in message and "T.99" in message and "“M.4”" in message
    assert "menu Unit kerja" in errors["Jabatan", 2, "unit"].message
    assert "Buat unit dan jabatan" not in errors["Jabatan", 2, "unit"].message
    assert str(errors["Jabatan", 3, "kelas_jabatan"]).startswith("Sheet Jabatan, Baris 3, ")


def test_example_rows_and_missing_sheets_are_refused(world: World) -> None:
    with pytest.raises(ImportRejected) as caught:
        run(world, positions_template())
    assert {(e.sheet, e.row) for e in caught.value.errors} == {
        ("Jabatan", 2),
        ("Uraian Tugas", 2),
        ("Standar", 2),
    }

    workbook = openpyxl.Workbook()
    workbook.active.title = "Lembar1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportRejected) as caught:
        run(world, buffer.getvalue())
    assert "sheet Jabatan" in caught.value.errors[0].message


def test_only_an_admin_of_the_instansi_may_import(world: World) -> None:
    before = state()
    for persona in ("outsider", "opd_admin", "pimpinan"):
        with pytest.raises(PermissionDenied):
            run(world, fill(positions_template(), WORKBOOK), acting_user=world.user(persona))
    assert state() == before
