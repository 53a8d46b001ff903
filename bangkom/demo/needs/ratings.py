"""Believable competency ratings, drawn from a seeded ``random.Random``: no database here.

A supervisor rates most staff at their position's standard or one level below; in the story's
weak spots (:class:`~bangkom.demo.needs.spec.WeakSpot`) most are below and some two below. An
ASN rating themself mostly agrees with their supervisor or thinks one level better of
themself; now and then one rating differs by two levels, which the calibration page lists.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

# Shares (in percent) of: one level above the standard, at it, one below, two below.
NORMAL = (10, 62, 26, 2)
MILD = (4, 44, 44, 8)
STRONG = (0, 22, 48, 30)
# How a self-rating differs from the supervisor's: -1, 0, +1 (in percent).
SELF_VIEW = (12, 50, 38)
# Share of self-raters with one rating two levels away from their supervisor's (in percent).
OUTLIER_SHARE = 14
MIN_LEVEL, MAX_LEVEL = 1, 5


def _clamp(level: int) -> int:
    return max(MIN_LEVEL, min(MAX_LEVEL, level))


def supervisor_level(rng: random.Random, required: int, *, strong: bool, weak: bool) -> int:
    """A supervisor's rating of one competency whose standard is ``required``."""
    shares = STRONG if strong else MILD if weak else NORMAL
    shift = rng.choices((1, 0, -1, -2), weights=shares)[0]
    return _clamp(required + shift)


def self_levels(rng: random.Random, supervisor: Mapping[int, int]) -> dict[int, int]:
    """An ASN's own ratings, given their supervisor's (drawn in the order given)."""
    codes = list(supervisor)
    levels = {
        code: _clamp(supervisor[code] + rng.choices((-1, 0, 1), weights=SELF_VIEW)[0])
        for code in codes
    }
    if codes and rng.randrange(100) < OUTLIER_SHARE:
        code = rng.choice(codes)
        upward = supervisor[code] + 2 <= MAX_LEVEL and (
            supervisor[code] - 2 < MIN_LEVEL or rng.random() < 0.75
        )
        levels[code] = supervisor[code] + 2 if upward else supervisor[code] - 2
    return levels
