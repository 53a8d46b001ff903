"""Plan optimiser benchmark: every figure printed against its target in one run.

    python bench/bench_optimiser.py [--quick]

Cases are synthetic (``synth.py``, seed 1). Each runs in its own process so that its peak memory
is its own; the time is that of ``solve`` alone (not synthesising the instance). The greedy
baseline runs after the solve in the same process. The machine's load average is printed before
and after each case, since the machine is shared. Exits non-zero when a target is missed.
``--quick`` runs only the small case.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES: dict[str, dict[str, Any]] = {
    # Instance size and the time limit given to the solver.
    "small": {"employees": 200, "programs": 20, "seed": 1, "time_limit": 10.0},
    "city": {"employees": 20_000, "programs": 300, "seed": 1, "time_limit": 110.0},
}
TARGETS: dict[str, dict[str, float | None]] = {
    # small: proven optimal (relative gap ≤ 0.1 %); city: objective ≥ 98 % of the proven bound.
    "small": {"gap": 0.001, "ratio": None, "seconds": 10.0, "rss_mb": 4096.0},
    "city": {"gap": None, "ratio": 0.98, "seconds": 120.0, "rss_mb": 4096.0},
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
    baseline = greedy(compile_instance(instance)).objective()
    return {
        "status": solution.status,
        "objective": solution.objective,
        "recomputed": recomputed,
        "bound": solution.upper_bound,
        "seconds": seconds,
        "greedy": baseline,
        "violations": len(violations),
        # KiB on Linux.
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def report(name: str, result: dict[str, float | str], load: str) -> bool:
    targets = TARGETS[name]
    objective = float(result["objective"])
    bound = float(result["bound"])
    greedy_value = float(result["greedy"])
    seconds = float(result["seconds"])
    rss = float(result["rss_mb"])
    ratio = objective / bound if bound > 0 else 1.0
    gap = (bound - objective) / max(1.0, abs(bound))
    ratio_to_greedy = objective / greedy_value if greedy_value > 0 else float("inf")
    checks = [
        result["status"] in ("optimal", "feasible"),
        int(result["violations"]) == 0,
        abs(float(result["recomputed"]) - objective) <= 1e-6 * max(1.0, objective),
        seconds <= float(targets["seconds"] or 0),
        rss <= float(targets["rss_mb"] or 0),
    ]
    parts = [f"{name} objective={objective:.1f} bound={bound:.1f}"]
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
        f"status={result['status']} violations={result['violations']}",
        f"load={load}",
        "PASS" if all(checks) else "FAIL",
    ]
    print(" ".join(parts), flush=True)
    return all(checks)


def _load() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


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
        before = _load()
        child = subprocess.run(
            [sys.executable, __file__, "--case", name], capture_output=True, text=True
        )
        load = f"{before}→{_load()}"
        if child.returncode != 0:
            print(f"{name} FAIL (the case crashed)\n{child.stderr}", flush=True)
            passed = False
            continue
        passed &= report(name, json.loads(child.stdout.strip().splitlines()[-1]), load)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
