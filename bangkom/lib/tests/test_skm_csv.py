from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangkom.lib.skm_csv import SkmFileError, column_letter, read_skm_csv

HEADER = "U1,U2,U3,U4,U5,U6,U7,U8,U9"


def read_text(text: str) -> list[tuple[int | None, ...]]:
    return read_skm_csv(io.StringIO(text))


def errors_of(text: str) -> list[str]:
    with pytest.raises(SkmFileError) as caught:
        read_text(text)
    return caught.value.errors


def test_reads_comma_separated_rows() -> None:
    text = f"{HEADER}\n4,3,3,4,3,4,4,3,3\n3,3,2,4,3,3,3,3,3\n"
    assert read_text(text) == [(4, 3, 3, 4, 3, 4, 4, 3, 3), (3, 3, 2, 4, 3, 3, 3, 3, 3)]


def test_semicolon_other_columns_any_order_and_messy_headers() -> None:
    text = (
        "Waktu;Layanan; u9 ;U8;u7;U6;U5;U4;U3;U2;U1 ;Saran\n"
        "2025-01-02 08:00;KTP;1;2;3;4;1;2;3;4;4;Bagus, cepat\n"
    )
    assert read_text(text) == [(4, 4, 3, 2, 1, 4, 3, 2, 1)]


def test_tab_separated() -> None:
    text = "U1\tU2\tU3\tU4\tU5\tU6\tU7\tU8\tU9\n" + "\t".join("4" * 9) + "\n"
    assert read_text(text) == [(4,) * 9]


def test_blank_element_is_unanswered_and_empty_lines_are_skipped() -> None:
    text = f"{HEADER}\n4,,3,4,3,4,4,3,3\n\n,,,,,,,,\n3,3,3,3,3,3,3,3\n"
    assert read_text(text) == [
        (4, None, 3, 4, 3, 4, 4, 3, 3),
        (3, 3, 3, 3, 3, 3, 3, 3, None),  # a short row leaves U9 unanswered
    ]


def test_whole_numbers_written_as_decimals() -> None:
    text = f'{HEADER}\n4.0,"3,00",3,3,3,3,3,3,3\n'
    assert read_text(text) == [(4, 3, 3, 3, 3, 3, 3, 3, 3)]


def test_bom_and_crlf_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "skm.csv"
    path.write_bytes(b"\xef\xbb\xbfU1;U2;U3;U4;U5;U6;U7;U8;U9\r\n4;4;4;4;4;4;4;4;1\r\n")
    assert read_skm_csv(path) == [(4, 4, 4, 4, 4, 4, 4, 4, 1)]
    assert read_skm_csv(str(path)) == [(4, 4, 4, 4, 4, 4, 4, 4, 1)]


def test_windows_1252_and_utf16_files(tmp_path: Path) -> None:
    ansi = tmp_path / "ansi.csv"
    ansi.write_bytes(
        f"Catatan;{HEADER.replace(',', ';')}\nPelayanan \xe9;1;1;1;1;1;1;1;1;1\n".encode("cp1252")
    )
    assert read_skm_csv(ansi) == [(1,) * 9]
    utf16 = tmp_path / "utf16.csv"
    utf16.write_text(f"{HEADER}\n2,2,2,2,2,2,2,2,2\n", encoding="utf-16")
    assert read_skm_csv(utf16) == [(2,) * 9]


def test_binary_stream() -> None:
    assert read_skm_csv(io.BytesIO(f"\ufeff{HEADER}\n1,2,3,4,1,2,3,4,1\n".encode())) == [
        (1, 2, 3, 4, 1, 2, 3, 4, 1)
    ]


def test_text_stream_with_bom() -> None:
    assert read_text(f"\ufeff{HEADER}\n1,2,3,4,1,2,3,4,1\n") == [(1, 2, 3, 4, 1, 2, 3, 4, 1)]


