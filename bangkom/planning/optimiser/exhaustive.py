"""Brute force over every plan of a tiny instance: the tests' reference for optimality."""

from __future__ import annotations

import itertools
import math

from .model import EPSILON, Assignment, Employee, Instance, Program, evaluate, pin_conflicts

# 2**20 plans is about the most a test should wait for.
MAX_PAIRS = 20


def _cheapest_batches(
    count: int, capacity: int, minimum: int, limit: int, least: int = 0
) -> int | None:
    """The fewest batches (at least ``least``, the planner's minimum) that hold ``count``
    participants with at least the minimum each."""
    batches = max(math.ceil(count / capacity), least)
    if batches == 0:
        return 0
    if batches > limit or count < minimum * batches:
        return None
    return batches


def best_plan(instance: Instance) -> tuple[float, tuple[Assignment, ...], dict[str, int]] | None:
    """The optimal (objective, assignments, batches), or ``None`` if no plan is feasible."""
    if pin_conflicts(instance):
        return None
    forced = {(pin.employee, pin.program) for pin in instance.fixed if pin.assign}
    forbidden = {(pin.employee, pin.program) for pin in instance.fixed if not pin.assign}
    free = [
        (employee, program)
        for employee in instance.employees
        for program in instance.programs
        if program.admits(employee.position_class)
        and (employee.id, program.id) not in forbidden
        and (employee.id, program.id) not in forced
    ]
    if len(free) > MAX_PAIRS:
        raise ValueError(f"too many pairs for brute force: {len(free)}")
    fixed_pairs = [
        (
            instance.employees[instance.employee_index[e]],
            instance.programs[instance.program_index[p]],
        )
        for e, p in sorted(forced)
    ]
    best: tuple[float, tuple[Assignment, ...], dict[str, int]] | None = None
    for picks in itertools.product((False, True), repeat=len(free)):
        pairs = fixed_pairs + [pair for pair, pick in zip(free, picks, strict=True) if pick]
        days: dict[str, int] = {}
        counts: dict[str, int] = {}
        for employee, program in pairs:
            days[employee.id] = days.get(employee.id, 0) + program.days
            counts[program.id] = counts.get(program.id, 0) + 1
        if any(days[e.id] > e.max_days for e, _ in pairs):
            continue
        if not _within_caps(instance, pairs):
            continue
        batches: dict[str, int] = {}
        cost = 0.0
        feasible = True
        for program in instance.programs:
            count = counts.get(program.id, 0)
            needed = _cheapest_batches(
                count,
                program.capacity,
                program.min_participants,
                program.max_batches,
                program.min_batches,
            )
            if needed is None:
                feasible = False
                break
            if needed:
                batches[program.id] = needed
            cost += program.cost_fixed * needed + program.cost_per_participant * count
        if not feasible or cost > instance.budget * (1 + 1e-9):
            continue
        assignments = tuple(Assignment(employee=e.id, program=p.id) for e, p in pairs)
        value = evaluate(instance, assignments, batches)
        if best is None or value > best[0] + 1e-9:
            best = (value, assignments, batches)
    return best


def _within_caps(instance: Instance, pairs: list[tuple[Employee, Program]]) -> bool:
    """The plan's per-ASN caps on JP given and on programs hold."""
    jp: dict[str, float] = {}
    taken: dict[str, int] = {}
    for employee, program in pairs:
        jp[employee.id] = jp.get(employee.id, 0.0) + program.jp
        taken[employee.id] = taken.get(employee.id, 0) + 1
    cap_jp, cap_programs = instance.max_jp_per_employee, instance.max_programs_per_employee
    if cap_jp is not None and any(value > cap_jp + EPSILON for value in jp.values()):
        return False
    return cap_programs is None or all(value <= cap_programs for value in taken.values())
