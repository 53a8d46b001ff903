from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangkom.lib.golongan import (
    GOLONGAN_PNS,
    GOLONGAN_PPPK,
    GolonganError,
    parse_golongan,
    rank_name,
)


def test_pns_table_is_ordered_and_complete() -> None:
    assert list(GOLONGAN_PNS) == [
        "I/a", "I/b", "I/c", "I/d",
        "II/a", "II/b", "II/c", "II/d",
        "III/a", "III/b", "III/c", "III/d",
        "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
    ]  # fmt: skip
    assert GOLONGAN_PNS["I/a"] == "Juru Muda"
    assert GOLONGAN_PNS["II/b"] == "Pengatur Muda Tk. I"
    assert GOLONGAN_PNS["III/d"] == "Penata Tk. I"
    assert GOLONGAN_PNS["IV/c"] == "Pembina Utama Muda"
    assert GOLONGAN_PNS["IV/d"] == "Pembina Utama Madya"
    assert GOLONGAN_PNS["IV/e"] == "Pembina Utama"


def test_pppk_has_seventeen_golongan() -> None:
    assert len(GOLONGAN_PPPK) == 17
    assert (GOLONGAN_PPPK[0], GOLONGAN_PPPK[8], GOLONGAN_PPPK[-1]) == ("I", "IX", "XVII")


@pytest.mark.parametrize(
    "written",
    [
        "III/a",
        "III/A",
        "iii/a",
        "IIIa",
        "III-a",
        "III / a",
        "III.a",
        "3a",
        "3/a",
        "3 A",
        "Penata Muda",
        "PENATA MUDA",
        " penata  muda ",
        "Penata Muda (III/a)",
        "Penata Muda, III/a",
        "Penata Muda - III/a",
        "III/a - Penata Muda",
        "(III/a) Penata Muda",
        "Gol. III/a",
        "Golongan III/a",
        "golongan 3a",
        "III/a.",
    ],
)
def test_spellings_of_iii_a(written: str) -> None:
    assert parse_golongan(written) == "III/a"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Penata Muda Tk. I", "III/b"),
        ("Penata Muda Tk.I", "III/b"),
        ("Penata Muda Tk I", "III/b"),
        ("PENATA MUDA TINGKAT I", "III/b"),
        ("Penata Muda Tk. 1", "III/b"),
        ("Penata Muda Tk. I (III/b)", "III/b"),
        ("Juru Muda", "I/a"),
        ("Juru", "I/c"),
        ("Juru Tk. I", "I/d"),
        ("Pembina", "IV/a"),
        ("Pembina Utama", "IV/e"),
        ("Pembina Utama Madya, IV/d", "IV/d"),
        ("IVe", "IV/e"),
        ("4/e", "IV/e"),
        ("Ia", "I/a"),
        ("II/d", "II/d"),
    ],
)
def test_other_golongan(written: str, code: str) -> None:
    assert parse_golongan(written) == code


@given(st.sampled_from(sorted(GOLONGAN_PNS)))
def test_every_code_and_every_rank_name_reads_back(code: str) -> None:
    name = GOLONGAN_PNS[code]
    assert parse_golongan(code) == code
    assert parse_golongan(code.replace("/", "").upper()) == code
    assert parse_golongan(name) == code
    assert parse_golongan(f"{name} ({code})") == code
    assert rank_name(code) == name


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("V/a", "Golongan tidak dikenali: 'V/a'; tulis golongan/ruang PNS seperti III/a"),
        ("I/e", "Golongan/ruang I/e tidak ada"),
        ("5a", "Golongan tidak dikenali: '5a'"),
        ("III", "Golongan tidak dikenali: 'III'"),
        ("Penata Agung", "Golongan tidak dikenali: 'Penata Agung'"),
        (
            "Penata (III/a)",
            "Pangkat Penata adalah golongan III/c, tidak cocok dengan III/a pada 'Penata (III/a)'",
        ),
        ("III/a III/b", "berisi lebih dari satu golongan/ruang"),
        ("  ", "Golongan kosong; tulis golongan/ruang PNS seperti III/a"),
    ],
)
def test_pns_errors_say_what_is_accepted(written: str, message: str) -> None:
    with pytest.raises(GolonganError) as caught:
        parse_golongan(written)
    assert message in str(caught.value)


def test_error_lists_the_accepted_forms() -> None:
    with pytest.raises(GolonganError) as caught:
        parse_golongan("Eselon III")
    text = str(caught.value)
    for accepted in ("I/a–I/d", "II/a–II/d", "III/a–III/d", "IV/a–IV/e", "Penata Muda"):
        assert accepted in text


@pytest.mark.parametrize(
    ("written", "code"),
    [("IX", "IX"), ("ix", "IX"), ("9", "IX"), ("09", "IX"), ("Golongan IX", "IX"),
     ("1", "I"), ("XVII", "XVII"), ("17", "XVII"), (" V ", "V")],
)  # fmt: skip
def test_pppk(written: str, code: str) -> None:
    assert parse_golongan(written, jenis="PPPK") == code
    assert parse_golongan(written, jenis="pppk") == code


@pytest.mark.parametrize("written", ["XVIII", "18", "0", "III/a", "Penata Muda", "", "IIII"])
def test_pppk_errors(written: str) -> None:
    with pytest.raises(GolonganError, match="I–XVII atau angka 1–17"):
        parse_golongan(written, jenis="PPPK")


def test_pns_code_is_not_a_pppk_golongan_and_vice_versa() -> None:
    with pytest.raises(GolonganError):
        parse_golongan("IX")


def test_unknown_jenis() -> None:
    with pytest.raises(GolonganError, match="PNS atau PPPK"):
        parse_golongan("III/a", jenis="Honorer")


def test_rank_name_is_lenient_and_strict_about_unknowns() -> None:
    assert rank_name("3b") == "Penata Muda Tk. I"
    with pytest.raises(GolonganError):
        rank_name("IX")


@given(st.text())
def test_arbitrary_text_raises_only_golongan_error(text: str) -> None:
    for jenis in ("PNS", "PPPK"):
        try:
            code = parse_golongan(text, jenis=jenis)
        except GolonganError as err:
            assert str(err)
        else:
            assert code in GOLONGAN_PNS or code in GOLONGAN_PPPK
