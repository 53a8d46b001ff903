"""The greedy baseline: best value per rupiah first.

Moves are "open a batch of program p with its k best candidates" (paying the fixed cost) and "give
a free seat in an open batch to the best candidate". Each round takes the move with the highest
value per rupiah that fits the remaining budget. Candidate values use a pro-rata JP credit (JP
bonus × share of the missing JP the program provides) so that they only ever decrease, which
keeps the lazy priority queues exact; the reported objective is the true one.
"""

from __future__ import annotations

import heapq
import time

import numpy as np

from .compiled import Compiled
from .plan_state import PlanState

# Candidates kept per program, as a multiple of the program's total seats.
_CANDIDATES_PER_SEAT = 5


class PinsUnsatisfiable(Exception):
    """The pinned pairs cannot be completed into a plan (minimum participants or budget)."""


def _surrogate(state: PlanState, pair: int) -> float:
    """Coverage gain plus pro-rata JP credit of adding the pair; non-increasing over time."""
    if state.chosen[pair] or not state.fits(pair):
        return -1.0
    employee = state.pair_employee[pair]
    value = state.coverage_gain(pair)
    need = state.need[employee]
    if need > 0:
        missing = state.jp_missing(employee)
        jp = state.program_jp[state.pair_program[pair]]
        value += state.bonus * min(jp, missing) / need
    return value


class _Candidates:
    """A lazy max-heap of candidate pairs per program, keyed by their surrogate value."""

    def __init__(self, state: PlanState, pairs: list[list[tuple[float, int]]]) -> None:
        self.state = state
        self.heaps = pairs

    def top(self, program: int, count: int) -> list[tuple[float, int]]:
        """Up to ``count`` best candidates with fresh values (left in the heap)."""
        heap = self.heaps[program]
        fresh: list[tuple[float, int]] = []
        while heap and len(fresh) < count:
            stored, pair = heapq.heappop(heap)
            value = _surrogate(self.state, pair)
            if value <= 1e-12:
                continue
            if value < -stored - 1e-12:
                heapq.heappush(heap, (-value, pair))
                continue
            fresh.append((value, pair))
        for value, pair in fresh:
            heapq.heappush(heap, (-value, pair))
        return fresh


def _build_candidates(compiled: Compiled, state: PlanState) -> _Candidates:
    c = compiled
    useful = c.pair_useful() & ~c.pair_forced
    coverage_pair = np.repeat(np.arange(c.n_pairs), np.diff(c.pair_coverage_start))
    standalone = np.bincount(
        coverage_pair,
        weights=c.coverage_coefficient * c.slot_weight[c.coverage_slot],
        minlength=c.n_pairs,
    )
    value = standalone + c.instance.jp_bonus * c.pair_jp_share
    fits = c.days[c.pair_program] <= c.max_days[c.pair_employee]
    pairs = np.nonzero(useful & fits & (value > 0))[0]
    order = np.lexsort((-value[pairs], c.pair_program[pairs]))
    pairs = pairs[order]
    programs = c.pair_program[pairs]
    starts = np.searchsorted(programs, np.arange(c.n_programs + 1))
    limits = np.maximum(200, _CANDIDATES_PER_SEAT * c.capacity * c.max_batches)
    heaps: list[list[tuple[float, int]]] = []
    for program in range(c.n_programs):
        chosen = pairs[
            starts[program] : min(starts[program + 1], starts[program] + limits[program])
        ]
        # Sorted by descending value, so negated values form a valid min-heap already.
        heaps.append(list(zip((-value[chosen]).tolist(), chosen.tolist(), strict=True)))
    return _Candidates(state, heaps)


