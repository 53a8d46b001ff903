"""The pure arithmetic of survey evidence."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangkom.surveys.stats import (
    FactorRule,
    GroupEvidence,
    TaskStats,
    propose_factors,
    share_percent,
)

counts = st.tuples(*[st.integers(0, 40)] * 4)
thresholds = st.decimals(min_value="1.01", max_value="4", places=2)


def test_mean_rounds_half_up_to_two_places() -> None:
    assert TaskStats((1, 2, 0, 0)).mean == Decimal("1.67")
    assert TaskStats((1, 1, 1, 1)).mean == Decimal("2.50")
    assert TaskStats((0, 0, 0, 0)).mean is None
    assert TaskStats((7, 0, 0, 1)).mean == Decimal("1.38")  # 11/8 = 1.375 → 1.38


def test_from_counts_refuses_values_outside_the_scale() -> None:
    with pytest.raises(ValueError):
        TaskStats.from_counts({5: 1})


@given(counts, thresholds)
def test_below_threshold_is_exact(distribution: tuple[int, int, int, int], t: Decimal) -> None:
    stats = TaskStats(distribution)
    if stats.n == 0:
        assert not stats.is_below(t)
    else:
        exact = Fraction(stats.total, stats.n)
        assert stats.is_below(t) == (exact < Fraction(str(t)))


@given(counts, counts)
def test_adding_groups_adds_their_answers(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    total = TaskStats(a) + TaskStats(b)  # type: ignore[arg-type]
    assert total.n == TaskStats(a).n + TaskStats(b).n  # type: ignore[arg-type]
    assert total.total == TaskStats(a).total + TaskStats(b).total  # type: ignore[arg-type]


def test_share_percent() -> None:
    assert share_percent(1, 3) == Decimal("33.3")
    assert share_percent(2, 3) == Decimal("66.7")
    assert share_percent(1, 0) is None


def test_confidence_factor_scale() -> None:
    rule = FactorRule()
    assert rule.confidence_factor(TaskStats((0, 0, 3, 0))) is None  # 3.0
    assert rule.confidence_factor(TaskStats((1, 1, 1, 1))) is None  # 2.5 is not below 2.5
    assert rule.confidence_factor(TaskStats((0, 3, 1, 0))) == Decimal("1.2")  # 2.25
    assert rule.confidence_factor(TaskStats((0, 3, 0, 0))) == Decimal("1.2")  # 2.0, not < 2.0
    assert rule.confidence_factor(TaskStats((1, 2, 0, 0))) == Decimal("1.4")  # 1.67
    assert rule.confidence_factor(TaskStats((2, 0, 0, 0))) is None  # only 2 answers


def test_topic_share_threshold_is_inclusive() -> None:
    rule = FactorRule(topic_share_percent=50)
    assert rule.topic_earns_factor(2, 4)
    assert not rule.topic_earns_factor(1, 4)
    assert not rule.topic_earns_factor(2, 2)  # fewer respondents than min_answers
    assert not FactorRule(topic_share_percent=None).topic_earns_factor(4, 4)


def test_strongest_reason_decides_and_every_reason_is_kept() -> None:
    groups = [
        GroupEvidence(
            group_id=7,
            respondents=4,
            tasks={1: TaskStats((2, 2, 0, 0)), 2: TaskStats((0, 3, 1, 0))},
            topics={3: 3},
        )
    ]
    proposals = propose_factors(
        groups,
        task_competencies={1: [100], 2: [100, 200]},
        topic_competencies={3: [200]},
        rule=FactorRule(),
    )
    by_competency = {p.competency_id: p for p in proposals}
    assert by_competency[100].factor == Decimal("1.4")  # task 1: mean 1.5
    assert [r.item_id for r in by_competency[100].reasons] == [1, 2]
    assert by_competency[200].factor == Decimal("1.2")  # task 2 (1.2) beats the topic (1.1)
    assert [r.kind for r in by_competency[200].reasons] == ["kepercayaan", "topik"]


@given(st.lists(counts, min_size=1, max_size=5))
def test_every_proposal_is_backed_by_evidence(tasks: list[tuple[int, int, int, int]]) -> None:
    rule = FactorRule()
    group = GroupEvidence(
        group_id=1,
        respondents=max(TaskStats(t).n for t in tasks),
        tasks={i: TaskStats(t) for i, t in enumerate(tasks)},
    )
    proposals = propose_factors(
        [group],
        task_competencies={i: [i] for i in range(len(tasks))},
        topic_competencies={},
        rule=rule,
    )
    expected = {i for i, t in enumerate(tasks) if rule.confidence_factor(TaskStats(t))}
    assert {p.competency_id for p in proposals} == expected
    for proposal in proposals:
        assert proposal.factor in (rule.factor_low, rule.factor_very_low)
