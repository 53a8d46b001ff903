"""A plan from the column generation: the restricted master as a MIP (HiGHS).

Each ASN chooses exactly one of a few patterns — those the master LP uses (λ > 0) and its empty
pattern (only its pins) — and each program an integer number of batches, under the seat rows, the
minimum-participant rows (absent from the LP) and the budget. The master LP solution is nearly
integral (at most as many ASN split between patterns as there are coupling rows), so presolve
fixes most ASN and the MIP is small: on the city instance, 527 rows and 6,277 columns are left of
20,601 and 40,354, and it solves in under 2 s.

With time to spare, a second pass widens the choice (patterns close to the best at the final
prices, and each ASN's pattern in the plan so far, which is the MIP start). HiGHS's presolve does
not watch the clock, so a large model can overrun its time limit by a few seconds; the caller
keeps a margin.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from .compiled import Compiled, IntArray
from .decomposition import Patterns
from .mip import configured_highs, give_start

_COST_SCALE = 1e-6  # rupiah in millions, for numerics
# The budget row is tightened by this share so that rounding inside the solver cannot overspend.
_BUDGET_MARGIN = 1e-9


@dataclass(frozen=True)
class RestrictedResult:
    pairs: IntArray  # chosen pairs
    batches: IntArray  # batches per program
    objective: float  # as the MIP sees it (the caller re-evaluates)


def solve_restricted(
    compiled: Compiled,
    patterns: Patterns,
    *,
    time_limit: float,
    threads: int,
    relative_gap: float = 1e-3,
    start_choice: IntArray | None = None,
    start_batches: IntArray | None = None,
) -> RestrictedResult | None:
    """The best plan over ``patterns`` (every ASN needs at least one), or ``None`` if none found.

    ``start_choice`` (a pattern index per ASN) and ``start_batches`` give a feasible plan to start
    from; the result is then at least as good.
    """
    c = compiled
    n_patterns, n_programs, n_employees = len(patterns), c.n_programs, c.n_employees
    item_pattern = patterns.pattern_of_item()
    program = c.pair_program[patterns.pairs]
    spend = np.bincount(item_pattern, weights=c.cost_per_participant[program], minlength=n_patterns)
    # Columns: batches b (per program), then one binary per pattern.
    # Rows: one pattern per ASN | seats − capacity·b ≤ 0 | seats − minimum·b ≥ 0 | budget.
    row_capacity = n_employees
    row_minimum = row_capacity + n_programs
    row_budget = row_minimum + n_programs
    n_rows, n_cols = row_budget + 1, n_programs + n_patterns
    programs = np.arange(n_programs)
    pattern_cols = n_programs + np.arange(n_patterns)
    row = np.concatenate(
        [
            patterns.employee,
            row_capacity + program,
            row_minimum + program,
            np.full(n_patterns, row_budget),
            row_capacity + programs,
            row_minimum + programs,
            np.full(n_programs, row_budget),
        ]
    )
    col = np.concatenate(
        [
            pattern_cols,
            n_programs + item_pattern,
            n_programs + item_pattern,
            pattern_cols,
            programs,
            programs,
            programs,
        ]
    )
    value = np.concatenate(
        [
            np.ones(n_patterns),
            np.ones(len(program)),
            np.ones(len(program)),
            spend * _COST_SCALE,
            -c.capacity.astype(float),
            -c.min_participants.astype(float),
            c.cost_fixed * _COST_SCALE,
        ]
    )
    nonzero = value != 0
    row, col, value = row[nonzero], col[nonzero], value[nonzero]
    order = np.lexsort((row, col))
    starts = np.zeros(n_cols + 1, dtype=np.int64)
    np.cumsum(np.bincount(col, minlength=n_cols), out=starts[1:])

    cost = np.zeros(n_cols)
    cost[n_programs:] = patterns.value
    upper = np.ones(n_cols)
    upper[:n_programs] = c.max_batches
    lower = np.zeros(n_cols)
    lower[:n_programs] = c.min_batches
    row_lower = np.full(n_rows, -highspy.kHighsInf)
    row_upper = np.zeros(n_rows)
    row_lower[:n_employees] = 1.0
    row_upper[:n_employees] = 1.0
    row_lower[row_minimum:row_budget] = 0.0
    row_upper[row_minimum:row_budget] = highspy.kHighsInf
    row_upper[row_budget] = c.instance.budget * _COST_SCALE * (1 - _BUDGET_MARGIN)

    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.col_cost_ = cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = row_lower
    lp.row_upper_ = row_upper
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.offset_ = c.base_value
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts.astype(np.int32)
    lp.a_matrix_.index_ = row[order].astype(np.int32)
    lp.a_matrix_.value_ = value[order]
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols

    highs = configured_highs(lp, threads=threads, relative_gap=relative_gap, time_limit=time_limit)
    if start_choice is not None and start_batches is not None:
        start = np.zeros(n_cols)
        start[:n_programs] = start_batches
        start[n_programs + start_choice] = 1.0
        give_start(highs, start)
    highs.run()
    info = highs.getInfo()
    if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return None
    solved = np.asarray(highs.getSolution().col_value, dtype=float)
    chosen = np.nonzero(solved[n_programs:] > 0.5)[0]
    sizes = np.diff(patterns.start)[chosen]
    firsts = patterns.start[chosen]
    pairs = patterns.pairs[np.repeat(firsts, sizes) + _ranks(sizes)]
    return RestrictedResult(
        pairs=np.sort(pairs),
        batches=np.rint(solved[:n_programs]).astype(np.int64),
        objective=float(info.objective_function_value),
    )


def _ranks(sizes: IntArray) -> IntArray:
    """0…size−1 for each size, concatenated."""
    total = int(sizes.sum())
    return np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
