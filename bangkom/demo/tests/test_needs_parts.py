"""The database-free parts of the demo's needs stage: dates, ratings, answers and SKM files."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import cast

from hypothesis import given
from hypothesis import strategies as st

from bangkom.demo.needs import answers
from bangkom.demo.needs.ratings import self_levels, supervisor_level
from bangkom.demo.needs.stage import skm_csv, window
from bangkom.demo.needs.stories import MATARAM, MEDAN, PERMITS_AFTER, PERMITS_BEFORE
from bangkom.demo.people import DEMO_TODAY
from bangkom.lib.ikm import compute_ikm
from bangkom.lib.skm_csv import read_skm_csv


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 31)))
def test_the_round_and_survey_are_open_in_the_demo_time_and_on_the_day_of_loading(
    today: date,
) -> None:
    opens_on, closes_on = window(today)

    assert opens_on <= DEMO_TODAY <= closes_on
    assert opens_on <= today and today + timedelta(days=90) <= closes_on


@given(st.integers(min_value=0), st.integers(min_value=1, max_value=5), st.booleans())
def test_supervisors_rate_at_most_one_level_above_and_two_below_the_standard(
    seed: int, required: int, strong: bool
) -> None:
    level = supervisor_level(random.Random(seed), required, strong=strong, weak=strong)

    assert 1 <= level <= 5 and required - 2 <= level <= required + 1


@given(st.integers(min_value=0), st.dictionaries(st.integers(), st.integers(1, 5), max_size=12))
def test_self_ratings_stay_close_to_the_supervisors_with_at_most_one_outlier(
    seed: int, supervisor: dict[int, int]
) -> None:
    own = self_levels(random.Random(seed), supervisor)

    assert own.keys() == supervisor.keys()
    assert all(1 <= level <= 5 for level in own.values())
    differences = [abs(own[key] - supervisor[key]) for key in supervisor]
    assert all(d <= 2 for d in differences) and sum(1 for d in differences if d == 2) <= 1


def test_front_line_staff_doubt_the_e_government_applications_more() -> None:
    egov = answers.Item(pk=1, codes=frozenset({"T.1"}))
    other = answers.Item(pk=2, codes=frozenset({"M.2"}))
    questionnaire = answers.Questionnaire(
        confidence=(10, (egov, other)),
        topics=(11, 3, (answers.Item(3, frozenset({"T.1"})), answers.Item(4, frozenset()))),
        forms=(12, (answers.Item(5, frozenset()),)),
        times=(13, (answers.Item(6, frozenset()),)),
        text=None,
    )

    def mean(front_line: bool) -> float:
        rng = random.Random(7)
        respondent = answers.Respondent(("Kelurahan Alak",), front_line=front_line, young=False)
        values = [
            cast(
                dict[str, int],
                answers.answers_for(
                    rng,
                    respondent,
                    questionnaire,
                    low_tasks=(),
                    topics=(),
                    forms=(),
                    suggestions=(),
                )[10],
            )["1"]
            for _ in range(400)
        ]
        return sum(values) / len(values)

    assert mean(front_line=True) < 2.5 < mean(front_line=False)


def test_the_skm_file_of_cakranegara_follows_its_profile_with_a_low_u6() -> None:
    (spec,) = MATARAM.skm
    data = skm_csv(random.Random(1), spec.profiles, 300)

    result = compute_ikm(read_skm_csv(io.BytesIO(data)))

    nrr = result.nrr_by_element()
    assert result.responses == 300
    assert nrr["U6"] < Decimal(3) <= nrr["U7"]


def test_marelan_permit_applications_grow_by_more_than_a_fifth() -> None:
    (indicator,) = MEDAN.indicators
    before, after = sum(PERMITS_BEFORE), sum(PERMITS_AFTER)

    assert len(indicator.values) == 24 and indicator.values[-1][0] < DEMO_TODAY
    assert 0.20 <= (after - before) / before < 0.25
