"""A greedy first-fit baseline: each batch takes the first start and venue that fit.

Used as the CP-SAT solver's hint and as the benchmark's point of comparison.
"""

from __future__ import annotations

import time
from collections import defaultdict

from .domains import REASON_CONFLICT, BatchDomain, batch_domains
from .model import (
    STATUS_FEASIBLE,
    STATUS_PARTIAL,
    Instance,
    Placement,
    Result,
    Unscheduled,
)


def first_fit(
    instance: Instance, domains: list[BatchDomain] | None = None
) -> dict[int, tuple[int, str | None]]:
    """Batch position -> (start index, venue). Pins first, then the most constrained batches."""
    domains = domains if domains is not None else batch_domains(instance)
    venue_busy: set[tuple[str, int]] = set()
    trainer_busy: set[tuple[str, int]] = set()
    person_busy: set[tuple[str, int]] = set()
    unit_away: dict[tuple[str, int], int] = defaultdict(int)
    width = max(1, len(instance.calendar))
    order = sorted(
        (p for p, d in enumerate(domains) if d.reason is None),
        key=lambda p: (
            domains[p].batch.id not in instance.fixed,
            len(domains[p].starts),
            -len(domains[p].batch.participants),
        ),
    )
    chosen: dict[int, tuple[int, str | None]] = {}
    for rank, position in enumerate(order):
        domain = domains[position]
        batch = domain.batch
        venue_sets = {v: set(allowed) for v, allowed in domain.venue_starts.items()}
        # Try starts nearest an evenly spread target first, so the baseline does not bunch.
        target = (rank * width) // max(1, len(order))
        for start in sorted(domain.starts, key=lambda s: (abs(s - target), s)):
            span = range(start, start + batch.days)
            if any((t, k) in trainer_busy for t in batch.trainers for k in span):
                continue
            if any((n, k) in person_busy for n in batch.participants for k in span):
                continue
            if any(
                unit_away[(u, k)] + c > instance.units[u].limit
                for u, c in domain.unit_demand.items()
                for k in span
            ):
                continue
            venue = None
            if not batch.online:
                venue = next(
                    (
                        v
                        for v, allowed in venue_sets.items()
                        if start in allowed and not any((v, k) in venue_busy for k in span)
                    ),
                    None,
                )
                if venue is None:
                    continue
                venue_busy.update((venue, k) for k in span)
            trainer_busy.update((t, k) for t in batch.trainers for k in span)
            person_busy.update((n, k) for n in batch.participants for k in span)
            for u, c in domain.unit_demand.items():
                for k in span:
                    unit_away[(u, k)] += c
            chosen[position] = (start, venue)
            break
    return chosen


def to_result(
    instance: Instance,
    domains: list[BatchDomain],
    chosen: dict[int, tuple[int, str | None]],
    status: str,
    seconds: float,
    missing_reason: str = REASON_CONFLICT,
) -> Result:
    placements = []
    unscheduled = []
    for position, domain in enumerate(domains):
        batch = domain.batch
        if position in chosen:
            start, venue = chosen[position]
            days = list(instance.calendar[start : start + batch.days])
            placements.append(Placement(batch.id, days, venue))
        else:
            unscheduled.append(Unscheduled(batch.id, domain.reason or missing_reason))
    return Result(status, placements, unscheduled, seconds)


def solve_greedy(instance: Instance) -> Result:
    began = time.perf_counter()
    domains = batch_domains(instance)
    chosen = first_fit(instance, domains)
    status = STATUS_FEASIBLE if len(chosen) == len(domains) else STATUS_PARTIAL
    return to_result(instance, domains, chosen, status, time.perf_counter() - began)
