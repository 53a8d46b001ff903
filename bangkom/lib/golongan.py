"""Golongan (grade) of an ASN.

A PNS holds a golongan/ruang, written ``III/a``: golongan I–IV (Roman) and ruang a–d (a–e in
golongan IV), each with a rank name (pangkat) such as *Penata Muda*. A PPPK holds one of
seventeen golongan I–XVII, with no ruang and no rank name.

Imported spreadsheets write these in many ways (``III/A``, ``IIIa``, ``3a``, ``Penata Muda``,
``Penata Muda (III/a)``); :func:`parse_golongan` reads them all and returns the canonical code.
"""

from __future__ import annotations

import re

__all__ = [
    "GOLONGAN_PNS",
    "GOLONGAN_PPPK",
    "GolonganError",
    "parse_golongan",
    "rank_name",
]

GOLONGAN_PNS: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tk. I",
    "I/c": "Juru",
    "I/d": "Juru Tk. I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tk. I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tk. I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tk. I",
    "III/c": "Penata",
    "III/d": "Penata Tk. I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tk. I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

GOLONGAN_PPPK: tuple[str, ...] = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)

_PNS_HELP = (
    "tulis golongan/ruang PNS seperti III/a (I/a–I/d, II/a–II/d, III/a–III/d, IV/a–IV/e), "
    "atau nama pangkat seperti Penata Muda atau Penata Muda (III/a)"
)
_PPPK_HELP = "tulis golongan PPPK dengan angka Romawi I–XVII atau angka 1–17, misalnya IX"

_GOLONGAN_BY_NUMBER = {"1": "I", "2": "II", "3": "III", "4": "IV"}

# A golongan/ruang code anywhere in the text, not inside a word: "III/a", "IIIa", "III - a", "3a".
_PNS_CODE = re.compile(
    r"(?<![a-z0-9])(iv|iii|ii|i|[1-4])\s*[/\-.]?\s*([a-e])(?![a-z0-9])", re.IGNORECASE
)
_NOISE_WORDS = re.compile(r"\b(golongan|gol|ruang|pangkat|pppk)\b\.?", re.IGNORECASE)


class GolonganError(ValueError):
    """Text that is not a golongan; ``str(err)`` lists what is accepted."""


def _rank_key(text: str) -> str:
    """Fold the spellings of a rank name: case, dots, "Tingkat"/"Tk", "I"/"1"."""
    key = re.sub(r"[.\s]+", " ", text.lower()).strip()
    key = re.sub(r"\btingkat\b", "tk", key)
    key = re.sub(r"\btk ?(?:i|1)$", "tk i", key)
    return key


_CODE_BY_RANK_KEY = {_rank_key(name): code for code, name in GOLONGAN_PNS.items()}


def _strip_noise(text: str) -> str:
    text = _NOISE_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" \t,;:.-–/()[]")


def _parse_pns(text: str) -> str:
    original = text
    text = _strip_noise(text)
    matches = list(_PNS_CODE.finditer(text))
    if len(matches) > 1:
        raise GolonganError(f"Golongan {original!r} berisi lebih dari satu golongan/ruang")

    code: str | None = None
    rest = text
    if matches:
        match = matches[0]
        golongan = match.group(1).upper()
        golongan = _GOLONGAN_BY_NUMBER.get(golongan, golongan)
        code = f"{golongan}/{match.group(2).lower()}"
        if code not in GOLONGAN_PNS:
            raise GolonganError(f"Golongan/ruang {code} tidak ada; {_PNS_HELP}")
        rest = _strip_noise(text[: match.start()] + " " + text[match.end() :])

    if rest:
        rank_code = _CODE_BY_RANK_KEY.get(_rank_key(rest))
        if rank_code is None:
            raise GolonganError(f"Golongan tidak dikenali: {original!r}; {_PNS_HELP}")
        if code is not None and code != rank_code:
            raise GolonganError(
                f"Pangkat {GOLONGAN_PNS[rank_code]} adalah golongan {rank_code}, "
                f"tidak cocok dengan {code} pada {original!r}"
            )
        code = rank_code
    if code is None:
        raise GolonganError(f"Golongan tidak dikenali: {original!r}; {_PNS_HELP}")
    return code


def _parse_pppk(text: str) -> str:
    original = text
    key = _strip_noise(text).upper()
    if key.isascii() and key.isdigit() and 1 <= int(key) <= len(GOLONGAN_PPPK):
        return GOLONGAN_PPPK[int(key) - 1]
    if key in GOLONGAN_PPPK:
        return key
    raise GolonganError(f"Golongan PPPK tidak dikenali: {original!r}; {_PPPK_HELP}")


def parse_golongan(text: str, *, jenis: str = "PNS") -> str:
    """Read a golongan leniently and return its canonical code (``"III/a"``, or ``"IX"`` for
    PPPK); ``jenis`` is ``"PNS"`` or ``"PPPK"``."""
    kind = jenis.strip().upper() if isinstance(jenis, str) else ""
    if kind not in ("PNS", "PPPK"):
        raise GolonganError(f"Jenis pegawai harus PNS atau PPPK, bukan {jenis!r}")
    if not isinstance(text, str) or not text.strip():
        help_text = _PNS_HELP if kind == "PNS" else _PPPK_HELP
        raise GolonganError(f"Golongan kosong; {help_text}")
    return _parse_pns(text) if kind == "PNS" else _parse_pppk(text)


def rank_name(code: str) -> str:
    """The rank name (pangkat) of a PNS golongan/ruang, e.g. ``"III/a"`` → ``"Penata Muda"``."""
    return GOLONGAN_PNS[parse_golongan(code)]
