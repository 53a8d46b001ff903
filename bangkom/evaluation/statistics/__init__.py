"""Learning-gain statistics: a pure core (no Django). Normalised gain (Hake), Wilcoxon
signed-rank test and effect size over pre/post scores; `bangkom evaluation-report` and the
evaluation pages both use it.

Plain dataclasses in and out; problems and findings are codes (:class:`scores.InputError`,
:class:`report.Interpretation`) that the app layer (``bangkom.evaluation.interpretation``) turns
into Indonesian. Arithmetic is exact (``Fraction``) until a figure is reported as a float, so ties,
zero differences and the category thresholds never depend on binary rounding. See
docs/evaluation.md for the file format, the formulas and the meaning of each output key.
"""

from .gain import GAIN_HIGH, GAIN_MEDIUM, gain_category, normalised_gain
from .report import Interpretation, LearningReport, build_report, interpret
from .scores import InputError, Pair, ScoreRow, ScoresError, ScoreSheet, parse_scores
from .wilcoxon import MIN_PAIRS, WilcoxonResult, signed_rank_test

__all__ = [
    "GAIN_HIGH",
    "GAIN_MEDIUM",
    "MIN_PAIRS",
    "InputError",
    "Interpretation",
    "LearningReport",
    "Pair",
    "ScoreRow",
    "ScoreSheet",
    "ScoresError",
    "WilcoxonResult",
    "build_report",
    "gain_category",
    "interpret",
    "normalised_gain",
    "parse_scores",
    "signed_rank_test",
]
