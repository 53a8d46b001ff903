"""The large path's pricing: per-ASN bounds checked against brute force on tiny instances.

``BatchPricer`` must never price an ASN below the best plan it could attend (the Lagrangian bound
depends on it), must be exact when no day limit binds, and must return patterns that are real
plans worth what they claim. ``L(ρ, μ)`` must bound the optimum for any multipliers.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bangkom.planning.optimiser.compiled import Compiled, compile_instance
from bangkom.planning.optimiser.decomposition import Lagrangian
from bangkom.planning.optimiser.exhaustive import best_plan
from bangkom.planning.optimiser.model import Employee, Instance, Program, employee_value
from bangkom.planning.optimiser.pricing import BatchPricer

from .test_optimiser_instances import CLASSES, CODES, tiny_instances

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _best_plans(instance: Instance, compiled: Compiled, prices: np.ndarray) -> list[float]:
    """Per ASN, max over the plans it may attend (days kept) of value − price, by brute force.

    The value leaves out the JP bonus of ASN who meet the target without any program (the
    pricer's figures leave that constant out too).
    """
    best = []
    for index, employee in enumerate(instance.employees):
        pairs = range(compiled.employee_pair_start[index], compiled.employee_pair_start[index + 1])
        programs = [int(compiled.pair_program[pair]) for pair in pairs]
        constant = employee_value(instance, employee, [])[0]
        top = -np.inf
        for size in range(len(programs) + 1):
            for chosen in itertools.combinations(programs, size):
                plan = [instance.programs[program] for program in chosen]
                if sum(program.days for program in plan) > employee.max_days:
                    continue
                value = employee_value(instance, employee, plan)[0] - constant
                top = max(top, value - sum(prices[program] for program in chosen))
        best.append(top)
    return best


def _prices(draw: st.DrawFn, instance: Instance) -> np.ndarray:
    return np.array(
        [draw(st.sampled_from((0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0))) for _ in instance.programs]
    )


@st.composite
def priced_instances(
    draw: st.DrawFn, *, unlimited_days: bool = False, fractional: bool = False
) -> tuple[Instance, np.ndarray]:
    """A tiny instance without pins (up to 6 programs) and per-seat prices."""
    instance = draw(tiny_instances(max_employees=4, max_programs=6))
    if fractional:
        numbers = st.sampled_from((0.5, 1.0, 1.5, 2.5))
        employees = tuple(
            dataclasses.replace(
                employee,
                gaps=draw(st.dictionaries(st.sampled_from(CODES), numbers, max_size=3)),
                jp_done=draw(st.sampled_from((0.0, 2.5, 7.5, 12.0))),
            )
            for employee in instance.employees
        )
        programs = tuple(
            dataclasses.replace(
                program,
                gains=draw(st.dictionaries(st.sampled_from(CODES), numbers, max_size=2)),
                jp=draw(st.sampled_from((0.0, 2.5, 4.0, 9.5, 10.0))),
            )
            for program in instance.programs
        )
        instance = dataclasses.replace(instance, employees=employees, programs=programs)
    if unlimited_days:
        instance = dataclasses.replace(
            instance,
            employees=tuple(
                dataclasses.replace(employee, max_days=100) for employee in instance.employees
            ),
        )
    instance = dataclasses.replace(instance, fixed=())
    return instance, _prices(draw, instance)


def _pattern_rows(priced, index: int) -> list[int]:
    return priced.pairs[priced.start[index] : priced.start[index + 1]].tolist()


@FAST
@given(priced_instances())
def test_pricer_never_prices_an_asn_below_its_best_plan(case) -> None:
    instance, prices = case
    compiled = compile_instance(instance)
    priced = BatchPricer(compiled).price(prices)
    assert priced.employee_bound is not None
    for bound, best in zip(
        priced.employee_bound, _best_plans(instance, compiled, prices), strict=True
    ):
        assert bound >= best - 1e-9


@FAST
@given(priced_instances(fractional=True))
def test_pricer_bound_holds_with_fractional_gaps_gains_and_jp(case) -> None:
    instance, prices = case
    compiled = compile_instance(instance)
    priced = BatchPricer(compiled).price(prices)
    assert priced.employee_bound is not None
    for bound, best in zip(
        priced.employee_bound, _best_plans(instance, compiled, prices), strict=True
    ):
        assert bound >= best - 1e-9


@FAST
@given(priced_instances(unlimited_days=True))
def test_pricer_is_exact_and_its_patterns_attain_it_when_days_do_not_bind(case) -> None:
    instance, prices = case
    compiled = compile_instance(instance)
    pricer = BatchPricer(compiled)
    priced = pricer.price(prices)
    assert priced.employee_bound is not None
    best = _best_plans(instance, compiled, prices)
    assert priced.employee_bound == pytest.approx(best, abs=1e-9)
    values = pricer.values(priced.employee, priced.start, priced.pairs)
    attained = np.full(compiled.n_employees, -np.inf)
    for index, employee in enumerate(priced.employee.tolist()):
        pairs = _pattern_rows(priced, index)
        net = values[index] - sum(prices[int(compiled.pair_program[pair])] for pair in pairs)
        attained[employee] = max(attained[employee], net)
    assert attained == pytest.approx(best, abs=1e-9)


@FAST
@given(priced_instances())
def test_patterns_are_plans_the_asn_may_attend_and_are_valued_exactly(case) -> None:
    instance, prices = case
    compiled = compile_instance(instance)
    pricer = BatchPricer(compiled)
    priced = pricer.price(prices)
    values = pricer.values(priced.employee, priced.start, priced.pairs)
    for index, employee_index in enumerate(priced.employee.tolist()):
        pairs = _pattern_rows(priced, index)
        employee = instance.employees[employee_index]
        assert all(int(compiled.pair_employee[pair]) == employee_index for pair in pairs)
        assert len(set(pairs)) == len(pairs)
        plan = [instance.programs[int(compiled.pair_program[pair])] for pair in pairs]
        assert sum(program.days for program in plan) <= employee.max_days
        expected = employee_value(instance, employee, plan)[0]
        expected -= employee_value(instance, employee, [])[0]
        assert values[index] == pytest.approx(expected)
        assert priced.employee_bound is not None
        net = values[index] - sum(prices[int(compiled.pair_program[pair])] for pair in pairs)
        assert net <= priced.employee_bound[employee_index] + 1e-9


@FAST
@given(tiny_instances(), st.data())
def test_lagrangian_bounds_the_optimum_for_any_multipliers(instance: Instance, data) -> None:
    """Weak duality: L(ρ, μ) ≥ the best plan for every ρ ≥ 0, μ ≥ 0, pins included."""
    reference = best_plan(instance)
    if reference is None:
        return
    compiled = compile_instance(instance)
    lagrangian = Lagrangian(compiled, BatchPricer(compiled))
    seat_price = np.array(
        [data.draw(st.sampled_from((0.0, 0.3, 1.0, 2.5))) for _ in instance.programs]
    )
    budget_price = data.draw(st.sampled_from((0.0, 0.01, 0.1, 0.5)))
    bound, _ = lagrangian.evaluate(seat_price, budget_price)
    assert bound is not None
    assert bound >= reference[0] - 1e-6


def test_pricer_takes_a_second_program_only_for_the_jp_bonus() -> None:
    """Two programs close the same gap; the bonus makes the pair worth its second price."""
    instance = Instance(
        budget=100,
        jp_target=20,
        jp_bonus=1.0,
        employees=(
            Employee(id="A", position_class=CLASSES[0], jp_done=0, max_days=5, gaps={"M.1": 1}),
        ),
        programs=(
            Program("P", 10, 1, {"M.1": 1}, 0, 0, 1, 10, 1),
            Program("Q", 10, 1, {"M.1": 1}, 0, 0, 1, 10, 1),
        ),
    )
    compiled = compile_instance(instance)
    # Each costs 0.4: one alone nets 0.6; both reach 20 JP and net 1 + 1 − 0.8 = 1.2.
    priced = BatchPricer(compiled).price(np.array([0.4, 0.4]))
    assert priced.employee_bound is not None
    assert priced.employee_bound[0] == pytest.approx(1.2)
    # At 0.6 each the pair nets 0.8 but one alone still nets 0.4: the pair wins.
    priced = BatchPricer(compiled).price(np.array([0.6, 0.6]))
    assert priced.employee_bound is not None
    assert priced.employee_bound[0] == pytest.approx(0.8)
    # At 1.1 each the pair nets −0.2 and one alone −0.1: nothing is best.
    priced = BatchPricer(compiled).price(np.array([1.1, 1.1]))
    assert priced.employee_bound is not None
    assert priced.employee_bound[0] == pytest.approx(0.0)


def test_pricer_keeps_a_program_without_surplus_that_completes_the_jp_target() -> None:
    """Q alone is worth less than its price, but with P it brings the ASN to the JP target."""
    instance = Instance(
        budget=100,
        jp_target=20,
        jp_bonus=1.0,
        employees=(
            Employee(
                id="A",
                position_class=CLASSES[0],
                jp_done=0,
                max_days=5,
                gaps={"M.1": 1, "T.1": 1},
                weights={"T.1": 0.5},
            ),
        ),
        programs=(
            Program("P", 10, 1, {"M.1": 1}, 0, 0, 1, 10, 1),
            Program("Q", 10, 1, {"T.1": 1}, 0, 0, 1, 10, 1),
        ),
    )
    compiled = compile_instance(instance)
    # P alone nets 1 − 0.2 = 0.8; P and Q net 1 + 0.5 + 1 (bonus) − 0.2 − 0.7 = 1.6.
    priced = BatchPricer(compiled).price(np.array([0.2, 0.7]))
    assert priced.employee_bound is not None
    assert priced.employee_bound[0] == pytest.approx(1.6)
    best = max(
        range(len(priced)),
        key=lambda index: len(_pattern_rows(priced, index)),
    )
    assert len(_pattern_rows(priced, best)) == 2


@FAST
@given(priced_instances())
def test_rounds_over_the_work_limit_give_patterns_but_no_bound(case) -> None:
    instance, prices = case
    compiled = compile_instance(instance)
    pricer = BatchPricer(compiled)
    exact = pricer.price(prices)
    approximate = pricer.price(prices, work_limit=-1)
    assert approximate.employee_bound is None
    assert exact.employee_bound is not None
    values = pricer.values(approximate.employee, approximate.start, approximate.pairs)
    for index, employee_index in enumerate(approximate.employee.tolist()):
        pairs = _pattern_rows(approximate, index)
        plan = [instance.programs[int(compiled.pair_program[pair])] for pair in pairs]
        assert sum(program.days for program in plan) <= instance.employees[employee_index].max_days
        net = values[index] - sum(prices[int(compiled.pair_program[pair])] for pair in pairs)
        assert net <= exact.employee_bound[employee_index] + 1e-9
