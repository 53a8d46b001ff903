"""NIP (Nomor Induk Pegawai), the 18-digit identity number of a PNS.

Layout (BKN): ``YYYYMMDD`` birth date, ``YYYYMM`` appointment month (TMT CPNS), one sex digit
(``1`` male, ``2`` female) and a three-digit serial ``001``–``999``. Example
``198609262015051001``: born 26 September 1986, appointed May 2015, male, serial 1.

Every check happens here so that importers, forms and the API reject the same numbers with the
same Indonesian message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["NipError", "NipInfo", "format_nip", "make_nip", "parse_nip"]

NIP_LENGTH = 18
MIN_BIRTH_YEAR = 1900
MIN_APPOINTMENT_AGE = 18

SEX_BY_DIGIT = {"1": "L", "2": "P"}
DIGIT_BY_SEX = {sex: digit for digit, sex in SEX_BY_DIGIT.items()}

# People type NIPs with grouping spaces, dots or dashes, and spreadsheets prefix an apostrophe
# to keep the leading digits as text; none of those carry meaning.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015]+")
_ASCII_DIGITS = re.compile(r"[0-9]*")


class NipError(ValueError):
    """A NIP that is not well formed; ``str(err)`` tells the user which part to fix."""


@dataclass(frozen=True)
class NipInfo:
    """The parts of a valid NIP."""

    nip: str  # 18 digits, no separators
    birth_date: date
    appointment_month: date  # first day of the TMT CPNS month
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    serial: int  # 1–999

    def age_on(self, day: date) -> int:
        """Completed years of age on ``day`` (someone born on 29 February turns a year older on
        1 March in common years)."""
        if day < self.birth_date:
            raise ValueError(f"{day.isoformat()} is before the birth date")
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)

    @property
    def formatted(self) -> str:
        return format_nip(self.nip)


def _digits_only(value: object) -> str:
    if not isinstance(value, str):
        raise NipError(f"NIP harus berupa teks 18 digit angka, bukan {type(value).__name__}")
    text = _SEPARATORS.sub("", value.strip().lstrip("'"))
    if not text:
        raise NipError("NIP kosong; isi 18 digit angka, misalnya 198609262015051001")
    if _ASCII_DIGITS.fullmatch(text) is None:
        bad = next(char for char in text if not ("0" <= char <= "9"))
        raise NipError(f"NIP harus 18 digit angka; karakter {bad!r} tidak boleh ada")
    if len(text) != NIP_LENGTH:
        raise NipError(f"NIP harus 18 digit angka (terbaca {len(text)} digit)")
    return text


def parse_nip(value: str, *, today: date | None = None) -> NipInfo:
    """Validate a NIP and return its parts, or raise :class:`NipError`.

    Spaces, dots and dashes between the groups are ignored. ``today``, when given, also rejects an
    appointment month that has not started yet.
    """
    nip = _digits_only(value)
    birth_text, appointment_text = nip[0:8], nip[8:14]
    sex_digit, serial_text = nip[14], nip[15:18]

    birth_iso = f"{birth_text[0:4]}-{birth_text[4:6]}-{birth_text[6:8]}"
    try:
        birth_date = date(int(birth_text[0:4]), int(birth_text[4:6]), int(birth_text[6:8]))
    except ValueError:
        raise NipError(f"Tanggal lahir pada NIP tidak valid: {birth_iso}") from None
    if birth_date.year < MIN_BIRTH_YEAR:
        raise NipError(
            f"Tahun lahir pada NIP tidak masuk akal: {birth_date.year} "
            f"(paling awal {MIN_BIRTH_YEAR})"
        )

    appointment_iso = f"{appointment_text[0:4]}-{appointment_text[4:6]}"
    try:
        appointment_month = date(int(appointment_text[0:4]), int(appointment_text[4:6]), 1)
    except ValueError:
        raise NipError(f"Bulan TMT CPNS pada NIP tidak valid: {appointment_iso}") from None

    # Compared by month because the NIP only records the appointment month.
    adult_month = (birth_date.year + MIN_APPOINTMENT_AGE, birth_date.month)
    if (appointment_month.year, appointment_month.month) < adult_month:
        raise NipError(
            f"TMT CPNS ({appointment_iso}) sebelum usia {MIN_APPOINTMENT_AGE} tahun "
            f"(lahir {birth_date.isoformat()})"
        )
    if today is not None and appointment_month > today:
        raise NipError(
            f"TMT CPNS ({appointment_iso}) pada NIP belum terjadi (hari ini {today.isoformat()})"
        )

    if sex_digit not in SEX_BY_DIGIT:
        raise NipError(
            "Digit jenis kelamin pada NIP harus 1 (laki-laki) atau 2 (perempuan), "
            f"bukan {sex_digit}"
        )
    serial = int(serial_text)
    if serial == 0:
        raise NipError("Nomor urut pada NIP harus 001–999, bukan 000")

    return NipInfo(
        nip=nip,
        birth_date=birth_date,
        appointment_month=appointment_month,
        sex=SEX_BY_DIGIT[sex_digit],
        serial=serial,
    )


def format_nip(nip: str) -> str:
    """Group a NIP for display: ``19860926 201505 1 001``.

    Only the shape (18 digits) is checked, so stored numbers always display.
    """
    digits = _digits_only(nip)
    return f"{digits[0:8]} {digits[8:14]} {digits[14]} {digits[15:18]}"


def make_nip(birth_date: date, appointment_month: date, sex: str, serial: int) -> str:
    """Compose a NIP from its parts (the day of ``appointment_month`` is ignored).

    Raises :class:`NipError` if the parts do not make a valid NIP.
    """
    if sex not in DIGIT_BY_SEX:
        raise NipError(f"Jenis kelamin harus 'L' atau 'P', bukan {sex!r}")
    if isinstance(serial, bool) or not isinstance(serial, int) or not 1 <= serial <= 999:
        raise NipError(f"Nomor urut pada NIP harus 001–999, bukan {serial!r}")
    nip = (
        f"{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
        f"{appointment_month.year:04d}{appointment_month.month:02d}"
        f"{DIGIT_BY_SEX[sex]}{serial:03d}"
    )
    parse_nip(nip)
    return nip
