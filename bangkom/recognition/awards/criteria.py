"""The award criteria, pure: an ASN's values for a year against a scheme's thresholds.

- ``jp``: the JP duty (PP 11/2017: 20 JP a year, prorated) met to at least ``min_jp_percent``
  percent of the target: ``earned × 100 ≥ min × target``. No target (not counted that year):
  not met.
- ``gap``: share of the weighted gap closed, ``(earlier − current) / earlier × 100``, where a
  weighted gap is the needs analysis' total need score (gap × weight) of the year before and of
  the year. No earlier gap, or none to close: not met.
- ``gain``: the mean normalised gain (Hake) of the ASN's pre/post tests of the year's batches.
  No test with both scores: not met.
- ``skp``: the year's SKP predicate at least ``Baik`` (or ``Sangat Baik``). None: not met.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

JP, GAP, GAIN, SKP = "jp", "gap", "gain", "skp"
KINDS = (JP, GAP, GAIN, SKP)
SKP_RANK = {"sangat_baik": 2, "baik": 1}
HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Thresholds:
    min_jp_percent: int | None = None
    min_gap_closed_percent: Decimal | None = None
    min_gain: Decimal | None = None
    min_skp: str = ""  # "", "baik" or "sangat_baik"

    def used(self) -> tuple[str, ...]:
        flags = (
            (JP, self.min_jp_percent is not None),
            (GAP, self.min_gap_closed_percent is not None),
            (GAIN, self.min_gain is not None),
            (SKP, bool(self.min_skp)),
        )
        return tuple(kind for kind, on in flags if on)


@dataclass(frozen=True)
class Values:
    """An ASN's data for the year."""

    jp_earned: Decimal = Decimal(0)
    jp_target: int = 0
    gap_earlier: Decimal | None = None
    gap_current: Decimal | None = None
    gain: Decimal | None = None
    skp: str | None = None


@dataclass(frozen=True)
class Result:
    kind: str
    value: Decimal | str | None
    met: bool


def jp_percent(values: Values) -> Decimal | None:
    if values.jp_target <= 0:
        return None
    return (values.jp_earned * 100 / values.jp_target).quantize(HUNDREDTH, ROUND_HALF_UP)


def gap_closed_percent(values: Values) -> Decimal | None:
    earlier, current = values.gap_earlier, values.gap_current
    if earlier is None or current is None or earlier <= 0:
        return None
    return ((earlier - current) * 100 / earlier).quantize(HUNDREDTH, ROUND_HALF_UP)


def evaluate(thresholds: Thresholds, values: Values) -> list[Result]:
    """One result per criterion the scheme uses, in the order of :data:`KINDS`."""
    results = []
    for kind in thresholds.used():
        if kind == JP:
            assert thresholds.min_jp_percent is not None
            percent = jp_percent(values)
            met = values.jp_target > 0 and (
                values.jp_earned * 100 >= thresholds.min_jp_percent * values.jp_target
            )
            results.append(Result(JP, percent, met))
        elif kind == GAP:
            assert thresholds.min_gap_closed_percent is not None
            closed = gap_closed_percent(values)
            results.append(
                Result(
                    GAP, closed, closed is not None and closed >= thresholds.min_gap_closed_percent
                )
            )
        elif kind == GAIN:
            assert thresholds.min_gain is not None
            gain = values.gain
            results.append(Result(GAIN, gain, gain is not None and gain >= thresholds.min_gain))
        else:
            rank = SKP_RANK.get(values.skp or "", 0)
            results.append(Result(SKP, values.skp, rank >= SKP_RANK[thresholds.min_skp]))
    return results


def is_eligible(results: list[Result]) -> bool:
    return bool(results) and all(result.met for result in results)
