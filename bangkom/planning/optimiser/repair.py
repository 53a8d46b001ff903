"""Turning a fractional master solution into a feasible plan.

Each ASN takes its heaviest pattern; then batches are rounded, programs below their minimum are
filled or dropped, and the plan is trimmed to the budget by giving up whatever loses the least
objective per rupiah saved. The greedy then spends what is left.
"""

from __future__ import annotations

import math
import time

import numpy as np

from .compiled import Compiled, FloatArray
from .decomposition import Pattern
from .plan_state import PlanState


def round_patterns(
    compiled: Compiled, patterns: list[Pattern], weights: FloatArray, *, deadline: float
) -> PlanState | None:
    """The rounded plan, or ``None`` if the deadline passed first."""
    c = compiled
    best: dict[int, tuple[float, float, Pattern]] = {}
    for pattern, weight in zip(patterns, weights.tolist(), strict=False):
        key = (weight, pattern.value)
        current = best.get(pattern.employee)
        if current is None or key > current[:2]:
            best[pattern.employee] = (weight, pattern.value, pattern)
    state = PlanState(c)
    forced = c.pair_forced.tolist()
    for _, _, pattern in best.values():
        for pair in pattern.pairs:
            state.add(pair)
    members = _members_by_program(c, state)
    for program in range(c.n_programs):
        _settle_program(c, state, program, members[program], forced)
    if not _trim_to_budget(c, state, members, forced, deadline):
        return None
    return state


def _members_by_program(compiled: Compiled, state: PlanState) -> list[list[int]]:
    members: list[list[int]] = [[] for _ in range(compiled.n_programs)]
    for pair in state.chosen_pairs().tolist():
        members[state.pair_program[pair]].append(pair)
    return members


def _drop(state: PlanState, members: list[int], count: int, forced: list[bool]) -> bool:
    """Removes the ``count`` members whose loss is smallest; False if pins prevent it."""
    removable = sorted((state.true_loss(pair), pair) for pair in members if not forced[pair])
    if len(removable) < count:
        return False
    for _, pair in removable[:count]:
        state.remove(pair)
        members.remove(pair)
    return True


def _settle_program(
    compiled: Compiled, state: PlanState, program: int, members: list[int], forced: list[bool]
) -> None:
    """Batches for the program's members, keeping capacity and minimum participants."""
    capacity = state.capacity[program]
    minimum = state.min_participants[program]
    limit = state.max_batches[program]
    count = len(members)
    if count > capacity * limit:
        _drop(state, members, count - capacity * limit, forced)
        count = len(members)
    if count == 0:
        state.set_batches(program, 0)
        return
    batches = math.ceil(count / capacity)
    if count >= minimum * batches:
        state.set_batches(program, batches)
        return
    # Too few for the batches needed: fill up with the best willing ASN, or give the program up.
    shortfall = minimum * batches - count
    candidates = [
        pair
        for pair in np.nonzero(compiled.pair_program == program)[0].tolist()
        if not state.chosen[pair] and state.fits_days(pair)
    ]
    candidates.sort(key=lambda pair: -state.true_gain(pair))
    if len(candidates) >= shortfall:
        for pair in candidates[:shortfall]:
            state.add(pair)
            members.append(pair)
        state.set_batches(program, batches)
        return
    if _drop(state, members, count, forced):
        state.set_batches(program, 0)
    else:  # pinned members keep the program; fill what can be filled
        for pair in candidates:
            state.add(pair)
            members.append(pair)
        state.set_batches(program, batches)


def _trim_to_budget(
    compiled: Compiled,
    state: PlanState,
    members: list[list[int]],
    forced: list[bool],
    deadline: float,
) -> bool:
    """Gives up batches or seats, least objective lost per rupiah first, until within budget.

    False if the deadline passed first.
    """
    while not state.fits_budget(0.0):
        if time.monotonic() > deadline:
            return False
        best: tuple[float, int, int] | None = None  # (loss per rupiah, program, seats)
        for program in range(compiled.n_programs):
            batches = state.batches[program]
            if batches == 0:
                continue
            group = members[program]
            losses = sorted(state.true_loss(pair) for pair in group if not forced[pair])
            capacity = state.capacity[program]
            minimum = state.min_participants[program]
            count = len(group)
            per_seat = state.cost_per_participant[program]
            # One seat fewer, if the batches stay full enough.
            if losses and count - 1 >= minimum * batches and per_seat > 0:
                ratio = losses[0] / per_seat
                if best is None or ratio < best[0]:
                    best = (ratio, program, 1)
            # One batch fewer: drop enough members for the remaining batches.
            drop = max(0, count - capacity * (batches - 1))
            if drop <= len(losses):
                saving = state.cost_fixed[program] + per_seat * drop
                if saving > 0:
                    ratio = sum(losses[:drop]) / saving
                    if best is None or ratio < best[0]:
                        best = (ratio, program, -drop - 1)
        if best is None:
            return False
        _, program, seats = best
        if seats == 1:
            _drop(state, members[program], 1, forced)
        else:
            _drop(state, members[program], -seats - 1, forced)
            state.set_batches(program, state.batches[program] - 1)
            remaining = len(members[program])
            if remaining < state.min_participants[program] * state.batches[program]:
                _settle_program(compiled, state, program, members[program], forced)
    return True
