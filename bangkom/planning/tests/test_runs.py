"""From needs to the optimiser and back: instance building (hand-checked), the background
task storing its result, pins kept on re-runs, zero budget, nobody eligible, explanations and
scenarios."""

from __future__ import annotations

import datetime

from django.urls import reverse

from bangkom.organisation.models import Employee
from bangkom.planning.models import PlanPin, PlanRun, RunStatus
from bangkom.planning.runs import build_instance, explain_for, scenario_difference
from bangkom.planning.services import pin_set, plan_run_start, plan_update, scenario_create
from bangkom.planning.tasks import plan_run_execute
from bangkom.planning.tests.conftest import (
    YEAR,
    give_needs,
    make_template,
    programs_of,
    weight_factor,
)


def start(plan, user=None, callbacks=None):  # type: ignore[no-untyped-def]
    with callbacks(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=user)
    run.refresh_from_db()
    return run


def test_instance_from_needs_hand_checked(world, make_plan) -> None:
    factor = weight_factor(world, "M.5", "IKM unsur U7 rendah di Puskesmas Alak", {"U7": "2,4"})
    give_needs(world.employee, {"M.3": (2, "1.5"), "M.5": (1, "1.5", [factor.pk])})
    give_needs(world.kecamatan_staff, {"M.3": (0, "1"), "M.1": (1, "2")})
    give_needs(world.other_employee, {"M.3": (3, "1")})  # other instansi: never in the plan
    Employee.objects.filter(pk=world.kecamatan_staff.pk).update(tmt_cpns=datetime.date(YEAR, 3, 1))
    workshop = make_template(world, "A", {"M.3": 1, "M.5": 1}, kelas_jabatan=["ahli_pertama"])
    local = make_template(world, "B", {"M.1": 1}, units=[world.kecamatan], biaya_tetap=0)
    plan = make_plan([workshop, local], max_hari=7, pagu=3_000_000)
    program = programs_of(plan)
    built = build_instance(plan)
    instance = built.instance
    assert instance.budget == 3_000_000 and instance.jp_target == 20
    employees = {e.id: e for e in instance.employees}
    assert set(employees) == {str(world.employee.pk), str(world.kecamatan_staff.pk)}
    nurse = employees[str(world.employee.pk)]
    assert nurse.position_class == "ahli_pertama"
    assert dict(nurse.gaps) == {"M.3": 2.0, "M.5": 1.0}
    assert dict(nurse.weights) == {"M.3": 1.5, "M.5": 1.5}
    assert (nurse.jp_done, nurse.max_days, nurse.jp_target) == (0.0, 7, None)
    clerk = employees[str(world.kecamatan_staff.pk)]
    assert dict(clerk.gaps) == {"M.1": 1.0}  # a zero gap is no gap
    assert clerk.jp_target == 17  # TMT March: 20 × 10 / 12 rounded up
    programs = {p.id: p for p in instance.programs}
    a = programs[str(program["A"].pk)]
    assert (a.jp, a.days, a.capacity, a.max_batches) == (10.0, 2, 30, 4)
    assert dict(a.gains) == {"M.3": 1.0, "M.5": 1.0}
    assert a.eligible_classes == frozenset({"ahli_pertama"})
    assert (a.cost_fixed, a.cost_per_participant) == (1_000_000, 100_000)
    # program B is for Kecamatan Alak only: the nurse is forbidden from it
    assert {(f.employee, f.program, f.assign) for f in instance.fixed} == {
        (str(world.employee.pk), str(program["B"].pk), False)
    }
    assert built.evidence == {str(world.employee.pk): {"M.5": [factor.pk]}}


