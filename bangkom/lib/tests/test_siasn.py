from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangkom.lib.siasn import (
    POSITION_CLASSES,
    SiasnValueError,
    normalise_header,
    parse_date,
    parse_jenis_jabatan,
    parse_jenis_pegawai,
    parse_sex,
    position_class_from_title,
)


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("NIP BARU", "nip_baru"),
        (" Gelar  Depan ", "gelar_depan"),
        ("TANGGAL LAHIR", "tanggal_lahir"),
        ("JENIS KELAMIN NAMA", "jenis_kelamin_nama"),
        ("JENIS KELAMIN", "jenis_kelamin"),
        ("\ufeffPNS ID", "pns_id"),
        ("GOL AKHIR NAMA", "gol_akhir_nama"),
        ("nomor_hp", "nomor_hp"),
        ("Status CPNS/PNS", "status_cpns_pns"),
        (None, ""),
    ],
)
def test_normalise_header(header: str | None, name: str) -> None:
    assert normalise_header(header) == name


@pytest.mark.parametrize(
    "value",
    [
        "26-09-1986",
        "26/09/1986",
        "26.09.1986",
        "1986-09-26",
        "1986/09/26",
        "26-9-1986",
        " 26-9-1986 ",
        "1986-09-26 00:00:00",
        "1986-09-26T00:00:00",
        "26 September 1986",
        "26 Sep 1986",
        "26-Sep-1986",
        "26 Sept. 1986",
        "26 SEPTEMBER 1986",
        date(1986, 9, 26),
        datetime(1986, 9, 26, 7, 30),
        31681,  # Excel's serial number for 1986-09-26
        31681.5,  # noon of that day
    ],
)
def test_parse_date_accepts_the_usual_spellings(value: object) -> None:
    assert parse_date(value) == date(1986, 9, 26)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("17 Agustus 1945", date(1945, 8, 17)),
        ("17 Agt 1945", date(1945, 8, 17)),
        ("1 Mei 2020", date(2020, 5, 1)),
        ("31 Desember 1999", date(1999, 12, 31)),
        ("1 Nopember 1990", date(1990, 11, 1)),
        ("29-02-2000", date(2000, 2, 29)),
    ],
)
def test_parse_date_indonesian_month_names(value: str, day: date) -> None:
    assert parse_date(value) == day


@pytest.mark.parametrize(
    ("serial", "day"),
    [
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (36526, date(2000, 1, 1)),
        (45658, date(2025, 1, 1)),
    ],
)
def test_excel_serial_numbers_follow_excel_1900_system(serial: int, day: date) -> None:
    assert parse_date(serial) == day


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31-02-1986", "Tanggal tidak dikenali: '31-02-1986'; tulis dd-mm-yyyy atau yyyy-mm-dd"),
        ("09/26/1986", "Tanggal tidak dikenali: '09/26/1986'; tulis dd-mm-yyyy atau yyyy-mm-dd"),
        ("26-09-86", "Tanggal tidak dikenali: '26-09-86'"),
        ("kemarin", "Tanggal tidak dikenali: 'kemarin'"),
        ("26 Sepember 1986", "Tanggal tidak dikenali: '26 Sepember 1986'"),
        ("", "Tanggal kosong; tulis dd-mm-yyyy atau yyyy-mm-dd"),
        (None, "Tanggal kosong"),
        (60, "29-02-1900 tidak pernah ada"),
        (0, "Tanggal tidak dikenali: '0'"),
        (-5, "Tanggal tidak dikenali"),
        (float("nan"), "Tanggal tidak dikenali"),
        (10**9, "Tanggal tidak dikenali"),
        (True, "Tanggal tidak dikenali"),
    ],
)
def test_parse_date_errors(value: object, message: str) -> None:
    with pytest.raises(SiasnValueError) as caught:
        parse_date(value)
    assert message in str(caught.value)


@given(st.dates(min_value=date(1900, 3, 1)))
def test_every_date_survives_its_usual_spellings(day: date) -> None:
    assert parse_date(day.strftime("%d-%m-%Y")) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}-{day.month}-{day.year:04d}") == day
    assert parse_date((day - date(1899, 12, 30)).days) == day


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parse_date_raises_only_siasn_value_error(value: object) -> None:
    try:
        parse_date(value)
    except SiasnValueError as err:
        assert str(err)


@pytest.mark.parametrize(
    ("value", "sex"),
    [
        ("L", "L"), ("l", "L"), ("M", "L"), ("Laki-laki", "L"), ("LAKI-LAKI", "L"),
        ("Laki - Laki", "L"), ("laki laki", "L"), ("Pria", "L"), ("1", "L"), (1, "L"),
        (1.0, "L"), ("Lk", "L"), ("Male", "L"),
        ("P", "P"), ("p", "P"), ("F", "P"), ("Perempuan", "P"), ("PEREMPUAN", "P"),
        ("Wanita", "P"), ("2", "P"), (2, "P"), ("Pr", "P"), ("Female", "P"),
    ],
)  # fmt: skip
def test_parse_sex(value: object, sex: str) -> None:
    assert parse_sex(value) == sex


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("X", "Jenis kelamin tidak dikenali: 'X'; tulis L/P, M/F, Laki-laki/Perempuan, atau 1/2"),
        (3, "tidak dikenali: '3'"),
        ("", "Jenis kelamin kosong"),
        (None, "Jenis kelamin kosong"),
        (True, "tidak dikenali: 'True'"),
    ],
)
def test_parse_sex_errors(value: object, message: str) -> None:
    with pytest.raises(SiasnValueError) as caught:
        parse_sex(value)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("PNS", "PNS"),
        ("pns", "PNS"),
        ("CPNS", "PNS"),
        ("PNS Daerah", "PNS"),
        ("PNS Daerah Kab/Kota", "PNS"),
        ("PNS Pusat DPK", "PNS"),
        ("Pegawai Negeri Sipil", "PNS"),
        ("Calon Pegawai Negeri Sipil", "PNS"),
        ("PPPK", "PPPK"),
        ("P3K", "PPPK"),
        ("PPPK Paruh Waktu", "PPPK"),
        ("Pegawai Pemerintah dengan Perjanjian Kerja", "PPPK"),
    ],
)
def test_parse_jenis_pegawai(value: str, kind: str) -> None:
    assert parse_jenis_pegawai(value) == kind


