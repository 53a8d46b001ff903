"""Seeded synthetic instances for the benchmarks and the tests (exchange-format dicts).

`city(seed)`: a city-size year, loose enough that a first fit places nearly everything.
`tight(seed)`: a year drawn around a planted schedule so that little room is left: venues nearly
full inside quarterly windows, trainers unavailable on most days they do not teach in the plant,
every unit's away limit at the plant's peak. The plant is returned with the instance, so the
instance is feasible by construction and `check(instance, planted)` proves it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .model import STATUS_FEASIBLE, Placement, Result

YEAR_START, YEAR_END = dt.date(2027, 1, 4), dt.date(2027, 12, 17)


def _weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days = (start + dt.timedelta(days=k) for k in range((end - start).days + 1))
    return [d for d in days if d.weekday() < 5]


def city(seed: int = 0) -> dict[str, Any]:
    """300 batches (about 1,000 session days), 40 venues, 100 trainers, 20,000 ASN in 60 units.

    Participants are drawn so that no batch holds more ASN of a unit than the unit may send
    (a unit of fewer than 10 staff at max_away 0.1 may send nobody), so every batch can be placed.
    """
    rng = random.Random(seed)
    weekdays = _weekdays(YEAR_START, YEAR_END)
    holidays = sorted(rng.sample(weekdays, 14))
    units: list[dict[str, Any]] = [
        {"id": f"U{u:02d}", "staff": 0, "max_away": 0.1} for u in range(60)
    ]
    employees = []
    for e in range(20_000):
        unit = units[min(59, int(rng.paretovariate(1.2)) - 1 + rng.randrange(40))]
        unit["staff"] += 1
        employees.append({"id": f"1990{e:014d}", "unit": unit["id"]})
    limit = {u["id"]: int(u["max_away"] * u["staff"] + 1e-9) for u in units}
    venues = [
        {
            "id": f"V{v:02d}",
            "capacity": rng.choice([25, 30, 40, 60]),
            "unavailable": [d.isoformat() for d in rng.sample(weekdays, 10)],
        }
        for v in range(40)
    ]
    trainers = [
        {"id": f"T{t:03d}", "unavailable": [d.isoformat() for d in rng.sample(weekdays, 15)]}
        for t in range(100)
    ]
    batches = []
    for b in range(300):
        size = rng.randint(15, 40)
        window_start = rng.randrange(0, len(weekdays) - 80)
        participants: list[str] = []
        taken: set[str] = set()
        per_unit: dict[str, int] = defaultdict(int)
        while len(participants) < size:
            person = employees[rng.randrange(len(employees))]
            if person["id"] in taken or per_unit[person["unit"]] >= limit[person["unit"]]:
                continue
            taken.add(person["id"])
            per_unit[person["unit"]] += 1
            participants.append(person["id"])
        batch = {
            "id": f"P-{b // 3:03d}/{b % 3 + 1}",
            "days": rng.choice([2, 3, 3, 4, 5]),
            "participants": participants,
            "trainers": [t["id"] for t in rng.sample(trainers, rng.randint(1, 2))],
            "venues": [],
            "online": rng.random() < 0.2,
        }
        if rng.random() < 0.5:
            batch["earliest"] = weekdays[window_start].isoformat()
            batch["latest"] = weekdays[window_start + 80].isoformat()
        batches.append(batch)
    return {
        "start": YEAR_START.isoformat(),
        "end": YEAR_END.isoformat(),
        "holidays": [d.isoformat() for d in holidays],
        "venues": venues,
        "trainers": trainers,
        "units": units,
        "employees": employees,
        "batches": batches,
        "fixed": [],
    }


@dataclass(frozen=True)
class Planted:
    """A tight instance (exchange format) and the schedule it was drawn around."""

    data: dict[str, Any]
    schedule: Result


def tight(
    seed: int = 0,
    *,
    venues: int = 6,
    trainers: int = 18,
    units: int = 24,
    employees: int = 2_500,
    online_share: float = 0.15,
    trainer_closed: float = 0.85,
    venue_closed: float = 0.5,
    pinned_share: float = 0.03,
    quarters: int = 4,
    gaps: tuple[int, ...] = (0, 0, 0, 1),
) -> Planted:
    """A year with little room, built by planting a feasible schedule and drawing limits round it.

    1. Each quarter, every venue is filled with batches back to back (a gap of one day after
       a quarter of them).
       Online batches (no venue) are planted at random starts in their quarter.
    2. Trainers and participants are given to each planted batch among those free on its days;
       participants come mostly from the batch's two home units.
    3. Limits are drawn around the plant: every batch's window is its quarter; a trainer is
       unavailable on `trainer_closed` of the working days they do not teach; a venue is closed on
       `venue_closed` of its free days; each unit's limit is the most of its ASN the plant sends
       away on one day. A few batches are pinned where the plant put them.
    """
    rng = random.Random(seed)
    weekdays = _weekdays(YEAR_START, YEAR_END)
    holidays = set(rng.sample(weekdays, 14))
    calendar = [d for d in weekdays if d not in holidays]
    width = len(calendar)
    bounds = [width * q // quarters for q in range(quarters + 1)]

    unit_ids = [f"U{u:02d}" for u in range(units)]
    people = [(f"1985{e:014d}", unit_ids[e % units]) for e in range(employees)]
    by_unit: dict[str, list[str]] = defaultdict(list)
    for nip, unit in people:
        by_unit[unit].append(nip)
    capacities = [rng.choice([25, 30, 35, 40]) for _ in range(venues)]
    venue_ids = [f"V{v:02d}" for v in range(venues)]
    trainer_ids = [f"T{t:03d}" for t in range(trainers)]

    # 1. Plant (start index, days, venue or None, quarter).
    plan: list[tuple[int, int, str | None, int]] = []
    for quarter in range(quarters):
        first, stop = bounds[quarter], bounds[quarter + 1]
        for room in venue_ids:
            day = first + rng.randint(0, 1)
            while True:
                days = rng.choice([2, 3, 3, 4, 5])
                if day + days > stop:
                    break
                plan.append((day, days, room, quarter))
                day += days + rng.choice(gaps)
        online = int(online_share * (stop - first) * venues / 3.4)
        for _ in range(online):
            days = rng.choice([2, 3, 4])
            plan.append((rng.randrange(first, stop - days + 1), days, None, quarter))
    plan.sort(key=lambda item: (item[0], item[2] or ""))

    # 2. Trainers and participants, free on the planted days.
    trainer_busy: dict[str, set[int]] = defaultdict(set)
    person_busy: dict[str, set[int]] = defaultdict(set)
    batches: list[dict[str, Any]] = []
    placements: list[Placement] = []
    fixed: list[dict[str, Any]] = []
    kept = 0
    for start, days, venue, quarter in plan:
        span = set(range(start, start + days))
        idle = [t for t in trainer_ids if not trainer_busy[t] & span]
        wanted = rng.choice([1, 1, 2])
        if len(idle) < wanted:
            continue  # no trainer left for this slot: the venue keeps a gap there
        chosen = rng.sample(idle, wanted)
        capacity = capacities[venue_ids.index(venue)] if venue else 40
        size = rng.randint(12, capacity)
        homes = rng.sample(unit_ids, 2)
        participants: list[str] = []
        tries = 0
        while len(participants) < size and tries < size * 20:
            tries += 1
            unit = homes[rng.randrange(2)] if rng.random() < 0.8 else rng.choice(unit_ids)
            nip = rng.choice(by_unit[unit])
            if nip in participants or person_busy[nip] & span:
                continue
            participants.append(nip)
        for t in chosen:
            trainer_busy[t] |= span
        for nip in participants:
            person_busy[nip] |= span
        name = f"K-{kept:03d}"
        kept += 1
        batch: dict[str, Any] = {
            "id": name,
            "days": days,
            "participants": participants,
            "trainers": chosen,
            "online": venue is None,
            "earliest": calendar[bounds[quarter]].isoformat(),
            "latest": calendar[bounds[quarter + 1] - 1].isoformat(),
        }
        if venue is not None:
            fitting = [v for v, c in zip(venue_ids, capacities, strict=True) if c >= size]
            others = [v for v in fitting if v != venue]
            batch["venues"] = sorted([venue, *rng.sample(others, min(len(others), 2))])
        batches.append(batch)
        placements.append(Placement(name, calendar[start : start + days], venue))
        if rng.random() < pinned_share:
            fixed.append({"batch": name, "start": calendar[start].isoformat(), "venue": venue})

    # 3. Limits around the plant.
    venue_busy: dict[str, set[int]] = defaultdict(set)
    for placement in placements:
        if placement.venue is not None:
            venue_busy[placement.venue] |= {calendar.index(d) for d in placement.days}
    venue_rows = []
    for room, capacity in zip(venue_ids, capacities, strict=True):
        free = [k for k in range(width) if k not in venue_busy[room]]
        closed = [k for k in free if rng.random() < venue_closed]
        venue_rows.append(
            {
                "id": room,
                "capacity": capacity,
                "unavailable": [calendar[k].isoformat() for k in closed],
            }
        )
    trainer_rows = []
    for t in trainer_ids:
        off = [k for k in range(width) if k not in trainer_busy[t]]
        closed = [k for k in off if rng.random() < trainer_closed]
        trainer_rows.append({"id": t, "unavailable": [calendar[k].isoformat() for k in closed]})
    unit_of = dict(people)
    away: dict[tuple[str, int], int] = defaultdict(int)
    for nip, busy in person_busy.items():
        for k in busy:
            away[(unit_of[nip], k)] += 1
    staff = {u: len(by_unit[u]) for u in unit_ids}
    unit_rows = []
    for u in unit_ids:
        peak = max((count for (unit, _), count in away.items() if unit == u), default=0)
        # floor(max_away × staff) is exactly the peak: (peak + 0.5) / staff lies strictly inside.
        away_share = 1.0 if peak >= staff[u] else (peak + 0.5) / staff[u]
        unit_rows.append({"id": u, "staff": staff[u], "max_away": away_share})
    data = {
        "start": YEAR_START.isoformat(),
        "end": YEAR_END.isoformat(),
        "holidays": sorted(d.isoformat() for d in holidays),
        "venues": venue_rows,
        "trainers": trainer_rows,
        "units": unit_rows,
        "employees": [{"id": nip, "unit": unit} for nip, unit in people],
        "batches": batches,
        "fixed": fixed,
    }
    return Planted(data, Result(STATUS_FEASIBLE, placements, [], 0.0))
