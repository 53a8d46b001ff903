"""The scheduler's synthetic instances and the exact split into independent parts.

Nothing here imports OR-Tools: it must stay out of the test process (see test_scheduler.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bangkom.delivery.scheduler import check, parse_instance, solve, solve_greedy
from bangkom.delivery.scheduler.domains import batch_domains, independent_parts
from bangkom.delivery.scheduler.synthetic import city, tight

SMALL = {"venues": 2, "trainers": 6, "units": 4, "employees": 300}


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
def test_a_small_tight_plant_keeps_every_rule(seed: int) -> None:
    planted = tight(seed, **SMALL)
    instance = parse_instance(planted.data)
    assert check(instance, planted.schedule) == []
    assert len(planted.schedule.batches) == len(instance.batches)


def test_the_benchmark_plant_keeps_every_rule_and_leaves_little_room() -> None:
    planted = tight(0)
    instance = parse_instance(planted.data)
    assert check(instance, planted.schedule) == []
    calendar = instance.calendar
    # Every unit with ASN away reaches its limit on some day of the plant.
    away: Counter[tuple[str, object]] = Counter()
    for placement in planted.schedule.batches:
        batch = next(b for b in instance.batches if b.id == placement.id)
        for nip in batch.participants:
            away.update((instance.employee_unit[nip], day) for day in placement.days)
    peaks: dict[str, int] = defaultdict(int)
    for (unit, _day), count in away.items():
        peaks[unit] = max(peaks[unit], count)
    assert peaks and all(instance.units[u].limit == peak for u, peak in peaks.items())
    # Trainers are unavailable on most of the working days they do not teach.
    teaching: dict[str, set[object]] = defaultdict(set)
    for placement in planted.schedule.batches:
        batch = next(b for b in instance.batches if b.id == placement.id)
        for name in batch.trainers:
            teaching[name].update(placement.days)
    free = sum(len(calendar) - len(teaching[t]) for t in instance.trainers)
    closed = sum(len(t.unavailable) for t in instance.trainers.values())
    assert closed > 0.75 * free
    # The first fit leaves a good share of the batches unplaced.
    assert len(solve_greedy(instance).batches) < 0.85 * len(instance.batches)


def test_generators_are_deterministic_per_seed() -> None:
    assert tight(3, **SMALL) == tight(3, **SMALL)
    assert tight(3, **SMALL).data != tight(4, **SMALL).data
    assert city(1) == city(1)
    assert city(1) != city(2)


def test_every_city_batch_can_be_sent_by_its_units() -> None:
    instance = parse_instance(city(0))
    assert all(domain.reason is None for domain in batch_domains(instance))


def test_a_small_tight_instance_is_solved_completely_where_the_first_fit_is_not() -> None:
    instance = parse_instance(tight(1, **SMALL).data)
    assert len(solve_greedy(instance).batches) < len(instance.batches)
    result = solve(instance, time_limit_seconds=120)
    assert result.status == "feasible"
    assert len(result.batches) == len(instance.batches)
    assert check(instance, result) == []


def test_parts_split_where_no_batch_can_cross() -> None:
    online = {"online": True}
    data = {
        "start": "2027-01-04",
        "end": "2027-02-26",
        "batches": [
            {"id": "A", "days": 2, "latest": "2027-01-15", **online},
            {"id": "B", "days": 2, "earliest": "2027-01-13", "latest": "2027-01-22", **online},
            {"id": "C", "days": 3, "earliest": "2027-01-25", "latest": "2027-02-05", **online},
            {"id": "D", "days": 1, "earliest": "2027-02-08", **online},
        ],
    }
    instance = parse_instance(data)
    parts = independent_parts(batch_domains(instance), [0, 1, 2, 3])
    names = [sorted(instance.batches[p].id for p in part) for part in parts]
    assert names == [["A", "B"], ["C"], ["D"]]
