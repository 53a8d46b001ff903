"""The decision rules over a program run's evidence: a pure core (no Django).

Given what a batch's evaluation measured (:class:`Evidence`) and the thresholds in force
(:class:`Thresholds`, configurable through ``settings.EVALUATION_DECISION_RULES``), :func:`suggest`
returns the suggested decision and the code of the rule that fired. The rules are tried in this
order and the first that matches wins (docs/evaluation.md, "Decisions"):

1. ``insufficient_learning`` / ``insufficient_reaction``: fewer than ``min_pairs`` pre/post
   pairs, or fewer than ``min_reaction_answers`` reaction answers → no suggestion.
2. ``significant_decrease``: the post-test is significantly below the pre-test → stop.
3. ``trainer_below_threshold``: the reaction item "trainers" averages below
   ``trainer_threshold`` → change trainer.
4. ``effective``: significant gain, gain category medium or high and a reaction index (the mean
   of the five item means) of at least ``good_reaction`` → continue.
5. ``low_gain_material``: low gain and the material or its relevance to the job averages below
   ``good_reaction`` → adjust the material.
6. ``low_gain_method``: low gain otherwise (the material itself is well received) → adjust the
   method.
7. ``gain_not_confirmed``: anything else (a medium/high gain that is not significant, or whose
   reaction is below ``good_reaction``) → adjust the method.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

CONTINUE = "continue"
ADJUST_MATERIAL = "adjust_material"
ADJUST_METHOD = "adjust_method"
CHANGE_TRAINER = "change_trainer"
STOP = "stop"

INSUFFICIENT_LEARNING = "insufficient_learning"
INSUFFICIENT_REACTION = "insufficient_reaction"
SIGNIFICANT_DECREASE = "significant_decrease"
TRAINER_BELOW_THRESHOLD = "trainer_below_threshold"
EFFECTIVE = "effective"
LOW_GAIN_MATERIAL = "low_gain_material"
LOW_GAIN_METHOD = "low_gain_method"
GAIN_NOT_CONFIRMED = "gain_not_confirmed"

RULES = (
    INSUFFICIENT_LEARNING,
    INSUFFICIENT_REACTION,
    SIGNIFICANT_DECREASE,
    TRAINER_BELOW_THRESHOLD,
    EFFECTIVE,
    LOW_GAIN_MATERIAL,
    LOW_GAIN_METHOD,
    GAIN_NOT_CONFIRMED,
)


@dataclass(frozen=True)
class Thresholds:
    min_pairs: int = 6
    min_reaction_answers: int = 5
    good_reaction: float = 4.0  # on the Likert scale 1–5
    trainer_threshold: float = 3.0

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> Thresholds:
        """Defaults, with the keys of ``values`` (a setting) that name a threshold replaced."""
        names = {f.name: f.type for f in fields(cls)}
        chosen = {k: v for k, v in (values or {}).items() if k in names}
        return replace(cls(), **chosen)


@dataclass(frozen=True)
class Evidence:
    """What the evaluation of one batch measured."""

    pairs: int  # pre/post pairs
    gain: float | None  # class normalised gain
    gain_category: str | None  # "high", "medium", "low" or None
    significant: bool  # p < 0.05 and mean_post > mean_pre
    significant_decrease: bool  # p < 0.05 and mean_post < mean_pre
    reaction_answers: int
    reaction_index: float | None  # mean of the item means, 1–5
    item_means: Mapping[str, float]  # item code → mean, 1–5

    def as_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "gain": self.gain,
            "gain_category": self.gain_category,
            "significant": self.significant,
            "significant_decrease": self.significant_decrease,
            "reaction_answers": self.reaction_answers,
            "reaction_index": self.reaction_index,
            "item_means": dict(self.item_means),
        }


@dataclass(frozen=True)
class Suggestion:
    decision: str | None  # None: not enough evidence to suggest anything
    rule: str


def suggest(evidence: Evidence, thresholds: Thresholds | None = None) -> Suggestion:
    """The decision the rules suggest for a program run, and the rule that fired."""
    t = thresholds or Thresholds()
    if evidence.pairs < t.min_pairs:
        return Suggestion(None, INSUFFICIENT_LEARNING)
    if evidence.reaction_answers < t.min_reaction_answers or evidence.reaction_index is None:
        return Suggestion(None, INSUFFICIENT_REACTION)
    if evidence.significant_decrease:
        return Suggestion(STOP, SIGNIFICANT_DECREASE)
    trainers = evidence.item_means.get("trainers")
    if trainers is not None and trainers < t.trainer_threshold:
        return Suggestion(CHANGE_TRAINER, TRAINER_BELOW_THRESHOLD)
    good_reaction = evidence.reaction_index >= t.good_reaction
    if evidence.significant and evidence.gain_category in ("medium", "high") and good_reaction:
        return Suggestion(CONTINUE, EFFECTIVE)
    if evidence.gain_category in ("low", None):
        material = min(
            evidence.item_means.get("material", t.good_reaction),
            evidence.item_means.get("relevance", t.good_reaction),
        )
        if material < t.good_reaction:
            return Suggestion(ADJUST_MATERIAL, LOW_GAIN_MATERIAL)
        return Suggestion(ADJUST_METHOD, LOW_GAIN_METHOD)
    return Suggestion(ADJUST_METHOD, GAIN_NOT_CONFIRMED)
