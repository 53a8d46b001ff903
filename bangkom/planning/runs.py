"""From a plan to the optimiser and back: build the ``Instance``, run the solver, store the
result as a ``PlanRun`` with its assignments, and explain an assignment.

Building the instance (documented in docs/planning.md):

- ASN: every active employee with an ``EmployeeNeeds`` row for the plan year, inside the plan's
  unit subtree for a sub-plan. ``gaps`` per competency code are the larger of the gap against
  the current position and against the career target; ``weights`` come from the need lines.
- ``jp_done`` is the JP the ASN has been credited in the plan year so far, read through
  ``planning.jp_done`` (the JP ledger in delivery registers itself there; without it, 0). An
  ASN who already met the target earns the optimiser's JP bonus without any program, so the
  programs go to those still behind. Last year's shortfall is not carried over: the yearly duty
  does not carry over in PP 11/2017, and the model's only lever (a higher personal target) would
  make those behind *less* attractive under the reach-the-target bonus (docs/jp-ledger.md).
- ``max_days`` is the plan's limit; ``class`` the position class (``tanpa_jabatan`` if none).
- ASN whose TMT CPNS falls in the plan year get a prorated JP target (see ``jp.prorated_target``).
- Programs are the plan's catalogue templates. A template meant for some units only becomes a
  "forbidden" pin for ASN outside those units (unless a planner pinned the pair).
- Planners' pins are passed as ``fixed``.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.factors.models import WeightFactor
from bangkom.organisation.models import Employee
from bangkom.planning.booked import booked_for
from bangkom.planning.jp import prorated_target
from bangkom.planning.jp_done import jp_done_for
from bangkom.planning.models import (
    Plan,
    PlanPin,
    PlanProgram,
    PlanRun,
    RunAssignment,
    RunStatus,
)
from bangkom.planning.optimiser.exchange import instance_to_json, parse_instance
from bangkom.planning.optimiser.model import (
    STATUS_FEASIBLE,
    STATUS_OPTIMAL,
    Assignment,
    FixedPair,
    Instance,
    Solution,
    explain,
)
from bangkom.planning.optimiser.model import (
    Employee as OptEmployee,
)
from bangkom.planning.optimiser.model import (
    Program as OptProgram,
)
from bangkom.planning.optimiser.solver import Progress, solve
from bangkom.planning.selectors import plan_needs, planned_elsewhere

logger = logging.getLogger(__name__)

NO_POSITION = "tanpa_jabatan"


@dataclass
class BuiltInstance:
    instance: Instance
    # employee id → competency code → weight factor ids (the evidence behind the weight)
    evidence: dict[str, dict[str, list[int]]]
    notes: list[str] = field(default_factory=list)


def _codes(competency_ids: set[int]) -> dict[int, str]:
    """Competency id → code used in the instance; a code shared by two competencies (a national
    one and an instansi's own) is made unique with the id."""
    rows = list(Competency.objects.filter(pk__in=competency_ids).values_list("pk", "kode"))
    counts: dict[str, int] = defaultdict(int)
    for _pk, kode in rows:
        counts[kode] += 1
    return {pk: kode if counts[kode] == 1 else f"{kode}#{pk}" for pk, kode in rows}


def build_instance(plan: Plan, *, budget: int | None = None) -> BuiltInstance:
    needs = plan_needs(plan)
    rows = list(
        needs.order_by("employee_id").values_list(
            "employee_id",
            "employee__position__kelas",
            "employee__tmt_cpns",
            "employee__unit__path",
            "lines_json",
        )
    )
    programs = list(
        PlanProgram.objects.filter(plan=plan)
        .select_related("template")
        .prefetch_related("template__competencies", "template__units")
        .order_by("pk")
    )
    competency_ids = {item["c"] for row in rows for item in row[4]}
    competency_ids |= {pc.competency_id for p in programs for pc in p.template.competencies.all()}
    codes = _codes(competency_ids)

    done = jp_done_for(plan.instansi_id, plan.tahun, [row[0] for row in rows])
    employees: list[OptEmployee] = []
    evidence: dict[str, dict[str, list[int]]] = {}
    paths: dict[str, str] = {}
    for employee_id, kelas, tmt, path, lines in rows:
        key = str(employee_id)
        gaps: dict[str, float] = {}
        weights: dict[str, float] = {}
        for item in lines:
            gap = max(item["g"], item.get("tg") or 0)
            if gap <= 0:
                continue
            code = codes[item["c"]]
            gaps[code] = float(gap)
            weights[code] = float(item["w"])
            if item.get("f"):
                evidence.setdefault(key, {})[code] = list(item["f"])
        target = None
        if tmt is not None and tmt.year == plan.tahun:
            target = float(prorated_target(plan.jp_target, join_month=tmt.month))
        employees.append(
            OptEmployee(
                id=key,
                position_class=kelas or NO_POSITION,
                jp_done=done[employee_id],
                max_days=plan.max_hari,
                gaps=gaps,
                weights=weights,
                jp_target=target,
            )
        )
        paths[key] = path or ""

    opt_programs = []
    for program in programs:
        template = program.template
        opt_programs.append(
            OptProgram(
                id=str(program.pk),
                jp=float(template.jp),
                days=template.hari_tinggal_kerja,
                gains={
                    codes[pc.competency_id]: float(pc.gain) for pc in template.competencies.all()
                },
                cost_fixed=float(template.biaya_tetap),
                cost_per_participant=float(template.biaya_per_peserta),
                min_participants=template.min_peserta,
                capacity=template.max_peserta,
                max_batches=program.max_angkatan,
                eligible_classes=frozenset(template.kelas_jabatan),
                min_batches=program.min_angkatan,
            )
        )

    present = {employee.id for employee in employees}
    notes: list[str] = []
    fixed: dict[tuple[str, str], bool] = {}
    for pin in PlanPin.objects.filter(plan=plan).select_related("employee"):
        key = str(pin.employee_id)
        if key not in present:
            notes.append(
                _("Pegawai %s dipatok tetapi tidak punya data kebutuhan tahun ini; diabaikan.")
                % pin.employee.nip
            )
            continue
        fixed[(key, str(pin.program_id))] = pin.assign
    for program in programs:
        unit_paths = [unit.path for unit in program.template.units.all()]
        if not unit_paths:
            continue
        for employee in employees:
            pair = (employee.id, str(program.pk))
            if pair not in fixed and not any(paths[employee.id].startswith(p) for p in unit_paths):
                fixed[pair] = False
    notes.extend(_exclude_planned_elsewhere(plan, programs, present, fixed))
    instance = Instance(
        budget=float(plan.pagu if budget is None else budget),
        jp_target=float(plan.jp_target),
        jp_bonus=float(plan.jp_bonus),
        employees=tuple(employees),
        programs=tuple(opt_programs),
        fixed=tuple(
            FixedPair(employee=e, program=p, assign=assign) for (e, p), assign in fixed.items()
        ),
        max_jp_per_employee=None if plan.max_jp_per_asn is None else float(plan.max_jp_per_asn),
        max_programs_per_employee=plan.max_program_per_asn,
    )
    return BuiltInstance(instance=instance, evidence=evidence, notes=notes)


_ENROLLED = ""  # the source of a pair booked outside the plans


def _exclude_planned_elsewhere(
    plan: Plan,
    programs: list[PlanProgram],
    present: set[str],
    fixed: dict[tuple[str, str], bool],
) -> list[str]:
    """Forbid the pairs another approved plan of the same instansi and year already places (the
    same ASN in the same catalogue program), so a sub-plan and its parent never book an ASN twice,
    and the pairs already enrolled outside the plans (``planning.booked``); a planner's own
    "wajib ikut" pin stays. Returns the notes of the run's explanation."""
    program_of = {program.template_id: str(program.pk) for program in programs}
    excluded: dict[str, int] = defaultdict(int)  # other plan's title (or "") → pairs
    kept: set[str] = set()
    pairs = [
        *planned_elsewhere(plan).values_list(
            "employee_id", "program__template_id", "run__plan__judul"
        ),
        *(
            (employee_id, template_id, _ENROLLED)
            for employee_id, template_id in booked_for(
                plan.instansi_id, plan.tahun, [int(key) for key in present]
            )
        ),
    ]
    for employee_id, template_id, source in pairs:
        pair = (str(employee_id), program_of.get(template_id, ""))
        if pair[1] == "" or pair[0] not in present:
            continue
        if fixed.get(pair) is True:
            kept.add(pair[0])
            continue
        fixed[pair] = False
        excluded[source] += 1
    notes = []
    for source, count in sorted(excluded.items()):
        if source == _ENROLLED:
            notes.append(
                _(
                    "%d pasangan ASN–program sudah terdaftar di pelaksanaan tahun ini; tidak "
                    "diusulkan lagi."
                )
                % count
            )
        else:
            notes.append(
                _(
                    "%(n)d pasangan ASN–program sudah direncanakan di rencana lain yang "
                    "disetujui (%(plan)s); tidak diusulkan lagi."
                )
                % {"n": count, "plan": source}
            )
    if kept:
        nips = Employee.objects.filter(pk__in=[int(key) for key in kept]).values_list(
            "nip", flat=True
        )
        notes.append(
            _("Dipatok wajib ikut meski sudah direncanakan atau terdaftar di tempat lain: %s.")
            % ", ".join(sorted(nips))
        )
    return notes


def _progress(run: PlanRun, *, progress: int, note: str, status: str = RunStatus.RUNNING) -> None:
    """Written outside any transaction so the polling page sees it at once."""
    PlanRun.objects.filter(pk=run.pk).update(status=status, progress=progress, progress_note=note)


class _Reporter:
    """Writes the solver's progress to the run, at most once a second: the share of the time
    limit used (30–85 %) and the best plan and proven bound so far."""

    def __init__(self, run: PlanRun) -> None:
        self.run = run
        self.last = -math.inf

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self.last < 1.0 and progress.stage == "generation":
            return
        self.last = now
        share = min(1.0, progress.elapsed / max(progress.time_limit, 1e-9))
        if progress.objective is None:
            note = _("Mencari rencana yang layak; batas atas %(bound)s") % {
                "bound": _number(progress.bound)
            }
        elif progress.stage == "exact":
            note = _("Mencari rencana optimal dari rencana awal bernilai %(value)s") % {
                "value": _number(progress.objective)
            }
        else:
            note = _("Rencana terbaik sejauh ini %(value)s dari batas atas %(bound)s") % {
                "value": _number(progress.objective),
                "bound": _number(progress.bound),
            }
        _progress(self.run, progress=30 + round(55 * share), note=note)


def _number(value: float) -> str:
    return number_format(round(value, 1), decimal_pos=1, use_l10n=True)


def _batch_numbers(
    solution: Solution, order: dict[str, tuple[str, int]]
) -> dict[tuple[str, str], int]:
    """Place each program's participants in its batches: by unit then id, split evenly, so
    every batch holds between the minimum and the capacity when the total allows it."""
    by_program: dict[str, list[str]] = defaultdict(list)
    for item in solution.assignments:
        by_program[item.program].append(item.employee)
    numbers: dict[tuple[str, str], int] = {}
    for program, members in by_program.items():
        members.sort(key=lambda e: order.get(e, ("", 0)))
        batches = max(1, solution.batches.get(program, 1))
        for index, employee in enumerate(members):
            numbers[(employee, program)] = index * batches // len(members) + 1
    return numbers


def run_execute(run_id: int, *, time_limit: float | None = None) -> PlanRun:
    """Solve one queued run and store its result. Idempotent: a finished run is left alone,
    and a retried run replaces whatever a failed attempt stored. ``time_limit`` (seconds)
    defaults to ``settings.PLANNING_TIME_LIMIT``."""
    run = PlanRun.objects.select_related("plan", "plan__unit").get(pk=run_id)
    if run.status == RunStatus.DONE:
        return run
    try:
        PlanRun.objects.filter(pk=run.pk).update(started_at=timezone.now())
        _progress(run, progress=10, note=_("Membaca kebutuhan ASN dan program"))
        if run.instance_json:
            instance = parse_instance(run.instance_json)
            notes: list[str] = []
        else:
            built = build_instance(run.plan, budget=run.budget)
            instance, notes = built.instance, built.notes
            PlanRun.objects.filter(pk=run.pk).update(
                instance_json=instance_to_json(instance), evidence_json=built.evidence
            )
        _progress(
            run,
            progress=30,
            note=_("Mengoptimalkan: %(e)d ASN, %(p)d program")
            % {"e": len(instance.employees), "p": len(instance.programs)},
        )
        solution = solve(
            instance,
            time_limit=float(getattr(settings, "PLANNING_TIME_LIMIT", 60.0))
            if time_limit is None
            else time_limit,
            progress=_Reporter(run),
        )
        _progress(run, progress=90, note=_("Menyimpan hasil"))
        _store(run, instance, solution, notes)
    except Exception as exc:
        logger.exception("plan run %s failed", run_id)
        PlanRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            progress=100,
            progress_note=_("Gagal"),
            error=str(exc)[:2000],
            finished_at=timezone.now(),
        )
        raise
    run.refresh_from_db()
    return run


