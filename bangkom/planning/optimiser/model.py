"""Plain data for the plan optimiser: the instance, the solution, and their checks.

An *instance* says who may attend which development program (program pengembangan kompetensi)
and at what cost; a *solution* says which batches run and who attends. Everything here is pure
Python so it can be tested without a database and reused outside Django.

Domain terms: ASN is a civil servant; JP (jam pelajaran) is a 45-minute learning hour, and each
ASN should earn ``jp_target`` JP a year; a *gap* is how many proficiency levels an ASN lacks in a
competency (M.x managerial, SK.x socio-cultural, T.x technical).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# Tolerance for comparisons of sums of JSON numbers (rupiah, JP, gains).
EPSILON = 1e-6

STATUS_OPTIMAL = "optimal"
STATUS_FEASIBLE = "feasible"
STATUS_INFEASIBLE = "infeasible"
# No feasible plan was found within the time limit, and infeasibility was not proven either.
STATUS_UNKNOWN = "unknown"


class InstanceError(ValueError):
    """A malformed instance. ``messages`` name each problem, in Indonesian, for the user."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class Employee:
    """One ASN. ``gaps`` maps competency code to missing levels; absent weights count as 1."""

    id: str
    position_class: str
    jp_done: float
    max_days: int
    gaps: Mapping[str, float]
    weights: Mapping[str, float] = field(default_factory=dict)
    # Optional personal JP target, e.g. prorated for an ASN who joined mid-year.
    jp_target: float | None = None

    def weight(self, code: str) -> float:
        return self.weights.get(code, 1.0)


@dataclass(frozen=True)
class Program:
    """A development program that runs in batches (angkatan) of limited size."""

    id: str
    jp: float
    days: int
    gains: Mapping[str, float]
    cost_fixed: float
    cost_per_participant: float
    min_participants: int
    capacity: int
    max_batches: int
    # Empty means every position class may attend.
    eligible_classes: frozenset[str] = frozenset()
    # The planner's steering: at least this many batches run (0 = the optimiser decides).
    min_batches: int = 0

    def admits(self, position_class: str) -> bool:
        return not self.eligible_classes or position_class in self.eligible_classes


@dataclass(frozen=True)
class FixedPair:
    """A pin set by a planner: this ASN must (``assign``) or must not attend this program."""

    employee: str
    program: str
    assign: bool


@dataclass(frozen=True)
class Instance:
    budget: float
    jp_target: float
    jp_bonus: float
    employees: tuple[Employee, ...]
    programs: tuple[Program, ...]
    fixed: tuple[FixedPair, ...] = ()
    # Per-ASN caps on what this plan gives one ASN: JP of its programs (``jp_done`` not
    # counted) and number of programs. ``None`` means no cap.
    max_jp_per_employee: float | None = None
    max_programs_per_employee: int | None = None

    @cached_property
    def employee_index(self) -> dict[str, int]:
        return {employee.id: index for index, employee in enumerate(self.employees)}

    @cached_property
    def program_index(self) -> dict[str, int]:
        return {program.id: index for index, program in enumerate(self.programs)}

    def jp_target_of(self, employee: Employee) -> float:
        return self.jp_target if employee.jp_target is None else employee.jp_target


@dataclass(frozen=True)
class Assignment:
    employee: str
    program: str


@dataclass(frozen=True)
class Solution:
    status: str
    objective: float
    upper_bound: float
    batches: Mapping[str, int]
    assignments: tuple[Assignment, ...]
    cost: float
    jp_compliant: int
    solve_seconds: float
    # Why the instance is infeasible, or other notes for the user (Indonesian).
    reasons: tuple[str, ...] = ()

    @property
    def relative_gap(self) -> float:
        if self.status == STATUS_INFEASIBLE:
            return 0.0
        return (self.upper_bound - self.objective) / max(1.0, abs(self.upper_bound))

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "objective": round(self.objective, 6),
            "upper_bound": round(self.upper_bound, 6),
            "batches": dict(sorted(self.batches.items())),
            "assignments": [
                {"employee": item.employee, "program": item.program} for item in self.assignments
            ],
            "cost": round(self.cost, 2),
            "jp_compliant": self.jp_compliant,
            "solve_seconds": round(self.solve_seconds, 3),
            "reasons": list(self.reasons),
        }


# --------------------------------------------------------------------------------------------
# Evaluation and checks


