"""The CP-SAT model over working-day indices, solved by exact parts and in stages.

Each batch has an interval whose start ranges over its allowed starts; a face-to-face batch picks
one venue through per-venue intervals. NoOverlap per venue and per conflict group (shared trainer
or ASN), a cumulative per unit for the services that must stay open.

Parts: batches whose reachable days [first start, last start + days) cannot meet never share a
day, so the year splits exactly into independent parts (with quarterly windows, one per quarter).
Each part is solved in stages:

1. place: every batch of the part placed (mandatory intervals, which propagate far better than
   optional ones), from the greedy first-fit hint; skipped when the first fit already places all;
2. only if that is proven impossible or times out: place as many as possible (optional intervals);
3. spread: keep that many placed and lower the peak number of batches running on one day.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .domains import (
    REASON_CONFLICT,
    REASON_TIME,
    BatchDomain,
    batch_domains,
    conflict_groups,
    independent_parts,
)
from .greedy import first_fit, to_result
from .model import STATUS_FEASIBLE, STATUS_INFEASIBLE, STATUS_PARTIAL, Instance, Result
from .solver import DEFAULT_MAX_VENUE_CHOICES, DEFAULT_SEED

# Share of the time limit the spread stage may use in all; placing batches comes first.
SPREAD_SHARE = 0.3

Choice = tuple[int, str | None]  # (start index, venue)


def solve_here(
    instance: Instance,
    *,
    time_limit_seconds: float,
    num_workers: int = 2,
    seed: int = DEFAULT_SEED,
    max_venue_choices: int | None = DEFAULT_MAX_VENUE_CHOICES,
    started_at: float | None = None,
) -> Result:
    """Place as many batches as possible, then spread them.

    `max_venue_choices` keeps only the smallest fitting venues of a batch that may use many:
    at city size the full choice makes a model CP-SAT cannot solve in seconds. While any choice
    was cut, a shortfall is reported as `partial`, never as proven `infeasible` by the solver.
    `started_at` (a `time.monotonic()` reading) is when the caller's time limit began.
    """
    began = time.monotonic() if started_at is None else started_at
    deadline = began + time_limit_seconds
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
    hint = first_fit(instance, domains)
    open_positions = [p for p, d in enumerate(domains) if d.reason is None]
    parts = independent_parts(domains, open_positions)
    groups = conflict_groups(instance)
    group_of: dict[int, list[int]] = {}
    for number, group in enumerate(groups):
        for position in group:
            group_of.setdefault(position, []).append(number)

    chosen: dict[int, Choice] = {}
    proven = True  # every part's placed count is proven the most possible
    spread_left = SPREAD_SHARE * time_limit_seconds
    peak_so_far = 0
    weights = [sum(len(domains[p].starts) for p in part) for part in parts]
    for number, part in enumerate(parts):
        now = time.monotonic()
        share = weights[number] / max(1, sum(weights[number:]))
        place_budget = max(0.05, (deadline - now - spread_left) * share)
        spread_budget = spread_left * share
        solver = _PartSolver(instance, domains, part, groups, group_of, num_workers, seed)
        outcome = solver.place({p: hint[p] for p in part if p in hint}, place_budget)
        proven = proven and outcome.proven
        # The spread gets its own share only: an answer that places everything comes back soon.
        if outcome.chosen and min(spread_budget, deadline - time.monotonic()) > 0.5:
            spread, peak = solver.spread(outcome.chosen, peak_so_far, spread_budget, deadline)
            outcome.chosen = spread
            peak_so_far = max(peak_so_far, peak)
        spread_left = max(0.0, spread_left - spread_budget)
        chosen.update(outcome.chosen)
    seconds = time.monotonic() - began
    total = len(domains)
    excluded = total - len(open_positions)
    if len(chosen) == total:
        status = STATUS_FEASIBLE
    else:
        status = STATUS_INFEASIBLE if excluded or (proven and not capped) else STATUS_PARTIAL
    missing = REASON_CONFLICT if proven and not capped else REASON_TIME
    return to_result(instance, domains, chosen, status, seconds, missing)


@dataclass
class _Outcome:
    chosen: dict[int, Choice] = field(default_factory=dict)
    proven: bool = False  # the placed count is proven the most possible


class _PartSolver:
    def __init__(
        self,
        instance: Instance,
        domains: list[BatchDomain],
        part: list[int],
        groups: list[list[int]],
        group_of: dict[int, list[int]],
        num_workers: int,
        seed: int,
    ) -> None:
        self.instance = instance
        self.domains = domains
        self.part = part
        members = set(part)
        numbers = sorted({n for p in part for n in group_of.get(p, [])})
        self.groups = [[p for p in groups[n] if p in members] for n in numbers]
        self.num_workers = num_workers
        self.seed = seed

    def place(self, hint: dict[int, Choice], budget: float) -> _Outcome:
        if len(hint) == len(self.part):
            return _Outcome(dict(hint), proven=True)
        began = time.monotonic()
        model = _Model(self, optional=False)
        model.hint(hint)
        code, solver = self._run(model.model, budget * 0.7 - (time.monotonic() - began))
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return _Outcome(model.read(solver), proven=True)
        rest = budget - (time.monotonic() - began)
        model = _Model(self, optional=True)
        model.model.maximize(sum(model.placed.values()))
        model.hint(hint)
        code, solver = self._run(model.model, max(0.05, rest))
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = model.read(solver)
            if len(found) >= len(hint):
                return _Outcome(found, proven=code == cp_model.OPTIMAL)
        return _Outcome(dict(hint), proven=False)

    def spread(
        self, chosen: dict[int, Choice], floor: int, budget: float, deadline: float
    ) -> tuple[dict[int, Choice], int]:
        """Keep as many placed and lower this part's peak, down to `floor` (an earlier part's)."""
        load = [0] * (len(self.instance.calendar) + 1)
        for position, (start, _venue) in chosen.items():
            for day in range(start, start + self.domains[position].batch.days):
                load[day] += 1
        current = max(load)
        if current <= floor:  # the year's peak is an earlier part's: nothing to gain here
            return chosen, current
        complete = len(chosen) == len(self.part)
        model = _Model(self, optional=not complete)
        if not complete:
            model.model.add(sum(model.placed.values()) >= len(chosen))
        runs = list(model.runs.values())
        peak = model.model.new_int_var(min(floor, current), current, "peak")
        model.model.add_cumulative(runs, [1] * len(runs), peak)
        model.model.minimize(peak)
        model.hint(chosen)
        model.model.add_hint(peak, current)
        budget = min(budget, deadline - time.monotonic())  # building the model took time too
        if budget < 0.2:
            return chosen, current
        code, solver = self._run(model.model, budget)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = model.read(solver)
            if len(found) >= len(chosen):
                return found, solver.value(peak)
        return chosen, current

    def _run(self, model: cp_model.CpModel, budget: float) -> tuple[Any, cp_model.CpSolver]:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, budget)
        solver.parameters.num_workers = self.num_workers
        solver.parameters.random_seed = self.seed
        return solver.solve(model), solver


class _Model:
    """The part's model; `optional=False` makes every batch's interval mandatory."""

    def __init__(self, part: _PartSolver, *, optional: bool) -> None:
        instance, domains = part.instance, part.domains
        model = cp_model.CpModel()
        self.model = model
        self.domains = domains
        self.placed: dict[int, cp_model.IntVar] = {}
        self.starts: dict[int, cp_model.IntVar] = {}
        self.runs: dict[int, cp_model.IntervalVar] = {}
        self.venue_choice: dict[tuple[int, str], cp_model.IntVar] = {}
        venue_holds: dict[str, list[cp_model.IntervalVar]] = {}
        for position in part.part:
            domain = domains[position]
            days = domain.batch.days
            if domain.batch.online:
                allowed = domain.starts
            else:
                allowed = sorted({s for starts in domain.venue_starts.values() for s in starts})
            start = model.new_int_var_from_domain(
                cp_model.Domain.from_values(allowed), f"start_{position}"
            )
            self.starts[position] = start
            is_placed = model.new_bool_var(f"placed_{position}") if optional else None
            if is_placed is not None:
                self.placed[position] = is_placed
                run = model.new_optional_fixed_size_interval_var(
                    start, days, is_placed, f"run_{position}"
                )
            else:
                run = model.new_fixed_size_interval_var(start, days, f"run_{position}")
            self.runs[position] = run
            if domain.batch.online:
                continue
            choices = []
            for venue, venue_allowed in domain.venue_starts.items():
                takes = model.new_bool_var(f"venue_{position}_{venue}")
                choices.append(takes)
                self.venue_choice[(position, venue)] = takes
                if len(venue_allowed) < len(allowed):
                    model.add_linear_expression_in_domain(
                        start, cp_model.Domain.from_values(venue_allowed)
                    ).only_enforce_if(takes)
                venue_holds.setdefault(venue, []).append(
                    model.new_optional_fixed_size_interval_var(
                        start, days, takes, f"hold_{position}_{venue}"
                    )
                )
            if is_placed is not None:
                model.add(sum(choices) == is_placed)
            else:
                model.add_exactly_one(choices)
        for holds in venue_holds.values():
            if len(holds) > 1:
                model.add_no_overlap(holds)
        for group in part.groups:
            if len(group) > 1:
                model.add_no_overlap([self.runs[p] for p in group])
        for unit in instance.units.values():
            away = [p for p in part.part if unit.id in domains[p].unit_demand]
            demands = [domains[p].unit_demand[unit.id] for p in away]
            if sum(demands) > unit.limit:
                model.add_cumulative([self.runs[p] for p in away], demands, unit.limit)

    def hint(self, chosen: dict[int, Choice]) -> None:
        for position, start in self.starts.items():
            if position in self.placed:
                self.model.add_hint(self.placed[position], position in chosen)
            if position in chosen:
                self.model.add_hint(start, chosen[position][0])
        for (position, venue), var in self.venue_choice.items():
            self.model.add_hint(var, position in chosen and chosen[position][1] == venue)

    def read(self, solver: cp_model.CpSolver) -> dict[int, Choice]:
        found: dict[int, Choice] = {}
        for position, start in self.starts.items():
            if position in self.placed and not solver.boolean_value(self.placed[position]):
                continue
            venue = next(
                (
                    v
                    for v in self.domains[position].venue_starts
                    if solver.boolean_value(self.venue_choice[(position, v)])
                ),
                None,
            )
            found[position] = (solver.value(start), venue)
        return found