def test_task_stores_the_result_and_explains_it(
    world, make_plan, django_capture_on_commit_callbacks
) -> None:
    factor = weight_factor(world, "M.5", "IKM unsur U7 rendah di Puskesmas Alak", {"U7": "2,4"})
    give_needs(world.employee, {"M.3": (2, "1.5"), "M.5": (1, "1.5", [factor.pk])})
    give_needs(world.colleague, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1, "M.5": 1})])
    run = start(plan, world.user("bkpsdm"), django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE and run.progress == 100
    assert run.solver_status == "optimal"
    assert run.objective == 1.5 + 1.5 + 1.0  # nurse M.3 1×1.5 + M.5 1×1.5, colleague M.3 1×1
    assert run.cost == 1_000_000 + 2 * 100_000
    assert run.batches == {str(programs_of(plan)["A"].pk): 1}
    assert run.jp_compliant == 0 and run.employee_count == 2
    assert run.task_id
    assert set(run.assignments.values_list("employee_id", flat=True)) == {
        world.employee.pk,
        world.colleague.pk,
    }
    why = explain_for(run, world.employee)
    assert len(why.programs) == 1
    closures = {c.code: c for c in why.programs[0].closures}
    assert closures["M.3"].gap == 2 and closures["M.3"].weight == 1.5
    assert [f.title for f in closures["M.5"].factors] == ["IKM unsur U7 rendah di Puskesmas Alak"]
    client_page = reverse("planning:assignment_why", args=[plan.pk, run.pk, world.employee.pk])
    assert client_page.startswith("/rencana/")


def test_enqueue_runs_the_task_with_the_immediate_backend(world, make_plan) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1})])
    run = PlanRun.objects.create(plan=plan, budget=plan.pagu)
    result = plan_run_execute.enqueue(run.pk)
    assert result.status == "SUCCESSFUL"
    assert result.return_value == RunStatus.DONE
    run.refresh_from_db()
    assert run.assignments.count() == 1


def test_pins_are_kept_on_rerun(world, make_plan, django_capture_on_commit_callbacks) -> None:
    give_needs(world.employee, {"M.3": (1, "2")})
    give_needs(world.colleague, {"M.3": (1, "1")})
    give_needs(world.kecamatan_staff, {"M.1": (1, "1")})
    # budget for one seat in A only: the heavier-weighted nurse is chosen first
    plan = make_plan(
        [make_template(world, "A", {"M.3": 1}, biaya_tetap=0, biaya_per_peserta=1_000_000)],
        pagu=1_000_000,
    )
    program = programs_of(plan)["A"]
    first = start(plan, None, django_capture_on_commit_callbacks)
    assert list(first.assignments.values_list("employee_id", flat=True)) == [world.employee.pk]
    admin = world.user("bkpsdm")
    pin_set(
        plan=plan,
        expected_version=plan.version,
        employee=world.colleague,
        program=program,
        assign=True,
        acting_user=admin,
    )
    second = start(plan, admin, django_capture_on_commit_callbacks)
    assert list(second.assignments.values_list("employee_id", "pinned")) == [
        (world.colleague.pk, True)
    ]
    # forbidding keeps the colleague out even when the pin is released for the nurse
    pin_set(
        plan=plan,
        expected_version=plan.version,
        employee=world.colleague,
        program=program,
        assign=False,
        acting_user=admin,
    )
    third = start(plan, admin, django_capture_on_commit_callbacks)
    assert list(third.assignments.values_list("employee_id", flat=True)) == [world.employee.pk]
    assert PlanPin.objects.filter(plan=plan).count() == 1


def test_zero_budget_assigns_nobody(world, make_plan, django_capture_on_commit_callbacks) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1})], pagu=0)
    run = start(plan, None, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE
    assert run.cost == 0 and run.assignments.count() == 0 and run.objective == 0


def test_nobody_eligible(world, make_plan, django_capture_on_commit_callbacks) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1}, kelas_jabatan=["jpt_madya"])])
    run = start(plan, None, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE and run.assignments.count() == 0
    # and a sub-plan of a unit without any needs has no ASN at all
    empty = make_plan([make_template(world, "B", {"M.3": 1})], unit=world.kecamatan)
    run = start(empty, None, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE and run.employee_count == 0


def test_subplan_covers_only_its_subtree(world, make_plan) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})
    give_needs(world.kecamatan_staff, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1})], unit=world.dinkes)
    ids = {e.id for e in build_instance(plan).instance.employees}
    assert ids == {str(world.employee.pk)}


