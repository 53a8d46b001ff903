"""The plan optimiser's entry point: :func:`solve`.

Small instances go to one exact MIP (HiGHS), which proves optimality. Large ones start from the
greedy plan, run Dantzig–Wolfe column generation over per-ASN patterns with exact batch pricing
(``pricing.py``) for a proven Lagrangian bound and a near-integral master LP, and turn the master
into a plan with a restricted master MIP (``restricted.py``) and the greedy; the best plan found,
the greedy's included, is returned.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .compiled import Compiled, IntArray, compile_instance
from .decomposition import (
    ColumnGeneration,
    concatenate,
    empty_patterns,
    near_best,
    patterns_from_plan,
)
from .greedy import PinsUnsatisfiable, greedy
from .mip import solve_mip
from .model import (
    STATUS_FEASIBLE,
    STATUS_INFEASIBLE,
    STATUS_OPTIMAL,
    STATUS_UNKNOWN,
    Assignment,
    Instance,
    Solution,
    pin_conflicts,
)
from .plan_state import PlanState
from .pricing import BatchPricer
from .restricted import solve_restricted

logger = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 60.0
DEFAULT_RELATIVE_GAP = 1e-3
# Up to this many (ASN, program) pairs the exact MIP is used.
EXACT_PAIR_LIMIT = 60_000
MAX_THREADS = 2
# Time first kept back from the column generation for making a plan (restricted MIP and greedy
# polish; later rounds keep back 1.5 × what that took). The polish runs only with at least
# _POLISH_MINIMUM left (on the city instance it takes about 2 s, mostly to rank candidates).
_PLAN_RESERVE_SECONDS = 12.0
_PLAN_RESERVE_SHARE = 0.15
_POLISH_SECONDS = 3.0
_POLISH_MINIMUM = 2.5
# Patterns the master LP uses at least this much enter the restricted MIP.
_USED_WEIGHT = 1e-6
# The wider second MIP pass: it runs with at least this much time to spare, stops this long
# before the deadline (HiGHS's presolve can overrun a time limit), and adds the patterns within
# _NEAR_OPTIMAL (objective units: weighted competency levels) of each ASN's best at the final
# prices. On 3,000 ASN × 60 programs it lifts the plan by 0.6 %, on the city instance by 0.15 %.
_WIDER_MINIMUM_SECONDS = 15.0
_WIDER_MARGIN_SECONDS = 5.0
_NEAR_OPTIMAL = 0.1


@dataclass(frozen=True)
class Progress:
    """What the solver knows so far, for a progress display: reported after the greedy plan,
    before the exact MIP, after every column generation round and after every plan made."""

    stage: str  # "greedy", "exact", "generation" or "plan"
    elapsed: float  # seconds since the solve began
    time_limit: float
    objective: float | None  # the best plan so far, if there is one
    bound: float  # the best proven upper bound so far
    rounds: int = 0  # column generation rounds so far


ProgressCallback = Callable[[Progress], None]


def trivial_bound(compiled: Compiled) -> float:
    """Every gap closed and every ASN compliant: a bound that needs no solver."""
    c = compiled
    return (
        c.base_value
        + float(np.dot(c.slot_weight, c.slot_gap))
        + c.instance.jp_bonus * float(np.count_nonzero(c.jp_need > 0))
    )


def solve(
    instance: Instance,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    relative_gap: float = DEFAULT_RELATIVE_GAP,
    threads: int = MAX_THREADS,
    exact_pair_limit: int = EXACT_PAIR_LIMIT,
    progress: ProgressCallback | None = None,
) -> Solution:
    """The best plan found within ``time_limit`` seconds, with a proven upper bound.
    ``progress``, if given, hears what is known so far (see :class:`Progress`)."""
    started = time.monotonic()
    deadline = started + time_limit
    threads = max(1, min(MAX_THREADS, threads))
    reasons = pin_conflicts(instance)
    if reasons:
        return _infeasible(started, reasons)
    compiled = compile_instance(instance)
    bound = trivial_bound(compiled)

    plan: PlanState | None
    try:
        plan = greedy(compiled, deadline=deadline)
    except PinsUnsatisfiable:
        plan = None

    def report(stage: str, best: PlanState | None, upper: float, rounds: int = 0) -> None:
        if progress is not None:
            progress(
                Progress(
                    stage=stage,
                    elapsed=time.monotonic() - started,
                    time_limit=time_limit,
                    objective=None if best is None else best.objective(),
                    bound=upper,
                    rounds=rounds,
                )
            )

    report("greedy", plan, bound)

    proven_optimal = False
    if compiled.n_pairs <= exact_pair_limit:
        hint_pairs = plan.chosen_pairs() if plan is not None else None
        hint_batches = np.asarray(plan.batches) if plan is not None else None
        report("exact", plan, bound)
        result = solve_mip(
            compiled,
            time_limit=max(0.1, deadline - time.monotonic()),
            relative_gap=relative_gap,
            threads=threads,
            hint_pairs=hint_pairs,
            hint_batches=hint_batches,
        )
        if result.status == STATUS_INFEASIBLE:
            return _infeasible(
                started,
                [
                    "model terbukti tidak layak: pasangan tetap, minimum angkatan, dan batas "
                    "JP/program per pegawai tidak dapat dipenuhi bersama batas peserta minimum, "
                    "hari, dan anggaran"
                ],
            )
        if result.status in (STATUS_OPTIMAL, STATUS_FEASIBLE):
            candidate = _state_from(compiled, result.chosen_pairs.tolist(), result.batches)
            if candidate.is_feasible() and (
                plan is None or candidate.objective() >= plan.objective() - 1e-9
            ):
                plan = candidate
            proven_optimal = result.status == STATUS_OPTIMAL
        bound = min(bound, result.bound)
    elif plan is not None:
        plan, large_bound = _solve_large(
            compiled, plan, deadline=deadline, threads=threads, report=report, bound=bound
        )
        bound = min(bound, large_bound)

    if plan is None:
        return Solution(
            status=STATUS_UNKNOWN,
            objective=0.0,
            upper_bound=bound,
            batches={},
            assignments=(),
            cost=0.0,
            jp_compliant=0,
            solve_seconds=time.monotonic() - started,
            reasons=("tidak ditemukan rencana yang layak dalam batas waktu",),
        )
    objective = plan.objective()
    bound = max(bound, objective)
    gap = (bound - objective) / max(1.0, abs(bound))
    status = STATUS_OPTIMAL if proven_optimal or gap <= relative_gap else STATUS_FEASIBLE
    return _solution(compiled, plan, status, bound, started)


def _solve_large(
    compiled: Compiled,
    plan: PlanState,
    *,
    deadline: float,
    threads: int,
    report: Callable[..., None],
    bound: float,
) -> tuple[PlanState, float]:
    """Column generation for the bound and the patterns; the restricted master MIP and the greedy
    for the plan. If the column generation stopped for time and another round fits, it resumes
    and the plan is made again; once it has converged, spare time goes to a wider MIP. Returns
    the best plan found, ``plan`` (the greedy's) included, and the bound."""
    logger.debug("greedy %.1f, %.1f s left", plan.objective(), deadline - time.monotonic())
    c = compiled
    pricer = BatchPricer(c)
    generation = ColumnGeneration(
        c,
        pricer=pricer,
        initial=patterns_from_plan(c, pricer, plan.chosen_pairs()),
        threads=threads,
        log=logger.debug,
        on_round=lambda: report(
            "generation", plan, min(bound, generation.bound), generation.rounds
        ),
    )
    empty = empty_patterns(c, pricer)
    reserve = max(_PLAN_RESERVE_SECONDS, _PLAN_RESERVE_SHARE * (deadline - time.monotonic()))
    while True:
        generation.run(deadline - reserve)
        logger.debug(
            "column generation: bound %.1f, LP %.1f, %d rounds, %.1f s left",
            generation.bound,
            generation.lp_value,
            generation.rounds,
            deadline - time.monotonic(),
        )
        began = time.monotonic()
        used = generation.patterns.select(generation.weights > _USED_WEIGHT)
        # The greedy's patterns are left out: one more choice for every ASN makes the MIP too
        # big to solve in time, and the greedy plan is kept anyway if it is better.
        restricted = solve_restricted(
            c,
            concatenate([used, empty]),
            time_limit=max(0.1, deadline - time.monotonic() - _POLISH_SECONDS),
            threads=threads,
        )
        logger.debug("restricted MIP: %s", "none" if restricted is None else restricted.objective)
        if restricted is not None:
            plan = _better(c, plan, restricted.pairs, restricted.batches, deadline)
        report("plan", plan, min(bound, generation.bound), generation.rounds)
        # What making a plan took, with a margin, is kept back when the generation resumes.
        reserve = max(_POLISH_SECONDS, 1.5 * (time.monotonic() - began))
        left = deadline - time.monotonic()
        if generation.converged or left < generation.round_seconds + reserve:
            break

    spare = deadline - time.monotonic() - _POLISH_SECONDS
    if spare >= _WIDER_MINIMUM_SECONDS:
        patterns = generation.patterns
        prices = generation.seat_price + generation.budget_price * c.cost_per_participant
        near = near_best(patterns, c, prices, _NEAR_OPTIMAL)
        wider = concatenate([patterns.select((generation.weights > _USED_WEIGHT) | near), empty])
        restricted = solve_restricted(
            c,
            concatenate([wider, patterns_from_plan(c, pricer, plan.chosen_pairs())]),
            time_limit=spare - _WIDER_MARGIN_SECONDS,
            threads=threads,
            start_choice=len(wider) + np.arange(c.n_employees),
            start_batches=np.asarray(plan.batches, dtype=np.int64),
        )
        logger.debug("wider MIP: %s", "none" if restricted is None else restricted.objective)
        if restricted is not None:
            plan = _better(c, plan, restricted.pairs, restricted.batches, deadline)
    return plan, generation.bound


def _better(
    compiled: Compiled, plan: PlanState, pairs: IntArray, batches: IntArray, deadline: float
) -> PlanState:
    """The plan given by ``pairs`` and ``batches``, polished by the greedy if time allows, if it
    is feasible and better than ``plan``; otherwise ``plan``."""
    candidate = _state_from(compiled, pairs.tolist(), batches)
    if not candidate.is_feasible():
        return plan
    if deadline - time.monotonic() > _POLISH_MINIMUM:
        # The greedy only adds to a feasible plan and keeps it feasible.
        candidate = greedy(compiled, deadline=deadline, start=candidate)
        logger.debug(
            "polished %.1f, %.1f s left", candidate.objective(), deadline - time.monotonic()
        )
    if candidate.is_feasible() and candidate.objective() > plan.objective():
        return candidate
    return plan


def _state_from(compiled: Compiled, pairs: list[int], batches: np.ndarray) -> PlanState:
    state = PlanState(compiled)
    for pair in pairs:
        state.add(int(pair))
    for program, count in enumerate(batches.tolist()):
        state.set_batches(program, int(count))
    return state


def _solution(
    compiled: Compiled, plan: PlanState, status: str, bound: float, started: float
) -> Solution:
    instance = compiled.instance
    assignments = tuple(
        Assignment(
            employee=instance.employees[int(compiled.pair_employee[pair])].id,
            program=instance.programs[int(compiled.pair_program[pair])].id,
        )
        for pair in plan.chosen_pairs().tolist()
    )
    return Solution(
        status=status,
        objective=plan.objective(),
        upper_bound=bound,
        batches={
            program.id: plan.batches[index]
            for index, program in enumerate(instance.programs)
            if plan.batches[index] > 0
        },
        assignments=assignments,
        cost=plan.cost,
        jp_compliant=plan.jp_compliant(),
        solve_seconds=time.monotonic() - started,
    )


def _infeasible(started: float, reasons: list[str]) -> Solution:
    return Solution(
        status=STATUS_INFEASIBLE,
        objective=0.0,
        upper_bound=0.0,
        batches={},
        assignments=(),
        cost=0.0,
        jp_compliant=0,
        solve_seconds=time.monotonic() - started,
        reasons=tuple(reasons),
    )
