"""SKM/IKM: the community satisfaction survey and its index (PermenPANRB 14/2017).

A service unit's SKM (Survei Kepuasan Masyarakat) asks service users to score nine elements
(unsur) U1–U9 from 1 (worst) to 4 (best). From the complete responses:

- NRR (nilai rata-rata) of element *i* = sum of its scores / number of complete responses;
- IKM (Indeks Kepuasan Masyarakat) = Σ NRR_i × weight, on the 1–4 scale;
- IKM konversi = IKM × 25, on the 25–100 scale, which gives the grade (mutu) A–D.

The regulation writes the weight as 1/9 but its worked tables use 0.111 (and some reports 0.11),
so published figures differ in the second decimal. :class:`WeightConvention` makes the choice
explicit and every result says which one it used.

All arithmetic is exact (``Fraction``); nothing is rounded until the figures are reported, and
then half-up: NRR to 2 decimals, IKM to 4 decimals, IKM konversi to 2 decimals. IKM konversi is
computed from the unrounded IKM, so it can differ from 25 × the 4-decimal IKM in the last digit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any

__all__ = [
    "ELEMENTS",
    "ELEMENT_CODES",
    "GRADES",
    "IkmError",
    "IkmResult",
    "WeightConvention",
    "compute_ikm",
    "grade",
    "krejcie_morgan",
    "round_half_up",
]

# The order of the regulation's sample questionnaire, which survey files follow: sarana dan
# prasarana is question 8 and complaints handling question 9 (the regulation's list of scope
# names them the other way round).
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, Mekanisme, dan Prosedur"),
    ("U3", "Waktu Penyelesaian"),
    ("U4", "Biaya/Tarif"),
    ("U5", "Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "Kompetensi Pelaksana"),
    ("U7", "Perilaku Pelaksana"),
    ("U8", "Sarana dan Prasarana"),
    ("U9", "Penanganan Pengaduan, Saran dan Masukan"),
)
ELEMENT_CODES: tuple[str, ...] = tuple(code for code, _ in ELEMENTS)
MIN_SCORE, MAX_SCORE = 1, 4
KONVERSI_FACTOR = 25

# (lowest IKM konversi of the grade, mutu, kinerja unit pelayanan), best grade first. The
# regulation's table gives two-decimal ranges (A 88.31–100.00, B 76.61–88.30, C 65.00–76.60,
# D 25.00–64.99); they leave no gap once a value is rounded half-up to two decimals, which is
# how :func:`grade` reads its argument.
GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("0.00"), "D", "Tidak Baik"),
)

_TWO_PLACES = Decimal("0.01")


class IkmError(ValueError):
    """Survey data the index cannot be computed from; ``str(err)`` says what to fix."""


class WeightConvention(StrEnum):
    """The weight of each of the nine elements."""

    EXACT = "exact"  # 1/9, as the regulation's formula writes it
    ROUNDED_0111 = "0.111"  # as the regulation's worked tables
    ROUNDED_011 = "0.11"  # as some earlier regional reports

    @property
    def weight(self) -> Fraction:
        return _WEIGHTS[self]

    @property
    def label(self) -> str:
        """Indonesian description for reports."""
        return _LABELS[self]


_WEIGHTS = {
    WeightConvention.EXACT: Fraction(1, 9),
    WeightConvention.ROUNDED_0111: Fraction(111, 1000),
    WeightConvention.ROUNDED_011: Fraction(11, 100),
}
_LABELS = {
    WeightConvention.EXACT: "bobot 1/9 per unsur (eksak)",
    WeightConvention.ROUNDED_0111: "bobot 0,111 per unsur (dibulatkan, seperti tabel contoh "
    "PermenPANRB 14/2017)",
    WeightConvention.ROUNDED_011: "bobot 0,11 per unsur (dibulatkan)",
}


def round_half_up(value: Fraction, places: int) -> Decimal:
    """``value`` rounded half away from zero to ``places`` decimals, exactly."""
    scaled = abs(value) * 10**places
    digits = math.floor(scaled + Fraction(1, 2))
    return Decimal(-digits if value < 0 else digits).scaleb(-places)


@dataclass(frozen=True)
class IkmResult:
    """The index of one survey, with the figures rounded for reporting."""

    responses: int  # complete responses, the n of every average
    incomplete: int  # responses with an unanswered element, left out
    nrr: tuple[Decimal, ...]  # NRR of U1..U9, 2 decimals
    ikm: Decimal  # 1–4 scale, 4 decimals
    ikm_konversi: Decimal  # 25–100 scale, 2 decimals
    mutu: str  # "A".."D"
    kinerja: str  # "Sangat Baik", "Baik", "Kurang Baik" or "Tidak Baik"
    convention: WeightConvention

    def nrr_by_element(self) -> dict[str, Decimal]:
        return dict(zip(ELEMENT_CODES, self.nrr, strict=True))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict; decimals are strings so they keep their exact digits ("81.10")."""
        return {
            "responses": self.responses,
            "incomplete": self.incomplete,
            "nrr": {code: str(value) for code, value in self.nrr_by_element().items()},
            "ikm": str(self.ikm),
            "ikm_konversi": str(self.ikm_konversi),
            "mutu": self.mutu,
            "kinerja": self.kinerja,
            "convention": self.convention.value,
        }


