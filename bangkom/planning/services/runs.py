"""Optimiser runs of a plan and the budget scenarios derived from a finished run, queued after
commit."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.core.jobs import enqueue_on_commit
from bangkom.planning.models import Plan, PlanProgram, PlanRun, RunStatus
from bangkom.planning.services.plans import _require_draft, conflict


def _enqueue(run: PlanRun) -> None:
    from bangkom.planning.tasks import plan_run_execute

    enqueue_on_commit(run, plan_run_execute, run.pk)


def plan_run_start(
    *, plan: Plan, expected_version: int, acting_user: Any, enqueue: bool = True
) -> PlanRun:
    """Queue an optimiser run of the plan as it is at ``expected_version``.

    The version is checked (the planner optimises the plan they saw) but not bumped: a run
    records a result, it does not change the plan. ``enqueue=False`` leaves the run queued
    without a background job, for a caller that solves it at once with
    :func:`bangkom.planning.runs.run_execute` (the demo load).
    """
    _require_draft(plan)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.version != expected_version:
            plan.version = expected_version
            raise conflict(plan)
        if not PlanProgram.objects.filter(plan=plan).exists():
            raise ServiceError(_("Pilih dulu program dari katalog untuk rencana ini."))
        run = PlanRun.objects.create(
            plan=plan,
            budget=locked.pagu,
            label=_("Pagu penuh"),
            progress_note=_("Menunggu giliran"),
            created_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        audit_event(
            actor=acting_user,
            action="planning.run.start",
            target=run,
            instansi=plan.instansi,
            after={"budget": run.budget, "plan_version": expected_version},
        )
        if enqueue:
            _enqueue(run)
    return run


def scenario_create(*, run: PlanRun, budget: int, label: str, acting_user: Any) -> PlanRun:
    """A copy of a finished run's instance with another budget, solved again."""
    if run.status != RunStatus.DONE or not run.instance_json:
        raise ServiceError(_("Skenario hanya dapat dibuat dari hasil optimasi yang selesai."))
    if budget < 0:
        raise ServiceError({"budget": [_("Anggaran tidak boleh negatif.")]})
    with transaction.atomic():
        instance = dict(run.instance_json)
        instance["budget"] = budget
        scenario = PlanRun.objects.create(
            plan=run.plan,
            parent=run,
            label=label.strip() or _("Skenario"),
            budget=budget,
            instance_json=instance,
            evidence_json=run.evidence_json,
            progress_note=_("Menunggu giliran"),
            created_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        audit_event(
            actor=acting_user,
            action="planning.run.scenario",
            target=scenario,
            instansi=run.plan.instansi,
            after={"parent": run.pk, "budget": budget, "label": scenario.label},
        )
        _enqueue(scenario)
    return scenario
