"""Background jobs recorded as rows (plan runs, import jobs, needs recomputations)."""

from __future__ import annotations

from typing import Any, ParamSpec

from django.db import models, transaction
from django_tasks.base import Task

P = ParamSpec("P")


def enqueue_on_commit(
    record: models.Model, task: Task[P, Any], *args: P.args, **kwargs: P.kwargs
) -> None:
    """Queue ``task`` once the current transaction commits (at once outside one), and store the
    task's id in ``record.task_id``: a worker never picks up a row that was rolled back."""

    def send() -> None:
        result = task.enqueue(*args, **kwargs)
        type(record)._default_manager.filter(pk=record.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(send)
