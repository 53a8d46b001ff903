from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangkom.lib.nip import NipError, NipInfo, format_nip, make_nip, parse_nip

VALID = "198609262015051001"


def test_parses_the_domain_example() -> None:
    info = parse_nip(VALID)
    assert info == NipInfo(
        nip=VALID,
        birth_date=date(1986, 9, 26),
        appointment_month=date(2015, 5, 1),
        sex="L",
        serial=1,
    )


@pytest.mark.parametrize(
    "written",
    [
        "19860926 201505 1 001",
        "19860926.201505.1.001",
        "19860926-201505-1-001",
        "  19860926  201505 1 001 ",
        "'198609262015051001",  # spreadsheet text prefix
        "19860926\u00a0201505\u00a01\u00a0001",  # non-breaking spaces pasted from a PDF
    ],
)
def test_separators_between_groups_are_ignored(written: str) -> None:
    assert parse_nip(written).nip == VALID


def test_woman_and_high_serial() -> None:
    info = parse_nip("199212312019022999")
    assert (info.sex, info.serial) == ("P", 999)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("19860926201505100", "NIP harus 18 digit angka (terbaca 17 digit)"),
        ("1986092620150510011", "NIP harus 18 digit angka (terbaca 19 digit)"),
        ("", "NIP kosong; isi 18 digit angka, misalnya 198609262015051001"),
        ("19860926201505100A", "NIP harus 18 digit angka; karakter 'A' tidak boleh ada"),
        ("198602302015051001", "Tanggal lahir pada NIP tidak valid: 1986-02-30"),
        ("198600262015051001", "Tanggal lahir pada NIP tidak valid: 1986-00-26"),
        ("189909261925051001", "Tahun lahir pada NIP tidak masuk akal: 1899 (paling awal 1900)"),
        ("198609262015131001", "Bulan TMT CPNS pada NIP tidak valid: 2015-13"),
        ("198609262015001001", "Bulan TMT CPNS pada NIP tidak valid: 2015-00"),
        (
            "198609262001051001",
            "TMT CPNS (2001-05) sebelum usia 18 tahun (lahir 1986-09-26)",
        ),
        (
            "198609262015053001",
            "Digit jenis kelamin pada NIP harus 1 (laki-laki) atau 2 (perempuan), bukan 3",
        ),
        ("198609262015051000", "Nomor urut pada NIP harus 001–999, bukan 000"),
    ],
)
def test_each_bad_part_is_named(value: str, message: str) -> None:
    with pytest.raises(NipError) as caught:
        parse_nip(value)
    assert str(caught.value) == message


def test_fullwidth_or_arabic_indic_digits_are_not_digits() -> None:
    with pytest.raises(NipError):
        parse_nip("１９８６０９２６２０１５０５１００１")


def test_non_text_is_rejected_with_nip_error() -> None:
    with pytest.raises(NipError, match="berupa teks"):
        parse_nip(198609262015051001)  # type: ignore[arg-type]


def test_appointment_in_the_month_of_the_18th_birthday_is_allowed() -> None:
    assert parse_nip("198609262004091001").appointment_month == date(2004, 9, 1)
    with pytest.raises(NipError, match="sebelum usia 18 tahun"):
        parse_nip("198609262004081001")


def test_future_appointment_rejected_only_when_today_is_given() -> None:
    nip = "200001012026071001"
    assert parse_nip(nip).appointment_month == date(2026, 7, 1)
    assert parse_nip(nip, today=date(2026, 7, 1)).nip == nip
    with pytest.raises(NipError) as caught:
        parse_nip(nip, today=date(2026, 6, 30))
    assert str(caught.value) == "TMT CPNS (2026-07) pada NIP belum terjadi (hari ini 2026-06-30)"


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (date(2015, 5, 1), 28),
        (date(2016, 9, 25), 29),
        (date(2016, 9, 26), 30),
        (date(2016, 9, 27), 30),
    ],
)
def test_age_on(day: date, age: int) -> None:
    assert parse_nip(VALID).age_on(day) == age


def test_age_of_someone_born_on_29_february() -> None:
    info = parse_nip(make_nip(date(2000, 2, 29), date(2020, 1, 1), "P", 5))
    assert info.age_on(date(2019, 2, 28)) == 18
    assert info.age_on(date(2019, 3, 1)) == 19
    assert info.age_on(date(2020, 2, 29)) == 20


def test_age_before_birth_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="before the birth date"):
        parse_nip(VALID).age_on(date(1980, 1, 1))


def test_format_nip() -> None:
    assert format_nip(VALID) == "19860926 201505 1 001"
    assert format_nip("19860926-201505-1-001") == "19860926 201505 1 001"
    with pytest.raises(NipError, match="terbaca 5 digit"):
        format_nip("12345")


def test_make_nip_refuses_invalid_parts() -> None:
    with pytest.raises(NipError, match="sebelum usia 18 tahun"):
        make_nip(date(2000, 1, 1), date(2010, 1, 1), "L", 1)
    with pytest.raises(NipError, match="'X'"):
        make_nip(date(1986, 9, 26), date(2015, 5, 1), "X", 1)
    for serial in (0, 1000, -1):
        with pytest.raises(NipError, match="001–999"):
            make_nip(date(1986, 9, 26), date(2015, 5, 1), "L", serial)


