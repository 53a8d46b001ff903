"""Background work of the organisation: file imports (django-tasks; the worker is
``bangkom db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_job_run(job_id: int) -> str:
    """Run a queued ``ImportJob`` and record its outcome; returns the job's status."""
    from bangkom.organisation.imports.jobs import import_job_execute

    return import_job_execute(job_id).status
