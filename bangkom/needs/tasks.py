"""Background work of the needs analysis (django-tasks, database backend in production; the
worker is ``bangkom db_worker``)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django_tasks import task


@task()
def needs_recompute_task(recomputation_id: int, language: str = "") -> str:
    """Run a queued ``Recomputation``; returns its status. Its progress notes are written in
    ``language``, the one of the admin who queued it."""
    from bangkom.needs.services import recomputation_execute

    with translation.override(language or settings.LANGUAGE_CODE):
        return recomputation_execute(recomputation_id).status
