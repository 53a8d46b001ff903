"""Lenient readers for the values of BKN's SIASN "Export Data ASN" file.

SIASN is the national civil-service HR system. Its export heads columns in upper case with spaces
(``NIP BARU``, ``TANGGAL LAHIR``); the values are typed by hand in many regions and then pass
through spreadsheets, so dates, sexes and employee kinds arrive written in several ways. Each
reader returns one canonical value or raises :class:`SiasnValueError` with an Indonesian message
that says how to write the value.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

__all__ = [
    "JENIS_JABATAN",
    "POSITION_CLASSES",
    "SiasnValueError",
    "normalise_header",
    "parse_date",
    "parse_jenis_jabatan",
    "parse_jenis_pegawai",
    "parse_sex",
    "position_class_from_title",
]

POSITION_CLASSES: tuple[str, ...] = (
    "jpt_utama",
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
    "pelaksana",
    "ahli_utama",
    "ahli_madya",
    "ahli_muda",
    "ahli_pertama",
    "penyelia",
    "mahir",
    "terampil",
    "pemula",
)

JENIS_JABATAN: tuple[str, ...] = ("struktural", "fungsional", "pelaksana")

_DATE_HELP = "tulis dd-mm-yyyy atau yyyy-mm-dd"


class SiasnValueError(ValueError):
    """A SIASN value that cannot be read; ``str(err)`` says how to write it."""


def _shown(value: object) -> str:
    return f"'{value}'"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def normalise_header(text: object) -> str:
    """``"NIP BARU"`` → ``"nip_baru"``: the snake_case name tools give a SIASN column."""
    if text is None:
        return ""
    words = re.split(r"[^0-9a-z]+", str(text).replace("\ufeff", "").lower())
    return "_".join(word for word in words if word)


# --- dates ------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "pebruari", "february", "feb", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "ags", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}

# A time of day after the date, as spreadsheets and databases add it: "1986-09-26 00:00:00".
_TIME = r"(?:[ tT]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(rf"(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}){_TIME}", re.ASCII)
_YEAR_FIRST = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}", re.ASCII)
_MONTH_NAME = re.compile(r"(\d{1,2})[\s\-/.]+([a-z]+)\.?[\s\-/.,]+(\d{4})", re.ASCII)

# Excel's 1900 date system counts 1900-01-01 as day 1 and has a fictitious 1900-02-29 (day 60).
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_LAST_SERIAL = (date(9999, 12, 31) - _EXCEL_EPOCH).days


def _from_excel_serial(serial: float, shown: str) -> date:
    if not math.isfinite(serial) or not 1 <= serial < _EXCEL_LAST_SERIAL + 1:
        raise SiasnValueError(f"Tanggal tidak dikenali: {shown}; {_DATE_HELP}")
    days = math.floor(serial)
    if days == 60:
        raise SiasnValueError(
            f"Tanggal tidak dikenali: {shown} (29-02-1900 tidak pernah ada); {_DATE_HELP}"
        )
    if days < 60:
        days += 1
    return _EXCEL_EPOCH + timedelta(days=days)


def parse_date(value: object) -> date:
    """Read a date from a SIASN cell.

    Accepts ``date``/``datetime`` objects (openpyxl), ``26-09-1986``, ``26/09/1986``,
    ``26.9.1986``, ``1986-09-26`` (optionally followed by a time), ``26 September 1986`` or
    ``26 Sep 1986`` (Indonesian or English month names) and Excel serial numbers. Day-first
    only: ``09/26/1986`` is rejected, never guessed.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise SiasnValueError(f"Tanggal tidak dikenali: {_shown(value)}; {_DATE_HELP}")
    if isinstance(value, int | float):
        return _from_excel_serial(float(value), _shown(value))
    if _blank(value):
        raise SiasnValueError(f"Tanggal kosong; {_DATE_HELP}")
    text = str(value).strip()
    lowered = text.lower()
    parts: tuple[int, int, int] | None = None
    if match := _DAY_FIRST.fullmatch(lowered):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    elif match := _YEAR_FIRST.fullmatch(lowered):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif (match := _MONTH_NAME.fullmatch(lowered)) and match[2] in _MONTHS:
        parts = (int(match[3]), _MONTHS[match[2]], int(match[1]))
    if parts is not None:
        try:
            return date(*parts)
        except ValueError:
            pass
    raise SiasnValueError(f"Tanggal tidak dikenali: {_shown(text)}; {_DATE_HELP}")


