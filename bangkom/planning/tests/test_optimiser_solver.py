"""The optimiser keeps every constraint, matches brute force on tiny instances, and its bound
is a real upper bound, in both the exact (MIP) and the large-instance (decomposition) paths."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from bangkom.planning.optimiser.compiled import compile_instance
from bangkom.planning.optimiser.exhaustive import best_plan
from bangkom.planning.optimiser.greedy import PinsUnsatisfiable, greedy
from bangkom.planning.optimiser.model import (
    Assignment,
    FixedPair,
    Instance,
    check_feasible,
    evaluate,
    explain,
    jp_compliant_count,
    plan_cost,
)
from bangkom.planning.optimiser.solver import Progress, solve

from .test_optimiser_instances import employee, program, tiny_instances

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_consistent(instance: Instance, solution) -> None:
    assert check_feasible(instance, solution) == []
    assert solution.objective == pytest.approx(
        evaluate(instance, solution.assignments, solution.batches)
    )
    assert solution.cost == pytest.approx(
        plan_cost(instance, solution.assignments, solution.batches)
    )
    assert solution.jp_compliant == jp_compliant_count(instance, solution.assignments)
    assert solution.upper_bound >= solution.objective - 1e-6


@FAST
@given(tiny_instances())
def test_exact_solver_matches_brute_force(instance: Instance) -> None:
    solution = solve(instance, time_limit=20, relative_gap=0.0)
    reference = best_plan(instance)
    if reference is None:
        assert solution.status == "infeasible"
        return
    assert solution.status == "optimal"
    _assert_consistent(instance, solution)
    assert solution.objective == pytest.approx(reference[0])
    assert solution.upper_bound >= reference[0] - 1e-6


@FAST
@given(tiny_instances())
def test_decomposition_plans_are_feasible_and_bound_is_valid(instance: Instance) -> None:
    solution = solve(instance, time_limit=10, exact_pair_limit=0)
    reference = best_plan(instance)
    if reference is None:
        assert solution.status in ("infeasible", "unknown")
        return
    # The Lagrangian bound must never fall below the true optimum.
    assert solution.upper_bound >= reference[0] - 1e-6
    if solution.status in ("optimal", "feasible"):
        _assert_consistent(instance, solution)
        assert solution.objective <= reference[0] + 1e-6


@FAST
@given(tiny_instances())
def test_decomposition_with_time_to_spare_is_never_worse_than_the_greedy(
    instance: Instance,
) -> None:
    """With a long time limit the large path also runs its wider MIP pass, started from the plan
    so far; tiny instances finish at once, so the limit only decides which steps run."""
    solution = solve(instance, time_limit=60, exact_pair_limit=0)
    reference = best_plan(instance)
    if reference is None:
        assert solution.status in ("infeasible", "unknown")
        return
    assert solution.upper_bound >= reference[0] - 1e-6
    if solution.status in ("optimal", "feasible"):
        _assert_consistent(instance, solution)
        assert solution.objective <= reference[0] + 1e-6
        compiled = compile_instance(instance)
        try:
            baseline = greedy(compiled).objective()
        except PinsUnsatisfiable:
            return
        assert solution.objective >= baseline - 1e-9


def test_pin_forces_an_assignment_that_is_otherwise_worthless() -> None:
    instance = Instance(
        budget=100,
        jp_target=0,
        jp_bonus=0,
        employees=(employee("A", gaps={}), employee("B")),
        programs=(program("P"),),
        fixed=(FixedPair(employee="A", program="P", assign=True),),
    )
    solution = solve(instance, time_limit=10)
    assert Assignment(employee="A", program="P") in solution.assignments
    assert Assignment(employee="B", program="P") in solution.assignments


def test_pin_forbids_a_valuable_assignment() -> None:
    instance = Instance(
        budget=100,
        jp_target=0,
        jp_bonus=0,
        employees=(employee("A"), employee("B")),
        programs=(program("P"),),
        fixed=(FixedPair(employee="A", program="P", assign=False),),
    )
    solution = solve(instance, time_limit=10)
    assert solution.assignments == (Assignment(employee="B", program="P"),)
    assert solution.objective == pytest.approx(1.0)


def test_zero_budget_assigns_nothing() -> None:
    instance = Instance(
        budget=0,
        jp_target=20,
        jp_bonus=1,
        employees=(employee("A"), employee("B", gaps={"T.1": 2})),
        programs=(program("P"), program("Q", gains={"T.1": 2})),
    )
    solution = solve(instance, time_limit=10)
    assert solution.status == "optimal"
    assert solution.assignments == ()
    assert solution.batches == {}
    assert solution.objective == 0
    assert solution.upper_bound == pytest.approx(0)


def test_nobody_eligible() -> None:
    instance = Instance(
        budget=1000,
        jp_target=20,
        jp_bonus=1,
        employees=(employee("A"), employee("B")),
        programs=(program("P", eligible_classes=frozenset({"administrator"})),),
    )
    solution = solve(instance, time_limit=10)
    assert solution.status == "optimal"
    assert solution.assignments == ()
    assert solution.objective == 0


def test_ineligible_pin_is_infeasible_with_reason() -> None:
    instance = Instance(
        budget=1000,
        jp_target=20,
        jp_bonus=1,
        employees=(employee("198609262015051001"),),
        programs=(program("P", eligible_classes=frozenset({"pengawas"})),),
        fixed=(FixedPair(employee="198609262015051001", program="P", assign=True),),
    )
    solution = solve(instance, time_limit=10)
    assert solution.status == "infeasible"
    assert any("198609262015051001" in reason and "P" in reason for reason in solution.reasons)


def test_pins_beyond_days_or_budget_are_infeasible() -> None:
    too_long = Instance(
        budget=1000,
        jp_target=0,
        jp_bonus=0,
        employees=(employee("A", max_days=2),),
        programs=(program("P", days=2), program("Q", days=1)),
        fixed=(
            FixedPair(employee="A", program="P", assign=True),
            FixedPair(employee="A", program="Q", assign=True),
        ),
    )
    assert "hari" in " ".join(solve(too_long, time_limit=5).reasons)
    too_dear = Instance(
        budget=5,
        jp_target=0,
        jp_bonus=0,
        employees=(employee("A"),),
        programs=(program("P", cost_fixed=10),),
        fixed=(FixedPair(employee="A", program="P", assign=True),),
    )
    solution = solve(too_dear, time_limit=5)
    assert solution.status == "infeasible"
    assert "anggaran" in " ".join(solution.reasons)


def test_minimum_participants_keep_a_program_closed() -> None:
    # One interested ASN cannot fill a program that needs three participants.
    instance = Instance(
        budget=1000,
        jp_target=0,
        jp_bonus=0,
        employees=(employee("A"), employee("B", position_class="pengawas")),
        programs=(program("P", min_participants=3, eligible_classes=frozenset({"pelaksana"})),),
    )
    solution = solve(instance, time_limit=5)
    assert solution.assignments == ()
    assert solution.status == "optimal"


def test_explain_attributes_gaps_and_jp() -> None:
    instance = Instance(
        budget=1000,
        jp_target=20,
        jp_bonus=1,
        employees=(employee("A", jp_done=5, gaps={"M.1": 1, "T.1": 2}, weights={"T.1": 2}),),
        programs=(
            program("P", gains={"M.1": 1}, jp=10),
            program("Q", gains={"T.1": 1, "M.1": 1}, jp=5),
        ),
    )
    solution = solve(instance, time_limit=5)
    assert {item.program for item in solution.assignments} == {"P", "Q"}
    reasons = {item.program: item for item in explain(instance, solution, "A")}
    # Both cover M.1 (gap 1), so neither alone is needed for it; Q alone closes T.1 by 1 × 2.
    assert reasons["Q"].marginal_value == pytest.approx(2 + 1)
    assert reasons["Q"].needed_for_jp_target
    t1 = next(closure for closure in reasons["Q"].closures if closure.competency == "T.1")
    assert (t1.gap, t1.gain, t1.weight, t1.marginal_value) == (2, 1, 2, 2)
    assert reasons["P"].marginal_value == pytest.approx(1)
    assert solution.objective == pytest.approx(1 + 2 + 1)


@pytest.mark.parametrize("exact_pair_limit", [60_000, 0], ids=["exact", "large"])
def test_progress_reports_each_stage_with_a_valid_bound(exact_pair_limit: int) -> None:
    instance = Instance(
        budget=25,  # one program for everybody (16), not both (32)
        jp_target=20,
        jp_bonus=1,
        employees=tuple(employee(f"E{i}", gaps={"M.1": 2, "T.1": 1}) for i in range(6)),
        programs=(
            program("P1", gains={"M.1": 1}, min_participants=2),
            program("P2", gains={"T.1": 1}, min_participants=2),
        ),
    )
    heard: list[Progress] = []
    solution = solve(
        instance, time_limit=30, exact_pair_limit=exact_pair_limit, progress=heard.append
    )
    stages = [p.stage for p in heard]
    assert stages[0] == "greedy"
    if exact_pair_limit:
        assert stages == ["greedy", "exact"]
    else:
        assert "generation" in stages and stages[-1] == "plan"
        assert heard[-1].objective == pytest.approx(solution.objective)
    elapsed = [p.elapsed for p in heard]
    assert elapsed == sorted(elapsed) and all(p.time_limit == 30 for p in heard)
    for report in heard:
        # Whatever is reported mid-way is a real plan under a real bound.
        assert report.bound >= solution.objective - 1e-6
        if report.objective is not None:
            assert report.objective <= report.bound + 1e-6
