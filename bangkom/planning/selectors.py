"""Reads of the catalogue and the plans, each with the joins its page needs so that a page's
query count does not grow with its data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from bangkom.needs.models import EmployeeNeeds
from bangkom.organisation.models import Instansi
from bangkom.planning.models import (
    Plan,
    PlanPin,
    PlanProgram,
    PlanRun,
    PlanStatus,
    ProgramCompetency,
    ProgramTemplate,
    RunAssignment,
    RunStatus,
)


def catalogue_templates(instansi: Instansi, q: str = "") -> QuerySet[ProgramTemplate]:
    qs = (
        ProgramTemplate.objects.filter(instansi=instansi)
        .select_related("bentuk")
        .prefetch_related(
            Prefetch(
                "competencies",
                queryset=ProgramCompetency.objects.select_related("competency"),
            ),
            "units",
        )
        .order_by("kode")
    )
    if q:
        qs = qs.filter(Q(kode__icontains=q) | Q(judul__icontains=q))
    return qs


def plan_needs(plan: Plan) -> QuerySet[EmployeeNeeds]:
    """The needs rows a plan optimises: active ASN of the plan year, inside a sub-plan's unit."""
    needs = EmployeeNeeds.objects.filter(
        instansi_id=plan.instansi_id, tahun=plan.tahun, employee__is_active=True
    )
    if plan.unit_id is not None:
        assert plan.unit is not None
        needs = needs.filter(employee__unit__path__startswith=plan.unit.path)
    return needs


def plan_needs_count(plan: Plan) -> int:
    return plan_needs(plan).count()


def planned_elsewhere(plan: Plan) -> QuerySet[RunAssignment]:
    """The assignments of the *other* approved plans of the plan's instansi and year (each the
    adopted run's): a sub-plan and the instansi plan, or two sub-plans, that may overlap."""
    return RunAssignment.objects.filter(
        run__plan__instansi_id=plan.instansi_id,
        run__plan__tahun=plan.tahun,
        run__plan__status=PlanStatus.APPROVED,
        run__plan__adopted_run=F("run_id"),
    ).exclude(run__plan_id=plan.pk)


@dataclass(frozen=True)
class Overlap:
    """An ASN placed in the same catalogue program by this plan and by another approved plan."""

    employee: Any
    template: ProgramTemplate
    other_plan: Plan


def plan_overlaps(plan: Plan, run: PlanRun | None = None) -> list[Overlap]:
    """What ``run`` (by default the plan's adopted run) books twice with the other approved
    plans of the same instansi and year, by ASN and program."""
    run_id = run.pk if run is not None else plan.adopted_run_id
    if run_id is None:
        return []
    mine = set(
        RunAssignment.objects.filter(run_id=run_id).values_list(
            "employee_id", "program__template_id"
        )
    )
    if not mine:
        return []
    rows = (
        planned_elsewhere(plan)
        .filter(employee_id__in={e for e, _t in mine})
        .select_related("employee", "program__template", "run__plan")
        .order_by("employee__nama", "program__template__kode", "run__plan_id")
    )
    return [
        Overlap(employee=a.employee, template=a.program.template, other_plan=a.run.plan)
        for a in rows
        if (a.employee_id, a.program.template_id) in mine
    ]


def plan_programs(plan: Plan) -> QuerySet[PlanProgram]:
    return (
        PlanProgram.objects.filter(plan=plan)
        .select_related("template", "template__bentuk")
        .prefetch_related(
            Prefetch(
                "template__competencies",
                queryset=ProgramCompetency.objects.select_related("competency"),
            )
        )
        .order_by("template__kode")
    )


def plan_pins(plan: Plan) -> QuerySet[PlanPin]:
    return (
        PlanPin.objects.filter(plan=plan)
        .select_related("employee", "program__template")
        .order_by("employee__nama", "program__template__kode")
    )


def plan_runs(plan: Plan) -> QuerySet[PlanRun]:
    return (
        PlanRun.objects.filter(plan=plan)
        .defer("instance_json", "evidence_json")
        .order_by("-created_at", "-id")
    )


def latest_finished_run(plan: Plan) -> PlanRun | None:
    return (
        PlanRun.objects.filter(plan=plan, status=RunStatus.DONE, parent__isnull=True)
        .defer("instance_json", "evidence_json")
        .order_by("-created_at", "-id")
        .first()
    )


def run_assignments(run: PlanRun) -> QuerySet[RunAssignment]:
    return (
        RunAssignment.objects.filter(run=run)
        .select_related(
            "employee",
            "employee__unit",
            "employee__position",
            "program__template",
            "program__template__bentuk",
        )
        .order_by("program__template__kode", "angkatan", "employee__nama", "employee_id")
    )


def run_program_totals(run: PlanRun) -> list[dict[str, Any]]:
    """Per program of a run: participants and batches, with the cost they make."""
    counts = dict(
        RunAssignment.objects.filter(run=run)
        .values_list("program_id")
        .annotate(n=Count("id"))
        .values_list("program_id", "n")
    )
    rows = []
    for program in plan_programs(run.plan):
        batches = int(run.batches.get(str(program.pk), 0))
        participants = counts.get(program.pk, 0)
        template = program.template
        rows.append(
            {
                "program": program,
                "batches": batches,
                "participants": participants,
                "cost": template.biaya_tetap * batches + template.biaya_per_peserta * participants,
            }
        )
    return rows


def run_jp_by_employee(run: PlanRun) -> dict[int, Any]:
    return dict(
        RunAssignment.objects.filter(run=run)
        .values("employee_id")
        .annotate(jp=Sum("program__template__jp"))
        .values_list("employee_id", "jp")
    )
