"""Scheduler benchmarks (issue 11), each figure against its target and the greedy first-fit
baseline of the same run. Instances come from `bangkom.delivery.scheduler.synthetic`:

- city: 300 batches (about 1,000 session days), 40 venues, 100 trainers, 20,000 ASN in 60
  units; target: every batch placed, conflict free, in ≤ 15 s;
- tight: a year drawn around a planted schedule (venues nearly full inside quarterly windows,
  trainers unavailable on most free days, unit limits at their peak), where the first fit leaves
  about a quarter unplaced; target: every batch placed, conflict free, in ≤ 120 s.

    .venv/bin/python bench/bench_scheduler.py [--family city|tight|all] [--seeds 0,1,2]

Seconds are wall-clock of the whole `solve()` call (child process start included) on a shared
machine, so the load average is printed too; CPU is the solver child's user + system time.
"Conflict free" is `check()`'s word, never the solver's. Exits 1 when any target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import time
from typing import Any

from bangkom.delivery.scheduler import check, parse_instance, solve, solve_greedy
from bangkom.delivery.scheduler.model import Instance, Result
from bangkom.delivery.scheduler.synthetic import city, tight

TARGET_SECONDS = {"city": 15.0, "tight": 120.0}


def peak(result: Result) -> int:
    load: dict[dt.date, int] = {}
    for placement in result.batches:
        for day in placement.days:
            load[day] = load.get(day, 0) + 1
    return max(load.values(), default=0)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def instance_of(family: str, seed: int) -> Instance:
    if family == "city":
        return parse_instance(city(seed))
    planted = tight(seed)
    instance = parse_instance(planted.data)
    problems = check(instance, planted.schedule)
    if problems:  # the generator's promise: the instance is feasible by construction
        raise SystemExit(f"tight seed {seed}: planted schedule breaks a rule: {problems[:3]}")
    return instance


def line(name: str, instance: Instance, answer: Result, seconds: float, extra: str = "") -> str:
    total = len(instance.batches)
    unplaced = total - len(answer.batches)
    return (
        f"  {name:7} placed={len(answer.batches):3}/{total} unplaced={unplaced / total:6.1%}"
        f" peak-per-day={peak(answer):3} seconds={seconds:6.2f}{extra}"
        f" violations={len(check(instance, answer))}"
    )


def run(family: str, seed: int) -> bool:
    target = TARGET_SECONDS[family]
    instance = instance_of(family, seed)
    sessions = sum(b.days for b in instance.batches)
    print(
        f"{family} seed={seed}: {len(instance.batches)} batches, {sessions} session days, "
        f"{len(instance.venues)} venues, {len(instance.trainers)} trainers, "
        f"{len(instance.employee_unit)} ASN in {len(instance.units)} units, "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    began = time.perf_counter()
    greedy = solve_greedy(instance)
    print(line("greedy", instance, greedy, time.perf_counter() - began), flush=True)
    cpu_before = children_cpu()
    began = time.perf_counter()
    result = solve(instance, time_limit_seconds=target)
    seconds = time.perf_counter() - began
    cpu = children_cpu() - cpu_before
    print(line("cp-sat", instance, result, seconds, f" cpu={cpu:6.2f}"), flush=True)
    met = (
        len(result.batches) == len(instance.batches)
        and not check(instance, result)
        and seconds <= target
    )
    verdict = "met" if met else "MISSED"
    print(f"  target: every batch placed, conflict free, in ≤ {target:g} s: {verdict}", flush=True)
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--family", choices=["city", "tight", "all"], default="all")
    parser.add_argument("--seeds", default="0,1,2", help="comma-separated seeds")
    arguments = parser.parse_args(argv)
    families = ["city", "tight"] if arguments.family == "all" else [arguments.family]
    seeds = [int(s) for s in arguments.seeds.split(",")]
    results: list[Any] = [(f, s, run(f, s)) for f in families for s in seeds]
    missed = [f"{f} seed {s}" for f, s, met in results if not met]
    print("scheduler targets missed: " + (", ".join(missed) if missed else "none"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