def _store(run: PlanRun, instance: Instance, solution: Solution, notes: list[str]) -> None:
    employee_ids = [int(e.id) for e in instance.employees]
    order = {
        str(pk): (path or "", pk)
        for pk, path in Employee.objects.filter(pk__in=employee_ids).values_list("pk", "unit__path")
    }
    numbers = _batch_numbers(solution, order)
    pinned = {(pin.employee, pin.program) for pin in instance.fixed if pin.assign}
    with transaction.atomic():
        RunAssignment.objects.filter(run=run).delete()
        RunAssignment.objects.bulk_create(
            [
                RunAssignment(
                    run=run,
                    employee_id=int(item.employee),
                    program_id=int(item.program),
                    angkatan=numbers[(item.employee, item.program)],
                    pinned=(item.employee, item.program) in pinned,
                )
                for item in solution.assignments
            ],
            batch_size=2000,
        )
        PlanRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            progress=100,
            progress_note=_("Selesai"),
            solver_status=solution.status,
            objective=solution.objective,
            upper_bound=solution.upper_bound,
            batches={k: v for k, v in solution.batches.items() if v},
            cost=round(solution.cost),
            jp_compliant=solution.jp_compliant,
            employee_count=len(instance.employees),
            solve_seconds=round(solution.solve_seconds, 3),
            reasons=[*notes, *_named_programs(run.plan_id, solution.reasons)],
            error="",
            finished_at=timezone.now(),
        )


