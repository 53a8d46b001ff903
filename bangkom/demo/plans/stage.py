"""The planning stage of the demo: one region's catalogue and approved plan for the plan year.

In the order a BKPSDM would work: seed the JP conversion table, enter the program catalogue,
create the instansi plan with its budget ceiling (pagu), choose the catalogue programs with
their batches and months, run the optimiser over the needs rows of the needs stage, submit the
plan with that run and record the PPK's approval. Every write goes through a service, so the
audit trail is the real one, and the allocation is the optimiser's own.

The run is solved here, synchronously and with a short time limit, rather than queued for the
worker: the demo's instances are small (about fifty ASN), and a queued job would be left behind
for a run that is already done.

The stage runs only when the instansi has no plan for the year yet (:func:`plans_present`); call
it inside a transaction, so that a failure leaves nothing of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from bangkom.accounts.models import User
from bangkom.competencies.models import Competency
from bangkom.core.errors import ServiceError
from bangkom.demo.needs.stories import PLAN_YEAR
from bangkom.demo.plans.spec import PlanSpec, ProgramSpec
from bangkom.demo.spec import RegionSpec
from bangkom.organisation.models import Employee, Instansi, Unit
from bangkom.planning.models import (
    DevelopmentForm,
    Plan,
    PlanProgram,
    PlanRun,
    ProgramTemplate,
    RunAssignment,
)
from bangkom.planning.optimiser.exchange import parse_instance
from bangkom.planning.optimiser.model import explain
from bangkom.planning.runs import run_execute, solution_of
from bangkom.planning.services import (
    TemplateData,
    form_table_ensure,
    pin_set,
    plan_approve,
    plan_create,
    plan_program_save,
    plan_run_start,
    plan_submit,
    template_save,
)

# Seconds the optimiser may search per region. The demo's instances are proven optimal in well
# under a second; the limit only bounds the load if that ever changes.
SOLVE_SECONDS = 10.0
# Runs of the optimiser before the stage gives up on a plan without idle assignments.
MAX_ROUNDS = 6


def plans_present(instansi: Instansi, tahun: int = PLAN_YEAR) -> bool:
    """True when the instansi has any plan for ``tahun``: the stage then leaves it alone."""
    return Plan.objects.filter(instansi=instansi, tahun=tahun).exists()


@dataclass(frozen=True)
class PlanSummary:
    """What the approved plan does, for the console and the tests."""

    plan: Plan
    run: PlanRun
    templates: int  # programs in the catalogue
    programs: int  # programs in the plan
    programs_run: int  # programs with at least one batch
    batches: int
    employees: int  # ASN with at least one assignment
    employees_with_gaps: int  # ASN in the optimiser's instance (every one has a gap)
    assignments: int
    pins: int  # pairings the BKPSDM forbade because they closed no gap


class PlanningStage:
    """Builds one region's catalogue and plays its plan from draft to approval."""

    def __init__(self, region: RegionSpec, spec: PlanSpec, instansi: Instansi) -> None:
        self.region = region
        self.spec = spec
        self.instansi = instansi
        # The BKPSDM admin drafts, runs and submits the plan and records the PPK's approval.
        self.admin = User.objects.get(username=f"{region.slug}.bkpsdm")
        self.units = list(Unit.objects.filter(instansi=instansi).order_by("path"))
        usable = Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi))
        self.competencies = {c.kode: c for c in usable if c.instansi_id is None}

    def run(self) -> PlanSummary:
        form_table_ensure(instansi=self.instansi, acting_user=self.admin)
        forms = {form.kode: form for form in DevelopmentForm.objects.filter(instansi=self.instansi)}
        templates = {item.kode: self._template(item, forms) for item in self.spec.catalogue}
        spec = self.spec
        plan = plan_create(
            instansi=self.instansi,
            tahun=PLAN_YEAR,
            judul=spec.judul,
            pagu=spec.pagu,
            max_hari=spec.max_hari,
            jp_target=spec.jp_target,
            jp_bonus=spec.jp_bonus,
            max_jp_per_asn=spec.max_jp_per_asn,
            max_program_per_asn=spec.max_program_per_asn,
            acting_user=self.admin,
        )
        for choice in spec.programs:
            plan_program_save(
                plan=plan,
                expected_version=plan.version,
                template=templates[choice.kode],
                max_angkatan=choice.max_angkatan,
                min_angkatan=choice.min_angkatan,
                jadwal_bulan=choice.jadwal_bulan,
                kesesuaian_kurikulum=choice.kesesuaian_kurikulum,
                acting_user=self.admin,
            )
        run, pins = self._optimise(plan)
        plan_submit(plan=plan, expected_version=plan.version, run=run, acting_user=self.admin)
        plan_approve(
            plan=plan,
            expected_version=plan.version,
            nama=spec.ppk_nama,
            jabatan=spec.ppk_jabatan,
            acting_user=self.admin,
        )
        return summarise(plan, run, templates=len(templates), pins=pins)

    def _optimise(self, plan: Plan) -> tuple[PlanRun, int]:
        """Run the optimiser until every assignment closes a gap of its ASN.

        The optimiser also values reaching the JP target and fills batches up to their minimum,
        so it may send an ASN to a program that develops nothing the ASN lacks. The BKPSDM
        admin then forbids that pairing (a "never attends" pin) and runs it again: the plan it
        submits can be defended line by line. Returns the run and the number of pins set.
        """
        pins = 0
        for _round in range(MAX_ROUNDS):
            run = plan_run_start(
                plan=plan, expected_version=plan.version, acting_user=self.admin, enqueue=False
            )
            run = run_execute(run.pk, time_limit=SOLVE_SECONDS)
            if not run.has_plan:
                raise ServiceError(
                    f"{self.region.nama}: the optimiser found no plan "
                    f"({run.solver_status or run.status}: {run.error or '; '.join(run.reasons)})"
                )
            idle = pairs_without_gap(run)
            if not idle:
                return run, pins
            programs = PlanProgram.objects.in_bulk([program for _employee, program in idle])
            employees = Employee.objects.select_related("unit").in_bulk(
                [employee for employee, _program in idle]
            )
            for employee, program in idle:
                pin_set(
                    plan=plan,
                    expected_version=plan.version,
                    employee=employees[employee],
                    program=programs[program],
                    assign=False,
                    acting_user=self.admin,
                )
                pins += 1
        raise ValueError(f"{self.region.nama}: assignments without a gap after {MAX_ROUNDS} runs")

    # -------------------------------------------------------------------------- catalogue

    def _template(self, item: ProgramSpec, forms: dict[str, DevelopmentForm]) -> ProgramTemplate:
        """The catalogue program, entered unless the instansi has one with its code (which is
        then used as it is)."""
        existing = ProgramTemplate.objects.filter(instansi=self.instansi, kode=item.kode).first()
        if existing is not None:
            return existing
        try:
            form = forms[item.bentuk]
            competencies = [(self.competencies[code], gain) for code, gain in item.competencies]
        except KeyError as missing:
            raise ValueError(f"{item.kode}: unknown form or competency {missing}") from None
        return template_save(
            instansi=self.instansi,
            data=TemplateData(
                kode=item.kode,
                judul=item.judul,
                bentuk=form,
                jumlah_satuan=Decimal(item.jumlah_satuan),
                hari_belajar=item.hari_belajar,
                bulan=item.bulan,
                hari_tinggal_kerja=item.hari_tinggal_kerja,
                mode=item.mode,
                min_peserta=item.peserta[0],
                max_peserta=item.peserta[1],
                biaya_tetap=item.biaya_tetap,
                biaya_per_peserta=item.biaya_per_peserta,
                competencies=competencies,
                kelas_jabatan=item.kelas_jabatan,
                units=[self.unit(name) for name in item.units],
                penyelenggara=item.penyelenggara,
                prasyarat=item.prasyarat,
                catatan_kurikulum=item.catatan_kurikulum,
            ),
            acting_user=self.admin,
        )

    def unit(self, name: str) -> Unit:
        """A unit by name, or ``Parent/Child`` when the name alone is not unique."""
        *parents, last = name.split("/")
        by_pk = {unit.pk: unit for unit in self.units}
        found = [
            unit
            for unit in self.units
            if unit.nama == last
            and (
                not parents
                or (unit.parent_id is not None and by_pk[unit.parent_id].nama == parents[-1])
            )
        ]
        if len(found) != 1:
            raise ValueError(f"{self.region.nama}: {len(found)} units named {name!r}")
        return found[0]


def pairs_without_gap(run: PlanRun) -> list[tuple[int, int]]:
    """(employee id, plan program id) of the run's assignments that close none of the ASN's
    gaps: the optimiser's explanation of them names no competency."""
    instance = parse_instance(run.instance_json)
    solution = solution_of(run)
    result = []
    for employee in sorted({item.employee for item in solution.assignments}, key=int):
        for item in explain(instance, solution, employee):
            if not item.closures:
                result.append((int(employee), int(item.program)))
    return result


def summarise(plan: Plan, run: PlanRun, *, templates: int, pins: int) -> PlanSummary:
    pairs = list(RunAssignment.objects.filter(run=run).values_list("employee_id", "program_id"))
    return PlanSummary(
        plan=plan,
        run=run,
        templates=templates,
        programs=plan.programs.count(),
        programs_run=sum(1 for count in run.batches.values() if count),
        batches=sum(run.batches.values()),
        employees=len({employee for employee, _program in pairs}),
        employees_with_gaps=run.employee_count,
        assignments=len(pairs),
        pins=pins,
    )
