"""Plan optimiser benchmark: every figure printed against its target in one run.

    python bench/bench_optimiser.py [--quick]

Each case runs in its own process so that its peak memory is its own. Exits non-zero when a
target is missed. ``--quick`` runs only the small case.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES = {
    # name: (employees, programs, seed, time limit given to the solver, targets)
    "small": {"employees": 200, "programs": 20, "seed": 1, "time_limit": 10.0},
    "city": {"employees": 20_000, "programs": 300, "seed": 1, "time_limit": 110.0},
}
TARGETS = {
    "small": {"gap": 0.001, "seconds": 10.0, "ratio": None, "rss_mb": 4096.0},
    "city": {"gap": None, "seconds": 120.0, "ratio": 0.98, "rss_mb": 4096.0},
}


def run_case(name: str) -> dict[str, float | str]:
    from bangkom.planning.optimiser.compiled import compile_instance
    from bangkom.planning.optimiser.greedy import greedy
    from bangkom.planning.optimiser.model import check_feasible, evaluate
    from bangkom.planning.optimiser.solver import solve
    from bangkom.planning.optimiser.synth import synthesise

    case = CASES[name]
    instance = synthesise(int(case["employees"]), int(case["programs"]), int(case["seed"]))
    started = time.monotonic()
    solution = solve(instance, time_limit=float(case["time_limit"]))
    seconds = time.monotonic() - started
    violations = check_feasible(instance, solution)
    recomputed = evaluate(instance, solution.assignments, solution.batches)
    greedy_started = time.monotonic()
    baseline = greedy(compile_instance(instance)).objective()
    greedy_seconds = time.monotonic() - greedy_started
    return {
        "status": solution.status,
        "objective": solution.objective,
        "recomputed": recomputed,
        "bound": solution.upper_bound,
        "seconds": seconds,
        "greedy": baseline,
        "greedy_seconds": greedy_seconds,
        "violations": len(violations),
        # KiB on Linux. The greedy baseline's own footprint is far below the solve's.
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def report(name: str, result: dict[str, float | str]) -> bool:
    targets = TARGETS[name]
    objective = float(result["objective"])
    bound = float(result["bound"])
    ratio = objective / bound if bound > 0 else 1.0
    gap = (bound - objective) / max(1.0, abs(bound))
    greedy_value = float(result["greedy"])
    ratio_to_greedy = objective / greedy_value if greedy_value > 0 else float("inf")
    seconds = float(result["seconds"])
    rss = float(result["rss_mb"])
    checks = [
        int(result["violations"]) == 0,
        abs(float(result["recomputed"]) - objective) <= 1e-6 * max(1.0, objective),
        seconds <= targets["seconds"],
        rss <= targets["rss_mb"],
    ]
    parts = [
        f"{name:5s} status={result['status']} objective={objective:.1f} bound={bound:.1f}",
    ]
    if targets["gap"] is not None:
        checks.append(gap <= targets["gap"])
        parts.append(f"gap={100 * gap:.3f}% (target ≤ {100 * targets['gap']:.1f}%)")
    if targets["ratio"] is not None:
        checks.append(ratio >= targets["ratio"])
        parts.append(f"ratio_to_bound={ratio:.4f} (target ≥ {targets['ratio']})")
    parts += [
        f"greedy={greedy_value:.1f} ratio_to_greedy={ratio_to_greedy:.3f}",
        f"time={seconds:.1f}s (target ≤ {targets['seconds']:.0f} s)",
        f"peak_rss={rss:.0f}MB (target ≤ {targets['rss_mb']:.0f})",
        f"violations={result['violations']}",
        "PASS" if all(checks) else "FAIL",
    ]
    print(" ".join(parts), flush=True)
    return all(checks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the small case")
    parser.add_argument("--case", choices=sorted(CASES), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.case:
        print(json.dumps(run_case(arguments.case)))
        return 0
    names = ["small"] if arguments.quick else list(CASES)
    passed = True
    for name in names:
        child = subprocess.run(
            [sys.executable, __file__, "--case", name], capture_output=True, text=True
        )
        if child.returncode != 0:
            print(f"{name:5s} FAIL (the case crashed)\n{child.stderr}", flush=True)
            passed = False
            continue
        passed &= report(name, json.loads(child.stdout.strip().splitlines()[-1]))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
