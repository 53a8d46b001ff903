"""Background work of delivery: the scheduling run (django-tasks; the worker is
``bangkom db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def schedule_run_execute(run_id: int) -> str:
    """Schedule a queued ``ScheduleRun``'s batches; returns the run's status."""
    from bangkom.delivery.services.schedule import schedule_run_execute_now

    return schedule_run_execute_now(run_id).status
