"""An independent check of a result against every rule, working on dates rather than indices."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from .model import STATUS_FEASIBLE, Instance, Result


def check(instance: Instance, result: Result) -> list[str]:
    """Every broken rule as a readable line; an empty list means the result is valid."""
    problems: list[str] = []
    batches = {b.id: b for b in instance.batches}
    position = {day: i for i, day in enumerate(instance.calendar)}
    seen = Counter([p.id for p in result.batches] + [u.id for u in result.unscheduled])
    for name in batches:
        if seen[name] != 1:
            problems.append(f"{name}: appears {seen[name]} times in the result")
    for name in seen:
        if name not in batches:
            problems.append(f"{name}: not a batch of the instance")
    if result.status == STATUS_FEASIBLE and result.unscheduled:
        problems.append("status feasible but some batches are unscheduled")
    venue_days: Counter[tuple[str, object]] = Counter()
    trainer_days: Counter[tuple[str, object]] = Counter()
    person_days: Counter[tuple[str, object]] = Counter()
    for placement in result.batches:
        batch = batches.get(placement.id)
        if batch is None:
            continue
        days = placement.days
        where = placement.id
        if len(days) != batch.days:
            problems.append(f"{where}: {len(days)} days instead of {batch.days}")
        if any(d not in position for d in days):
            problems.append(f"{where}: a day that is not a working day")
        elif any(position[b] != position[a] + 1 for a, b in itertools.pairwise(days)):
            problems.append(f"{where}: days are not consecutive working days")
        if days and (days[0] < batch.earliest or days[-1] > batch.latest):
            problems.append(f"{where}: outside its window")
        if batch.online:
            if placement.venue is not None:
                problems.append(f"{where}: online batch holds a venue")
        else:
            venue = instance.venues.get(placement.venue or "")
            if venue is None:
                problems.append(f"{where}: face-to-face batch without a known venue")
            else:
                if batch.venues and venue.id not in batch.venues:
                    problems.append(f"{where}: venue {venue.id} not among its venues")
                if venue.capacity < len(batch.participants):
                    problems.append(f"{where}: venue {venue.id} too small")
                if any(d in venue.unavailable for d in days):
                    problems.append(f"{where}: venue {venue.id} unavailable")
                venue_days.update((venue.id, d) for d in days)
        for name in batch.trainers:
            if any(d in instance.trainers[name].unavailable for d in days):
                problems.append(f"{where}: trainer {name} unavailable")
            trainer_days.update((name, d) for d in days)
        for nip in batch.participants:
            person_days.update((nip, d) for d in days)
        pin = instance.fixed.get(batch.id)
        if pin is not None:
            if not days or days[0] != pin.start:
                problems.append(f"{where}: pin start {pin.start} not held")
            if pin.venue is not None and placement.venue != pin.venue:
                problems.append(f"{where}: pin venue {pin.venue} not held")
    for kind, counter in (("venue", venue_days), ("trainer", trainer_days), ("ASN", person_days)):
        for (name, day), count in sorted(counter.items(), key=str):
            if count > 1:
                problems.append(f"{kind} {name} in {count} batches on {day}")
    away: dict[tuple[str, object], int] = defaultdict(int)
    for (nip, day), _count in person_days.items():
        away[(instance.employee_unit[nip], day)] += 1
    for (unit, day), count in sorted(away.items(), key=str):
        if count > instance.units[unit].limit:
            problems.append(f"unit {unit}: {count} ASN away on {day}")
    return problems