# --- properties -------------------------------------------------------------------------------


@st.composite
def nip_parts(draw: st.DrawFn) -> tuple[date, date, str, int]:
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(9970, 12, 31)))
    first_month = (birth.year + 18) * 12 + birth.month - 1
    month_index = draw(st.integers(min_value=first_month, max_value=9999 * 12 + 11))
    appointment = date(month_index // 12, month_index % 12 + 1, 1)
    sex = draw(st.sampled_from(["L", "P"]))
    serial = draw(st.integers(min_value=1, max_value=999))
    return birth, appointment, sex, serial


@given(nip_parts())
def test_make_then_parse_round_trips(parts: tuple[date, date, str, int]) -> None:
    birth, appointment, sex, serial = parts
    nip = make_nip(birth, appointment, sex, serial)
    assert len(nip) == 18 and nip.isascii() and nip.isdigit()
    info = parse_nip(nip)
    assert (info.birth_date, info.appointment_month, info.sex, info.serial) == parts
    assert parse_nip(format_nip(nip)) == info


def _replace(nip: str, position: int, digit: str) -> str:
    return nip[:position] + digit + nip[position + 1 :]


# Single-digit corruptions that make one part invalid whatever the other digits are:
# (position, replacement digits).
ALWAYS_INVALID = {
    "birth month tens ≥ 2": (4, "23456789"),
    "birth day tens ≥ 4": (6, "456789"),
    "appointment month tens ≥ 2": (12, "23456789"),
    "sex digit": (14, "0356789"),
}


@given(nip_parts(), st.sampled_from(sorted(ALWAYS_INVALID)), st.data())
def test_a_digit_that_breaks_a_part_is_rejected(
    parts: tuple[date, date, str, int], part: str, data: st.DataObject
) -> None:
    position, digits = ALWAYS_INVALID[part]
    corrupted = _replace(make_nip(*parts), position, data.draw(st.sampled_from(digits)))
    with pytest.raises(NipError):
        parse_nip(corrupted)


@given(nip_parts())
def test_month_thirteen_to_nineteen_and_month_zero_are_rejected(
    parts: tuple[date, date, str, int],
) -> None:
    nip = make_nip(*parts)
    for month_tens, month_units in ((4, 5), (12, 13)):
        if nip[month_tens] == "1":
            for digit in "3456789":
                with pytest.raises(NipError):
                    parse_nip(_replace(nip, month_units, digit))
        else:
            with pytest.raises(NipError):
                parse_nip(_replace(nip, month_units, "0"))


@given(nip_parts())
def test_serial_zero_is_rejected(parts: tuple[date, date, str, int]) -> None:
    birth, appointment, sex, _ = parts
    nip = make_nip(birth, appointment, sex, 1)
    with pytest.raises(NipError, match="Nomor urut"):
        parse_nip(_replace(nip, 17, "0"))


@given(nip_parts(), st.integers(min_value=1, max_value=17))
def test_appointment_year_before_age_18_is_rejected(
    parts: tuple[date, date, str, int], years_too_early: int
) -> None:
    birth, _, sex, serial = parts
    nip = make_nip(birth, date(birth.year + 18, birth.month, 1), sex, serial)
    early_year = f"{birth.year + 18 - years_too_early:04d}"
    with pytest.raises(NipError, match="sebelum usia 18 tahun"):
        parse_nip(nip[:8] + early_year + nip[12:])


@given(nip_parts(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789"))
def test_any_accepted_corruption_reads_back_its_own_digits(
    parts: tuple[date, date, str, int], position: int, digit: str
) -> None:
    corrupted = _replace(make_nip(*parts), position, digit)
    try:
        info = parse_nip(corrupted)
    except NipError:
        return
    assert make_nip(info.birth_date, info.appointment_month, info.sex, info.serial) == corrupted
    assert info.appointment_month >= date(info.birth_date.year + 18, info.birth_date.month, 1)


@given(st.text())
def test_arbitrary_text_raises_only_nip_error(text: str) -> None:
    try:
        parse_nip(text)
    except NipError as err:
        assert str(err)


@given(
    st.text(alphabet="0123456789 .-'", min_size=15, max_size=24),
    st.one_of(st.none(), st.dates()),
)
def test_digit_soup_raises_only_nip_error(text: str, today: date | None) -> None:
    try:
        info = parse_nip(text, today=today)
    except NipError as err:
        assert str(err)
    else:
        assert info.nip == "".join(char for char in text if char.isdigit())


@given(st.from_regex(r"[0-9]{18}", fullmatch=True))
def test_eighteen_random_digits_parse_or_raise_nip_error(text: str) -> None:
    try:
        info = parse_nip(text)
    except NipError as err:
        assert str(err).startswith(
            ("Tanggal lahir", "Tahun lahir", "Bulan TMT", "TMT", "Digit", "Nomor")
        )
    else:
        assert info.nip == text
