"""The demo's planning stage: each instansi has one approved 2026 plan whose allocation is the
optimiser's, within the budget ceiling, and every line of which closes a gap of its ASN."""

from __future__ import annotations

from collections import Counter

import pytest

from bangkom.demo.builder import DemoReport
from bangkom.demo.needs.stories import PLAN_YEAR
from bangkom.demo.plans import PLANS
from bangkom.demo.regions import REGIONS
from bangkom.demo.tests.loaded.support import instansi
from bangkom.needs.models import EmployeeNeeds
from bangkom.planning.models import Plan, PlanStatus, RunAssignment, RunStatus
from bangkom.planning.optimiser.exchange import parse_instance
from bangkom.planning.optimiser.model import check_feasible, evaluate, plan_cost
from bangkom.planning.runs import explain_for, solution_of


def approved_plan(slug: str) -> Plan:
    plans = Plan.objects.filter(instansi=instansi(slug), tahun=PLAN_YEAR)
    assert plans.count() == 1
    plan = plans.select_related("adopted_run").get()
    assert plan.status == PlanStatus.APPROVED and plan.unit is None
    return plan


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [region.slug for region in REGIONS])
def test_each_instansi_has_one_approved_plan_signed_by_its_head(
    demo: DemoReport, slug: str
) -> None:
    plan = approved_plan(slug)
    spec = PLANS[slug]

    assert plan.pagu == spec.pagu and plan.jp_target == 20
    assert plan.disetujui_oleh_jabatan.startswith("Wali Kota ")
    assert plan.disetujui_oleh_nama == spec.ppk_nama and plan.approved_at is not None
    assert plan.approved_by is not None and plan.approved_by.username == f"{slug}.bkpsdm"
    assert 8 <= plan.instansi.program_templates.count() <= 14
    assert plan.programs.count() >= 8
    assert plan.instansi.development_forms.filter(kode="magang").exists()
    forms = set(plan.programs.values_list("template__bentuk__kategori", flat=True))
    assert forms == {"klasikal", "nonklasikal"}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [region.slug for region in REGIONS])
def test_the_adopted_run_is_a_feasible_plan_within_the_pagu(demo: DemoReport, slug: str) -> None:
    plan = approved_plan(slug)
    run = plan.adopted_run
    assert run is not None and run.status == RunStatus.DONE and run.has_plan
    assert run.task_id == ""  # solved during the load, never queued for the worker
    assert run.cost is not None and run.objective is not None and run.upper_bound is not None

    instance = parse_instance(run.instance_json)
    solution = solution_of(run)

    assert check_feasible(instance, solution) == []
    assert instance.budget == plan.pagu
    cost = plan_cost(instance, solution.assignments, solution.batches)
    assert cost == run.cost <= plan.pagu
    assert evaluate(instance, solution.assignments, solution.batches) == pytest.approx(
        run.objective
    )
    assert run.objective <= run.upper_bound + 1e-6


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [region.slug for region in REGIONS])
def test_the_plan_makes_real_choices(demo: DemoReport, slug: str) -> None:
    """Not degenerate: most of the pagu spent, most ASN with gaps chosen, several programs
    running, many ASN reaching 20 JP, and yet not every program funded."""
    plan = approved_plan(slug)
    run = plan.adopted_run
    assert run is not None and run.cost is not None and run.jp_compliant is not None
    with_gaps = EmployeeNeeds.objects.filter(
        instansi=plan.instansi, tahun=PLAN_YEAR, gap_count__gt=0
    ).count()
    chosen = RunAssignment.objects.filter(run=run).values("employee").distinct().count()

    assert run.employee_count == with_gaps >= 30
    assert 0.6 * with_gaps <= chosen <= with_gaps
    # The per-ASN caps spread the pagu over (nearly) every ASN with gaps; it still cannot close
    # every weighted gap.
    instance = parse_instance(run.instance_json)
    every_gap = sum(
        employee.weight(code) * gap
        for employee in instance.employees
        for code, gap in employee.gaps.items()
    )
    assert run.objective is not None and run.objective < 0.9 * every_gap
    assert run.cost >= 0.95 * plan.pagu
    assert len([count for count in run.batches.values() if count]) >= 6
    assert run.jp_compliant >= 0.5 * chosen
    assert len(run.batches) < plan.programs.count()  # the pagu does not fund everything


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [region.slug for region in REGIONS])
def test_every_assignment_closes_a_weighted_gap_of_its_asn(demo: DemoReport, slug: str) -> None:
    """Line by line: the "why" page names, for every program an ASN is placed in, a
    competency the program develops in which the ASN's need row has a weighted gap."""
    run = approved_plan(slug).adopted_run
    assignments = RunAssignment.objects.filter(run=run).select_related(
        "employee", "program__template"
    )
    lines = {
        row.employee_id: {line.competency_id: line for line in row.lines}
        for row in EmployeeNeeds.objects.filter(tahun=PLAN_YEAR, instansi=run.plan.instansi)
    }
    by_employee = Counter(item.employee_id for item in assignments)
    assert assignments

    for item in assignments:
        developed = set(item.program.template.competencies.values_list("competency_id", flat=True))
        gaps = [
            line
            for pk in developed
            if (line := lines[item.employee_id].get(pk))
            and max(line.gap, line.target_gap or 0) > 0
            and line.weight > 0
        ]
        assert gaps, f"{item.employee.nip} in {item.program.template.kode} closes no gap"
    for employee_id in list(by_employee)[:12]:
        assignment = assignments.filter(employee_id=employee_id).first()
        why = explain_for(run, assignment.employee)
        assert why.in_instance and len(why.programs) == by_employee[employee_id]
        assert all(program.closures for program in why.programs)
        assert all(
            closure.gap > 0 and closure.weight > 0 for p in why.programs for closure in p.closures
        )