def test_every_bad_value_is_reported_with_row_and_column() -> None:
    text = (
        f"Nama,{HEADER}\n"
        "Ani,4,3,3,4,3,4,4,3,3\n"
        "Budi,5,3,3,4,3,4,4,3,3\n"
        "Citra,4,3,3,baik,3,4,4,3,0\n"
        "Dedi,4,3,3,4,3,4,4,3,3.5\n"
    )
    assert errors_of(text) == [
        "Baris 3, kolom U1 (B): nilai 5 di luar skala 1–4",
        "Baris 4, kolom U4 (E): 'baik' bukan angka; isi 1, 2, 3 atau 4, "
        "atau kosongkan bila tidak dijawab",
        "Baris 4, kolom U9 (J): nilai 0 di luar skala 1–4",
        "Baris 5, kolom U9 (J): '3.5' bukan angka; isi 1, 2, 3 atau 4, "
        "atau kosongkan bila tidak dijawab",
    ]


def test_row_numbers_count_skipped_blank_lines() -> None:
    assert errors_of(f"{HEADER}\n4,4,4,4,4,4,4,4,4\n\n4,4,4,4,4,4,4,4,9\n") == [
        "Baris 4, kolom U9 (I): nilai 9 di luar skala 1–4"
    ]


def test_missing_columns_are_named() -> None:
    errors = errors_of("U1,U2,U3,U5,U6,U8,U9\n4,4,4,4,4,4,4\n")
    assert errors == [
        "Kolom U4, U7 tidak ditemukan di baris judul (baris 1); "
        "baris judul harus memuat kolom U1 sampai U9"
    ]


def test_repeated_column() -> None:
    assert errors_of(f"{HEADER},u3\n" + ",".join("4" * 10) + "\n") == [
        "Kolom U3 muncul lebih dari sekali (kolom C, J); sisakan satu"
    ]


def test_no_header_at_all() -> None:
    assert errors_of("4,4,4,4,4,4,4,4,4\n") == [
        "Kolom U1, U2, U3, U4, U5, U6, U7, U8, U9 tidak ditemukan di baris judul (baris 1); "
        "baris judul harus memuat kolom U1 sampai U9"
    ]


@pytest.mark.parametrize("text", ["", "\n\n", " , , \n"])
def test_empty_file(text: str) -> None:
    assert errors_of(text) == [
        "Berkas kosong; baris pertama harus berisi judul kolom U1 sampai U9, "
        "diikuti satu baris per responden"
    ]


def test_header_only_gives_no_rows() -> None:
    assert read_text(f"{HEADER}\n") == []


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SkmFileError) as caught:
        read_skm_csv(tmp_path / "tidak-ada.csv")
    assert caught.value.errors == [f"Berkas tidak ditemukan: {tmp_path / 'tidak-ada.csv'}"]


def test_message_of_several_errors_lists_them_all() -> None:
    error = SkmFileError(["satu", "dua"])
    assert str(error) == "Berkas SKM berisi 2 kesalahan:\n- satu\n- dua"
    assert str(SkmFileError(["satu"])) == "satu"


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (8, "I"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")],
)
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters


answers = st.lists(
    st.tuples(*[st.one_of(st.none(), st.integers(min_value=1, max_value=4))] * 9),
    max_size=30,
)


@given(answers, st.sampled_from([",", ";", "\t"]))
def test_written_answers_read_back(rows: list[tuple[int | None, ...]], delimiter: str) -> None:
    lines = [delimiter.join(f"U{number}" for number in range(1, 10))]
    lines += [delimiter.join("" if value is None else str(value) for value in row) for row in rows]
    expected = [row for row in rows if any(value is not None for value in row)]
    assert read_text("\n".join(lines) + "\n") == expected


@given(st.text())
def test_arbitrary_text_raises_only_skm_file_error(text: str) -> None:
    try:
        rows = read_text(text)
    except SkmFileError as err:
        assert err.errors
    else:
        assert all(len(row) == 9 for row in rows)
