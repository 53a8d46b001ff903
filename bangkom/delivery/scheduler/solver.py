"""`solve`: the CP-SAT model of `cpsat.py`, run in a child process of its own.

OR-Tools and highspy (the plan optimiser) each bundle a different build of HiGHS; loaded into one
process, whichever comes second fails with an undefined symbol. The web and task worker processes
load the optimiser, so the scheduler's CP-SAT never loads there: it runs in a fresh ("spawn")
interpreter that imports only this package, and returns the plain `Result`.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

from .model import Instance, Result

DEFAULT_TIME_LIMIT = 30.0
DEFAULT_SEED = 0
DEFAULT_MAX_VENUE_CHOICES = 6


def solve(
    instance: Instance,
    *,
    time_limit_seconds: float,
    num_workers: int = 2,
    seed: int = DEFAULT_SEED,
    max_venue_choices: int | None = DEFAULT_MAX_VENUE_CHOICES,
) -> Result:
    """Place as many batches as possible, then spread them (see `cpsat.solve_here`).

    The time limit covers the whole call, starting the child process included.
    """
    started_at = time.monotonic()  # system-wide on Linux, so the child reads the same clock
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(
            _solve_in_child,
            instance,
            time_limit_seconds=time_limit_seconds,
            num_workers=num_workers,
            seed=seed,
            max_venue_choices=max_venue_choices,
            started_at=started_at,
        )
        return future.result()


def _solve_in_child(instance: Instance, **options: object) -> Result:
    from .cpsat import solve_here  # OR-Tools is imported in the child process only

    return solve_here(instance, **options)  # type: ignore[arg-type]
