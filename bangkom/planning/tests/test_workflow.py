"""The plan's workflow (draft → submitted → approved, back to draft with a reason) and its
optimistic lock: two planners with the same stale version cannot both write."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bangkom.core.errors import ConflictError, ServiceError
from bangkom.core.models import AuditEvent
from bangkom.planning.models import Plan, PlanRun, PlanStatus, RunStatus
from bangkom.planning.runs import run_execute
from bangkom.planning.services import (
    plan_approve,
    plan_return_to_draft,
    plan_run_start,
    plan_submit,
    plan_update,
)
from bangkom.planning.tests.conftest import give_needs, make_template


def test_second_writer_with_the_same_version_gets_a_conflict(world, make_plan) -> None:
    plan = make_plan()
    version = plan.version
    first = Plan.objects.get(pk=plan.pk)
    second = Plan.objects.get(pk=plan.pk)
    plan_update(
        plan=first,
        expected_version=version,
        data={"pagu": 40_000_000},
        acting_user=world.user("bkpsdm"),
    )
    with pytest.raises(ConflictError) as caught:
        plan_update(
            plan=second,
            expected_version=version,
            data={"pagu": 99_000_000, "judul": "Ditimpa"},
            acting_user=world.user("superadmin"),
        )
    assert "sudah diubah orang lain" in caught.value.messages[0]
    stored = Plan.objects.get(pk=plan.pk)
    assert (stored.pagu, stored.version) == (40_000_000, version + 1)
    assert stored.judul != "Ditimpa"
    assert AuditEvent.objects.filter(action="planning.plan.update").count() == 1


def test_conflict_on_the_page_keeps_what_the_user_typed(client, world, make_plan) -> None:
    plan = make_plan()
    stale = plan.version
    plan_update(plan=plan, expected_version=stale, data={"pagu": 1}, acting_user=None)
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("planning:plan_edit", args=[plan.pk]),
        {
            "version": stale,
            "judul": "Judul ketikan saya",
            "pagu": 123,
            "jp_target": 20,
            "jp_bonus": "1",
            "max_hari": 9,
        },
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "sudah diubah orang lain" in content
    assert 'value="Judul ketikan saya"' in content
    # the form now carries the current version: saving again is a conscious overwrite
    assert f'name="version" value="{plan.version}"' in content
    assert Plan.objects.get(pk=plan.pk).pagu == 1


def test_workflow_submit_approve_and_return(
    world, make_plan, django_capture_on_commit_callbacks
) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1})])
    admin = world.user("bkpsdm")
    with django_capture_on_commit_callbacks(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=admin)
    run.refresh_from_db()
    plan_submit(plan=plan, expected_version=plan.version, run=run, acting_user=admin)
    assert plan.status == PlanStatus.SUBMITTED
    with pytest.raises(ServiceError):
        plan_update(plan=plan, expected_version=plan.version, data={"pagu": 1}, acting_user=admin)
    with pytest.raises(ServiceError):
        plan_approve(
            plan=plan, expected_version=plan.version, nama="", jabatan="", acting_user=admin
        )
    plan_approve(
        plan=plan,
        expected_version=plan.version,
        nama="Ir. Edi Rusdi Kamtono",
        jabatan="Wali Kota (PPK)",
        acting_user=admin,
    )
    stored = Plan.objects.get(pk=plan.pk)
    assert stored.status == PlanStatus.APPROVED
    assert stored.disetujui_oleh_jabatan == "Wali Kota (PPK)"
    assert stored.adopted_run_id == run.pk
    with pytest.raises(ServiceError):
        plan_return_to_draft(
            plan=plan, expected_version=plan.version, reason=" ", acting_user=admin
        )
    plan_return_to_draft(
        plan=plan, expected_version=plan.version, reason="Pagu APBD berubah", acting_user=admin
    )
    stored.refresh_from_db()
    assert stored.status == PlanStatus.DRAFT and stored.return_reason == "Pagu APBD berubah"
    assert stored.approved_at is None
    actions = list(
        AuditEvent.objects.filter(action__startswith="planning.plan.").values_list(
            "action", flat=True
        )
    )
    for action in ("submit", "approve", "return"):
        assert f"planning.plan.{action}" in actions


def test_submit_needs_a_feasible_run(world, make_plan) -> None:
    plan = make_plan([make_template(world, "A", {"M.3": 1})])
    queued = PlanRun.objects.create(plan=plan, budget=plan.pagu)  # not finished
    with pytest.raises(ServiceError):
        plan_submit(plan=plan, expected_version=plan.version, run=queued, acting_user=None)
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_run_start_checks_the_version(world, make_plan) -> None:
    plan = make_plan([make_template(world, "A", {"M.3": 1})])
    stale = plan.version
    plan_update(
        plan=Plan.objects.get(pk=plan.pk),
        expected_version=stale,
        data={"pagu": 5},
        acting_user=None,
    )
    with pytest.raises(ConflictError):
        plan_run_start(plan=plan, expected_version=stale, acting_user=None)
    assert not plan.runs.exists()


def test_run_execute_is_idempotent(world, make_plan, django_capture_on_commit_callbacks) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1})])
    with django_capture_on_commit_callbacks(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=None)
    first = list(run.assignments.values_list("employee_id", "program_id"))
    run_execute(run.pk)
    assert list(run.assignments.values_list("employee_id", "program_id")) == first


def test_a_run_started_without_enqueue_waits_for_its_caller_to_solve_it(
    world, make_plan, django_capture_on_commit_callbacks, settings
) -> None:
    settings.PLANNING_TIME_LIMIT = 0  # the caller's own limit is used, not this one
    give_needs(world.employee, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1})])
    with django_capture_on_commit_callbacks() as callbacks:
        run = plan_run_start(
            plan=plan, expected_version=plan.version, acting_user=None, enqueue=False
        )
    assert callbacks == [] and run.status == RunStatus.QUEUED and run.task_id == ""

    run = run_execute(run.pk, time_limit=5.0)

    assert run.status == RunStatus.DONE and run.has_plan
    assert list(run.assignments.values_list("employee_id", flat=True)) == [world.employee.pk]
