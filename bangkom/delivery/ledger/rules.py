"""Targets and "on track", in plain Python so that pages, command, SQL aggregates and the
optimiser's input all use one definition.

Target (PP 11/2017 art. 203(4)): ``JP_LEDGER_TARGET`` JP a year (default 20), prorated by the
months the ASN serves in the year: ``ceil(target × months / 12)``, the month of joining and the
month of leaving each counting in full. For a joiner alone this is
:func:`bangkom.planning.jp.prorated_target` (TMT 1 March → 10 months → 17 JP).

On track, at an ``as_of`` date: the JP earned so far are at least the target's share of the
service window elapsed, ``target × elapsed days / window days`` (rounded to 0.01 JP). Before the
window opens nothing is expected; from its last day on, the whole target is. So at year end
"on track" means the target is met, and in July an ASN with nothing yet is behind.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")


def base_target() -> int:
    """The yearly JP duty; ``settings.JP_LEDGER_TARGET`` overrides the statutory 20."""
    return int(getattr(settings, "JP_LEDGER_TARGET", 20))


def alert_day(year: int) -> date:
    """The date on which those behind are alerted: ``settings.JP_LEDGER_ALERT_DAY`` as "MM-DD"
    (default "07-01", half-way through the year)."""
    month, day = (
        int(part) for part in str(getattr(settings, "JP_LEDGER_ALERT_DAY", "07-01")).split("-")
    )
    return date(year, month, day)


@dataclass(frozen=True)
class Window:
    """The part of a year an ASN serves in, whole months."""

    start: date
    end: date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def service_window(year: int, *, joined: date | None, left: date | None = None) -> Window | None:
    """The months of ``year`` an ASN joining on ``joined`` (TMT) and leaving on ``left`` serves;
    None when they serve no part of it."""
    start = date(year, 1, 1)
    end = date(year, 12, 31)
    if joined is not None:
        if joined.year > year:
            return None
        if joined.year == year:
            start = date(year, joined.month, 1)
    if left is not None:
        if left.year < year:
            return None
        if left.year == year:
            end = date(year, left.month, calendar.monthrange(year, left.month)[1])
    if end < start:
        return None
    return Window(start, end)


def target_for(target: int, window: Window) -> int:
    return math.ceil(target * window.months / 12)


def expected_by(target: int, window: Window, as_of: date) -> Decimal:
    """The JP an ASN with ``target`` should have earned by ``as_of`` to be on track."""
    if as_of < window.start:
        return Decimal(0)
    if as_of >= window.end:
        return Decimal(target)
    elapsed = (as_of - window.start).days + 1
    return (Decimal(target) * elapsed / window.days).quantize(CENT, rounding=ROUND_HALF_UP)


def months_touched(start: date, end: date) -> int:
    """Calendar months an activity from ``start`` to ``end`` touches (the per-month caps)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def default_as_of(year: int, today: date) -> date:
    """The date a year is judged at when none is given: today within the year, its last day
    once it is over (so a past year shows who met the target)."""
    return min(today, date(year, 12, 31))
