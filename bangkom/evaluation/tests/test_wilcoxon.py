"""The Wilcoxon signed-rank test (bangkom/evaluation/statistics/wilcoxon.py).

Reference: ``scipy.stats.wilcoxon(post, pre, zero_method="wilcox", correction=False)``. In scipy
1.17 a two-sided test reports ``statistic`` = min(W+, W−), ``method="exact"`` uses the null
distribution over the non-zero differences (zeros are dropped before counting n), and
``method="asymptotic"`` reports ``zstatistic`` = −|z| with z = (W+ − μ)/σ tie-corrected, which is
the z of min(W+, W−).
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
import scipy.stats
from hypothesis import assume, given
from hypothesis import strategies as st

from bangkom.evaluation.statistics.wilcoxon import (
    METHOD_EXACT,
    METHOD_NORMAL,
    rank_sums,
    signed_rank_test,
)


def test_hand_computed_exact_case() -> None:
    # d = post − pre = +3 +5 −1 +2 +6 +4; ranks of |d| = 3 5 1 2 6 4; W− = 1, W+ = 20, W = 1.
    # Null distribution for n = 6: 64 sign patterns, W+ ≤ 1 in two of them (sum 0, sum 1), so
    # p = 2 · 2/64 = 0.0625. μ = 6·7/4 = 10.5, σ² = 6·7·13/24 = 22.75, z = −9.5/√22.75.
    pre = [10, 10, 10, 10, 10, 10]
    post = [13, 15, 9, 12, 16, 14]
    result = signed_rank_test(pre, post)
    assert result is not None
    assert (result.sums.w_plus, result.sums.w_minus, result.statistic) == (20, 1, 1)
    assert result.method == METHOD_EXACT
    assert result.p_value == 0.0625
    assert result.z == pytest.approx(-9.5 / math.sqrt(22.75))
    assert result.z == pytest.approx(-1.991741, abs=1e-6)
    assert result.effect_size_r == pytest.approx(0.813125, abs=1e-6)


def test_zero_differences_are_dropped() -> None:
    # The case above plus two participants whose score did not change: same n = 6, same test.
    pre = [10, 10, 10, 10, 10, 10, 50, 70]
    post = [13, 15, 9, 12, 16, 14, 50, 70]
    result = signed_rank_test(pre, post)
    assert result is not None
    assert (result.sums.n, result.sums.zeros) == (6, 2)
    assert (result.statistic, result.p_value, result.method) == (1, 0.0625, METHOD_EXACT)
    assert result.effect_size_r == pytest.approx(0.813125, abs=1e-6)


def test_hand_computed_ties_take_the_normal_approximation() -> None:
    # d = +2 +2 −1 +3 +3 +3 +4: |d| 1 → rank 1; 2, 2 → 2.5 each; 3, 3, 3 → 5 each; 4 → 7.
    # W− = 1, W+ = 27 (sum 28 = 7·8/2), W = 1. μ = 14,
    # σ² = 7·8·15/24 − ((2³ − 2) + (3³ − 3))/48 = 35 − 30/48 = 34.375, z = −13/√34.375.
    pre = [50] * 7
    post = [52, 52, 49, 53, 53, 53, 54]
    result = signed_rank_test(pre, post)
    assert result is not None
    assert result.sums.tie_sizes == (2, 3)
    assert (result.sums.w_plus, result.sums.w_minus) == (27, 1)
    assert result.method == METHOD_NORMAL
    z = -13 / math.sqrt(34.375)
    assert result.z == pytest.approx(z)
    assert result.p_value == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))
    assert result.p_value == pytest.approx(0.026603, abs=1e-6)


def test_hand_computed_zero_and_ties_together() -> None:
    # d = 15 −7 5 20 0 −9 17 −12 5 −10: the 0 is dropped (n = 9); the two 5s share ranks 1, 2.
    # Ranks: 5 → 1.5, 1.5; 7 → 3; 9 → 4; 10 → 5; 12 → 6; 15 → 7; 17 → 8; 20 → 9.
    # W+ = 1.5 + 1.5 + 7 + 8 + 9 = 27, W− = 3 + 4 + 5 + 6 = 18, W = 18. μ = 22.5,
    # σ² = 9·10·19/24 − (2³ − 2)/48 = 71.25 − 0.125 = 71.125, z = −4.5/√71.125 ≈ −0.5336.
    pre = [110, 122, 125, 120, 140, 124, 123, 137, 135, 145]
    post = [125, 115, 130, 140, 140, 115, 140, 125, 140, 135]
    result = signed_rank_test(pre, post)
    assert result is not None
    assert (result.sums.n, result.sums.zeros, result.sums.tie_sizes) == (9, 1, (2,))
    assert (result.sums.w_plus, result.sums.w_minus, result.statistic) == (27, 18, 18)
    assert result.method == METHOD_NORMAL
    assert result.z == pytest.approx(-4.5 / math.sqrt(71.125))
    assert result.p_value == pytest.approx(0.593631, abs=1e-6)
    assert result.effect_size_r == pytest.approx(4.5 / math.sqrt(71.125) / 3)
    reference = scipy.stats.wilcoxon(post, pre, correction=False, method="asymptotic")
    assert (reference.statistic, reference.pvalue) == (18, pytest.approx(result.p_value))


def test_half_ranks_give_a_half_statistic() -> None:
    # d = −1 +1 +2 +3 +4 +5: the two |1| share ranks 1 and 2 → 1.5 each, so W− = 1.5.
    result = signed_rank_test([5] * 6, [4, 6, 7, 8, 9, 10])
    assert result is not None
    assert result.statistic == Fraction(3, 2)


def test_published_example_hollander_wolfe() -> None:
    # Hollander, M. and Wolfe, D. A. (1973), Nonparametric Statistical Methods, New York: Wiley,
    # pp. 29f.: Hamilton depression scale factor IV of nine patients at the first (x) and second
    # (y) visit after a tranquilliser was given. The example of R's ?wilcox.test runs
    # wilcox.test(x, y, paired = TRUE, alternative = "greater") and reports V = 40,
    # p-value = 0.01953. Here pre = x, post = y: W+ = 5, W− = 40, so W = 5 and the two-sided p is
    # twice the one-sided 10/512 (10 of the 512 sign patterns of 1..9 sum to 5 or less).
    x = ["1.83", "0.50", "1.62", "2.48", "1.68", "1.88", "1.55", "3.06", "1.30"]
    y = ["0.878", "0.647", "0.598", "2.05", "1.06", "1.29", "1.06", "3.14", "1.29"]
    pre = [Fraction(Decimal(v)) for v in x]
    post = [Fraction(Decimal(v)) for v in y]
    result = signed_rank_test(pre, post)
    assert result is not None
    assert (result.sums.w_plus, result.sums.w_minus) == (5, 40)
    assert result.statistic == 5
    assert result.method == METHOD_EXACT
    assert result.p_value == 20 / 512
    assert round(result.p_value / 2, 5) == 0.01953
    reference = scipy.stats.wilcoxon([float(v) for v in y], [float(v) for v in x], method="exact")
    assert (reference.statistic, reference.pvalue) == (5, pytest.approx(result.p_value))


def test_more_than_fifty_differences_take_the_normal_approximation() -> None:
    pre = [0] * 51
    post = list(range(1, 52))  # 51 distinct differences, no ties
    result = signed_rank_test(pre, post)
    assert result is not None
    assert result.method == METHOD_NORMAL
    reference = scipy.stats.wilcoxon(post, pre, correction=False, method="asymptotic")
    assert result.p_value == pytest.approx(reference.pvalue)
    assert result.z == pytest.approx(reference.zstatistic)


def test_fifty_untied_differences_are_still_exact() -> None:
    post = [(-1) ** i * (i + 1) for i in range(50)]
    result = signed_rank_test([0] * 50, post)
    assert result is not None
    assert result.method == METHOD_EXACT
    reference = scipy.stats.wilcoxon(post, [0] * 50, method="exact")
    assert result.p_value == pytest.approx(reference.pvalue, rel=1e-12)


def test_fewer_than_six_pairs_give_no_test() -> None:
    assert signed_rank_test([10, 20, 30, 40, 50], [60, 70, 80, 90, 100]) is None


def test_six_pairs_without_any_change_give_no_test() -> None:
    assert signed_rank_test([10] * 6, [10] * 6) is None


def test_mismatched_lengths_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        signed_rank_test([1, 2], [1])


scores = st.integers(0, 100)
paired = st.integers(6, 70).flatmap(
    lambda n: st.tuples(
        st.lists(scores, min_size=n, max_size=n), st.lists(scores, min_size=n, max_size=n)
    )
)
# Small score ranges force many ties and zeros.
paired_coarse = st.integers(6, 30).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 4), min_size=n, max_size=n),
        st.lists(st.integers(0, 4), min_size=n, max_size=n),
    )
)


# Distinct |d| with random signs: no ties, so the exact path whenever n ≤ 50.
@st.composite
def untied(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    sizes = draw(st.lists(st.integers(1, 200), min_size=6, max_size=60, unique=True))
    signs = draw(st.lists(st.sampled_from([-1, 1]), min_size=len(sizes), max_size=len(sizes)))
    return [100] * len(sizes), [100 + sign * size for sign, size in zip(signs, sizes, strict=True)]


@given(st.lists(st.integers(-20, 20), max_size=80))
def test_rank_sums_add_up_to_n_n_plus_1_over_2(differences: list[int]) -> None:
    sums = rank_sums(differences)
    assert sums.n == sum(1 for d in differences if d)
    assert sums.w_plus + sums.w_minus == Fraction(sums.n * (sums.n + 1), 2)
    assert sums.w_plus >= 0 and sums.w_minus >= 0


@given(st.one_of(paired, paired_coarse, untied()))
def test_p_in_unit_interval_and_symmetric_under_swapping(data: tuple[list[int], list[int]]) -> None:
    pre, post = data
    result = signed_rank_test(pre, post)
    swapped = signed_rank_test(post, pre)
    if result is None:
        assert swapped is None
        return
    assert swapped is not None
    assert 0 <= result.p_value <= 1
    assert result.z <= 0
    assert result.effect_size_r >= 0
    assert (swapped.statistic, swapped.p_value, swapped.z, swapped.effect_size_r) == (
        result.statistic,
        result.p_value,
        result.z,
        result.effect_size_r,
    )
    assert (swapped.sums.w_plus, swapped.sums.w_minus) == (result.sums.w_minus, result.sums.w_plus)


@given(st.one_of(paired, paired_coarse, untied()))
def test_matches_scipy(data: tuple[list[int], list[int]]) -> None:
    pre, post = data
    result = signed_rank_test(pre, post)
    assume(result is not None)
    assert result is not None
    approx = scipy.stats.wilcoxon(
        post, pre, zero_method="wilcox", correction=False, method="asymptotic"
    )
    assert result.statistic == approx.statistic
    assert result.z == pytest.approx(approx.zstatistic, rel=1e-9, abs=1e-12)
    if result.method == METHOD_EXACT:
        exact = scipy.stats.wilcoxon(post, pre, zero_method="wilcox", method="exact")
        assert result.p_value == pytest.approx(exact.pvalue, rel=1e-9, abs=1e-15)
    else:
        assert result.p_value == pytest.approx(approx.pvalue, rel=1e-9, abs=1e-15)
