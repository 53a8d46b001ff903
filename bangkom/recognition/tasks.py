"""Background work of recognition: the bulk issue of certificates (django-tasks; the worker is
``bangkom db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def certificate_job_execute(job_id: int) -> str:
    """Issue the certificates of a queued ``CertificateIssueJob``; returns its status."""
    from bangkom.recognition.services import certificate_job_run

    return certificate_job_run(job_id).status
