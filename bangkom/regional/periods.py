"""Periods of the regional data: months and years of indicators, months, quarters and years of
SKM results. Plain Python, no database.

Keys are what URLs, files and weight-factor source keys use: ``2025`` (a year), ``2025-Q3`` (a
quarter, *triwulan*), ``2025-07`` (a month).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN_QUARTERS = ("I", "II", "III", "IV")
MIN_YEAR, MAX_YEAR = 1900, 2100

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-?[Qq]([1-4])")
_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")


class PeriodError(ValueError):
    """A period that cannot be read; the message says how to write it."""


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_label(day: date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(_("Tahun %d di luar rentang yang wajar.") % year)
    return year


@dataclass(frozen=True)
class Period:
    """A month, a quarter or a year, with its first and last day."""

    kind: str  # "bulan", "triwulan" or "tahun"
    start: date
    end: date

    @property
    def key(self) -> str:
        if self.kind == "tahun":
            return f"{self.start.year}"
        if self.kind == "triwulan":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return month_key(self.start)

    @property
    def label(self) -> str:
        if self.kind == "tahun":
            return _("Tahun %d") % self.start.year
        if self.kind == "triwulan":
            quarter = ROMAN_QUARTERS[(self.start.month - 1) // 3]
            return _("Triwulan %(q)s %(y)d") % {"q": quarter, "y": self.start.year}
        return month_label(self.start)

    @property
    def parts_of_year(self) -> int:
        """How many such periods make a year (1, 4 or 12)."""
        return {"tahun": 1, "triwulan": 4, "bulan": 12}[self.kind]

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def year(cls, year: int) -> Period:
        return cls("tahun", date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        start = date(year, 3 * (quarter - 1) + 1, 1)
        end = add_months(start, 3).toordinal() - 1
        return cls("triwulan", start, date.fromordinal(end))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        start = date(year, month, 1)
        return cls("bulan", start, date.fromordinal(add_months(start, 1).toordinal() - 1))

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        if kind == "tahun":
            return cls.year(day.year)
        if kind == "triwulan":
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.month(day.year, day.month)


def parse_period(text: str) -> Period:
    """``2025``, ``2025-Q3`` or ``2025-07`` as a :class:`Period`."""
    value = (text or "").strip()
    if match := _QUARTER.fullmatch(value):
        return Period.quarter(_check_year(int(match[1])), int(match[2]))
    if match := _YEAR_MONTH.fullmatch(value):
        month = int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(_("Bulan %s tidak ada; tulis 01 sampai 12.") % match[2])
        return Period.month(_check_year(int(match[1])), month)
    if match := _YEAR.fullmatch(value):
        return Period.year(_check_year(int(match[1])))
    raise PeriodError(
        _(
            "Periode “%s” tidak dikenal; tulis 2025 (tahun), 2025-Q3 (triwulan) "
            "atau 2025-07 (bulan)."
        )
        % value
    )


def parse_indicator_period(value: Any, *, monthly: bool) -> date:
    """The first day of the period an indicator cell names.

    Monthly indicators take ``2025-07``, ``2025/7``, ``07/2025``, ``Juli 2025`` or a date cell;
    yearly ones take ``2025`` (text or number) or a date cell (its year).
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return date(value.year, value.month if monthly else 1, 1)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        text = str(value)
    else:
        text = " ".join(str(value or "").split())
    if not text:
        raise PeriodError(_("Periode wajib diisi."))
    if monthly:
        if match := _YEAR_MONTH.fullmatch(text):
            year, month = int(match[1]), int(match[2])
        elif match := _MONTH_YEAR.fullmatch(text):
            year, month = int(match[2]), int(match[1])
        else:
            parts = text.lower().split()
            names = [name.lower() for name in MONTH_NAMES]
            if len(parts) == 2 and parts[0] in names and _YEAR.fullmatch(parts[1]):
                year, month = int(parts[1]), names.index(parts[0]) + 1
            else:
                raise PeriodError(
                    _("Periode bulanan “%s” tidak dikenal; tulis 2025-07 atau Juli 2025.") % text
                )
        if not 1 <= month <= 12:
            raise PeriodError(_("Bulan %d tidak ada; tulis 01 sampai 12.") % month)
        return date(_check_year(year), month, 1)
    if match := _YEAR.fullmatch(text):
        return date(_check_year(int(match[1])), 1, 1)
    raise PeriodError(
        _("Periode tahunan “%s” tidak dikenal; tulis tahunnya, misalnya 2025.") % text
    )


def indicator_period_label(day: date, *, monthly: bool) -> str:
    return month_label(day) if monthly else str(day.year)


def indicator_period_key(day: date, *, monthly: bool) -> str:
    return month_key(day) if monthly else str(day.year)
