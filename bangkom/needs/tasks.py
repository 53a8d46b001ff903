"""Background work of the needs analysis (django-tasks, database backend in production; the
worker is ``bangkom db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def needs_recompute_task(recomputation_id: int) -> str:
    """Run a queued ``Recomputation``; returns its status."""
    from bangkom.needs.services import recomputation_execute

    return recomputation_execute(recomputation_id).status