@pytest.mark.parametrize("value", ["Honorer", "Non PNS", "Non ASN", "TNI", "", None, "PNSD"])
def test_parse_jenis_pegawai_errors(value: str | None) -> None:
    with pytest.raises(SiasnValueError, match="tulis PNS, CPNS, PPPK atau P3K"):
        parse_jenis_pegawai(value)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("Struktural", "struktural"),
        ("STRUKTURAL", "struktural"),
        ("Jabatan Struktural", "struktural"),
        ("Fungsional Tertentu", "fungsional"),
        ("Jabatan Fungsional", "fungsional"),
        ("Fungsional", "fungsional"),
        ("Fungsional Umum", "pelaksana"),
        ("Pelaksana", "pelaksana"),
        ("Jabatan Pelaksana", "pelaksana"),
        ("", None),
        (None, None),
    ],
)
def test_parse_jenis_jabatan(value: str | None, kind: str | None) -> None:
    assert parse_jenis_jabatan(value) == kind


def test_parse_jenis_jabatan_rejects_unknown_words() -> None:
    with pytest.raises(SiasnValueError) as caught:
        parse_jenis_jabatan("Jabatan Administrasi")
    assert str(caught.value) == (
        "Jenis jabatan tidak dikenali: 'Jabatan Administrasi'; tulis Struktural, "
        "Fungsional Tertentu, Fungsional Umum atau Pelaksana"
    )


@pytest.mark.parametrize(
    ("title", "jenis", "position_class"),
    [
        ("Kepala Dinas Kesehatan", "Struktural", "jpt_pratama"),
        ("KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", None, "jpt_pratama"),
        ("Plt. Kepala Dinas Pendidikan", "struktural", "jpt_pratama"),
        ("Sekretaris Daerah", "Struktural", "jpt_pratama"),
        ("Sekretaris Daerah Kota Kupang", None, "jpt_pratama"),
        ("Sekretaris Daerah Provinsi Nusa Tenggara Timur", None, "jpt_madya"),
        ("Inspektur", None, "jpt_pratama"),
        ("Inspektur Pembantu Wilayah I", None, "administrator"),
        ("Camat Alak", "Struktural", "administrator"),
        ("Sekretaris Dinas Kesehatan", None, "administrator"),
        ("Kepala Bagian Organisasi", None, "administrator"),
        ("Kepala Bidang Pengembangan Kompetensi", None, "administrator"),
        ("Lurah Alak", "Struktural", "pengawas"),
        ("Sekretaris Camat", None, "pengawas"),
        ("Sekretaris Kecamatan Cakranegara", None, "pengawas"),
        ("Kepala Seksi Pemerintahan", None, "pengawas"),
        ("Kepala Sub Bagian Umum dan Kepegawaian", None, "pengawas"),
        ("Kepala Subbagian Keuangan", None, "pengawas"),
        ("Kepala Subbidang Data", None, "pengawas"),
        ("Kepala Puskesmas Alak", None, "pengawas"),
        ("Kepala UPT Pengelolaan Sampah", None, "pengawas"),
        ("Kepala UPTD Laboratorium", None, "pengawas"),
        ("Analis Kebijakan Ahli Utama", "Fungsional Tertentu", "ahli_utama"),
        ("Analis Kebijakan Ahli Madya", "Fungsional Tertentu", "ahli_madya"),
        ("Pranata Komputer Ahli Muda", "Fungsional Tertentu", "ahli_muda"),
        ("Dokter Ahli Pertama", "Fungsional Tertentu", "ahli_pertama"),
        ("PERAWAT PENYELIA", "Fungsional Tertentu", "penyelia"),
        ("Pranata Komputer Mahir", "Fungsional Tertentu", "mahir"),
        ("Arsiparis Terampil", "Fungsional Tertentu", "terampil"),
        ("Pengelola Pengadaan Barang/Jasa Pemula", None, "pemula"),
        ("Pengadministrasi Umum", "Pelaksana", "pelaksana"),
        ("Pengolah Data", "Fungsional Umum", "pelaksana"),
        ("Pengolah Data", "pelaksana", "pelaksana"),
        ("Pengolah Data", None, None),
        ("Dokter", "Fungsional Tertentu", None),
        ("Penata Kelola Sistem", "Struktural", None),
        ("", "Pelaksana", "pelaksana"),
        ("Pengolah Data", "bukan jenis jabatan", None),
        ("Asisten Apoteker", None, None),
        ("Asisten Pemerintahan dan Kesejahteraan Rakyat", None, "jpt_pratama"),
    ],
)
def test_position_class_from_title(
    title: str, jenis: str | None, position_class: str | None
) -> None:
    assert position_class_from_title(title, jenis) == position_class


@given(st.text(), st.one_of(st.none(), st.text()))
def test_position_class_is_always_a_known_code_or_none(title: str, jenis: str | None) -> None:
    assert position_class_from_title(title, jenis) in (*POSITION_CLASSES, None)
