"""The exact model as one MIP (HiGHS), for instances small enough to prove optimal.

Variables: ``x`` per pair (binary), ``b`` per program (integer), ``y`` per slot (continuous,
``y ≤ gap`` and ``y ≤ Σ min(gain, gap)·x``) and ``z`` per ASN short of the JP target (binary,
``need·z ≤ Σ min(jp, need)·x``). Unlike the LP bound, every pair is present, also those that
add no value, since they may be needed to reach a program's minimum participants.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from .compiled import Compiled, FloatArray, IntArray

_INF = highspy.kHighsInf
_COST_SCALE = 1e-6  # rupiah in millions, for numerics


@dataclass(frozen=True)
class MipResult:
    # "optimal", "feasible", "infeasible" or "unknown" (no plan found, nothing proven).
    status: str
    chosen_pairs: IntArray
    batches: IntArray
    bound: float
    seconds: float


def configured_highs(
    lp: highspy.HighsLp, *, threads: int, relative_gap: float, time_limit: float
) -> highspy.Highs:
    """A quiet, deterministic HiGHS holding ``lp``, with the thread count, gap and time limit
    (shared by the exact MIP and the restricted master MIP)."""
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", threads)
    highs.setOptionValue("mip_rel_gap", relative_gap)
    highs.setOptionValue("time_limit", max(0.1, time_limit))
    highs.setOptionValue("random_seed", 0)
    highs.passModel(lp)
    return highs


def give_start(highs: highspy.Highs, values: FloatArray) -> None:
    """Start the MIP from the column values ``values`` (a feasible plan)."""
    solution = highspy.HighsSolution()
    solution.col_value = values.tolist()
    solution.value_valid = True
    highs.setSolution(solution)


def solve_mip(
    compiled: Compiled,
    *,
    time_limit: float,
    relative_gap: float,
    threads: int,
    hint_pairs: IntArray | None = None,
    hint_batches: IntArray | None = None,
) -> MipResult:
    started = time.monotonic()
    c = compiled
    n_pairs, n_slots, n_programs = c.n_pairs, c.n_slots, c.n_programs
    jp_employees = np.nonzero(c.jp_need > 0)[0]
    n_jp = len(jp_employees)
    # Column layout: x | b | y | z.
    col_b = n_pairs
    col_y = col_b + n_programs
    col_z = col_y + n_slots
    n_cols = col_z + n_jp
    # Row layout: slot | JP | days | seats | minimum | budget | JP cap | program cap (the caps
    # only when the plan sets them).
    row_jp = n_slots
    row_days = row_jp + c.n_employees
    row_seats = row_days + c.n_employees
    row_minimum = row_seats + n_programs
    row_budget = row_minimum + n_programs
    cap_jp = c.instance.max_jp_per_employee is not None
    cap_programs = c.instance.max_programs_per_employee is not None
    row_cap_jp = row_budget + 1
    row_cap_programs = row_cap_jp + (c.n_employees if cap_jp else 0)
    n_rows = row_cap_programs + (c.n_employees if cap_programs else 0)

    rows: list[IntArray] = []
    cols: list[IntArray] = []
    values: list[FloatArray] = []

    def entries(row: IntArray, col: IntArray, value: FloatArray) -> None:
        rows.append(np.asarray(row, dtype=np.int64))
        cols.append(np.asarray(col, dtype=np.int64))
        values.append(np.asarray(value, dtype=float))

    pairs = np.arange(n_pairs)
    coverage_pair = np.repeat(pairs, np.diff(c.pair_coverage_start))
    entries(c.coverage_slot, coverage_pair, -c.coverage_coefficient)
    slots = np.arange(n_slots)
    entries(slots, col_y + slots, np.ones(n_slots))

    jp_of_pair = np.minimum(c.jp[c.pair_program], c.jp_need[c.pair_employee])
    has_jp = jp_of_pair > 0
    entries(row_jp + c.pair_employee[has_jp], pairs[has_jp], -jp_of_pair[has_jp])
    entries(row_jp + jp_employees, col_z + np.arange(n_jp), c.jp_need[jp_employees])

    days = c.days[c.pair_program].astype(float)
    away = days > 0
    entries(row_days + c.pair_employee[away], pairs[away], days[away])

    programs = np.arange(n_programs)
    entries(row_seats + c.pair_program, pairs, np.ones(n_pairs))
    entries(row_seats + programs, col_b + programs, -c.capacity.astype(float))
    entries(row_minimum + c.pair_program, pairs, -np.ones(n_pairs))
    entries(row_minimum + programs, col_b + programs, c.min_participants.astype(float))

    spend = c.cost_per_participant[c.pair_program] * _COST_SCALE
    paid = spend > 0
    entries(np.full(int(paid.sum()), row_budget), pairs[paid], spend[paid])
    entries(np.full(n_programs, row_budget), col_b + programs, c.cost_fixed * _COST_SCALE)
    if cap_jp:
        given = c.jp[c.pair_program]
        gives = given > 0
        entries(row_cap_jp + c.pair_employee[gives], pairs[gives], given[gives])
    if cap_programs:
        entries(row_cap_programs + c.pair_employee, pairs, np.ones(n_pairs))

    all_rows = np.concatenate(rows)
    all_cols = np.concatenate(cols)
    all_values = np.concatenate(values)
    order = np.lexsort((all_rows, all_cols))
    starts = np.zeros(n_cols + 1, dtype=np.int64)
    np.cumsum(np.bincount(all_cols, minlength=n_cols), out=starts[1:])

    cost = np.zeros(n_cols)
    cost[col_y:col_z] = c.slot_weight
    cost[col_z:] = c.instance.jp_bonus
    lower = np.zeros(n_cols)
    lower[:n_pairs] = c.pair_forced
    lower[col_b:col_y] = c.min_batches
    upper = np.ones(n_cols)
    upper[col_b:col_y] = c.max_batches
    upper[col_y:col_z] = c.slot_gap
    row_upper = np.zeros(n_rows)
    row_upper[row_days:row_seats] = c.max_days
    row_upper[row_budget] = c.instance.budget * _COST_SCALE
    # A hair of slack for rupiah rounded to millions; plans are re-checked exactly afterwards.
    row_upper[row_budget] += 1e-9 * max(1.0, row_upper[row_budget])
    if cap_jp:
        row_upper[row_cap_jp:row_cap_programs] = c.max_jp_per_employee + 1e-9
    if cap_programs:
        row_upper[row_cap_programs:] = c.max_programs_per_employee

    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.col_cost_ = cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = np.full(n_rows, -_INF)
    lp.row_upper_ = row_upper
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.offset_ = c.base_value
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts.astype(np.int32)
    lp.a_matrix_.index_ = all_rows[order].astype(np.int32)
    lp.a_matrix_.value_ = all_values[order]
    integrality = [highspy.HighsVarType.kInteger] * n_cols
    for column in range(col_y, col_z):
        integrality[column] = highspy.HighsVarType.kContinuous
    lp.integrality_ = integrality

    highs = configured_highs(lp, threads=threads, relative_gap=relative_gap, time_limit=time_limit)
    if hint_pairs is not None and hint_batches is not None:
        start = np.zeros(n_cols)
        start[hint_pairs] = 1.0
        start[col_b:col_y] = hint_batches
        covered = np.bincount(
            c.coverage_slot,
            weights=c.coverage_coefficient * start[coverage_pair],
            minlength=n_slots,
        )
        start[col_y:col_z] = np.minimum(covered, c.slot_gap)
        earned = np.bincount(
            c.pair_employee, weights=c.jp[c.pair_program] * start[:n_pairs], minlength=c.n_employees
        )
        start[col_z:] = (c.jp_need[jp_employees] - earned[jp_employees] <= 1e-6).astype(float)
        give_start(highs, start)
    highs.run()
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    seconds = time.monotonic() - started
    if model_status == highspy.HighsModelStatus.kInfeasible:
        return MipResult("infeasible", np.zeros(0, np.int64), np.zeros(0, np.int64), 0.0, seconds)
    has_solution = info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    bound = float(info.mip_dual_bound)
    if not has_solution:
        return MipResult("unknown", np.zeros(0, np.int64), np.zeros(0, np.int64), bound, seconds)
    solved = np.asarray(highs.getSolution().col_value, dtype=float)
    chosen = np.nonzero(solved[:n_pairs] > 0.5)[0]
    batches = np.rint(solved[col_b:col_y]).astype(np.int64)
    status = "optimal" if model_status == highspy.HighsModelStatus.kOptimal else "feasible"
    return MipResult(status, chosen, batches, bound, seconds)
