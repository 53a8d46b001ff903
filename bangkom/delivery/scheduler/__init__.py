"""The scheduler: a pure core (no Django) that places a year's batches on working days, venues
and trainers without conflicts. Exchange format and meaning: docs/scheduler.md.

Entry points (the app layer and `bangkom schedule` both use them):
    parse_instance(data: dict) -> Instance     # raises InstanceError(field, code, detail)
    solve(instance, *, time_limit_seconds: float) -> Result
    Result.as_dict() -> the `--json` output of `bangkom schedule`
"""