def employee_value(
    instance: Instance, employee: Employee, programs: Iterable[Program]
) -> tuple[float, bool]:
    """Objective contribution of one ASN attending ``programs``, and whether they meet JP."""
    covered: dict[str, float] = {}
    jp = employee.jp_done
    for program in programs:
        jp += program.jp
        for code, gain in program.gains.items():
            covered[code] = covered.get(code, 0.0) + gain
    value = sum(
        employee.weight(code) * min(gap, covered.get(code, 0.0))
        for code, gap in employee.gaps.items()
    )
    compliant = jp >= instance.jp_target_of(employee) - EPSILON
    if compliant:
        value += instance.jp_bonus
    return value, compliant


def _programs_by_employee(
    instance: Instance, assignments: Iterable[Assignment]
) -> dict[str, list[Program]]:
    chosen: dict[str, list[Program]] = {employee.id: [] for employee in instance.employees}
    for item in assignments:
        program_at = instance.program_index.get(item.program)
        if item.employee in chosen and program_at is not None:
            chosen[item.employee].append(instance.programs[program_at])
    return chosen


def evaluate(
    instance: Instance, assignments: Iterable[Assignment], batches: Mapping[str, int]
) -> float:
    """The objective of a plan, computed straight from its definition (the tests' oracle).

    ``batches`` does not change the objective; it is taken so the call reads like the plan.
    """
    del batches
    chosen = _programs_by_employee(instance, assignments)
    return sum(
        employee_value(instance, employee, chosen[employee.id])[0]
        for employee in instance.employees
    )


def plan_cost(
    instance: Instance, assignments: Iterable[Assignment], batches: Mapping[str, int]
) -> float:
    counts: dict[str, int] = {}
    for item in assignments:
        counts[item.program] = counts.get(item.program, 0) + 1
    return sum(
        program.cost_fixed * batches.get(program.id, 0)
        + program.cost_per_participant * counts.get(program.id, 0)
        for program in instance.programs
    )


def jp_compliant_count(instance: Instance, assignments: Iterable[Assignment]) -> int:
    chosen = _programs_by_employee(instance, assignments)
    return sum(
        employee_value(instance, employee, chosen[employee.id])[1]
        for employee in instance.employees
    )


def check_feasible(instance: Instance, solution: Solution) -> list[str]:
    """Every constraint the plan breaks (Indonesian); empty when the plan is feasible."""
    violations: list[str] = []
    counts: dict[str, int] = {}
    days: dict[str, int] = {}
    jp_given: dict[str, float] = {}
    taken: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for item in solution.assignments:
        employee_at = instance.employee_index.get(item.employee)
        program_at = instance.program_index.get(item.program)
        if employee_at is None or program_at is None:
            violations.append(f"penugasan {item.employee} → {item.program} tidak dikenal")
            continue
        if (item.employee, item.program) in seen:
            violations.append(f"penugasan {item.employee} → {item.program} ganda")
            continue
        seen.add((item.employee, item.program))
        employee = instance.employees[employee_at]
        program = instance.programs[program_at]
        if not program.admits(employee.position_class):
            violations.append(
                f"pegawai {employee.id} ({employee.position_class}) tidak berhak ikut {program.id}"
            )
        counts[program.id] = counts.get(program.id, 0) + 1
        days[employee.id] = days.get(employee.id, 0) + program.days
        jp_given[employee.id] = jp_given.get(employee.id, 0.0) + program.jp
        taken[employee.id] = taken.get(employee.id, 0) + 1
    for program_id in solution.batches:
        if program_id not in instance.program_index:
            violations.append(f"angkatan untuk program {program_id} yang tidak dikenal")
    for program in instance.programs:
        batches = solution.batches.get(program.id, 0)
        count = counts.get(program.id, 0)
        if batches < 0 or batches > program.max_batches:
            violations.append(
                f"program {program.id}: {batches} angkatan, batas {program.max_batches}"
            )
        if batches < program.min_batches:
            violations.append(
                f"program {program.id}: {batches} angkatan, kurang dari minimum perencana "
                f"{program.min_batches}"
            )
        if count > program.capacity * batches:
            violations.append(
                f"program {program.id}: {count} peserta melebihi kapasitas "
                f"{program.capacity} × {batches} angkatan"
            )
        if count < program.min_participants * batches:
            violations.append(
                f"program {program.id}: {count} peserta kurang dari minimum "
                f"{program.min_participants} × {batches} angkatan"
            )
    for employee in instance.employees:
        used = days.get(employee.id, 0)
        if used > employee.max_days:
            violations.append(
                f"pegawai {employee.id}: {used} hari melebihi batas {employee.max_days} hari"
            )
        cap_jp = instance.max_jp_per_employee
        if cap_jp is not None and jp_given.get(employee.id, 0.0) > cap_jp + EPSILON:
            violations.append(
                f"pegawai {employee.id}: {_fmt(jp_given[employee.id])} JP melebihi batas "
                f"{_fmt(cap_jp)} JP per pegawai"
            )
        cap_programs = instance.max_programs_per_employee
        if cap_programs is not None and taken.get(employee.id, 0) > cap_programs:
            violations.append(
                f"pegawai {employee.id}: {taken[employee.id]} program melebihi batas "
                f"{cap_programs} program per pegawai"
            )
    for pin in instance.fixed:
        present = (pin.employee, pin.program) in seen
        if pin.assign and not present:
            violations.append(f"pasangan tetap {pin.employee} → {pin.program} tidak ditugaskan")
        if not pin.assign and present:
            violations.append(f"pasangan terlarang {pin.employee} → {pin.program} ditugaskan")
    cost = plan_cost(instance, solution.assignments, solution.batches)
    if cost > instance.budget + EPSILON * max(1.0, instance.budget):
        violations.append(f"biaya {_rupiah(cost)} melebihi anggaran {_rupiah(instance.budget)}")
    return violations


