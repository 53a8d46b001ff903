"""Normalised gain (bangkom/evaluation/statistics/gain.py)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bangkom.evaluation.statistics.gain import gain_category, normalised_gain


def test_hand_computed_gain() -> None:
    # (70 − 40) / (100 − 40) = 30/60 = 0.5
    assert normalised_gain(40, 70, 100) == Fraction(1, 2)
    # out of 40: (34 − 20) / (40 − 20) = 0.7
    assert normalised_gain(20, 34, 40) == Fraction(7, 10)


def test_a_fall_gives_a_negative_gain() -> None:
    assert normalised_gain(50, 40, 100) == Fraction(-1, 5)
    assert gain_category(Fraction(-1, 5)) == "low"


def test_no_gain_defined_where_pre_is_already_the_maximum() -> None:
    assert normalised_gain(100, 100, 100) is None
    assert normalised_gain(100, 90, 100) is None
    assert gain_category(None) is None


@pytest.mark.parametrize(
    ("gain", "category"),
    [
        (Fraction(7, 10), "high"),
        (Fraction(1), "high"),
        (Fraction(7, 10) - Fraction(1, 10**9), "medium"),
        (Fraction(3, 10), "medium"),
        (Fraction(3, 10) - Fraction(1, 10**9), "low"),
        (Fraction(0), "low"),
    ],
)
def test_hake_categories_at_their_exact_boundaries(gain: Fraction, category: str) -> None:
    assert gain_category(gain) == category


def test_boundary_reached_through_decimal_scores_is_exact() -> None:
    # (31.47 − 2.1) / (100 − 2.1) = 0.3 exactly; in binary floats it comes out just below 0.3.
    assert (31.47 - 2.1) / (100 - 2.1) < 0.3
    assert gain_category(normalised_gain(Fraction("2.1"), Fraction("31.47"), 100)) == "medium"
