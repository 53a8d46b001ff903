"""The combination rule (pure): properties over random ratings, source orders and age limits."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bangkom.assessments import combination
from bangkom.assessments.combination import (
    ASSESSMENT_CENTRE,
    CALIBRATION,
    DEFAULT_ORDER,
    SELF,
    SOURCES,
    SUPERVISOR,
    Rating,
    Rule,
    combine,
    counting_ratings,
    disagree,
    months_before,
)
from bangkom.assessments.models import AssessmentSource

TODAY = date(2026, 6, 15)
ROUNDS = [(date(2024, 3, 1), 1), (date(2025, 3, 1), 2), (date(2026, 3, 1), 3)]


@st.composite
def ratings(draw: st.DrawFn) -> list[Rating]:
    """Any mix of sources present or absent, in any round, on any day of the last four years."""
    count = draw(st.integers(min_value=0, max_value=12))
    result = []
    for sequence in range(1, count + 1):
        source = draw(st.sampled_from(SOURCES))
        day = TODAY - timedelta(days=draw(st.integers(min_value=0, max_value=4 * 365)))
        round_key = None if source == ASSESSMENT_CENTRE else draw(st.sampled_from(ROUNDS))
        result.append(
            Rating(
                source=source,
                level=draw(st.integers(min_value=1, max_value=5)),
                assessed_on=day,
                round_key=round_key,
                sequence=sequence,
            )
        )
    return result


orders = st.lists(st.sampled_from(SOURCES), min_size=1, max_size=4, unique=True).map(tuple)
rules = st.builds(
    Rule,
    order=orders,
    ac_max_age_months=st.one_of(st.none(), st.integers(min_value=1, max_value=60)),
)


def _latest(candidates: list[Rating]) -> Rating:
    return max(candidates, key=lambda r: (r.assessed_on, r.sequence))


@settings(max_examples=400)
@given(ratings(), rules)
def test_the_first_source_in_order_with_a_counting_rating_wins(
    given_ratings: list[Rating], rule: Rule
) -> None:
    chosen = combine(given_ratings, rule, TODAY)
    bound = [r for r in given_ratings if r.source != ASSESSMENT_CENTRE]
    latest_round = max((r.round_key for r in bound if r.round_key), default=None)
    cutoff = months_before(TODAY, rule.ac_max_age_months) if rule.ac_max_age_months else None

    def counts(rating: Rating) -> bool:
        if rating.source == ASSESSMENT_CENTRE:
            return cutoff is None or rating.assessed_on >= cutoff
        return rating.round_key == latest_round

    available = [s for s in rule.order if any(r.source == s and counts(r) for r in given_ratings)]
    if not available:
        assert chosen is None
        return
    assert chosen is not None
    assert chosen.source == available[0]
    # the level of the winning source is its latest counting rating
    assert chosen == _latest([r for r in given_ratings if r.source == chosen.source and counts(r)])


@settings(max_examples=200)
@given(ratings(), rules, st.randoms())
def test_the_order_of_the_rows_does_not_matter(
    given_ratings: list[Rating], rule: Rule, shuffler: random.Random
) -> None:
    shuffled = list(given_ratings)
    shuffler.shuffle(shuffled)
    assert combine(shuffled, rule, TODAY) == combine(given_ratings, rule, TODAY)


@settings(max_examples=200)
@given(ratings(), rules)
def test_round_ratings_never_come_from_an_older_round(
    given_ratings: list[Rating], rule: Rule
) -> None:
    chosen = combine(given_ratings, rule, TODAY)
    if chosen is not None and chosen.source != ASSESSMENT_CENTRE:
        newest = max(r.round_key for r in given_ratings if r.round_key is not None)
        assert chosen.round_key == newest


@settings(max_examples=200)
@given(ratings(), st.integers(min_value=1, max_value=60))
def test_an_assessment_centre_result_older_than_the_limit_never_counts(
    given_ratings: list[Rating], months: int
) -> None:
    rule = Rule(order=(ASSESSMENT_CENTRE,), ac_max_age_months=months)
    chosen = combine(given_ratings, rule, TODAY)
    if chosen is not None:
        assert chosen.assessed_on >= months_before(TODAY, months)
    fresh = [
        r
        for r in given_ratings
        if r.source == ASSESSMENT_CENTRE and r.assessed_on >= months_before(TODAY, months)
    ]
    latest_centre = (
        _latest([r for r in given_ratings if r.source == ASSESSMENT_CENTRE])
        if any(r.source == ASSESSMENT_CENTRE for r in given_ratings)
        else None
    )
    # only the latest result is considered: an older fresh one does not stand in for it
    assert (chosen is not None) == (latest_centre is not None and latest_centre in fresh)


@given(ratings())
def test_a_source_left_out_of_the_order_never_gives_the_level(given_ratings: list[Rating]) -> None:
    for left_out in SOURCES:
        order = tuple(s for s in DEFAULT_ORDER if s != left_out)
        chosen = combine(given_ratings, Rule(order=order), TODAY)
        assert chosen is None or chosen.source != left_out


def test_default_order_is_centre_then_supervisor_then_self_with_calibration_first() -> None:
    round_key = ROUNDS[-1]
    self_rating = Rating(SELF, 4, date(2026, 3, 2), round_key, 1)
    supervisor = Rating(SUPERVISOR, 2, date(2026, 3, 3), round_key, 2)
    centre = Rating(ASSESSMENT_CENTRE, 3, date(2025, 1, 10), None, 3)
    calibration = Rating(CALIBRATION, 3, date(2026, 4, 1), round_key, 4)
    rule = Rule()
    assert combine([self_rating], rule, TODAY) == self_rating
    assert combine([self_rating, supervisor], rule, TODAY) == supervisor
    assert combine([self_rating, supervisor, centre], rule, TODAY) == centre
    assert combine([self_rating, supervisor, centre, calibration], rule, TODAY) == calibration


def test_a_resubmission_in_the_round_replaces_the_earlier_level() -> None:
    round_key = ROUNDS[-1]
    first = Rating(SELF, 2, date(2026, 3, 5), round_key, 1)
    second = Rating(SELF, 4, date(2026, 3, 5), round_key, 2)
    assert combine([second, first], Rule(), TODAY) == second


def test_a_new_round_hides_the_supervisor_rating_of_the_previous_round() -> None:
    old_supervisor = Rating(SUPERVISOR, 2, date(2025, 3, 5), ROUNDS[1], 1)
    new_self = Rating(SELF, 4, date(2026, 3, 5), ROUNDS[2], 2)
    assert combine([old_supervisor, new_self], Rule(), TODAY) == new_self
    assert counting_ratings([old_supervisor, new_self], Rule(), TODAY) == {SELF: new_self}


def test_months_before_clamps_to_the_end_of_the_month() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)
    assert months_before(date(2026, 5, 31), 1) == date(2026, 4, 30)


def test_disagreement_starts_at_the_threshold() -> None:
    assert not disagree(3, 4, 2)
    assert disagree(3, 5, 2)
    assert disagree(5, 3, 2)
    assert disagree(1, 2, 1)
    assert not disagree(2, 2, 1)


def test_the_rule_names_the_model_sources() -> None:
    assert set(SOURCES) == set(AssessmentSource.values)
    assert combination.check_order([SELF, SELF]) == ["duplicate"]
    assert combination.check_order([]) == ["empty"]
    assert combination.check_order(["nilai_teman"]) == ["unknown"]
    assert combination.check_order(list(DEFAULT_ORDER)) == []
