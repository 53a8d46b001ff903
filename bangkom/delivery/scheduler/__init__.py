"""The scheduler: a pure core (no Django) that places a year's batches on working days, venues
and trainers without conflicts. Exchange format and meaning: docs/scheduler.md.

Entry points (the app layer and `bangkom schedule` both use them):
    parse_instance(data: dict) -> Instance     # raises InstanceError(field, code, detail)
    solve(instance, *, time_limit_seconds: float) -> Result
    Result.as_dict() -> the `--json` output of `bangkom schedule`
"""

from .check import check
from .greedy import solve_greedy
from .model import Instance, InstanceError, Result, parse_instance
from .solver import solve

__all__ = [
    "Instance",
    "InstanceError",
    "Result",
    "check",
    "parse_instance",
    "solve",
    "solve_greedy",
]
