"""City-size scheduler benchmark: 300 batches (~1,000 session days), 40 venues, 100 trainers,
20,000 ASN in 60 units. Prints the CP-SAT result beside the greedy first-fit baseline.

    .venv/bin/python bench/bench_scheduler.py [--time-limit 15] [--seed 0]

Run it once at a time: the machine is shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from typing import Any

from bangkom.delivery.scheduler import check, parse_instance, solve, solve_greedy


def city(seed: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)
    start, end = dt.date(2027, 1, 4), dt.date(2027, 12, 17)
    days = [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]
    weekdays = [d for d in days if d.weekday() < 5]
    holidays = sorted(rng.sample(weekdays, 14))
    units: list[dict[str, Any]] = [
        {"id": f"U{u:02d}", "staff": 0, "max_away": 0.1} for u in range(60)
    ]
    employees = []
    for e in range(20_000):
        unit = units[min(59, int(rng.paretovariate(1.2)) - 1 + rng.randrange(40))]
        unit["staff"] += 1
        employees.append({"id": f"1990{e:014d}", "unit": unit["id"]})
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
        batch = {
            "id": f"P-{b // 3:03d}/{b % 3 + 1}",
            "days": rng.choice([2, 3, 3, 4, 5]),
            "participants": [e["id"] for e in rng.sample(employees, size)],
            "trainers": [t["id"] for t in rng.sample(trainers, rng.randint(1, 2))],
            "venues": [],
            "online": rng.random() < 0.2,
        }
        if rng.random() < 0.5:
            batch["earliest"] = weekdays[window_start].isoformat()
            batch["latest"] = weekdays[window_start + 80].isoformat()
        batches.append(batch)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "holidays": [d.isoformat() for d in holidays],
        "venues": venues,
        "trainers": trainers,
        "units": units,
        "employees": employees,
        "batches": batches,
        "fixed": [],
    }


def peak(result: Any) -> int:
    load: dict[dt.date, int] = {}
    for placement in result.batches:
        for day in placement.days:
            load[day] = load.get(day, 0) + 1
    return max(load.values(), default=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=15.0)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    began = time.perf_counter()
    instance = parse_instance(city(arguments.seed))
    print(
        f"parse: {time.perf_counter() - began:.2f} s, "
        f"{sum(b.days for b in instance.batches)} session days"
    )
    greedy = solve_greedy(instance)
    result = solve(instance, time_limit_seconds=arguments.time_limit)
    for name, answer in (("greedy", greedy), ("cp-sat", result)):
        print(
            f"{name:7} status={answer.status:10} "
            f"placed={len(answer.batches):3}/{len(instance.batches)}"
            f" peak-per-day={peak(answer):3} seconds={answer.solve_seconds:6.2f}"
            f" violations={len(check(instance, answer))}"
        )


if __name__ == "__main__":
    main()