def grade(konversi: Decimal) -> tuple[str, str]:
    """``(mutu, kinerja)`` of an IKM konversi, e.g. ``("B", "Baik")``.

    The value is first rounded half-up to two decimals, as reports print it, so 64.995 is C and
    64.994 is D. Values below 25.00, which only the rounded-weight conventions produce, are D.
    """
    try:
        exact = Decimal(repr(konversi)) if isinstance(konversi, float) else Decimal(konversi)
    except (InvalidOperation, TypeError, ValueError):
        exact = Decimal("NaN")
    if not exact.is_finite():
        raise IkmError(f"IKM konversi harus berupa angka, bukan {konversi!r}")
    rounded = exact.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP)
    if not Decimal(0) <= rounded <= Decimal(100):
        raise IkmError(f"IKM konversi harus di antara 25 dan 100, bukan {rounded}")
    for lowest, mutu, kinerja in GRADES:
        if rounded >= lowest:
            return mutu, kinerja
    raise AssertionError("unreachable: the last grade starts at 0")


def _complete_scores(number: int, row: Sequence[int | None]) -> tuple[int, ...] | None:
    """The row's scores, ``None`` if an element is unanswered; raise :class:`IkmError` for a
    value that is not a score."""
    values = tuple(row)
    if len(values) != len(ELEMENTS):
        raise IkmError(
            f"Respons ke-{number} berisi {len(values)} nilai; harus {len(ELEMENTS)} (U1–U9)"
        )
    scores: list[int] = []
    for code, value in zip(ELEMENT_CODES, values, strict=True):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise IkmError(f"Respons ke-{number}, {code}: {value!r} bukan angka 1–4")
        elif not MIN_SCORE <= value <= MAX_SCORE:
            raise IkmError(f"Respons ke-{number}, {code}: nilai {value} di luar skala 1–4")
        scores.append(value)
    return tuple(scores) if len(scores) == len(ELEMENTS) else None


def compute_ikm(
    rows: Iterable[Sequence[int | None]],
    *,
    convention: WeightConvention | str = WeightConvention.EXACT,
) -> IkmResult:
    """The IKM of a survey: one row per response, nine scores 1–4 (``None`` = unanswered).

    A row with an unanswered element is left out of every average and counted as incomplete.
    """
    try:
        convention = WeightConvention(convention)
    except ValueError:
        accepted = ", ".join(item.value for item in WeightConvention)
        raise IkmError(f"Konvensi bobot {convention!r} tidak dikenal; pilih {accepted}") from None

    sums = [0] * len(ELEMENTS)
    responses = incomplete = 0
    for number, row in enumerate(rows, start=1):
        scores = _complete_scores(number, row)
        if scores is None:
            incomplete += 1
            continue
        responses += 1
        for index, score in enumerate(scores):
            sums[index] += score
    if responses == 0:
        raise IkmError(
            "Tidak ada respons lengkap: setiap respons harus mengisi U1–U9 dengan nilai 1–4 "
            f"(respons tidak lengkap: {incomplete})"
        )

    nrr = [Fraction(total, responses) for total in sums]
    ikm = sum(nrr, Fraction(0)) * convention.weight
    konversi = round_half_up(ikm * KONVERSI_FACTOR, 2)
    mutu, kinerja = grade(konversi)
    return IkmResult(
        responses=responses,
        incomplete=incomplete,
        nrr=tuple(round_half_up(value, 2) for value in nrr),
        ikm=round_half_up(ikm, 4),
        ikm_konversi=konversi,
        mutu=mutu,
        kinerja=kinerja,
        convention=convention,
    )


# Krejcie & Morgan (1970): sample size for a finite population at 95% confidence
# (chi-square 3.841 for one degree of freedom), P = 0.5 and a 5% margin of error.
_CHI_SQUARE = Fraction("3.841")
_PROPORTION = Fraction(1, 2)
_MARGIN = Fraction(5, 100)


def krejcie_morgan(population: int) -> int:
    """Minimum number of respondents for a population of ``population`` service users.

    n = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), rounded half-up to the nearest whole respondent,
    which is how Krejcie and Morgan's published table rounds (N 50 → 44, 100 → 80,
    1000 → 278, 10000 → 370; rounding up would give 45 for 50).
    """
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise IkmError(f"Jumlah populasi harus bilangan bulat positif, bukan {population!r}")
    spread = _CHI_SQUARE * _PROPORTION * (1 - _PROPORTION)
    size = spread * population / (_MARGIN**2 * (population - 1) + spread)
    return math.floor(size + Fraction(1, 2))
