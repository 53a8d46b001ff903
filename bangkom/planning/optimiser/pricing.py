"""Lagrangian pricing of every ASN at once, exactly, in numpy.

At per-seat prices ``q_p ≥ 0`` each ASN's part of the Lagrangian bound is

    f_e(q) = max over plans S of  coverage_e(S) + jp_bonus·[JP of S reaches the target]
                                   − Σ_{p∈S} q_p

and the maximising plans are the new columns of the master LP. ``f_e`` is computed by dynamic
programming, for all ASN at once, with relaxations that can only raise it (so the bound stays
valid): the ASN's day limit is left out, programs' JP are rounded up to whole JP, and fractional
gaps and gains are rounded up to whole levels (gaps and gains are whole numbers in practice, and
then nothing is rounded). Patterns that break the day limit are dropped afterwards.

**Pruning** (each step keeps at least one optimal plan). Coverage has diminishing returns, so a
program adds at most its stand-alone value ``a_p``: a program with ``a_p ≤ q_p`` that gives no
needed JP, or with ``a_p + jp_bonus ≤ q_p``, is never in a best plan. If the remaining programs
cannot reach the JP target together, the bonus is out of reach and only programs with
``a_p > q_p`` remain.

**Components.** The remaining programs link the ASN's gaps they cover; gaps in different linked
groups (*components*) do not interact except through JP. Per component, with state ``(c, r)`` —
coverage at least ``c`` on each gap of the component (capped at the gap) and at least ``r`` JP —
``F[c, r]`` is the least price of a set of its programs reaching that state (a 0/1 knapsack pulled
over the programs), and ``G[r] = max_c value(c) − F[c, r]`` the best net value of a set earning
at least ``r`` JP. Programs that cover none of the ASN's gaps (only JP) form one more component
without coverage. The components are combined per ASN by a max-plus convolution over ``r``, and
``f_e = max(H[0], H[target] + jp_bonus)``.

ASN with pinned programs (rare) are priced by the reference :class:`Pricer` in
``decomposition.py``, which handles the pins' coverage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .compiled import BoolArray, Compiled, FloatArray, IntArray
from .model import EPSILON

# Cells (sub-problems × states) per numpy batch of the dynamic programme.
_BATCH_CELLS = 1_000_000
# Above this many cells × programs in total, a round is priced approximately (no bound).
WORK_LIMIT = 400_000_000


@dataclass(frozen=True)
class PricedPatterns:
    """Candidate patterns (pair lists in CSR form) and, if exact, per-ASN parts of the bound."""

    # max (value − price) per ASN without pins, excluding the constant base JP bonus; ``None``
    # when the round was priced approximately (the patterns are still valid plans).
    employee_bound: FloatArray | None
    employee: IntArray
    start: IntArray
    pairs: IntArray

    def __len__(self) -> int:
        return len(self.employee)


class BatchPricer:
    """Prices every ASN without pinned programs; see the module docstring."""

    def __init__(self, compiled: Compiled) -> None:
        c = compiled
        self.c = c
        self.bonus = float(c.instance.jp_bonus)
        n_employees = c.n_employees
        pinned = np.zeros(n_employees, dtype=bool)
        pinned[c.pair_employee[c.pair_forced]] = True
        self.pinned: BoolArray = pinned
        self.fast: IntArray = np.nonzero(~pinned)[0]

        slot_start = np.searchsorted(c.slot_employee, np.arange(n_employees + 1))
        self.slot_start = slot_start
        width = max(1, int(np.diff(slot_start).max(initial=0)))
        self.width = width
        local_slot = np.arange(c.n_slots) - slot_start[c.slot_employee]
        self.gap = np.zeros((n_employees, width))
        self.weight = np.zeros((n_employees, width))
        self.gap[c.slot_employee, local_slot] = c.slot_gap
        self.weight[c.slot_employee, local_slot] = c.slot_weight
        # Coverage states count whole levels; a fractional gap is rounded up.
        self.levels_of_gap = np.ceil(self.gap).astype(np.int64)

        # Coverage rows: one dense row of capped gains per pair (of an ASN without pins) that
        # covers a gap.
        has_coverage = np.diff(c.pair_coverage_start) > 0
        self.cover_pairs: IntArray = np.nonzero(has_coverage & ~pinned[c.pair_employee])[0]
        row_of_pair = np.full(c.n_pairs, -1, dtype=np.int64)
        row_of_pair[self.cover_pairs] = np.arange(len(self.cover_pairs))
        entry_pair = np.repeat(np.arange(c.n_pairs), np.diff(c.pair_coverage_start))
        entry_row = row_of_pair[entry_pair]
        kept = entry_row >= 0
        cover_rows = np.zeros((len(self.cover_pairs), width))
        cover_rows[entry_row[kept], local_slot[c.coverage_slot[kept]]] = c.coverage_coefficient[
            kept
        ]
        self.cover_employee = c.pair_employee[self.cover_pairs]
        self.cover_program = c.pair_program[self.cover_pairs]
        self.standalone = np.sum(
            self.weight[self.cover_employee]
            * np.minimum(self.gap[self.cover_employee], cover_rows),
            axis=1,
        )
        # Whole levels gained per gap; a fractional gain is rounded up (only raises the bound).
        self.cover_levels = np.minimum(
            np.ceil(cover_rows), self.levels_of_gap[self.cover_employee]
        ).astype(np.int64)

        # The same with one blank row at the end, so that a lookup for a JP-only item (row −1 − p)
        # never indexes an empty array.
        self.item_program = np.append(self.cover_program, 0)
        self.item_pair = np.append(self.cover_pairs, -1)
        self.item_levels = np.vstack([self.cover_levels, np.zeros((1, width), dtype=np.int64)])

        # JP: whole levels up to each ASN's target, programs' JP rounded up. An ASN is compliant at
        # JP ≥ need − EPSILON (as in the model), so whole JP ≥ ceil(need − EPSILON) is implied.
        self.target = np.where(c.jp_need > 0, np.ceil(c.jp_need - EPSILON), 0).astype(np.int64)
        self.units = np.ceil(c.jp).clip(min=0).astype(np.int64)
        only_jp = ~has_coverage & ~pinned[c.pair_employee] & (self.units[c.pair_program] > 0)
        self.jp_only_pairs: IntArray = np.nonzero(only_jp)[0]

    def values(self, employee: IntArray, start: IntArray, pairs: IntArray) -> FloatArray:
        """Exact objective contribution of each pattern (CSR), without the base JP bonus."""
        c = self.c
        n_patterns = len(employee)
        item_pattern = np.repeat(np.arange(n_patterns), np.diff(start))
        entries = np.diff(c.pair_coverage_start)[pairs]
        entry_item = np.repeat(np.arange(len(pairs)), entries)
        first_entry = np.cumsum(entries) - entries
        entry = (
            c.pair_coverage_start[pairs][entry_item]
            + np.arange(len(entry_item))
            - first_entry[entry_item]
        )
        slot = c.coverage_slot[entry]
        local = slot - self.slot_start[c.slot_employee[slot]]
        coverage = np.bincount(
            item_pattern[entry_item] * self.width + local,
            weights=c.coverage_coefficient[entry],
            minlength=n_patterns * self.width,
        ).reshape(n_patterns, self.width)
        value = np.sum(self.weight[employee] * np.minimum(self.gap[employee], coverage), axis=1)
        jp = np.bincount(item_pattern, weights=c.jp[c.pair_program[pairs]], minlength=n_patterns)
        need = c.jp_need[employee]
        return value + self.bonus * ((need > 0) & (need - jp <= EPSILON))

    # ---- one round

    def price(self, prices: FloatArray, *, work_limit: float = WORK_LIMIT) -> PricedPatterns:
        """Bounds and candidate patterns for every ASN without pins, at per-seat ``prices``."""
        rows, jp_only, levels = self._prune(prices)
        problems = self._components(rows, jp_only, levels)
        exact = self._work(problems) <= work_limit
        if not exact:
            surplus = self.standalone - prices[self.cover_program]
            problems = self._components(self._strongest(rows, surplus), jp_only, levels)
        batches, gains = self._solve(problems, prices)
        best, targets, splits = self._combine(problems, gains, levels)
        patterns = self._patterns(problems, batches, targets, splits)
        return PricedPatterns(
            employee_bound=best if exact else None,
            employee=patterns[0],
            start=patterns[1],
            pairs=patterns[2],
        )

    def _prune(self, prices: FloatArray) -> tuple[IntArray, IntArray, IntArray]:
        """Coverage rows and JP-only pairs that can be in a best plan; JP levels per ASN."""
        c = self.c
        bonus = self.bonus
        surplus = self.standalone - prices[self.cover_program]
        needy = self.target[self.cover_employee] > 0
        gives_jp = self.units[self.cover_program] > 0
        keep = (surplus > 0) | (needy & gives_jp & (surplus + bonus > 0))
        jp_only = self.jp_only_pairs[prices[c.pair_program[self.jp_only_pairs]] < bonus]
        jp_only = jp_only[self.target[c.pair_employee[jp_only]] > 0]
        jp_only_employee = c.pair_employee[jp_only]
        # The JP axis only where the kept programs can reach the target together.
        reach = np.bincount(
            self.cover_employee[keep],
            weights=self.units[self.cover_program[keep]],
            minlength=c.n_employees,
        ) + np.bincount(
            jp_only_employee, weights=self.units[c.pair_program[jp_only]], minlength=c.n_employees
        )
        with_jp = (self.target > 0) & (reach >= self.target) & ~self.pinned
        keep &= with_jp[self.cover_employee] | (surplus > 0)
        jp_only = jp_only[with_jp[jp_only_employee]]
        levels = np.where(with_jp, self.target + 1, 1)
        return np.nonzero(keep)[0], jp_only, levels

    def _strongest(self, rows: IntArray, surplus: FloatArray, per_employee: int = 8) -> IntArray:
        """The ``per_employee`` rows with the most surplus per ASN (for approximate rounds)."""
        rows = rows[np.lexsort((-surplus[rows], self.cover_employee[rows]))]
        owner = self.cover_employee[rows]
        first = np.searchsorted(owner, owner, side="left")
        return np.sort(rows[np.arange(len(rows)) - first < per_employee])

    # ---- sub-problems

    def _components(self, rows: IntArray, jp_only: IntArray, levels: IntArray) -> _Problems:
        """Splits each ASN's kept programs into components of linked gaps, plus JP-only ones."""
        c = self.c
        width = self.width
        entry_index, entry_slot = np.nonzero(self.cover_levels[rows] > 0)
        entry_row = rows[entry_index]
        key = self.cover_employee[entry_row] * width + entry_slot
        # Label propagation: each gap starts as its own label, each program pulls its gaps to
        # their smallest label, until nothing changes.
        label = np.arange(c.n_employees * width, dtype=np.int64)
        while True:
            smallest = np.full(len(self.cover_levels), np.iinfo(np.int64).max)
            np.minimum.at(smallest, entry_row, label[key])
            before = label[key]
            np.minimum.at(label, key, smallest[entry_row])
            label = label[label]
            if np.array_equal(label[key], before):
                break
        touched = np.unique(key)
        roots = np.unique(label[touched])
        jp_employees = np.unique(c.pair_employee[jp_only])
        n_cover, n_problems = len(roots), len(roots) + len(jp_employees)
        employee = np.concatenate([roots // width, jp_employees])

        slot_problem = np.searchsorted(roots, label[touched])
        slot_order = np.argsort(slot_problem, kind="stable")
        slot_start = np.zeros(n_problems + 1, dtype=np.int64)
        np.cumsum(np.bincount(slot_problem, minlength=n_problems), out=slot_start[1:])

        row_root = np.full(len(self.cover_levels), -1, dtype=np.int64)
        row_root[entry_row] = label[key]
        item_problem = np.concatenate(
            [
                np.searchsorted(roots, row_root[rows]),
                n_cover + np.searchsorted(jp_employees, c.pair_employee[jp_only]),
            ]
        )
        # Items: a coverage row, or −1 − program for a JP-only program.
        item_code = np.concatenate([rows, -1 - c.pair_program[jp_only]])
        item_order = np.argsort(item_problem, kind="stable")
        item_start = np.zeros(n_problems + 1, dtype=np.int64)
        np.cumsum(np.bincount(item_problem, minlength=n_problems), out=item_start[1:])
        return _Problems(
            employee=employee,
            levels=levels[employee],
            slot_start=slot_start,
            slot_local=(touched % width)[slot_order],
            item_start=item_start,
            item_code=item_code[item_order],
        )

    def _states(self, problems: _Problems) -> IntArray:
        """States (coverage states × JP levels) per sub-problem."""
        slot_problem = np.repeat(np.arange(len(problems.employee)), np.diff(problems.slot_start))
        radix = self.levels_of_gap[problems.employee[slot_problem], problems.slot_local] + 1
        log_states = np.bincount(
            slot_problem, weights=np.log(radix), minlength=len(problems.employee)
        )
        return np.rint(np.exp(log_states)).astype(np.int64) * problems.levels

    def _work(self, problems: _Problems) -> float:
        states = self._states(problems).astype(np.float64)
        return float(np.dot(states, np.diff(problems.item_start)))

    def _solve(self, problems: _Problems, prices: FloatArray) -> tuple[list[_Batch], FloatArray]:
        """Runs the DP of every sub-problem, in batches of similar sizes; G[r] per sub-problem."""
        n = len(problems.employee)
        gains = np.full((n, int(problems.levels.max(initial=1))), -np.inf)
        batches: list[_Batch] = []
        if n == 0:
            return batches, gains
        states = self._states(problems)
        items = np.diff(problems.item_start)
        state_class = np.ceil(np.log2(np.maximum(states, 1))).astype(np.int64)
        item_class = np.ceil(np.log2(np.maximum(items, 1))).astype(np.int64)
        # Within a batch, most items first: a DP step then works on a prefix of the batch.
        order = np.lexsort((-items, item_class, state_class))
        key = state_class[order] * 64 + item_class[order]
        for group in np.split(order, np.nonzero(np.diff(key))[0] + 1):
            size = int(states[group].max())
            step = max(1, _BATCH_CELLS // size)
            for begin in range(0, len(group), step):
                batch = _Batch(self, problems, group[begin : begin + step], prices)
                gains[batch.members] = batch.solve(gains.shape[1])
                batches.append(batch)
        return batches, gains

    # ---- combining components per ASN

    def _combine(
        self, problems: _Problems, gains: FloatArray, levels: IntArray
    ) -> tuple[FloatArray, IntArray, list[tuple[IntArray, IntArray, IntArray]]]:
        """Per ASN: the bound, the JP level of its best bonus plan (−1 if none) and the splits."""
        c = self.c
        depth = gains.shape[1]
        best_by_level = np.full((c.n_employees, depth), -np.inf)
        best_by_level[:, 0] = 0.0
        order = np.argsort(problems.employee, kind="stable")
        owner = problems.employee[order]
        rank = np.arange(len(order)) - np.searchsorted(owner, owner, side="left")
        splits: list[tuple[IntArray, IntArray, IntArray]] = []
        for position in range(int(rank.max(initial=-1)) + 1):
            chosen = order[rank == position]
            employees = problems.employee[chosen]
            current = best_by_level[employees]
            gain = gains[chosen]
            combined = np.full_like(current, -np.inf)
            split = np.zeros(current.shape, dtype=np.int64)
            # H'[r] = max over r1 ≤ r of H[r1] + G[r − r1] (both "at least r JP").
            for first in range(depth):
                candidate = current[:, first : first + 1] + gain[:, : depth - first]
                better = candidate > combined[:, first:]
                combined[:, first:] = np.where(better, candidate, combined[:, first:])
                split[:, first:] = np.where(better, first, split[:, first:])
            best_by_level[employees] = combined
            splits.append((chosen, employees, split))
        rows = np.arange(c.n_employees)
        target = np.minimum(levels - 1, depth - 1)
        with_bonus = np.where(levels > 1, best_by_level[rows, target] + self.bonus, -np.inf)
        best = np.maximum(best_by_level[:, 0], with_bonus)
        best[self.pinned] = 0.0
        target = np.where(np.isfinite(with_bonus) & ~self.pinned, target, -1)
        return best, target, splits

    # ---- patterns

    def _patterns(
        self,
        problems: _Problems,
        batches: list[_Batch],
        target: IntArray,
        splits: list[tuple[IntArray, IntArray, IntArray]],
    ) -> tuple[IntArray, IntArray, IntArray]:
        """The best plan without the bonus and the best with it, per ASN without pins (CSR)."""
        c = self.c
        fast = self.fast
        employees: list[IntArray] = []
        items_pattern: list[IntArray] = []
        items_pair: list[IntArray] = []
        for kind, level in enumerate((np.zeros(c.n_employees, dtype=np.int64), target)):
            wanted = fast if kind == 0 else fast[target[fast] > 0]
            if len(wanted) == 0:
                continue
            # Walk the max-plus combination backwards to each sub-problem's JP level.
            remaining = np.where(np.isin(np.arange(c.n_employees), wanted), level, -1)
            problem_level = np.full(len(problems.employee), -1, dtype=np.int64)
            for chosen, owners, split in reversed(splits):
                active = remaining[owners] >= 0
                at = np.maximum(remaining[owners], 0)
                first = split[np.arange(len(owners)), at]
                problem_level[chosen] = np.where(active, at - first, -1)
                remaining[owners] = np.where(active, first, remaining[owners])
            pattern_of = np.full(c.n_employees, -1, dtype=np.int64)
            offset = sum(len(part) for part in employees)
            pattern_of[wanted] = offset + np.arange(len(wanted))
            employees.append(wanted)
            for batch in batches:
                member, code = batch.backtrack(problem_level[batch.members])
                owner = problems.employee[batch.members[member]]
                items_pattern.append(pattern_of[owner])
                items_pair.append(
                    np.where(
                        code >= 0,
                        self.item_pair[np.maximum(code, 0)],
                        c.pair_lookup[owner, np.maximum(-1 - code, 0)],
                    )
                )
        pattern_employee = np.concatenate(employees) if employees else np.zeros(0, np.int64)
        item_pattern = np.concatenate(items_pattern) if items_pattern else np.zeros(0, np.int64)
        item_pair = np.concatenate(items_pair).astype(np.int64) if items_pair else item_pattern
        keep_item = item_pattern >= 0
        item_pattern, item_pair = item_pattern[keep_item], item_pair[keep_item]
        order = np.lexsort((item_pair, item_pattern))
        item_pattern, item_pair = item_pattern[order], item_pair[order]
        n_patterns = len(pattern_employee)
        start = np.zeros(n_patterns + 1, dtype=np.int64)
        np.cumsum(np.bincount(item_pattern, minlength=n_patterns), out=start[1:])
        # The DP leaves out the day limit; keep only patterns that respect it.
        days = np.bincount(
            item_pattern,
            weights=c.days[c.pair_program[item_pair]].astype(np.float64),
            minlength=n_patterns,
        )
        fits = days <= c.max_days[pattern_employee] + 0.5
        sizes = np.diff(start)
        keep_pattern_item = np.repeat(fits, sizes)
        kept_start = np.zeros(int(fits.sum()) + 1, dtype=np.int64)
        np.cumsum(sizes[fits], out=kept_start[1:])
        return pattern_employee[fits], kept_start, item_pair[keep_pattern_item]


@dataclass
class _Problems:
    """The sub-problems of one round (one per ASN component), each a small knapsack DP."""

    employee: IntArray
    levels: IntArray  # JP levels: target + 1, or 1 without the JP axis
    slot_start: IntArray  # CSR into slot_local
    slot_local: IntArray  # the ASN's local slot (gap) index
    item_start: IntArray  # CSR into item_code
    item_code: IntArray  # coverage row, or −1 − program for a JP-only program


@dataclass(frozen=True)
class _Item:
    """One DP step for every sub-problem of a batch (absent items cost +∞)."""

    code: IntArray
    price: FloatArray
    units: IntArray
    amount: IntArray  # (batch, component slots): whole levels gained


class _Batch:
    """Sub-problems of similar size solved together; keeps what backtracking needs."""

    def __init__(
        self, pricer: BatchPricer, problems: _Problems, members: IntArray, prices: FloatArray
    ) -> None:
        self.pricer = pricer
        self.problems = problems
        self.members = members
        self.prices = prices
        employee = problems.employee[members]
        self.employee = employee
        self.levels = problems.levels[members]
        slot_count = problems.slot_start[members + 1] - problems.slot_start[members]
        self.item_count = problems.item_start[members + 1] - problems.item_start[members]
        width = max(1, int(slot_count.max(initial=0)))
        self.has_slot = np.arange(width)[None, :] < slot_count[:, None]
        if len(problems.slot_local):
            position = problems.slot_start[members][:, None] + np.arange(width)[None, :]
            position = np.minimum(position, len(problems.slot_local) - 1)
            self.local = np.where(self.has_slot, problems.slot_local[position], 0)
        else:
            self.local = np.zeros((len(members), width), dtype=np.int64)
        self.top = np.where(self.has_slot, pricer.levels_of_gap[employee[:, None], self.local], 0)
        self.radix = self.top + 1
        ones = np.ones((len(members), 1), dtype=np.int64)
        self.stride = np.cumprod(np.concatenate([ones, self.radix[:, :-1]], axis=1), axis=1)
        self.coverage_states = np.prod(self.radix, axis=1)
        self.n_states = int((self.coverage_states * self.levels).max())
        self.best_state = np.zeros((len(members), 1), dtype=np.int64)
        self.taken = np.zeros((0, len(members), self.n_states), dtype=bool)

    def _digits(self, states: IntArray) -> tuple[list[IntArray], IntArray]:
        """Per component slot, the coverage digit of ``states`` (first members × states) times
        its place value (stride × JP levels), and the JP level."""
        count = states.shape[0]
        levels = self.levels[:count, None]
        stride, radix = self.stride[:count], self.radix[:count]
        coverage = states // levels
        digits = [
            (coverage // stride[:, slot, None])
            % radix[:, slot, None]
            * (stride[:, slot, None] * levels)
            for slot in range(stride.shape[1])
        ]
        return digits, states % levels

    def _item(self, step: int, count: int) -> _Item:
        """The ``step``-th item of the first ``count`` members (those that have one)."""
        p, problems = self.pricer, self.problems
        members = self.members[:count]
        code = problems.item_code[problems.item_start[members] + step]
        row = np.maximum(code, 0)
        is_row = code >= 0
        program = np.where(is_row, p.item_program[row], -1 - code)
        has_slot = self.has_slot[:count]
        amount = np.where(
            is_row[:, None] & has_slot, p.item_levels[row[:, None], self.local[:count]], 0
        )
        return _Item(
            code=code,
            price=self.prices[program],
            units=np.where(self.levels[:count] > 1, p.units[program], 0),
            amount=amount * self.stride[:count] * self.levels[:count, None],
        )

    def _back(self, digits: list[IntArray], jp: IntArray, item: _Item) -> IntArray:
        """How far (in state numbers) adding ``item`` moves a set's state, per state: the state
        a set must reach before adding it is ``state − back`` (coverage and JP are "at least")."""
        count = len(item.code)
        back = np.zeros(jp[:count].shape, dtype=jp.dtype)
        for slot, digit in enumerate(digits):
            amount = item.amount[:, slot]
            if amount.any():
                back += np.minimum(digit[:count], amount[:, None])
        if item.units.any():
            back += np.minimum(jp[:count], item.units[:, None])
        return back

    def solve(self, depth: int) -> FloatArray:
        """G[r] per sub-problem (−∞ where no set reaches r JP), r = 0…depth − 1."""
        p = self.pricer
        n = len(self.members)
        states = np.broadcast_to(np.arange(self.n_states)[None, :], (n, self.n_states))
        valid = states < (self.coverage_states * self.levels)[:, None]
        digits, jp = self._digits(states)
        gap = np.where(self.has_slot, p.gap[self.employee[:, None], self.local], 0.0)
        weight = np.where(self.has_slot, p.weight[self.employee[:, None], self.local], 0.0)
        place = self.stride * self.levels[:, None]
        value = np.zeros((n, self.n_states))
        for slot, digit in enumerate(digits):
            reached = digit // np.maximum(place[:, slot, None], 1)
            value += np.minimum(reached, gap[:, slot, None]) * weight[:, slot, None]
        cost = np.full((n, self.n_states), np.inf)
        cost[:, 0] = 0.0
        flat = cost.reshape(-1)
        base = states + (np.arange(n) * self.n_states)[:, None]
        steps = int(self.item_count.max(initial=0))
        self.taken = np.zeros((steps, n, self.n_states), dtype=bool)
        for step in range(steps):
            count = int(np.count_nonzero(self.item_count > step))
            item = self._item(step, count)
            previous = base[:count] - self._back(digits, jp, item)
            candidate = np.take(flat, previous)
            candidate += item.price[:, None]
            better = np.less(candidate, cost[:count], out=self.taken[step, :count])
            np.copyto(cost[:count], candidate, where=better)
        net = np.where(valid, value - cost, -np.inf)
        gains = np.full((n, depth), -np.inf)
        self.best_state = np.zeros((n, depth), dtype=np.int64)
        rows = np.arange(n)
        for level in range(min(depth, int(self.levels.max()))):
            candidates = np.where(jp == level, net, -np.inf) if depth > 1 else net
            pick = np.argmax(candidates, axis=1)
            self.best_state[:, level] = pick
            gains[:, level] = candidates[rows, pick]
        return gains

    def backtrack(self, level: IntArray) -> tuple[IntArray, IntArray]:
        """(member position, item code) of each member's best set at JP ``level`` (−1: none)."""
        rows = np.arange(len(self.members))
        active = level >= 0
        state = self.best_state[rows, np.maximum(level, 0)]
        members: list[IntArray] = []
        codes: list[IntArray] = []
        for step in range(self.taken.shape[0] - 1, -1, -1):
            count = int(np.count_nonzero(self.item_count > step))
            took = active[:count] & self.taken[step, rows[:count], state[:count]]
            if not took.any():
                continue
            item = self._item(step, count)
            digits, jp = self._digits(state[:count, None])
            previous = state[:count] - self._back(digits, jp, item)[:, 0]
            members.append(rows[:count][took])
            codes.append(item.code[took])
            state[:count] = np.where(took, previous, state[:count])
        if not members:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(members), np.concatenate(codes)