# --- sex, employee kind, position kind --------------------------------------------------------

_SEX_WORDS = {
    "l": "L",
    "m": "L",
    "1": "L",
    "lakilaki": "L",
    "laki": "L",
    "pria": "L",
    "male": "L",
    "lk": "L",
    "p": "P",
    "f": "P",
    "w": "P",
    "2": "P",
    "perempuan": "P",
    "wanita": "P",
    "female": "P",
    "pr": "P",
}


def parse_sex(value: object) -> str:
    """``"L"`` (laki-laki, male) or ``"P"`` (perempuan, female) from M/F, L/P, 1/2 or words."""
    if isinstance(value, bool):
        raise SiasnValueError(_sex_error(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = re.sub(r"[\s.\-_]+", "", str(value).lower()) if value is not None else ""
    if key in _SEX_WORDS:
        return _SEX_WORDS[key]
    raise SiasnValueError(_sex_error(value))


def _sex_error(value: object) -> str:
    shown = "kosong" if _blank(value) else f"tidak dikenali: {_shown(value)}"
    return f"Jenis kelamin {shown}; tulis L/P, M/F, Laki-laki/Perempuan, atau 1/2"


def _words(value: object) -> str:
    return " ".join(re.split(r"[^0-9a-z]+", str(value).lower())).strip()


def parse_jenis_pegawai(value: object) -> str:
    """``"PNS"`` or ``"PPPK"`` from the employee kinds SIASN and spreadsheets write.

    CPNS (candidates on probation) count as PNS; "P3K" and "PPPK Paruh Waktu" as PPPK.
    """
    words = f" {_words(value)} " if not _blank(value) else ""
    if " non " in words or "honor" in words:
        pass  # "Non PNS", "Tenaga Honorer": not an ASN
    elif " pppk " in words or " p3k " in words or "perjanjian kerja" in words:
        return "PPPK"
    elif " pns " in words or " cpns " in words or "pegawai negeri sipil" in words:
        return "PNS"
    shown = "kosong" if not words else f"tidak dikenali: {_shown(value)}"
    raise SiasnValueError(f"Jenis pegawai {shown}; tulis PNS, CPNS, PPPK atau P3K")


_JENIS_JABATAN = {
    "struktural": "struktural",
    "jabatan struktural": "struktural",
    "jabatan pimpinan tinggi": "struktural",
    "jpt": "struktural",
    "administrator": "struktural",
    "pengawas": "struktural",
    "fungsional": "fungsional",
    "fungsional tertentu": "fungsional",
    "jabatan fungsional": "fungsional",
    "jabatan fungsional tertentu": "fungsional",
    "jft": "fungsional",
    "fungsional umum": "pelaksana",
    "jabatan fungsional umum": "pelaksana",
    "jfu": "pelaksana",
    "pelaksana": "pelaksana",
    "jabatan pelaksana": "pelaksana",
}


def parse_jenis_jabatan(value: object) -> str | None:
    """The kind of position: ``"struktural"`` (JPT, administrator, pengawas), ``"fungsional"``
    (fungsional tertentu) or ``"pelaksana"`` (formerly fungsional umum); ``None`` when blank.
    """
    if _blank(value):
        return None
    key = _words(value)
    if key in _JENIS_JABATAN:
        return _JENIS_JABATAN[key]
    raise SiasnValueError(
        f"Jenis jabatan tidak dikenali: {_shown(value)}; tulis Struktural, "
        "Fungsional Tertentu, Fungsional Umum atau Pelaksana"
    )


# Ordered: the first pattern that matches the start of the (lower-cased, "Plt." stripped) title
# wins, so the longer "sekretaris camat" comes before "camat".
_TITLE_PREFIXES: tuple[tuple[str, str], ...] = (
    # A provincial secretary is JPT madya; a regency or city secretary is JPT pratama.
    (r"sekretaris daerah prov(insi)?\b", "jpt_madya"),
    (r"sekretaris daerah\b", "jpt_pratama"),
    (r"sekda prov(insi)?\b", "jpt_madya"),
    (r"sekda\b", "jpt_pratama"),
    (r"asisten (pemerintahan|perekonomian|ekonomi|administrasi|bidang|sekda)\b", "jpt_pratama"),
    (r"staf ahli (gubernur|bupati|wali ?kota)\b", "jpt_pratama"),
    (r"sekretaris (dprd|dewan perwakilan rakyat daerah)\b", "jpt_pratama"),
    (r"inspektur pembantu\b", "administrator"),
    (r"inspektur\b", "jpt_pratama"),
    (r"kepala (dinas|badan|biro|satuan polisi pamong praja)\b", "jpt_pratama"),
    (r"(kadis|kaban)\b", "jpt_pratama"),
    (r"sekretaris (camat|kecamatan)\b", "pengawas"),
    (r"sekcam\b", "pengawas"),
    (r"camat\b", "administrator"),
    (r"sekretaris (dinas|badan|inspektorat)\b", "administrator"),
    (r"kepala (bagian|bidang)\b", "administrator"),
    (r"(kabag|kabid)\b", "administrator"),
    (r"lurah\b", "pengawas"),
    (r"kepala kelurahan\b", "pengawas"),
    (r"kepala (seksi|sub ?bagian|sub ?bidang|puskesmas|upt[a-z]*|unit pelaksana)\b", "pengawas"),
    (r"(kasi|kasie|kasubbag|kasubag|kasubbid|kasubid|ka ?upt)\b", "pengawas"),
)
_TITLE_PATTERNS = tuple((re.compile(pattern), code) for pattern, code in _TITLE_PREFIXES)

# Functional tiers are written after the position name: "Analis Kebijakan Ahli Muda".
_TIERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b{words}\b"), code)
    for words, code in (
        ("ahli utama", "ahli_utama"),
        ("ahli madya", "ahli_madya"),
        ("ahli muda", "ahli_muda"),
        ("ahli pertama", "ahli_pertama"),
        ("penyelia", "penyelia"),
        ("mahir", "mahir"),
        ("terampil", "terampil"),
        ("pemula", "pemula"),
    )
)
_ACTING = re.compile(r"^(plt|plh|pj|pjs)\b\.?\s*")


def position_class_from_title(title: str, jenis_jabatan: str | None) -> str | None:
    """Best-effort position class (one of :data:`POSITION_CLASSES`) from a SIASN position name.

    A functional tier in the title wins ("Pranata Komputer Ahli Muda" → ``ahli_muda``), then a
    structural head ("Kepala Dinas…" → ``jpt_pratama``, "Camat" → ``administrator``, "Lurah" →
    ``pengawas``). Otherwise a pelaksana (or fungsional umum) position is ``pelaksana`` and
    anything else ``None``: the caller asks a person rather than guess.
    ``jenis_jabatan`` is a SIASN word or a value of :func:`parse_jenis_jabatan`.
    """
    name = _words(title) if not _blank(title) else ""
    name = _ACTING.sub("", name)
    if name:
        for pattern, code in _TIERS:
            if pattern.search(name):
                return code
        for pattern, code in _TITLE_PATTERNS:
            if pattern.match(name):
                return code
    try:
        jenis = parse_jenis_jabatan(jenis_jabatan)
    except SiasnValueError:
        jenis = None
    return "pelaksana" if jenis == "pelaksana" else None
