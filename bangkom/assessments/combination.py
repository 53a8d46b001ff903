"""The combination rule: which rating gives an employee's current level in a competency.

Pure Python on plain dataclasses (no database), so that it is tested on its own and the
services, the recomputation and the documentation (docs/needs.md, "Level saat ini") agree.

The rule, for one employee × competency:

1. Round-bound ratings (self, supervisor, calibration) count only from the **latest round**
   in which the pair has any of them; older rounds are history. Within that round the latest
   rating of each source counts (a resubmission replaces the earlier one for the level, and the
   earlier row stays as history).
2. Assessment-centre results are not bound to a round: the latest one counts, unless the
   instansi limits their age to ``ac_max_age_months`` and it is older than that on ``today``.
3. The first source in the instansi's order that has a counting rating gives the level.
   A source missing from the order never counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

SELF = "mandiri"
SUPERVISOR = "atasan"
ASSESSMENT_CENTRE = "assessment_center"
CALIBRATION = "kalibrasi"

SOURCES = (CALIBRATION, ASSESSMENT_CENTRE, SUPERVISOR, SELF)
ROUND_SOURCES = frozenset({SELF, SUPERVISOR, CALIBRATION})
DEFAULT_ORDER: tuple[str, ...] = (CALIBRATION, ASSESSMENT_CENTRE, SUPERVISOR, SELF)
DEFAULT_THRESHOLD = 2


@dataclass(frozen=True)
class Rating:
    """One rating as the rule sees it.

    ``round_key`` orders the rounds (opens_on, then id) and is ``None`` for assessment-centre
    results; ``sequence`` orders ratings written on the same day (the row id).
    """

    source: str
    level: int
    assessed_on: date
    round_key: tuple[date, int] | None
    sequence: int


@dataclass(frozen=True)
class Rule:
    order: tuple[str, ...] = DEFAULT_ORDER
    ac_max_age_months: int | None = None
    threshold: int = DEFAULT_THRESHOLD


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _latest(ratings: Iterable[Rating]) -> Rating | None:
    return max(ratings, key=lambda r: (r.assessed_on, r.sequence), default=None)


def counting_ratings(ratings: Iterable[Rating], rule: Rule, today: date) -> dict[str, Rating]:
    """The rating that counts for each source (at most one per source), before the order."""
    ratings = list(ratings)
    counting: dict[str, Rating] = {}
    bound = [r for r in ratings if r.source in ROUND_SOURCES and r.round_key is not None]
    if bound:
        latest_round = max(r.round_key for r in bound if r.round_key is not None)
        for source in ROUND_SOURCES:
            rating = _latest(r for r in bound if r.source == source and r.round_key == latest_round)
            if rating is not None:
                counting[source] = rating
    centre = _latest(r for r in ratings if r.source == ASSESSMENT_CENTRE)
    if centre is not None and (
        rule.ac_max_age_months is None
        or centre.assessed_on >= months_before(today, rule.ac_max_age_months)
    ):
        counting[ASSESSMENT_CENTRE] = centre
    return counting


def combine(ratings: Iterable[Rating], rule: Rule, today: date) -> Rating | None:
    """The rating that gives the current level, or ``None`` when no rating counts."""
    counting = counting_ratings(ratings, rule, today)
    for source in rule.order:
        if source in counting:
            return counting[source]
    return None


def disagree(self_level: int, supervisor_level: int, threshold: int) -> bool:
    """True when a self and a supervisor rating differ by ``threshold`` levels or more."""
    return abs(self_level - supervisor_level) >= threshold


def check_order(order: Iterable[str]) -> list[str]:
    """The problems of a source order (empty when it is usable), as stable codes."""
    order = list(order)
    problems = []
    if not order:
        problems.append("empty")
    if len(set(order)) != len(order):
        problems.append("duplicate")
    if set(order) - set(SOURCES):
        problems.append("unknown")
    return problems
