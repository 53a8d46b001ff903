"""The learning report and its interpretation codes (bangkom/evaluation/statistics/report.py)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bangkom.evaluation.statistics import report as codes
from bangkom.evaluation.statistics.report import build_report, interpret
from bangkom.evaluation.statistics.scores import Pair

KEYS = [
    "pairs",
    "incomplete",
    "mean_pre",
    "mean_post",
    "gain",
    "gain_category",
    "participants",
    "wilcoxon",
    "significant",
]


def pairs(pre: list[int], post: list[int]) -> list[Pair]:
    return [
        Pair(f"10{i:02d}", Fraction(a), Fraction(b))
        for i, (a, b) in enumerate(zip(pre, post, strict=True))
    ]


def test_hand_computed_report() -> None:
    # Eight pairs, all improved: mean_pre = 40, mean_post = 70, g = 30/60 = 0.5 (medium).
    # d = 20 25 30 35 40 25 30 35 → ties, normal approximation; all positive so W = 0.
    pre = [40, 35, 30, 45, 50, 45, 40, 35]
    post = [60, 60, 60, 80, 90, 70, 70, 70]
    report = build_report(pairs(pre, post), max_score=100, incomplete=2)
    data = report.as_dict()
    assert list(data) == KEYS
    assert data["pairs"] == 8 and data["incomplete"] == 2
    assert (data["mean_pre"], data["mean_post"]) == (40.0, 70.0)
    assert (data["gain"], data["gain_category"]) == (0.5, "medium")
    assert data["participants"][0] == {"nip": "1000", "gain": pytest.approx(20 / 60)}
    assert list(data["wilcoxon"]) == ["statistic", "p_value", "z", "effect_size_r"]
    assert data["wilcoxon"]["statistic"] == 0
    assert data["wilcoxon"]["p_value"] < 0.05
    assert data["significant"] is True
    assert interpret(report) == codes.Interpretation(
        codes.TEST_SIGNIFICANT_INCREASE, "medium", codes.EFFECT_LARGE
    )


def test_fewer_than_six_pairs() -> None:
    report = build_report(pairs([10, 20, 30, 40, 50], [90, 90, 90, 90, 90]), max_score=100)
    data = report.as_dict()
    assert data["wilcoxon"] is None
    assert data["significant"] is False
    assert data["gain_category"] == "high"
    assert interpret(report).test == codes.TEST_TOO_FEW_PAIRS
    assert interpret(report).effect is None


def test_participant_gain_is_null_where_pre_is_the_maximum() -> None:
    report = build_report(pairs([100, 50], [90, 75]), max_score=100)
    assert report.as_dict()["participants"] == [
        {"nip": "1000", "gain": None},
        {"nip": "1001", "gain": 0.5},
    ]


def test_class_gain_is_null_when_every_pre_test_is_the_maximum() -> None:
    report = build_report(pairs([40] * 6, [40, 40, 38, 40, 40, 40]), max_score=40)
    data = report.as_dict()
    assert (data["mean_pre"], data["gain"], data["gain_category"]) == (40.0, None, None)
    assert interpret(report).gain == codes.GAIN_PRE_AT_MAXIMUM


def test_no_pairs_at_all() -> None:
    report = build_report([], max_score=100, incomplete=3)
    assert report.as_dict() == {
        "pairs": 0,
        "incomplete": 3,
        "mean_pre": None,
        "mean_post": None,
        "gain": None,
        "gain_category": None,
        "participants": [],
        "wilcoxon": None,
        "significant": False,
    }
    assert interpret(report) == codes.Interpretation(
        codes.TEST_TOO_FEW_PAIRS, codes.GAIN_NO_PAIRS, None
    )


def test_no_change_at_all() -> None:
    report = build_report(pairs([50] * 7, [50] * 7), max_score=100)
    assert report.wilcoxon is None
    assert interpret(report).test == codes.TEST_NO_CHANGE


def test_a_significant_fall_is_not_significant_improvement() -> None:
    report = build_report(pairs([80, 85, 90, 70, 75, 95], [60, 62, 64, 40, 41, 42]), max_score=100)
    assert report.wilcoxon is not None and report.wilcoxon.p_value < 0.05
    assert report.significant is False
    assert report.gain_category == "low"
    assert interpret(report).test == codes.TEST_SIGNIFICANT_DECREASE


def test_not_significant() -> None:
    report = build_report(pairs([50] * 8, [55, 45, 60, 40, 52, 48, 51, 49]), max_score=100)
    assert report.wilcoxon is not None and report.wilcoxon.p_value >= 0.05
    assert interpret(report).test == codes.TEST_NOT_SIGNIFICANT


def test_scores_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError):
        build_report(pairs([50], [101]), max_score=100)


@pytest.mark.parametrize(
    ("r", "effect"),
    [(0.5, "large"), (0.49, "medium"), (0.3, "medium"), (0.1, "small"), (0.09, "negligible")],
)
def test_effect_size_categories(r: float, effect: str) -> None:
    assert codes.effect_size_category(r) == effect


def test_significant_ranks_with_equal_means_are_not_called_an_increase() -> None:
    # Ten participants gain 1 point, one loses 10: means equal, yet W− = 11 of 66 gives
    # z = (11 − 33)/√105.875 ≈ −2.14, p ≈ 0.03.
    report = build_report(pairs([50] * 11, [51] * 10 + [40]), max_score=100)
    assert report.mean_pre == report.mean_post
    assert report.wilcoxon is not None and report.wilcoxon.p_value < 0.05
    assert report.significant is False
    assert interpret(report).test == codes.TEST_DIRECTION_UNCLEAR
