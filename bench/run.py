"""`make bench`: every benchmark, printed against its target and a baseline in one run.

Runs the optimiser benchmark, then the needs recomputation on SQLite and on a throwaway
PostgreSQL cluster, then the scheduler (city and tight instances, three seeds each). Exits
non-zero if any benchmark misses a target.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

RUNS = [
    ("optimiser", [PYTHON, "bench/bench_optimiser.py"]),
    ("needs (SQLite)", [PYTHON, "bench/bench_needs.py"]),
    ("needs (PostgreSQL)", ["scripts/with-postgres", PYTHON, "bench/bench_needs.py"]),
    ("scheduler (city, tight)", [PYTHON, "bench/bench_scheduler.py"]),
]


def main() -> int:
    failed = []
    for name, command in RUNS:
        print(f"== {name}", flush=True)
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            failed.append(name)
    print("== missed targets: " + (", ".join(failed) if failed else "none"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
