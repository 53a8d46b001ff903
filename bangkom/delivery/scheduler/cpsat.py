"""The CP-SAT model over working-day indices.

Each batch has an optional interval (present when placed) whose start ranges over its allowed
starts; a face-to-face batch picks one venue through optional per-venue intervals. NoOverlap per
venue and per conflict group (shared trainer or ASN), a cumulative per unit for the services that
must stay open. The objective places as many batches as possible, then lowers the peak number of
batches running on one day so the year is spread rather than bunched.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .domains import REASON_CONFLICT, REASON_TIME, batch_domains, conflict_groups
from .greedy import first_fit, to_result
from .model import (
    STATUS_FEASIBLE,
    STATUS_INFEASIBLE,
    STATUS_PARTIAL,
    STATUS_UNKNOWN,
    Instance,
    Result,
)
from .solver import DEFAULT_MAX_VENUE_CHOICES, DEFAULT_SEED


def solve_here(
    instance: Instance,
    *,
    time_limit_seconds: float,
    num_workers: int = 2,
    seed: int = DEFAULT_SEED,
    max_venue_choices: int | None = DEFAULT_MAX_VENUE_CHOICES,
) -> Result:
    """Place as many batches as possible, then spread them.

    `max_venue_choices` keeps only the smallest fitting venues of a batch that may use many:
    at city size the full choice makes a model CP-SAT cannot solve in seconds. While any choice
    was cut, a shortfall is reported as `partial`, never as proven `infeasible` by the solver.
    """
    began = time.perf_counter()
    domains = batch_domains(instance)
    capped = False
    if max_venue_choices is not None:
        for domain in domains:
            if len(domain.venue_starts) > max_venue_choices:
                keep = sorted(domain.venue_starts, key=lambda v: (instance.venues[v].capacity, v))[
                    :max_venue_choices
                ]
                domain.venue_starts = {v: domain.venue_starts[v] for v in keep}
                capped = True
    total = len(domains)
    model = cp_model.CpModel()
    placed: dict[int, cp_model.IntVar] = {}
    starts: dict[int, cp_model.IntVar] = {}
    intervals: dict[int, cp_model.IntervalVar] = {}
    venue_choice: dict[tuple[int, str], cp_model.IntVar] = {}
    venue_intervals: dict[str, list[cp_model.IntervalVar]] = {}
    for position, domain in enumerate(domains):
        if domain.reason is not None:
            continue
        days = domain.batch.days
        is_placed = model.new_bool_var(f"placed_{position}")
        start = model.new_int_var_from_domain(
            cp_model.Domain.from_values(domain.starts), f"start_{position}"
        )
        placed[position] = is_placed
        starts[position] = start
        intervals[position] = model.new_optional_fixed_size_interval_var(
            start, days, is_placed, f"run_{position}"
        )
        if domain.batch.online:
            continue
        choices = []
        for venue, allowed in domain.venue_starts.items():
            takes = model.new_bool_var(f"venue_{position}_{venue}")
            choices.append(takes)
            venue_choice[(position, venue)] = takes
            if len(allowed) < len(domain.starts):
                model.add_linear_expression_in_domain(
                    start, cp_model.Domain.from_values(allowed)
                ).only_enforce_if(takes)
            venue_intervals.setdefault(venue, []).append(
                model.new_optional_fixed_size_interval_var(
                    start, days, takes, f"hold_{position}_{venue}"
                )
            )
        model.add(sum(choices) == is_placed)
    for holds in venue_intervals.values():
        if len(holds) > 1:
            model.add_no_overlap(holds)
    for group in conflict_groups(instance):
        runs = [intervals[p] for p in group if p in intervals]
        if len(runs) > 1:
            model.add_no_overlap(runs)
    for unit in instance.units.values():
        away = [p for p in intervals if unit.id in domains[p].unit_demand]
        demands = [domains[p].unit_demand[unit.id] for p in away]
        if sum(demands) > unit.limit:
            model.add_cumulative([intervals[p] for p in away], demands, unit.limit)
    peak = model.new_int_var(0, max(1, len(intervals)), "peak")
    if intervals:
        model.add_cumulative(list(intervals.values()), [1] * len(intervals), peak)
    weight = len(intervals) + 1
    model.maximize(weight * sum(placed.values()) - peak)

    # A complete hint (every variable) lets CP-SAT start from the greedy schedule at once.
    hint = first_fit(instance, domains)
    load = [0] * (len(instance.calendar) + 1)
    for position, var in placed.items():
        model.add_hint(var, position in hint)
        start_hint = hint[position][0] if position in hint else domains[position].starts[0]
        model.add_hint(starts[position], start_hint)
        if position in hint:
            for day in range(start_hint, start_hint + domains[position].batch.days):
                load[day] += 1
    model.add_hint(peak, max(load))
    for (position, venue), var in venue_choice.items():
        model.add_hint(var, position in hint and hint[position][1] == venue)

    solver = cp_model.CpSolver()
    # The limit covers the whole call, model building and the greedy hint included.
    spent = time.perf_counter() - began
    solver.parameters.max_time_in_seconds = max(0.01, time_limit_seconds - spent)
    solver.parameters.num_workers = num_workers
    solver.parameters.random_seed = seed
    code = solver.solve(model)
    seconds = time.perf_counter() - began
    excluded = total - len(intervals)
    if code == cp_model.INFEASIBLE:  # cannot happen: nothing placed is always a solution
        return to_result(instance, domains, {}, STATUS_INFEASIBLE, seconds)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # No solution in time: the greedy schedule is valid, so it is the answer.
        if len(hint) == total:
            return to_result(instance, domains, hint, STATUS_FEASIBLE, seconds)
        status = STATUS_INFEASIBLE if excluded else STATUS_PARTIAL if hint else STATUS_UNKNOWN
        return to_result(instance, domains, hint, status, seconds, REASON_TIME)
    chosen: dict[int, tuple[int, str | None]] = {}
    for position, var in placed.items():
        if solver.boolean_value(var):
            held: str | None = next(
                (
                    v
                    for v in domains[position].venue_starts
                    if solver.boolean_value(venue_choice[(position, v)])
                ),
                None,
            )
            chosen[position] = (solver.value(starts[position]), held)
    if len(chosen) == total:
        status = STATUS_FEASIBLE
    else:
        # The placed count is proven below the total when the objective bound cannot reach
        # `weight * len(intervals) - peak` for any peak.
        bound_all = weight * len(intervals) - len(intervals)
        proven = not capped and (
            code == cp_model.OPTIMAL or solver.best_objective_bound < bound_all
        )
        status = STATUS_INFEASIBLE if excluded or proven else STATUS_PARTIAL
    missing = REASON_CONFLICT if code == cp_model.OPTIMAL and not capped else REASON_TIME
    return to_result(instance, domains, chosen, status, seconds, missing)