def pin_conflicts(instance: Instance) -> list[str]:
    """Reasons why the pins, the planner's minimum batches or the per-ASN caps alone make every
    plan impossible (Indonesian, naming the program or ASN); empty if none found.

    These are the cheap, certain checks; the solver may still prove infeasibility later.
    """
    reasons: list[str] = []
    forced: dict[str, list[Program]] = {}
    forced_count: dict[str, int] = {}
    forbidden: set[tuple[str, str]] = set()
    cap_jp = instance.max_jp_per_employee
    cap_programs = instance.max_programs_per_employee
    for pin in instance.fixed:
        employee = instance.employees[instance.employee_index[pin.employee]]
        program = instance.programs[instance.program_index[pin.program]]
        if not pin.assign:
            forbidden.add((employee.id, program.id))
            continue
        if not program.admits(employee.position_class):
            reasons.append(
                f"pegawai {employee.id} (kelas {employee.position_class}) ditetapkan ikut "
                f"{program.id}, padahal program itu hanya untuk "
                f"{', '.join(sorted(program.eligible_classes))}"
            )
        forced.setdefault(employee.id, []).append(program)
        forced_count[program.id] = forced_count.get(program.id, 0) + 1
    for employee_id, programs in forced.items():
        employee = instance.employees[instance.employee_index[employee_id]]
        total_days = sum(program.days for program in programs)
        if total_days > employee.max_days:
            reasons.append(
                f"pegawai {employee_id}: program yang ditetapkan butuh {total_days} hari, "
                f"melebihi batas {employee.max_days} hari"
            )
        total_jp = sum(program.jp for program in programs)
        if cap_jp is not None and total_jp > cap_jp + EPSILON:
            reasons.append(
                f"pegawai {employee_id}: program yang ditetapkan memberi {_fmt(total_jp)} JP, "
                f"melebihi batas {_fmt(cap_jp)} JP per pegawai"
            )
        if cap_programs is not None and len(programs) > cap_programs:
            reasons.append(
                f"pegawai {employee_id}: {len(programs)} program ditetapkan, melebihi batas "
                f"{cap_programs} program per pegawai"
            )
    minimum_cost = 0.0
    required_seats = 0
    for program in instance.programs:
        count = forced_count.get(program.id, 0)
        if count == 0 and program.min_batches == 0:
            continue
        if program.min_batches > program.max_batches:
            reasons.append(
                f"program {program.id}: minimum {program.min_batches} angkatan melebihi batas "
                f"{program.max_batches} angkatan"
            )
            continue
        batches = max(math.ceil(count / program.capacity), program.min_batches)
        if batches > program.max_batches:
            reasons.append(
                f"program {program.id}: {count} peserta ditetapkan, melebihi kapasitas "
                f"{program.capacity} × {program.max_batches} angkatan"
            )
            continue
        needed = max(count, program.min_participants * batches)
        available = sum(
            1
            for employee in instance.employees
            if program.admits(employee.position_class)
            and (employee.id, program.id) not in forbidden
            and program.days <= employee.max_days
            and (cap_jp is None or program.jp <= cap_jp + EPSILON)
            and (cap_programs is None or cap_programs >= 1)
        )
        if available < needed:
            if program.min_batches and count <= program.min_participants * batches:
                reasons.append(
                    f"program {program.id}: minimum {program.min_batches} angkatan × "
                    f"{program.min_participants} peserta butuh {needed} peserta, tetapi hanya "
                    f"{available} pegawai yang berhak dan dapat ikut; kurangi minimum angkatan "
                    f"atau peserta minimum"
                )
            else:
                reasons.append(
                    f"program {program.id}: butuh minimal {needed} peserta tetapi hanya "
                    f"{available} pegawai yang berhak"
                )
        required_seats += needed
        minimum_cost += program.cost_fixed * batches + program.cost_per_participant * needed
    if minimum_cost > instance.budget + EPSILON * max(1.0, instance.budget):
        steered = [program.id for program in instance.programs if program.min_batches]
        what = "pasangan tetap dan minimum angkatan" if steered else "pasangan tetap"
        if not forced_count:
            what = "minimum angkatan"
        named = f" ({', '.join(f'program {id_}' for id_ in steered)})" if steered else ""
        reasons.append(
            f"biaya minimum {what}{named} {_rupiah(minimum_cost)} melebihi anggaran "
            f"{_rupiah(instance.budget)}"
        )
    if cap_programs is not None and required_seats > cap_programs * len(instance.employees):
        reasons.append(
            f"minimum angkatan dan pasangan tetap butuh {required_seats} kursi, tetapi "
            f"{len(instance.employees)} pegawai × batas {cap_programs} program per pegawai "
            f"hanya {cap_programs * len(instance.employees)}"
        )
    return reasons


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _rupiah(amount: float) -> str:
    return "Rp" + f"{amount:,.0f}".replace(",", ".")


