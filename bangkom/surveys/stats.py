"""The arithmetic of survey evidence, free of Django: confidence means on the 1–4 scale, topic
shares, and which unit × competency pairs earn a weight factor.

Means are compared exactly (``total < threshold × n``), never after rounding, so a mean of
2.499 is below a threshold of 2.5 even though it is shown as 2,50.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SCALE = (1, 2, 3, 4)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class TaskStats:
    """The answers of one group to one task on the 1–4 scale."""

    distribution: tuple[int, int, int, int] = (0, 0, 0, 0)

    @classmethod
    def from_counts(cls, counts: Mapping[int, int]) -> TaskStats:
        unknown = set(counts) - set(SCALE)
        if unknown:
            raise ValueError(f"values outside the 1–4 scale: {sorted(unknown)}")
        return cls(tuple(counts.get(v, 0) for v in SCALE))  # type: ignore[arg-type]

    @property
    def n(self) -> int:
        return sum(self.distribution)

    @property
    def total(self) -> int:
        return sum(v * c for v, c in zip(SCALE, self.distribution, strict=True))

    @property
    def mean(self) -> Decimal | None:
        """The mean rounded half up to two places, for display and evidence."""
        if self.n == 0:
            return None
        return (Decimal(self.total) / Decimal(self.n)).quantize(TWO_PLACES, ROUND_HALF_UP)

    def is_below(self, threshold: Decimal) -> bool:
        return self.n > 0 and Decimal(self.total) < threshold * self.n

    def __add__(self, other: TaskStats) -> TaskStats:
        return TaskStats(
            tuple(a + b for a, b in zip(self.distribution, other.distribution, strict=True))  # type: ignore[arg-type]
        )


def share_percent(count: int, of: int) -> Decimal | None:
    """``count`` as a percentage of ``of``, one decimal place, or None when ``of`` is 0."""
    if of <= 0:
        return None
    return (Decimal(100 * count) / Decimal(of)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class FactorRule:
    """A survey's settings for turning answers into weight factors."""

    confidence_threshold: Decimal = Decimal("2.5")
    very_low_threshold: Decimal = Decimal("2.0")
    min_answers: int = 3
    factor_low: Decimal = Decimal("1.2")
    factor_very_low: Decimal = Decimal("1.4")
    topic_share_percent: int | None = 50
    topic_factor: Decimal = Decimal("1.1")

    def confidence_factor(self, stats: TaskStats) -> Decimal | None:
        if stats.n < self.min_answers or not stats.is_below(self.confidence_threshold):
            return None
        if stats.is_below(self.very_low_threshold):
            return self.factor_very_low
        return self.factor_low

    def topic_earns_factor(self, count: int, respondents: int) -> bool:
        if self.topic_share_percent is None or respondents < self.min_answers or count == 0:
            return False
        return 100 * count >= self.topic_share_percent * respondents


@dataclass(frozen=True)
class GroupEvidence:
    """What one group (a unit) answered: respondents, stats per task, ticks per topic."""

    group_id: int
    respondents: int
    tasks: Mapping[int, TaskStats] = field(default_factory=dict)
    topics: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    kind: str  # "kepercayaan" (task confidence) or "topik" (requested topic)
    item_id: int
    factor: Decimal
    stats: TaskStats | None = None
    count: int = 0
    respondents: int = 0


@dataclass(frozen=True)
class Proposal:
    """Weigh ``competency_id`` by ``factor`` in group ``group_id``, for ``reasons``."""

    group_id: int
    competency_id: int
    factor: Decimal
    reasons: tuple[Reason, ...]

    @property
    def strongest(self) -> Reason:
        return self.reasons[0]


def _reason_order(reason: Reason) -> tuple[Decimal, int, Decimal, int]:
    # Highest factor first; among confidence reasons the lowest mean; then a stable order.
    mean = (
        Decimal(reason.stats.total) / reason.stats.n
        if reason.stats is not None and reason.stats.n
        else Decimal(5)
    )
    return (-reason.factor, 0 if reason.kind == "kepercayaan" else 1, mean, reason.item_id)


def propose_factors(
    groups: Iterable[GroupEvidence],
    *,
    task_competencies: Mapping[int, Sequence[int]],
    topic_competencies: Mapping[int, Sequence[int]],
    rule: FactorRule,
) -> list[Proposal]:
    """One proposal per group × competency that some evidence supports.

    When several tasks or topics point to the same competency in the same group, the strongest
    factor decides (the same need is not counted twice) and every reason is kept as evidence.
    """
    found: dict[tuple[int, int], list[Reason]] = {}
    for group in groups:
        for item_id, stats in group.tasks.items():
            factor = rule.confidence_factor(stats)
            if factor is None:
                continue
            reason = Reason("kepercayaan", item_id, factor, stats=stats)
            for competency_id in task_competencies.get(item_id, ()):
                found.setdefault((group.group_id, competency_id), []).append(reason)
        for item_id, count in group.topics.items():
            if not rule.topic_earns_factor(count, group.respondents):
                continue
            reason = Reason(
                "topik", item_id, rule.topic_factor, count=count, respondents=group.respondents
            )
            for competency_id in topic_competencies.get(item_id, ()):
                found.setdefault((group.group_id, competency_id), []).append(reason)
    proposals = []
    for (group_id, competency_id), reasons in sorted(found.items()):
        ordered = tuple(sorted(reasons, key=_reason_order))
        proposals.append(Proposal(group_id, competency_id, ordered[0].factor, ordered))
    return proposals