def test_scenario_with_less_budget_shows_what_drops(
    world, make_plan, django_capture_on_commit_callbacks
) -> None:
    give_needs(world.employee, {"M.3": (1, "2")})
    give_needs(world.colleague, {"M.3": (1, "1")})
    plan = make_plan(
        [make_template(world, "A", {"M.3": 1}, biaya_tetap=0, biaya_per_peserta=1_000_000)],
        pagu=2_000_000,
    )
    full = start(plan, None, django_capture_on_commit_callbacks)
    assert full.assignments.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        cut = scenario_create(run=full, budget=1_600_000, label="Anggaran −20%", acting_user=None)
    cut.refresh_from_db()
    assert cut.status == RunStatus.DONE and cut.parent_id == full.pk
    diff = scenario_difference(full, cut)
    assert diff["dropped"] == {(world.colleague.pk, programs_of(plan)["A"].pk)}
    assert not diff["added"]
    # the scenario solved the same instance: later plan edits do not leak into it
    plan_update(plan=plan, expected_version=plan.version, data={"pagu": 1}, acting_user=None)
    assert cut.instance_json["employees"] == full.instance_json["employees"]


def test_solver_progress_is_written_to_the_run(world, make_plan) -> None:
    from bangkom.planning.optimiser.solver import Progress
    from bangkom.planning.runs import _Reporter

    give_needs(world.employee, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1})])
    run = PlanRun.objects.create(plan=plan, budget=plan.pagu)
    report = _Reporter(run)
    report(Progress(stage="greedy", elapsed=0.0, time_limit=60, objective=None, bound=12.5))
    run.refresh_from_db()
    assert run.progress == 30 and run.status == RunStatus.RUNNING
    assert run.progress_note == "Mencari rencana yang layak; batas atas 12,5"
    report.last = -1e9  # a second later
    report(Progress(stage="plan", elapsed=30.0, time_limit=60, objective=10.0, bound=12.5))
    run.refresh_from_db()
    assert run.progress == 30 + round(55 * 0.5)
    assert run.progress_note == "Rencana terbaik sejauh ini 10,0 dari batas atas 12,5"
    # Generation rounds within the same second are not written.
    report(Progress(stage="generation", elapsed=31.0, time_limit=60, objective=10.0, bound=12.0))
    run.refresh_from_db()
    assert run.progress_note.endswith("12,5")


def test_a_run_whose_worker_stopped_says_so_and_stops_polling(client, world, make_plan) -> None:
    from django.utils import timezone

    give_needs(world.employee, {"M.3": (1, "1")})
    plan = make_plan([make_template(world, "A", {"M.3": 1})])
    now = timezone.now()
    lost = PlanRun.objects.create(
        plan=plan, budget=plan.pagu, status=RunStatus.RUNNING, progress=30
    )
    PlanRun.objects.filter(pk=lost.pk).update(started_at=now - datetime.timedelta(hours=2))
    busy = PlanRun.objects.create(
        plan=plan, budget=plan.pagu, status=RunStatus.RUNNING, progress=30, started_at=now
    )
    client.force_login(world.user("bkpsdm"))

    def status(run: PlanRun) -> str:
        url = reverse("planning:run_status", args=[plan.pk, run.pk]) + "?poll=1"
        return client.get(url).content.decode()

    stopped = status(lost)
    assert "tampaknya terhenti" in stopped and 'hx-trigger="every 2s"' not in stopped
    running = status(busy)
    assert "tampaknya terhenti" not in running and 'hx-trigger="every 2s"' in running
