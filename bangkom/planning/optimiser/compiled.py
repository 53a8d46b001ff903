"""The instance as numpy arrays, the shared input of the greedy, the MIP and the LP bound.

A *pair* is an (ASN, program) combination the ASN may attend: eligible by position class and
not forbidden by a pin. A *slot* is one (ASN, competency) gap with a positive weight. Coverage
coefficients are ``min(gain, gap)``: for integer plans ``min(gap, Σ gain·x)`` equals
``min(gap, Σ min(gain, gap)·x)``, and the capped form gives a tighter LP relaxation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .model import EPSILON, Instance

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Compiled:
    instance: Instance
    n_employees: int
    n_programs: int
    # Per program.
    jp: FloatArray
    days: IntArray
    cost_fixed: FloatArray
    cost_per_participant: FloatArray
    min_participants: IntArray
    capacity: IntArray
    max_batches: IntArray
    # The planner's minimum batches (0 for most programs).
    min_batches: IntArray
    # Per-ASN caps of the plan: JP given (inf without a cap), programs (n_programs without one).
    max_jp_per_employee: float
    max_programs_per_employee: int
    # Per ASN: days available, JP still missing (0 when already compliant).
    max_days: IntArray
    jp_need: FloatArray
    # Per pair, sorted by ASN then program; ``employee_pair_start`` is the CSR index.
    pair_employee: IntArray
    pair_program: IntArray
    pair_forced: BoolArray
    employee_pair_start: IntArray
    # Pair id per (ASN, program), −1 where there is no pair.
    pair_lookup: npt.NDArray[np.int32]
    # Position class per ASN, as an index into ``class_names``.
    employee_class: IntArray
    class_names: tuple[str, ...]
    # Per slot.
    slot_employee: IntArray
    slot_gap: FloatArray
    slot_weight: FloatArray
    # Coverage entries, sorted by pair; ``pair_coverage_start`` is the CSR index.
    coverage_slot: IntArray
    coverage_coefficient: FloatArray
    pair_coverage_start: IntArray
    # Per pair: share of the ASN's missing JP the program provides, capped at 1.
    pair_jp_share: FloatArray
    # JP bonus earned by ASN who already meet their target with no program at all.
    base_value: float

    @property
    def n_pairs(self) -> int:
        return len(self.pair_employee)

    @property
    def n_slots(self) -> int:
        return len(self.slot_employee)

    def pair_useful(self) -> BoolArray:
        """Pairs that can add objective value; the others only ever fill a minimum."""
        has_coverage = np.diff(self.pair_coverage_start) > 0
        return has_coverage | (self.pair_jp_share > 0) | self.pair_forced

    def pair_index(self, employee: int, program: int) -> int:
        return int(self.pair_lookup[employee, program])

    @property
    def has_caps(self) -> bool:
        return (
            self.instance.max_jp_per_employee is not None
            or self.instance.max_programs_per_employee is not None
        )


def compile_instance(instance: Instance) -> Compiled:
    employees, programs = instance.employees, instance.programs
    n_employees, n_programs = len(employees), len(programs)

    classes = sorted({employee.position_class for employee in employees})
    class_of = {name: index for index, name in enumerate(classes)}
    eligible = np.zeros((max(1, len(classes)), n_programs), dtype=bool)
    for column, program in enumerate(programs):
        for name, row in class_of.items():
            eligible[row, column] = program.admits(name)
    employee_class = np.array(
        [class_of[employee.position_class] for employee in employees], dtype=np.int64
    )
    allowed = eligible[employee_class] if n_employees else np.zeros((0, n_programs), bool)
    forced_matrix = np.zeros_like(allowed)
    for pin in instance.fixed:
        row = instance.employee_index[pin.employee]
        column = instance.program_index[pin.program]
        if pin.assign:
            forced_matrix[row, column] = True
        else:
            allowed[row, column] = False
    # An ineligible forced pair is reported as infeasible before compiling; keep it out here.
    forced_matrix &= allowed

    pair_employee, pair_program = (part.astype(np.int64) for part in np.nonzero(allowed))
    n_pairs = len(pair_employee)
    pair_lookup = np.full(allowed.shape, -1, dtype=np.int32)
    pair_lookup[pair_employee, pair_program] = np.arange(n_pairs)
    pair_forced = forced_matrix[pair_employee, pair_program]
    employee_pair_start = np.zeros(n_employees + 1, dtype=np.int64)
    np.cumsum(np.bincount(pair_employee, minlength=n_employees), out=employee_pair_start[1:])

    codes = sorted(
        {code for employee in employees for code in employee.gaps}
        | {code for program in programs for code in program.gains}
    )
    code_of = {code: index for index, code in enumerate(codes)}
    gap_matrix = np.zeros((n_employees, len(codes)))
    weight_matrix = np.zeros((n_employees, len(codes)))
    for row, employee in enumerate(employees):
        for code, gap in employee.gaps.items():
            gap_matrix[row, code_of[code]] = gap
            weight_matrix[row, code_of[code]] = employee.weight(code)
    gain_matrix = np.zeros((n_programs, len(codes)))
    for row, program in enumerate(programs):
        for code, gain in program.gains.items():
            gain_matrix[row, code_of[code]] = gain

    slot_mask = (gap_matrix > 0) & (weight_matrix > 0)
    slot_employee, slot_code = (part.astype(np.int64) for part in np.nonzero(slot_mask))
    slot_lookup = np.full(slot_mask.shape, -1, dtype=np.int64)
    slot_lookup[slot_employee, slot_code] = np.arange(len(slot_employee))

    entry_pair: list[IntArray] = []
    entry_slot: list[IntArray] = []
    entry_coefficient: list[FloatArray] = []
    for code_index in range(len(codes)):
        rows = np.nonzero(slot_mask[:, code_index])[0]
        columns = np.nonzero(gain_matrix[:, code_index] > 0)[0]
        if len(rows) == 0 or len(columns) == 0:
            continue
        pairs = pair_lookup[np.ix_(rows, columns)]
        coefficients = np.minimum(
            gain_matrix[columns, code_index][None, :], gap_matrix[rows, code_index][:, None]
        )
        slots = np.broadcast_to(slot_lookup[rows, code_index][:, None], pairs.shape)
        keep = pairs >= 0
        entry_pair.append(pairs[keep].astype(np.int64))
        entry_slot.append(slots[keep])
        entry_coefficient.append(coefficients[keep])
    coverage_pair = np.concatenate(entry_pair) if entry_pair else np.zeros(0, np.int64)
    coverage_slot = np.concatenate(entry_slot) if entry_slot else np.zeros(0, np.int64)
    coverage_coefficient = (
        np.concatenate(entry_coefficient) if entry_coefficient else np.zeros(0, np.float64)
    )
    order = np.argsort(coverage_pair, kind="stable")
    coverage_pair = coverage_pair[order]
    pair_coverage_start = np.zeros(n_pairs + 1, dtype=np.int64)
    np.cumsum(np.bincount(coverage_pair, minlength=n_pairs), out=pair_coverage_start[1:])

    targets = np.array([instance.jp_target_of(employee) for employee in employees], dtype=float)
    done = np.array([employee.jp_done for employee in employees], dtype=float)
    need = targets - done
    need[need <= EPSILON] = 0.0
    jp = np.array([program.jp for program in programs], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(
            need[pair_employee] > 0,
            np.minimum(1.0, jp[pair_program] / np.where(need > 0, need, 1.0)[pair_employee]),
            0.0,
        )

    return Compiled(
        instance=instance,
        n_employees=n_employees,
        n_programs=n_programs,
        jp=jp,
        days=np.array([program.days for program in programs], dtype=np.int64),
        cost_fixed=np.array([program.cost_fixed for program in programs], dtype=float),
        cost_per_participant=np.array(
            [program.cost_per_participant for program in programs], dtype=float
        ),
        min_participants=np.array(
            [program.min_participants for program in programs], dtype=np.int64
        ),
        capacity=np.array([program.capacity for program in programs], dtype=np.int64),
        max_batches=np.array([program.max_batches for program in programs], dtype=np.int64),
        min_batches=np.array([program.min_batches for program in programs], dtype=np.int64),
        max_jp_per_employee=(
            math.inf if instance.max_jp_per_employee is None else instance.max_jp_per_employee
        ),
        max_programs_per_employee=(
            n_programs
            if instance.max_programs_per_employee is None
            else min(n_programs, instance.max_programs_per_employee)
        ),
        max_days=np.array([employee.max_days for employee in employees], dtype=np.int64),
        jp_need=need,
        pair_employee=pair_employee,
        pair_program=pair_program,
        pair_forced=pair_forced,
        employee_pair_start=employee_pair_start,
        pair_lookup=pair_lookup,
        employee_class=employee_class,
        class_names=tuple(classes),
        slot_employee=slot_employee,
        slot_gap=gap_matrix[slot_employee, slot_code],
        slot_weight=weight_matrix[slot_employee, slot_code],
        coverage_slot=coverage_slot[order],
        coverage_coefficient=coverage_coefficient[order],
        pair_coverage_start=pair_coverage_start,
        pair_jp_share=share.astype(float),
        base_value=instance.jp_bonus * float(np.count_nonzero(need == 0)),
    )