_PROGRAM_ID = re.compile(r"\bprogram (\d+)\b")


def _named_programs(plan_id: int, reasons: tuple[str, ...]) -> list[str]:
    """The optimiser's reasons with each program id (a ``PlanProgram`` key) shown as the
    catalogue code and title the planner knows, e.g. ``program KPG-SEM-01 (Seminar …)``."""
    if not reasons:
        return []
    names = {
        str(pk): f"{kode} ({judul})"
        for pk, kode, judul in PlanProgram.objects.filter(plan_id=plan_id).values_list(
            "pk", "template__kode", "template__judul"
        )
    }
    return [
        _PROGRAM_ID.sub(
            lambda match: f"program {names.get(match.group(1), match.group(1))}", reason
        )
        for reason in reasons
    ]


# ----------------------------------------------------------------------------- explanation


def solution_of(run: PlanRun) -> Solution:
    """The stored result of a run as the optimiser's ``Solution``."""
    assignments = tuple(
        Assignment(employee=str(e), program=str(p))
        for e, p in RunAssignment.objects.filter(run=run).values_list("employee_id", "program_id")
    )
    return Solution(
        status=run.solver_status or STATUS_FEASIBLE,
        objective=run.objective or 0.0,
        upper_bound=run.upper_bound or 0.0,
        batches=run.batches,
        assignments=assignments,
        cost=float(run.cost or 0),
        jp_compliant=run.jp_compliant or 0,
        solve_seconds=run.solve_seconds or 0.0,
    )