def format_rupiah(amount: float) -> str:
    """Indonesian rupiah notation, e.g. ``Rp250.000.000``."""
    return _rupiah(amount)


# --------------------------------------------------------------------------------------------
# Explanation


@dataclass(frozen=True)
class GapClosure:
    """How one program narrows one competency gap of one ASN."""

    competency: str
    gap: float
    gain: float
    weight: float
    # Objective lost if this program alone were dropped from the ASN's plan, for this competency.
    marginal_value: float


@dataclass(frozen=True)
class AssignmentExplanation:
    program: str
    closures: tuple[GapClosure, ...]
    jp: float
    # True when dropping this program would cost the ASN the JP target (and the JP bonus).
    needed_for_jp_target: bool
    # Objective lost if this program alone were dropped from the ASN's plan.
    marginal_value: float


def explain(
    instance: Instance, solution: Solution, employee_id: str
) -> list[AssignmentExplanation]:
    """Why an ASN was chosen: per assigned program, the gaps it closes and what it is worth.

    Values are leave-one-out marginals, which are well defined when programs overlap.
    """
    if employee_id not in instance.employee_index:
        raise KeyError(employee_id)
    employee = instance.employees[instance.employee_index[employee_id]]
    programs = [
        instance.programs[instance.program_index[item.program]]
        for item in solution.assignments
        if item.employee == employee_id and item.program in instance.program_index
    ]
    total, compliant = employee_value(instance, employee, programs)
    covered: dict[str, float] = {}
    for program in programs:
        for code, gain in program.gains.items():
            covered[code] = covered.get(code, 0.0) + gain
    explanations = []
    for position, program in enumerate(programs):
        others = programs[:position] + programs[position + 1 :]
        without, compliant_without = employee_value(instance, employee, others)
        closures = []
        for code, gain in sorted(program.gains.items()):
            gap = employee.gaps.get(code, 0.0)
            if gap <= 0:
                continue
            weight = employee.weight(code)
            marginal = weight * (min(gap, covered[code]) - min(gap, covered[code] - gain))
            closures.append(
                GapClosure(
                    competency=code, gap=gap, gain=gain, weight=weight, marginal_value=marginal
                )
            )
        explanations.append(
            AssignmentExplanation(
                program=program.id,
                closures=tuple(closures),
                jp=program.jp,
                needed_for_jp_target=compliant and not compliant_without,
                marginal_value=total - without,
            )
        )
    return explanations
