"""Employee import: SIASN export (CSV/XLSX), the template, errors, re-import, dry run (units
and positions named in the file: ``test_import_units.py``)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from bangkom.competencies.models import PositionStandard
from bangkom.core.imports.report import ImportRejected
from bangkom.core.models import AuditEvent
from bangkom.organisation.imports import employees_import
from bangkom.organisation.imports.workbooks import employees_template
from bangkom.organisation.models import (
    Employee,
    EmployeeKind,
    Position,
    PositionClass,
    Unit,
)
from bangkom.testing.world import World

FILES = Path(__file__).parent / "files"
SIASN_CSV = FILES / "siasn_export.csv"


def state() -> tuple[int, ...]:
    """What an import may change, counted."""
    return (
        Employee.objects.count(),
        Unit.objects.count(),
        Position.objects.count(),
        PositionStandard.objects.count(),
        AuditEvent.objects.count(),
    )


def run(world: World, data: bytes, filename: str = "data.csv", **options: Any) -> Any:
    options.setdefault("acting_user", world.user("bkpsdm"))
    return employees_import(data=data, filename=filename, instansi=world.instansi, **options)


def rejected(world: World, data: bytes, filename: str = "data.csv", **options: Any) -> dict:
    """The errors of a refused file, by (row, column), after checking nothing changed."""
    before = state()
    with pytest.raises(ImportRejected) as caught:
        run(world, data, filename, **options)
    assert state() == before
    return {(e.row, e.column): e for e in caught.value.errors}


def siasn_rows() -> tuple[list[str], list[list[str]]]:
    text = SIASN_CSV.read_bytes().decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, rows


def to_csv(header: list[str], rows: list[list[str]], *, bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode()


def to_xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_cell(rows: list[list[str]], header: list[str], index: int, column: str, value: str):
    changed = [list(r) for r in rows]
    changed[index][header.index(column)] = value
    return changed


# ----------------------------------------------------------------------------- SIASN export


def _assert_siasn_imported(world: World) -> None:
    maria = Employee.objects.get(nip="197805122003122002")
    assert maria.pk == world.supervisor.pk  # updated in place, not duplicated
    assert (maria.nama, maria.gelar_belakang, maria.golongan) == (
        "MARIA NAHAK",
        "S.Kep., Ns.",
        "III/d",
    )
    assert (maria.email, maria.phone) == ("maria.nahak@example.go.id", "081234500001")
    assert (maria.unit, maria.position) == (world.puskesmas, world.kepala_puskesmas)
    assert maria.pendidikan_tingkat == "S-1/Sarjana"

    yohanes = Employee.objects.get(nip="199203142019031004")
    assert yohanes.supervisor == world.supervisor  # SIASN has no supervisor column: kept
    assert yohanes.email == ""  # an empty cell keeps what is stored

    stefanus = Employee.objects.get(nip="198811032014031002")
    assert stefanus.instansi == world.instansi
    assert (stefanus.unit, stefanus.position) == (world.kecamatan, world.staf_kecamatan)
    assert (stefanus.tanggal_lahir, stefanus.jenis_kelamin) == (date(1988, 11, 3), "L")
    assert (stefanus.tmt_cpns, stefanus.golongan) == (date(2014, 3, 1), "II/c")

    yuliana = Employee.objects.get(nip="199001152023212001")
    assert (yuliana.jenis, yuliana.golongan) == (EmployeeKind.PPPK, "IX")
    assert (yuliana.tanggal_lahir, yuliana.jenis_kelamin) == (date(1990, 1, 15), "P")

    fransiska = Employee.objects.get(nip="199507212020122005")
    assert fransiska.display_name == "FRANSISKA LAY, S.Kep."
    assert fransiska.position == world.perawat

    agus = Employee.objects.get(pk=world.kecamatan_staff.pk)
    assert agus.nama == "Agus Setiawan"  # not in the file: untouched


def test_siasn_csv_as_exported(world: World) -> None:
    """Upper-case headers, extra columns, BOM, CRLF, dd-mm-yyyy and ISO dates, sex as words."""
    assert SIASN_CSV.read_bytes().startswith(b"\xef\xbb\xbf")
    audit_before = AuditEvent.objects.count()

    summary = run(world, SIASN_CSV.read_bytes(), "siasn_export.csv")

    assert summary.counts == {
        "created": 3,
        "updated": 2,
        "unchanged": 0,
        "units_created": 0,
        "positions_created": 0,
    }
    _assert_siasn_imported(world)
    events = AuditEvent.objects.order_by("id")[audit_before:]
    assert sorted(e.action for e in events) == ["employee.create"] * 3 + ["employee.update"] * 2
    assert {e.actor_label for e in events} == {"bkpsdm"}
    maria_event = next(e for e in events if e.target_id == str(world.supervisor.pk))
    assert maria_event.changes["golongan"] == ["III/a", "III/d"]
    assert maria_event.changes["nama"] == ["Maria Nahak", "MARIA NAHAK"]
    assert "siasn_export.csv" in maria_event.note


def test_siasn_xlsx_with_date_cells(world: World) -> None:
    header, rows = siasn_rows()
    birth = header.index("TANGGAL LAHIR")
    cells: list[list[Any]] = []
    for row in rows:
        values: list[Any] = list(row)
        day = row[birth]
        if "-" in day and len(day.split("-")[0]) == 2:
            values[birth] = datetime.strptime(day, "%d-%m-%Y")  # a real date cell
        values[header.index("GOL AKHIR ID")] = int(row[header.index("GOL AKHIR ID")])
        if row[header.index("NOMOR HP")]:  # a number cell: Excel drops the leading zero
            values[header.index("NOMOR HP")] = int(row[header.index("NOMOR HP")])
        cells.append(values)

    summary = run(world, to_xlsx(header, cells), "Export Data ASN.xlsx")

    assert (summary.counts["created"], summary.counts["updated"]) == (3, 2)
    _assert_siasn_imported(world)


def test_snake_case_headers_semicolons_and_letters_for_sex(world: World) -> None:
    header, rows = siasn_rows()
    snake = [h.lower().replace(" ", "_") for h in header]
    rows = with_cell(rows, header, 2, "JENIS KELAMIN NAMA", "F")
    rows = with_cell(rows, header, 3, "JENIS KELAMIN NAMA", "L")
    rows = with_cell(rows, header, 2, "PENDIDIKAN NAMA", "S1 Keperawatan – Ners")  # cp1252 dash
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([snake, *rows])
    text = buffer.getvalue()

    summary = run(world, text.encode("cp1252"), "excel.csv")  # Excel on Windows, Indonesian locale

    assert summary.counts["created"] == 3
    _assert_siasn_imported(world)
    assert Employee.objects.get(nip="199507212020122005").pendidikan_nama == "S1 Keperawatan – Ners"


def test_reimport_updates_and_never_duplicates(world: World) -> None:
    data = SIASN_CSV.read_bytes()
    run(world, data)
    counts = state()

    again = run(world, data)

    assert (again.counts["created"], again.counts["updated"], again.counts["unchanged"]) == (
        0,
        0,
        5,
    )
    assert state() == counts  # no row, no audit row

    header, rows = siasn_rows()
    rows = with_cell(rows, header, 0, "GOL AKHIR NAMA", "IV/a")
    changed = run(world, to_csv(header, rows))

    assert (changed.counts["updated"], changed.counts["unchanged"]) == (1, 4)
    assert Employee.objects.count() == counts[0]
    event = AuditEvent.objects.latest("id")
    assert event.action == "employee.update"
    assert event.changes == {"golongan": ["III/d", "IV/a"]}


def test_dry_run_reports_and_writes_nothing(world: World) -> None:
    before = state()

    summary = run(world, SIASN_CSV.read_bytes(), dry_run=True)

    assert summary.dry_run
    assert (summary.counts["created"], summary.counts["updated"]) == (3, 2)
    assert state() == before
    assert Employee.objects.get(pk=world.supervisor.pk).golongan == "III/a"


# ----------------------------------------------------------------------------- errors


def test_every_bad_cell_is_reported_and_nothing_is_written(world: World) -> None:
    header, rows = siasn_rows()
    good = rows[2]  # Fransiska, a new employee

    def row(**cells: str) -> list[str]:
        values = list(good)
        for column, value in cells.items():
            values[header.index(column.replace("_", " "))] = value
        return values

    bad = [
        row(NIP_BARU="198602302010011001", TANGGAL_LAHIR="", JENIS_KELAMIN_NAMA="Laki-laki"),  # 2
        row(
            NIP_BARU="199601012021011001",
            UNOR_NAMA="Bidang Destinasi",  # 3
            UNOR_INDUK_NAMA="Dinas Pariwisata",
            TANGGAL_LAHIR="01-01-1996",
            JENIS_KELAMIN_NAMA="L",
        ),
        row(NIP_BARU="199602022021012002", GOL_AKHIR_NAMA="V/a", TANGGAL_LAHIR="02-02-1996"),  # 4
        row(NIP_BARU="199603032021011003", TANGGAL_LAHIR="03-03-1996", JENIS_KELAMIN_NAMA="L"),
        row(NIP_BARU="199603032021011003", TANGGAL_LAHIR="03-03-1996", JENIS_KELAMIN_NAMA="L"),
        row(NIP_BARU="199001012015031002", TANGGAL_LAHIR="01-01-1990", JENIS_KELAMIN_NAMA="L"),
        row(NIP_BARU="199605052021012005", TANGGAL_LAHIR="06-05-1996"),  # 8: not the NIP's
        row(NIP_BARU="199604042021012004", TANGGAL_LAHIR="04-04-1996", JABATAN_NAMA="Bidan Ahli"),
        good,  # 10: a good row is not written either
    ]

    errors = rejected(world, to_csv(header, bad))

    assert set(errors) == {
        (2, "NIP BARU"),
        (3, "UNOR INDUK NAMA"),
        (4, "GOL AKHIR NAMA"),
        (6, "NIP BARU"),
        (7, "NIP BARU"),
        (8, "TANGGAL LAHIR"),
        (9, "JABATAN NAMA"),
    }
    assert "1986-02-30" in errors[2, "NIP BARU"].message
    assert "periksa 8 digit pertama" in errors[2, "NIP BARU"].message
    assert str(errors[2, "NIP BARU"]).startswith("Baris 2, kolom NIP BARU: ")
    assert "Dinas Pariwisata" in errors[3, "UNOR INDUK NAMA"].message
    message = errors[3, "UNOR INDUK NAMA"].message
    assert "Buat unit dan jabatan yang belum ada" in message and "--" not in message
    assert errors[4, "GOL AKHIR NAMA"].value == "V/a"
    assert "baris 5" in errors[6, "NIP BARU"].message
    assert "instansi lain" in errors[7, "NIP BARU"].message
    assert "1996-05-05" in errors[8, "TANGGAL LAHIR"].message  # employee_validate's own rule
    assert "Bidan Ahli" in errors[9, "JABATAN NAMA"].message
    assert not Employee.objects.filter(nip="199507212020122005").exists()
    other = Employee.objects.get(nip="199001012015031002")
    assert other.instansi == world.other_instansi  # never moved


def test_missing_required_column_is_reported_on_the_header_row(world: World) -> None:
    header, rows = siasn_rows()
    index = header.index("NAMA")
    data = to_csv(header[:index] + header[index + 1 :], [r[:index] + r[index + 1 :] for r in rows])

    errors = rejected(world, data)

    assert set(errors) == {(1, "NAMA")}
    assert "Kolom wajib tidak ditemukan" in errors[1, "NAMA"].message


def test_nip_typed_as_a_number_in_excel_is_refused(world: World) -> None:
    header, rows = siasn_rows()
    cells: list[list[Any]] = [list(r) for r in rows[:1]]
    cells[0][header.index("NIP BARU")] = 1.97805122003122e17  # what Excel keeps of it

    errors = rejected(world, to_xlsx(header, cells), "export.xlsx")

    assert "format kolom sebagai Teks" in errors[2, "NIP BARU"].message


def test_only_an_admin_of_the_instansi_may_import(world: World) -> None:
    before = state()
    for persona in ("outsider", "opd_admin", "pimpinan", "employee"):
        with pytest.raises(PermissionDenied):
            run(world, SIASN_CSV.read_bytes(), acting_user=world.user(persona))
    assert state() == before
    run(world, SIASN_CSV.read_bytes(), acting_user=world.user("superadmin"))
    assert Employee.objects.filter(nip="199507212020122005").exists()


def test_a_failure_while_writing_rolls_everything_back(world: World, monkeypatch) -> None:
    header, rows = siasn_rows()
    rows = with_cell(rows, header, 2, "UNOR NAMA", "Puskesmas Baru")
    before = state()

    def broken(events: list) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("bangkom.organisation.imports.employees.audit_events_bulk", broken)
    with pytest.raises(RuntimeError):
        run(world, to_csv(header, rows), create_units=True)

    assert state() == before
    assert not Unit.objects.filter(nama="Puskesmas Baru").exists()


# ----------------------------------------------------------------------------- the template


def _template_rows(rows: list[list[Any]]) -> bytes:
    """The downloaded template with its example row replaced by ``rows``."""
    workbook = openpyxl.load_workbook(io.BytesIO(employees_template()))
    sheet = workbook["Pegawai"]
    sheet.delete_rows(2)
    header = [cell.value for cell in sheet[1]]
    for row in rows:
        sheet.append([row.get(name, "") for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_template_has_header_example_and_explanations() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(employees_template()))
    assert workbook.sheetnames == ["Pegawai", "Petunjuk"]
    sheet = workbook["Pegawai"]
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "nip",
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "jenis_pegawai",
        "golongan",
        "tanggal_lahir",
        "jenis_kelamin",
        "jabatan",
        "kelas_jabatan",
        "unit",
        "unit_induk",
        "nip_atasan",
        "pendidikan_tingkat",
        "pendidikan_nama",
        "email",
        "nomor_hp",
    ]
    example = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert example["nama"].startswith("CONTOH")
    assert sheet["A2"].number_format == "@"  # the NIP stays text
    explained = {row[0].value for row in workbook["Petunjuk"].iter_rows() if row[0].value}
    assert set(header) <= explained


def test_template_example_row_is_refused(world: World) -> None:
    errors = rejected(world, employees_template(), "templat.xlsx")

    assert "baris contoh" in errors[2, "nama"].message


def test_template_with_supervisors_within_the_file_and_in_the_database(world: World) -> None:
    rows = [
        {
            "nip": "199601012021011001",
            "nama": "Andi",
            "jabatan": "Pranata Komputer Ahli Pertama",
            "kelas_jabatan": "Ahli Pertama",
            "unit": "Seksi Data",
            "unit_induk": "Dinas Kesehatan",
            "nip_atasan": "198501012010011001",
            "golongan": "Penata Muda",
            "nomor_hp": "0812",
        },
        {
            "nip": "198501012010011001",
            "nama": "Budi",
            "jabatan": "Kepala Seksi Data",
            "unit": "Seksi Data",
            "unit_induk": "Dinas Kesehatan",
            "nip_atasan": world.supervisor.nip,
            "golongan": "III/d",
        },
        {"nip": world.employee.nip, "nama": "Yohanes Benu", "nip_atasan": "198501012010011001"},
    ]

    summary = run(world, _template_rows(rows), "templat.xlsx", create_units=True)

    assert (summary.counts["created"], summary.counts["updated"]) == (2, 1)
    andi = Employee.objects.get(nip="199601012021011001")
    budi = Employee.objects.get(nip="198501012010011001")
    assert andi.supervisor == budi and budi.supervisor == world.supervisor
    assert Employee.objects.get(pk=world.employee.pk).supervisor == budi
    assert andi.golongan == "III/a" and andi.phone == "0812"
    assert andi.position.kelas == PositionClass.AHLI_PERTAMA
    assert budi.position.kelas == PositionClass.PENGAWAS
    assert Employee.objects.get(pk=world.employee.pk).position == world.perawat  # kept


def test_supervisor_errors(world: World) -> None:
    rows = [
        {"nip": "199601012021011001", "nama": "Andi", "nip_atasan": "198501012010011001"},
        {"nip": "198501012010011001", "nama": "Budi", "nip_atasan": "199601012021011001"},
        {"nip": "199701012022011001", "nama": "Citra", "nip_atasan": "199701012022011001"},
        {"nip": "199801012023011001", "nama": "Dodi", "nip_atasan": "199001012015031002"},
        {"nip": world.supervisor.nip, "nama": "Maria Nahak", "nip_atasan": world.employee.nip},
    ]

    errors = rejected(world, _template_rows(rows), "templat.xlsx")

    assert set(errors) == {
        (2, "nip_atasan"),
        (3, "nip_atasan"),
        (4, "nip_atasan"),
        (5, "nip_atasan"),
        (6, "nip_atasan"),
    }
    assert "lingkaran" in errors[2, "nip_atasan"].message
    assert "pegawai itu sendiri" in errors[4, "nip_atasan"].message
    assert "tidak ditemukan" in errors[5, "nip_atasan"].message  # another instansi's employee
    assert "lingkaran" in errors[6, "nip_atasan"].message  # Maria → Yohanes → Maria


def test_supervisors_can_be_rearranged_through_a_new_employee(world: World) -> None:
    """Yohanes reports to Maria today; the file puts Maria under Yohanes and Yohanes under a
    new head. The final chain has no loop, so it is accepted."""
    rows = [
        {"nip": world.supervisor.nip, "nama": "Maria Nahak", "nip_atasan": world.employee.nip},
        {"nip": world.employee.nip, "nama": "Yohanes Benu", "nip_atasan": "197001012000011001"},
        {"nip": "197001012000011001", "nama": "Kepala Baru"},
    ]

    run(world, _template_rows(rows), "templat.xlsx")

    head = Employee.objects.get(nip="197001012000011001")
    assert Employee.objects.get(pk=world.employee.pk).supervisor == head
    assert Employee.objects.get(pk=world.supervisor.pk).supervisor == world.employee
    event = AuditEvent.objects.filter(target_id=str(world.employee.pk)).latest("id")
    assert event.changes["supervisor"] == [world.supervisor.pk, head.pk]