@dataclass
class ClosureView:
    code: str
    competency: Competency | None
    gap: float
    gain: float
    weight: float
    marginal_value: float
    factors: list[WeightFactor]
    missing_factors: int


@dataclass
class ProgramWhy:
    program: PlanProgram | None
    jp: float
    marginal_value: float
    needed_for_jp_target: bool
    closures: list[ClosureView]
    pinned: bool
    # The planner's minimum batches of the program and the batches the run gives it.
    minimum_batches: int = 0
    batches: int = 0

    @property
    def runs_for_minimum(self) -> bool:
        """Every batch of the program runs at least partly because of the planner's minimum."""
        return 0 < self.batches <= self.minimum_batches

    @property
    def fills_minimum(self) -> bool:
        """The ASN adds no value of their own: the seat only fills a steered batch."""
        return self.minimum_batches > 0 and self.marginal_value <= 1e-9 and not self.pinned


@dataclass
class EmployeeWhy:
    in_instance: bool
    programs: list[ProgramWhy]
    jp_total: float
    jp_target: float
    gaps: dict[str, float]
    weights: dict[str, float]


def explain_for(run: PlanRun, employee: Employee) -> EmployeeWhy:
    """Why an ASN was chosen in a run: the optimiser's ``explain`` plus the evidence behind
    each weight (``WeightFactor.title`` and ``evidence`` through the need line's factor ids)."""
    instance = parse_instance(run.instance_json)
    key = str(employee.pk)
    if key not in instance.employee_index:
        return EmployeeWhy(False, [], 0.0, 0.0, {}, {})
    opt_employee = instance.employees[instance.employee_index[key]]
    explanations = explain(instance, solution_of(run), key)
    evidence = run.evidence_json.get(key, {})
    factor_ids = {fid for ids in evidence.values() for fid in ids}
    factors = WeightFactor.objects.in_bulk(factor_ids)
    programs = PlanProgram.objects.select_related("template", "template__bentuk").in_bulk(
        [int(item.program) for item in explanations]
    )
    bare_codes = {
        c.split("#")[0] for item in explanations for c in (x.competency for x in item.closures)
    }
    competencies: dict[str, Competency] = {}
    for competency in Competency.objects.filter(
        Q(instansi__isnull=True) | Q(instansi_id=run.plan.instansi_id), kode__in=bare_codes
    ):
        competencies.setdefault(competency.kode, competency)
    pinned = {pin.program for pin in instance.fixed if pin.employee == key and pin.assign}
    minimum_of = {program.id: program.min_batches for program in instance.programs}
    result = []
    for item in explanations:
        closures = []
        for closure in item.closures:
            ids = evidence.get(closure.competency, [])
            closures.append(
                ClosureView(
                    code=closure.competency.split("#")[0],
                    competency=competencies.get(closure.competency.split("#")[0]),
                    gap=closure.gap,
                    gain=closure.gain,
                    weight=closure.weight,
                    marginal_value=closure.marginal_value,
                    factors=[factors[i] for i in ids if i in factors],
                    missing_factors=sum(1 for i in ids if i not in factors),
                )
            )
        result.append(
            ProgramWhy(
                program=programs.get(int(item.program)),
                jp=item.jp,
                marginal_value=item.marginal_value,
                needed_for_jp_target=item.needed_for_jp_target,
                closures=closures,
                pinned=item.program in pinned,
                minimum_batches=minimum_of.get(item.program, 0),
                batches=int(run.batches.get(item.program, 0)),
            )
        )
    return EmployeeWhy(
        in_instance=True,
        programs=result,
        jp_total=opt_employee.jp_done + sum(p.jp for p in result),
        jp_target=instance.jp_target_of(opt_employee),
        gaps=dict(opt_employee.gaps),
        weights={c: opt_employee.weight(c) for c in opt_employee.gaps},
    )


def scenario_difference(a: PlanRun, b: PlanRun) -> dict[str, Any]:
    """What is in run ``a`` and not in ``b``: assignments and batches, with both totals."""
    pairs_a = set(RunAssignment.objects.filter(run=a).values_list("employee_id", "program_id"))
    pairs_b = set(RunAssignment.objects.filter(run=b).values_list("employee_id", "program_id"))
    dropped = pairs_a - pairs_b
    added = pairs_b - pairs_a
    batches_dropped = {
        program: count - b.batches.get(program, 0)
        for program, count in a.batches.items()
        if count > b.batches.get(program, 0)
    }
    return {"dropped": dropped, "added": added, "batches_dropped": batches_dropped}


__all__ = [
    "STATUS_OPTIMAL",
    "BuiltInstance",
    "build_instance",
    "explain_for",
    "run_execute",
    "scenario_difference",
    "solution_of",
]
