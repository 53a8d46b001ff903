"""Background work of the plans: the optimiser run (django-tasks, database backend in
production; the worker is ``bangkom db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def plan_run_execute(run_id: int) -> str:
    """Solve a queued ``PlanRun`` and store its result; returns the run's status."""
    from bangkom.planning.runs import run_execute

    return run_execute(run_id).status