def apply_pins(compiled: Compiled, state: PlanState) -> None:
    """Adds forced pairs, opens the batches they and the planner's minimum batches need, and
    fills those to the minimum participants (programs with the fewest candidates first)."""
    c = compiled
    for pair in np.nonzero(c.pair_forced)[0].tolist():
        state.add(pair)
    candidates = np.bincount(c.pair_program, minlength=c.n_programs)
    for program in sorted(range(c.n_programs), key=lambda index: int(candidates[index])):
        if state.participants[program] == 0 and state.min_batches[program] == 0:
            continue
        batches = max(state.minimum_batches(program), state.min_batches[program])
        if batches > state.max_batches[program]:
            raise PinsUnsatisfiable(program)
        state.set_batches(program, batches)
        shortfall = state.min_participants[program] * batches - state.participants[program]
        if shortfall > 0:
            members = np.nonzero(c.pair_program == program)[0].tolist()
            options = [
                (_surrogate(state, pair), pair)
                for pair in members
                if not state.chosen[pair] and state.fits(pair)
            ]
            options.sort(reverse=True)
            if len(options) < shortfall:
                raise PinsUnsatisfiable(program)
            for _, pair in options[:shortfall]:
                state.add(pair)
    if not state.fits_budget(0.0):
        raise PinsUnsatisfiable(-1)


def greedy(
    compiled: Compiled, *, deadline: float | None = None, start: PlanState | None = None
) -> PlanState:
    """A feasible plan by value per rupiah; raises :class:`PinsUnsatisfiable`.

    With ``start`` (a feasible plan, changed in place) the greedy only adds to it.
    """
    c = compiled
    if start is None:
        state = PlanState(c)
        apply_pins(c, state)
    else:
        state = start
    candidates = _build_candidates(c, state)

    def best_move(program: int) -> tuple[float, list[int], bool]:
        """(value per rupiah, pairs to add, opens a batch) of the program's best move."""
        free = state.free_seats(program)
        per_seat = state.cost_per_participant[program]
        if free > 0:
            top = candidates.top(program, 1)
            if not top or not state.fits_budget(per_seat):
                return 0.0, [], False
            return top[0][0] / max(per_seat, 1.0), [top[0][1]], False
        if state.batches[program] >= state.max_batches[program]:
            return 0.0, [], True
        top = candidates.top(program, state.capacity[program])
        smallest = max(1, state.min_participants[program])
        best_ratio, best_size, total = 0.0, 0, 0.0
        for size, (value, _) in enumerate(top, start=1):
            total += value
            spend = state.cost_fixed[program] + per_seat * size
            if size >= smallest and state.fits_budget(spend):
                ratio = total / max(spend, 1.0)
                if ratio > best_ratio:
                    best_ratio, best_size = ratio, size
        return best_ratio, [pair for _, pair in top[:best_size]], True

    queue: list[tuple[float, int]] = []
    for program in range(c.n_programs):
        ratio, pairs, _ = best_move(program)
        if pairs:
            queue.append((-ratio, program))
    heapq.heapify(queue)
    while queue:
        if deadline is not None and time.monotonic() > deadline:
            break
        _, program = heapq.heappop(queue)
        ratio, pairs, opens = best_move(program)
        if not pairs:
            continue
        if queue and ratio < -queue[0][0] * (1 - 1e-12):
            heapq.heappush(queue, (-ratio, program))
            continue
        if opens:
            state.set_batches(program, state.batches[program] + 1)
        for pair in pairs:
            state.add(pair)
        ratio, pairs, _ = best_move(program)
        if pairs:
            heapq.heappush(queue, (-ratio, program))
    complete_jp(c, state)
    return state


def complete_jp(compiled: Compiled, state: PlanState) -> None:
    """Gives ASN a little short of their JP target a free seat that completes it, cheapest first."""
    c = compiled
    starts = c.employee_pair_start.tolist()
    order = sorted(
        (state.jp_missing(employee), employee)
        for employee in range(c.n_employees)
        if state.need[employee] > 0 and not state.compliant(employee)
    )
    for _, employee in order:
        best_pair, best_cost = -1, float("inf")
        for pair in range(starts[employee], starts[employee + 1]):
            program = state.pair_program[pair]
            if state.chosen[pair] or state.free_seats(program) <= 0 or not state.fits(pair):
                continue
            spend = state.cost_per_participant[program]
            if spend < best_cost and state.true_gain(pair) >= state.bonus > 0:
                best_pair, best_cost = pair, spend
        if best_pair >= 0 and state.fits_budget(best_cost):
            state.add(best_pair)
