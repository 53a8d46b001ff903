"""Reading files and guessing names: the pure parts of the imports (no database)."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from bangkom.core.imports.columns import Column, ColumnMap, is_example
from bangkom.core.imports.reading import cell_text, is_lossy_number, read_table
from bangkom.core.imports.report import ErrorList, ImportRejected
from bangkom.organisation.imports.matching import (
    name_key,
    parse_position_class,
    unit_kind_from_name,
)
from bangkom.organisation.models import PositionClass, UnitKind


def test_csv_rows_keep_spreadsheet_numbers_across_blank_lines_and_multiline_cells() -> None:
    data = b'NIP BARU,NAMA\r\n\r\n1,"Satu\r\nbaris dua"\r\n,\r\n2,Dua\r\n'

    table = read_table(data, "x.csv")

    assert table.headers == ("NIP BARU", "NAMA")
    assert [(row.number, row.values) for row in table.rows] == [
        (3, ("1", "Satu\r\nbaris dua")),
        (5, ("2", "Dua")),
    ]


def test_csv_encodings_and_delimiters() -> None:
    utf8 = read_table("\ufeffnip;nama\n1;Agustinus Léo\n".encode(), "a.csv")
    windows = read_table("nip\tnama\n1\tAgustinus Léo\n".encode("cp1252"), "b.csv")

    assert utf8.headers == windows.headers == ("nip", "nama")
    assert utf8.rows[0].values == windows.rows[0].values == ("1", "Agustinus Léo")


def test_xlsx_cells_keep_their_types_and_rows_their_numbers() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["nip", "tanggal_lahir", "nomor"])
    sheet.append([])
    sheet.append(["198609262015051001", datetime(1986, 9, 26), 81234.0])
    buffer = io.BytesIO()
    workbook.save(buffer)

    table = read_table(buffer.getvalue(), "a.xlsx")

    assert [row.number for row in table.rows] == [3]
    nip, born, number = table.rows[0].values
    assert (nip, born, cell_text(born), cell_text(number)) == (
        "198609262015051001",
        datetime(1986, 9, 26),
        "1986-09-26",
        "81234",
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "kosong"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "lama.xls", ".xls"),
        (b"PK\x03\x04not really a zip", "a.xlsx", "tidak dapat dibuka"),
        (b"garbage", "a.xlsx", "tidak dapat dibuka"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        read_table(data, name)

    assert message in caught.value.errors[0].message


def test_cell_text_and_lossy_numbers() -> None:
    assert cell_text("  Dinas \u00a0 Kesehatan ") == "Dinas Kesehatan"
    assert cell_text(3.0) == "3" and cell_text(2.5) == "2.5" and cell_text(None) == ""
    assert cell_text(date(2020, 1, 2)) == "2020-01-02"
    assert is_lossy_number(1.98609262015051e17)
    assert not is_lossy_number(198609262015051001)  # an int cell is exact
    assert not is_lossy_number(81234567890.0)


def test_columns_are_found_under_any_spelling_and_duplicates_are_errors() -> None:
    columns = (
        Column("nip", ("nip", "nip_baru"), required=True, siasn="NIP BARU"),
        Column("nama", ("nama",), required=True, siasn="NAMA"),
    )
    table = read_table(b"Nip Baru,NAMA,NIP\n1,A,1\n", "a.csv")
    errors = ErrorList()

    mapping = ColumnMap(table, columns, errors)

    assert mapping.header("nip") == "Nip Baru"
    assert [(e.row, e.column) for e in errors.as_list()] == [(1, "NIP")]

    errors = ErrorList()
    ColumnMap(read_table(b"PNS ID,GELAR DEPAN\n1,dr.\n", "a.csv"), columns, errors)
    assert [e.column for e in errors.as_list()] == ["NIP BARU", "NAMA"]  # SIASN-style file
    errors = ErrorList()
    ColumnMap(read_table(b"pns_id,gelar_depan\n1,dr.\n", "a.csv"), columns, errors)
    assert [e.column for e in errors.as_list()] == ["nip", "nama"]  # template-style file


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kecamatan Alak", UnitKind.KECAMATAN),
        ("KELURAHAN  NAIKOTEN I", UnitKind.KELURAHAN),
        ("Dinas Kesehatan", UnitKind.DINAS),
        ("Badan Kepegawaian dan Pengembangan SDM", UnitKind.BADAN),
        ("Puskesmas Oebobo", UnitKind.PUSKESMAS),
        ("Bidang Aplikasi Informatika", UnitKind.BIDANG),
        ("Seksi Pelayanan Umum", UnitKind.SEKSI),
        ("Sub Bagian Umum dan Kepegawaian", UnitKind.SUBBAGIAN),
        ("Subbagian Keuangan", UnitKind.SUBBAGIAN),
        ("UPT Laboratorium Kesehatan", UnitKind.UPT),
        ("UPTD Pengelolaan Sampah", UnitKind.UPT),
        ("Sekretariat Daerah", UnitKind.SETDA),
        ("Inspektorat Daerah", UnitKind.LAINNYA),
        ("Badaniah", UnitKind.LAINNYA),
    ],
)
def test_unit_kind_from_name(name: str, kind: str) -> None:
    assert unit_kind_from_name(name) == kind


@pytest.mark.parametrize(
    ("text", "kelas"),
    [
        ("ahli_pertama", PositionClass.AHLI_PERTAMA),
        ("Fungsional Ahli Pertama", PositionClass.AHLI_PERTAMA),
        ("AHLI  PERTAMA", PositionClass.AHLI_PERTAMA),
        ("JPT Pratama", PositionClass.JPT_PRATAMA),
        ("pengawas", PositionClass.PENGAWAS),
        ("Terampil", PositionClass.TERAMPIL),
        ("Kepala", None),
        ("", None),
    ],
)
def test_parse_position_class(text: str, kelas: str | None) -> None:
    assert parse_position_class(text) == kelas


def test_name_key_ignores_case_and_spaces() -> None:
    assert name_key("  DINAS   kesehatan ") == name_key("Dinas Kesehatan")


def test_only_the_templates_example_prefix_marks_an_example() -> None:
    assert is_example("CONTOH - Agus Setiawan (hapus baris ini)")
    assert is_example("contoh - Analis")
    assert not is_example("Contohyanto")
