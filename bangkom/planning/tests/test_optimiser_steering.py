"""The planner's steering — minimum batches per program and per-ASN caps on JP and programs —
holds in every solver path, the brute force agrees with the exact MIP under it, and minimums that
cannot be met are reported with the program's name before any solving."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bangkom.planning.optimiser.compiled import compile_instance
from bangkom.planning.optimiser.exchange import instance_to_json, parse_instance
from bangkom.planning.optimiser.exhaustive import best_plan
from bangkom.planning.optimiser.greedy import PinsUnsatisfiable, greedy
from bangkom.planning.optimiser.model import (
    Instance,
    InstanceError,
    Solution,
    check_feasible,
    evaluate,
    pin_conflicts,
)
from bangkom.planning.optimiser.solver import _solution, solve

from .test_optimiser_instances import employee, program, tiny_instances

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def steered_instances(draw: st.DrawFn) -> Instance:
    instance = draw(tiny_instances())
    programs = tuple(
        dataclasses.replace(item, min_batches=draw(st.integers(0, item.max_batches)))
        for item in instance.programs
    )
    return dataclasses.replace(
        instance,
        programs=programs,
        budget=instance.budget + draw(st.integers(0, 20)),
        max_jp_per_employee=draw(st.none() | st.sampled_from((0, 10, 20, 30))),
        max_programs_per_employee=draw(st.none() | st.integers(0, 2)),
    )


def _assert_steered(instance: Instance, solution: Solution) -> None:
    assert check_feasible(instance, solution) == []
    for item in instance.programs:
        assert solution.batches.get(item.id, 0) >= item.min_batches
    jp: dict[str, float] = {}
    taken: dict[str, int] = {}
    for assignment in solution.assignments:
        given = instance.programs[instance.program_index[assignment.program]].jp
        jp[assignment.employee] = jp.get(assignment.employee, 0) + given
        taken[assignment.employee] = taken.get(assignment.employee, 0) + 1
    if instance.max_jp_per_employee is not None:
        assert all(value <= instance.max_jp_per_employee for value in jp.values())
    if instance.max_programs_per_employee is not None:
        assert all(value <= instance.max_programs_per_employee for value in taken.values())


@FAST
@given(steered_instances())
def test_exact_mip_matches_brute_force_under_steering(instance: Instance) -> None:
    solution = solve(instance, time_limit=20, relative_gap=0.0)
    reference = best_plan(instance)
    if reference is None:
        assert solution.status == "infeasible"
        assert solution.reasons
        return
    assert solution.status == "optimal"
    _assert_steered(instance, solution)
    assert solution.objective == pytest.approx(reference[0])


@FAST
@given(steered_instances())
def test_decomposition_plans_keep_the_steering(instance: Instance) -> None:
    solution = solve(instance, time_limit=10, exact_pair_limit=0)
    reference = best_plan(instance)
    if reference is None:
        assert solution.status in ("infeasible", "unknown")
        return
    assert solution.upper_bound >= reference[0] - 1e-6
    if solution.status in ("optimal", "feasible"):
        _assert_steered(instance, solution)
        assert solution.objective <= reference[0] + 1e-6


@FAST
@given(steered_instances())
def test_greedy_plans_keep_the_steering(instance: Instance) -> None:
    if pin_conflicts(instance):
        return  # the solver reports these before the greedy runs
    compiled = compile_instance(instance)
    try:
        state = greedy(compiled)
    except PinsUnsatisfiable:
        return
    solution = _solution(compiled, state, "feasible", state.objective(), 0.0)
    _assert_steered(instance, solution)


@FAST
@given(steered_instances())
def test_brute_force_plans_keep_the_steering(instance: Instance) -> None:
    reference = best_plan(instance)
    if reference is None:
        return
    value, assignments, batches = reference
    solution = Solution("optimal", value, value, batches, assignments, 0.0, 0, 0.0)
    _assert_steered(instance, solution)
    assert evaluate(instance, assignments, batches) == pytest.approx(value)


def _base(**overrides) -> Instance:
    values = {
        "budget": 1000,
        "jp_target": 20,
        "jp_bonus": 1.0,
        "employees": tuple(employee(f"E{index}", gaps={"M.1": 1, "M.2": 1}) for index in range(4)),
        "programs": (
            program("SEM", gains={}, jp=4, min_participants=3, capacity=10, max_batches=2),
            program("P", jp=30, gains={"M.1": 1}),
            program("Q", jp=30, gains={"M.2": 1}),
        ),
    }
    values.update(overrides)
    return Instance(**values)


def test_a_minimum_batch_runs_a_program_nobody_would_choose() -> None:
    instance = _base()
    assert solve(instance, time_limit=10).batches.get("SEM", 0) == 0
    steered = dataclasses.replace(
        instance,
        programs=(dataclasses.replace(instance.programs[0], min_batches=1), *instance.programs[1:]),
    )
    for limit in (60_000, 0):
        solution = solve(steered, time_limit=10, exact_pair_limit=limit)
        assert solution.batches["SEM"] == 1
        _assert_steered(steered, solution)


def test_caps_limit_jp_and_programs_per_asn() -> None:
    instance = _base()
    free = solve(instance, time_limit=10)
    assert (
        max(
            sum(1 for item in free.assignments if item.employee == person.id)
            for person in instance.employees
        )
        == 2
    )
    capped = dataclasses.replace(instance, max_jp_per_employee=40, max_programs_per_employee=1)
    for limit in (60_000, 0):
        solution = solve(capped, time_limit=10, exact_pair_limit=limit)
        _assert_steered(capped, solution)
        assert len(solution.assignments) == 4


def test_a_minimum_without_enough_eligible_asn_is_reported_by_name() -> None:
    instance = _base(
        programs=(
            program("KPG-SEM-01", min_participants=3, capacity=10, max_batches=3, min_batches=2),
        )
    )
    solution = solve(instance, time_limit=10)
    assert solution.status == "infeasible"
    assert any(
        "KPG-SEM-01" in reason and "minimum 2 angkatan" in reason for reason in solution.reasons
    )
    assert best_plan(instance) is None


def test_a_minimum_the_budget_cannot_pay_is_reported_by_name() -> None:
    instance = _base(
        budget=15,
        programs=(
            program("PTK-PRY-01", cost_fixed=10, min_participants=1, max_batches=2, min_batches=2),
        ),
    )
    solution = solve(instance, time_limit=10)
    assert solution.status == "infeasible"
    assert any("PTK-PRY-01" in reason and "anggaran" in reason for reason in solution.reasons)


def test_a_jp_cap_below_the_program_leaves_no_one_for_its_minimum() -> None:
    instance = _base(
        max_jp_per_employee=20,
        programs=(program("MDN-MAG-01", jp=30, min_participants=1, min_batches=1),),
    )
    solution = solve(instance, time_limit=10)
    assert solution.status == "infeasible"
    assert any("MDN-MAG-01" in reason for reason in solution.reasons)


def test_exchange_round_trips_the_optional_steering_keys() -> None:
    instance = _base(
        max_jp_per_employee=40,
        max_programs_per_employee=2,
        programs=(program("SEM", min_batches=1, max_batches=2),),
    )
    data = instance_to_json(instance)
    assert data["max_jp_per_employee"] == 40
    assert data["programs"][0]["min_batches"] == 1
    assert parse_instance(data) == instance
    plain = instance_to_json(_base())
    assert "max_jp_per_employee" not in plain and "min_batches" not in plain["programs"][0]
    assert parse_instance(plain).max_programs_per_employee is None


def test_exchange_rejects_bad_steering_keys_all_at_once() -> None:
    data = instance_to_json(_base(programs=(program("SEM", max_batches=1),)))
    data["programs"][0]["min_batches"] = 2
    data["max_jp_per_employee"] = -1
    data["max_programs_per_employee"] = "dua"
    with pytest.raises(InstanceError) as caught:
        parse_instance(data)
    text = " | ".join(caught.value.messages)
    assert "programs[0].min_batches (2) melebihi max_batches (1)" in text
    assert "max_jp_per_employee harus angka ≥ 0" in text
    assert "max_programs_per_employee harus bilangan bulat ≥ 0" in text
