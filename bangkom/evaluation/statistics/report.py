"""The Level-2 (learning) report of one batch: means, normalised gain, Wilcoxon test, verdict.

:meth:`LearningReport.as_dict` gives the JSON of ``bangkom evaluation-report --json``; its keys
keep their meaning (docs/evaluation.md). Means and the class gain are over the complete pairs
only, so that the pre- and post-test means describe the same people. :func:`interpret` reduces a
report to codes that the app layer words in Indonesian.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .gain import gain_category, normalised_gain
from .scores import Pair
from .wilcoxon import MIN_PAIRS, WilcoxonResult, signed_rank_test

__all__ = [
    "ALPHA",
    "Interpretation",
    "LearningReport",
    "ParticipantGain",
    "build_report",
    "interpret",
]

ALPHA = 0.05

# Interpretation.test codes.
TEST_SIGNIFICANT_INCREASE = "significant_increase"
TEST_SIGNIFICANT_DECREASE = "significant_decrease"
TEST_NOT_SIGNIFICANT = "not_significant"
# p < ALPHA, but the means are equal: the ranks moved while the average did not.
TEST_DIRECTION_UNCLEAR = "direction_unclear"
TEST_TOO_FEW_PAIRS = "too_few_pairs"
TEST_NO_CHANGE = "no_change"  # enough pairs, but every post-test equals its pre-test

# Interpretation.gain codes besides the categories high, medium and low.
GAIN_NO_PAIRS = "no_pairs"
GAIN_PRE_AT_MAXIMUM = "pre_at_maximum"

# Effect size r: Cohen (1988), Statistical Power Analysis for the Behavioral Sciences, for r.
EFFECT_LARGE, EFFECT_MEDIUM, EFFECT_SMALL, EFFECT_NEGLIGIBLE = (
    "large",
    "medium",
    "small",
    "negligible",
)
EFFECT_THRESHOLDS = ((0.5, EFFECT_LARGE), (0.3, EFFECT_MEDIUM), (0.1, EFFECT_SMALL))


def _number(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class ParticipantGain:
    nip: str
    gain: Fraction | None  # None where the pre-test score is the maximum


@dataclass(frozen=True)
class LearningReport:
    max_score: Fraction
    pairs: int
    incomplete: int
    mean_pre: Fraction | None  # None without pairs
    mean_post: Fraction | None
    gain: Fraction | None  # None without pairs or when mean_pre = max
    gain_category: str | None
    participants: tuple[ParticipantGain, ...]
    wilcoxon: WilcoxonResult | None
    significant: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "incomplete": self.incomplete,
            "mean_pre": _number(self.mean_pre),
            "mean_post": _number(self.mean_post),
            "gain": _number(self.gain),
            "gain_category": self.gain_category,
            "participants": [
                {"nip": participant.nip, "gain": _number(participant.gain)}
                for participant in self.participants
            ],
            "wilcoxon": None if self.wilcoxon is None else self.wilcoxon.as_dict(),
            "significant": self.significant,
        }


def build_report(
    pairs: Sequence[Pair], *, max_score: Fraction | int, incomplete: int = 0
) -> LearningReport:
    """The report over the participants with both scores; ``incomplete`` counts the others."""
    maximum = Fraction(max_score)
    for pair in pairs:
        if not (0 <= pair.pre <= maximum and 0 <= pair.post <= maximum):
            raise ValueError(f"scores of {pair.nip} are outside 0..{maximum}")
    participants = tuple(
        ParticipantGain(pair.nip, normalised_gain(pair.pre, pair.post, maximum)) for pair in pairs
    )
    if not pairs:
        return LearningReport(
            maximum, 0, incomplete, None, None, None, None, participants, None, False
        )
    mean_pre = sum((Fraction(pair.pre) for pair in pairs), Fraction(0)) / len(pairs)
    mean_post = sum((Fraction(pair.post) for pair in pairs), Fraction(0)) / len(pairs)
    gain = normalised_gain(mean_pre, mean_post, maximum)
    wilcoxon = signed_rank_test([pair.pre for pair in pairs], [pair.post for pair in pairs])
    significant = wilcoxon is not None and wilcoxon.p_value < ALPHA and mean_post > mean_pre
    return LearningReport(
        max_score=maximum,
        pairs=len(pairs),
        incomplete=incomplete,
        mean_pre=mean_pre,
        mean_post=mean_post,
        gain=gain,
        gain_category=gain_category(gain),
        participants=participants,
        wilcoxon=wilcoxon,
        significant=significant,
    )


@dataclass(frozen=True)
class Interpretation:
    """What a report means, as codes: ``test`` (one of the TEST_* codes), ``gain`` (high, medium,
    low, or GAIN_NO_PAIRS / GAIN_PRE_AT_MAXIMUM) and ``effect`` (an EFFECT_* code, None without
    a test)."""

    test: str
    gain: str
    effect: str | None


def effect_size_category(r: float) -> str:
    return next(
        (code for threshold, code in EFFECT_THRESHOLDS if r >= threshold), EFFECT_NEGLIGIBLE
    )


def interpret(report: LearningReport) -> Interpretation:
    if report.gain_category is not None:
        gain = report.gain_category
    else:
        gain = GAIN_NO_PAIRS if report.pairs == 0 else GAIN_PRE_AT_MAXIMUM
    result = report.wilcoxon
    if result is None:
        test = TEST_TOO_FEW_PAIRS if report.pairs < MIN_PAIRS else TEST_NO_CHANGE
        return Interpretation(test, gain, None)
    assert report.mean_pre is not None and report.mean_post is not None
    if report.significant:
        test = TEST_SIGNIFICANT_INCREASE
    elif result.p_value >= ALPHA:
        test = TEST_NOT_SIGNIFICANT
    elif report.mean_post < report.mean_pre:
        test = TEST_SIGNIFICANT_DECREASE
    else:
        test = TEST_DIRECTION_UNCLEAR
    return Interpretation(test, gain, effect_size_category(result.effect_size_r))
