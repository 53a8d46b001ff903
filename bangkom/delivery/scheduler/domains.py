"""What every method shares: the working-day index of dates and each batch's allowed starts.

A start is a working-day index s; the batch occupies indices s .. s + days - 1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import Batch, Instance

# Reason codes for batches that could not be placed; the CLI and the app translate them.
REASON_NO_START = "no_start_in_window"
REASON_PIN_NOT_WORKING_DAY = "pin_not_working_day"
REASON_NO_VENUE = "no_venue"
REASON_UNIT_LIMIT = "unit_limit"
REASON_CONFLICT = "no_room_without_conflict"
REASON_TIME = "not_placed_in_time"


@dataclass
class BatchDomain:
    batch: Batch
    starts: list[int]  # allowed starts ignoring venues
    venue_starts: dict[str, list[int]] = field(default_factory=dict)  # face-to-face only
    unit_demand: dict[str, int] = field(default_factory=dict)
    reason: str | None = None  # set when the batch cannot be placed at all


def batch_domains(instance: Instance) -> list[BatchDomain]:
    calendar = instance.calendar
    index = {day: i for i, day in enumerate(calendar)}
    width = len(calendar)
    result = []
    for batch in instance.batches:
        blocked: set[int] = set()
        for name in batch.trainers:
            blocked.update(index[d] for d in instance.trainers[name].unavailable if d in index)
        pin = instance.fixed.get(batch.id)
        candidates: range | list[int] = range(0, width - batch.days + 1)
        reason = None
        if pin is not None:
            candidates = [index[pin.start]] if pin.start in index else []
            if pin.start not in index:
                reason = REASON_PIN_NOT_WORKING_DAY
        starts = [
            s
            for s in candidates
            if s + batch.days <= width
            and calendar[s] >= batch.earliest
            and calendar[s + batch.days - 1] <= batch.latest
            and not any(s + k in blocked for k in range(batch.days))
        ]
        domain = BatchDomain(batch, starts)
        if not starts and reason is None:
            reason = REASON_NO_START
        if not batch.online and not reason:
            venues = instance.eligible_venues(batch)
            if pin is not None and pin.venue is not None:
                venues = [v for v in venues if v.id == pin.venue]
            for venue in venues:
                closed = {index[d] for d in venue.unavailable if d in index}
                allowed = [s for s in starts if not any(s + k in closed for k in range(batch.days))]
                if allowed:
                    domain.venue_starts[venue.id] = allowed
            if not domain.venue_starts:
                reason = REASON_NO_VENUE
        demand = Counter(instance.employee_unit[nip] for nip in batch.participants)
        domain.unit_demand = dict(demand)
        if not reason and any(count > instance.units[unit].limit for unit, count in demand.items()):
            reason = REASON_UNIT_LIMIT
        domain.reason = reason
        result.append(domain)
    return result


def conflict_groups(instance: Instance) -> list[list[int]]:
    """Sets of batch positions that must not overlap in time: shared trainers and shared ASN.

    Identical sets are merged and a set inside a bigger one is dropped, so a city of 20,000 ASN
    gives a few hundred groups rather than one per person.
    """
    members: dict[str, set[int]] = {}
    for position, batch in enumerate(instance.batches):
        for nip in batch.participants:
            members.setdefault("e:" + nip, set()).add(position)
        for name in batch.trainers:
            members.setdefault("t:" + name, set()).add(position)
    unique = {frozenset(group) for group in members.values() if len(group) > 1}
    ordered = sorted(unique, key=lambda g: (-len(g), sorted(g)))
    kept: list[frozenset[int]] = []
    for group in ordered:
        if not any(group <= bigger for bigger in kept):
            kept.append(group)
    return [sorted(group) for group in kept]


def independent_parts(domains: list[BatchDomain], positions: list[int]) -> list[list[int]]:
    """Split batches into runs of time that no batch's reachable days cross.

    Every rule binds batches on a shared day only, so the parts can be solved one by one and
    their schedules joined: the join is optimal when each part is.
    """
    reach = sorted(
        (min(domains[p].starts), max(domains[p].starts) + domains[p].batch.days, p)
        for p in positions
    )
    parts: list[list[int]] = []
    end = -1
    for first, stop, position in reach:
        if first >= end:
            parts.append([])
        parts[-1].append(position)
        end = max(end, stop)
    return parts
