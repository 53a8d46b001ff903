"""The Wilcoxon signed-rank test over paired pre/post scores, two-sided, with effect size r.

Over the differences d = post − pre:

- zero differences are dropped (Wilcoxon's own treatment, scipy's ``zero_method="wilcox"``); n is
  the number of non-zero differences;
- the |d| are ranked 1..n, tied |d| taking the average of the ranks they span;
- W+ and W− are the rank sums of the positive and negative differences (W+ + W− = n(n+1)/2), and
  the statistic is W = min(W+, W−);
- p (two-sided) is exact — 2·P(W+ ≤ W) under the null distribution of W+ over the 2ⁿ equally
  likely sign patterns of ranks 1..n, capped at 1 — when n ≤ 50 and no |d| are tied; otherwise it
  comes from the normal approximation below;
- the normal approximation, with tie correction and without continuity correction:
  μ = n(n+1)/4, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over the groups of t tied |d|, and
  z = (W − μ)/σ. As W is the smaller rank sum, z ≤ 0 (scipy reports the same ``zstatistic`` for a
  two-sided test); the direction of the change is read from the means, not from z. z is reported
  on both paths, and the effect size is r = |z|/√n.

The test needs at least :data:`MIN_PAIRS` pairs; below that, or when every difference is zero
(n = 0: nothing to rank), :func:`signed_rank_test` returns None. These definitions reproduce
``scipy.stats.wilcoxon(post, pre, zero_method="wilcox", correction=False)`` with
``method="exact"`` or ``method="asymptotic"`` (the tests check that).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from scipy.special import ndtr

__all__ = [
    "EXACT_LIMIT",
    "METHOD_EXACT",
    "METHOD_NORMAL",
    "MIN_PAIRS",
    "RankSums",
    "WilcoxonResult",
    "rank_sums",
    "signed_rank_test",
]

MIN_PAIRS = 6
EXACT_LIMIT = 50
METHOD_EXACT, METHOD_NORMAL = "exact", "normal"


@dataclass(frozen=True)
class RankSums:
    """The ranked non-zero differences: rank sums, their count and the tie groups' sizes."""

    w_plus: Fraction
    w_minus: Fraction
    n: int
    zeros: int
    tie_sizes: tuple[int, ...]  # the size of every group of two or more equal |d|

    @property
    def has_ties(self) -> bool:
        return bool(self.tie_sizes)


@dataclass(frozen=True)
class WilcoxonResult:
    statistic: Fraction  # W = min(W+, W−), a whole or half number
    p_value: float  # two-sided
    z: float  # normal approximation of W, never positive
    effect_size_r: float  # |z| / √n
    method: str  # METHOD_EXACT or METHOD_NORMAL: where p_value came from
    sums: RankSums

    def as_dict(self) -> dict[str, float]:
        return {
            "statistic": float(self.statistic),
            "p_value": self.p_value,
            "z": self.z,
            "effect_size_r": self.effect_size_r,
        }


def rank_sums(differences: Iterable[Fraction | int]) -> RankSums:
    """W+ and W− of the differences, zeros dropped and ties given average ranks."""
    values = [Fraction(d) for d in differences]
    nonzero = sorted((d for d in values if d != 0), key=abs)
    w_plus = w_minus = Fraction(0)
    tie_sizes: list[int] = []
    start = 0
    while start < len(nonzero):
        end = start
        while end + 1 < len(nonzero) and abs(nonzero[end + 1]) == abs(nonzero[start]):
            end += 1
        size = end - start + 1
        rank = Fraction(start + 1 + end + 1, 2)  # the average of ranks start+1 .. end+1
        for d in nonzero[start : end + 1]:
            if d > 0:
                w_plus += rank
            else:
                w_minus += rank
        if size > 1:
            tie_sizes.append(size)
        start = end + 1
    return RankSums(w_plus, w_minus, len(nonzero), len(values) - len(nonzero), tuple(tie_sizes))


@cache
def _null_counts(n: int) -> tuple[int, ...]:
    """counts[s] = how many of the 2ⁿ sign patterns of ranks 1..n give W+ = s."""
    counts = [1]
    for rank in range(1, n + 1):
        # Rank `rank` is either negative (sums unchanged) or positive (every sum + rank).
        counts = [
            (counts[s] if s < len(counts) else 0) + (counts[s - rank] if s >= rank else 0)
            for s in range(len(counts) + rank)
        ]
    return tuple(counts)


def exact_p_value(statistic: int, n: int) -> Fraction:
    """Two-sided p of W = min(W+, W−) = ``statistic`` with n untied ranks: 2·P(W+ ≤ W), ≤ 1."""
    counts = _null_counts(n)
    return min(Fraction(1), Fraction(2 * sum(counts[: statistic + 1]), 2**n))


def normal_z(sums: RankSums) -> float:
    """z of W = min(W+, W−) under the normal approximation with tie correction."""
    n = sums.n
    mean = Fraction(n * (n + 1), 4)
    variance = Fraction(n * (n + 1) * (2 * n + 1), 24) - Fraction(
        sum(t**3 - t for t in sums.tie_sizes), 48
    )
    statistic = min(sums.w_plus, sums.w_minus)
    return float(statistic - mean) / math.sqrt(variance)


def signed_rank_test(
    pre: Sequence[Fraction | int], post: Sequence[Fraction | int]
) -> WilcoxonResult | None:
    """The two-sided test of post against pre; None below MIN_PAIRS pairs or with no change."""
    if len(pre) != len(post):
        raise ValueError("pre and post must pair up")
    if len(pre) < MIN_PAIRS:
        return None
    sums = rank_sums(Fraction(b) - Fraction(a) for a, b in zip(pre, post, strict=True))
    if sums.n == 0:
        return None
    statistic = min(sums.w_plus, sums.w_minus)
    z = normal_z(sums)
    if sums.n <= EXACT_LIMIT and not sums.has_ties:
        # Without ties every rank is whole, so W is too.
        p_value = float(exact_p_value(int(statistic), sums.n))
        method = METHOD_EXACT
    else:
        p_value = min(1.0, float(2 * ndtr(-abs(z))))
        method = METHOD_NORMAL
    return WilcoxonResult(
        statistic=statistic,
        p_value=p_value,
        z=z,
        effect_size_r=abs(z) / math.sqrt(sums.n),
        method=method,
        sums=sums,
    )
