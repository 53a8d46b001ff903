"""Normalised gain (Hake 1998): how much of the possible improvement a class achieved.

    g = (mean_post − mean_pre) / (max − mean_pre)

Hake, R. R. (1998), "Interactive-engagement versus traditional methods", American Journal of
Physics 66(1), 64–74: high g ≥ 0.7, medium 0.3 ≤ g < 0.7, low g < 0.3. g is negative when the
post-test mean is below the pre-test mean (category low).

Where the pre-test is already at the maximum there is no room to improve and g is undefined:
:func:`normalised_gain` returns None, for a participant (pre = max) and for the class
(mean_pre = max, which means every participant scored the maximum on the pre-test). The category
of an undefined gain is None too. Nothing is clipped or guessed.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = [
    "GAIN_HIGH",
    "GAIN_LOW",
    "GAIN_MEDIUM",
    "HIGH_THRESHOLD",
    "MEDIUM_THRESHOLD",
    "gain_category",
    "normalised_gain",
]

HIGH_THRESHOLD = Fraction(7, 10)
MEDIUM_THRESHOLD = Fraction(3, 10)
GAIN_HIGH, GAIN_MEDIUM, GAIN_LOW = "high", "medium", "low"


def normalised_gain(
    pre: Fraction | int, post: Fraction | int, max_score: Fraction | int
) -> Fraction | None:
    """g of one participant's scores, or of the class's means; None where pre = max."""
    pre, post, max_score = Fraction(pre), Fraction(post), Fraction(max_score)
    if pre == max_score:
        return None
    return (post - pre) / (max_score - pre)


def gain_category(gain: Fraction | None) -> str | None:
    """``high``, ``medium`` or ``low`` by Hake's thresholds, compared exactly; None if undefined."""
    if gain is None:
        return None
    if gain >= HIGH_THRESHOLD:
        return GAIN_HIGH
    if gain >= MEDIUM_THRESHOLD:
        return GAIN_MEDIUM
    return GAIN_LOW
