"""Large instances: Dantzig–Wolfe column generation over per-ASN patterns, and a Lagrangian bound.

A *pattern* is the set of programs one ASN attends. The master LP chooses, per ASN, a convex
combination of patterns (``Σ_k λ_{e,k} = 1``) and batches ``b`` under the seat rows
``Σ λ·[p ∈ k] ≤ capacity_p·b_p`` and the budget row. Its dual prices ``ρ_p`` (a seat of p) and
``μ`` (a rupiah) price each ASN's pattern choice independently, which is how new patterns are
found.

**The bound.** Relaxing the seat and budget rows with ``ρ, μ ≥ 0`` (and dropping the minimum
participants) gives, for *any* such prices, the proven upper bound::

    L(ρ, μ) = μ·budget + Σ_p max_b∈[0, B_p] b·(ρ_p·capacity_p − μ·cost_fixed_p)
              + Σ_e max_{S feasible for e} [value_e(S) − Σ_{p∈S} (ρ_p + μ·cost_per_participant_p)]

The per-ASN maximum is replaced by an upper bound that is exact in most cases
(:meth:`Pricer.price`): programs whose stand-alone value does not exceed their price can never
raise ``value − price`` on their own (coverage has diminishing returns), so the subsets of the
*profitable* programs are enumerated exactly (days included), and the JP bonus is added when the
cheapest possible completion of the missing JP — a fractional cover over all other programs, using
each one's price minus its stand-alone value — still leaves a gain. Each relaxation step can only
overestimate, so ``L`` stays a valid bound.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import highspy
import numpy as np

from .compiled import Compiled, FloatArray, IntArray
from .model import EPSILON

_INF = highspy.kHighsInf
# Enumerate at most 2**_ENUMERATION_LIMIT subsets of profitable programs per ASN.
_ENUMERATION_LIMIT = 6
_COST_SCALE = 1e-6  # rupiah in millions, for the LP's numerics


@dataclass(frozen=True)
class _Item:
    pair: int
    program: int
    entries: tuple[tuple[int, float], ...]  # (local slot, capped gain)
    jp: float
    days: int


@dataclass
class Pattern:
    employee: int
    pairs: tuple[int, ...]
    programs: tuple[int, ...]
    value: float  # objective contribution, without the ASN's constant JP bonus (base value)


class Pricer:
    """Per-ASN pattern pricing: an upper bound for the Lagrangian and improving patterns."""

    def __init__(self, compiled: Compiled) -> None:
        c = compiled
        self.c = c
        self.bonus = c.instance.jp_bonus
        self.need = c.jp_need.tolist()
        self.max_days = c.max_days.tolist()
        self.program_jp = c.jp.tolist()
        self.program_days = c.days.tolist()
        self.cost_per_participant = c.cost_per_participant.tolist()
        self.employee_class = c.employee_class.tolist()
        slot_start = np.searchsorted(c.slot_employee, np.arange(c.n_employees + 1))
        self.slot_start = slot_start.tolist()
        self.gap = c.slot_gap.tolist()
        self.weight = c.slot_weight.tolist()
        self.lookup = c.pair_lookup

        has_coverage = np.diff(c.pair_coverage_start) > 0
        starts = c.pair_coverage_start.tolist()
        slots = c.coverage_slot.tolist()
        coefficients = c.coverage_coefficient.tolist()
        pair_employee = c.pair_employee.tolist()
        pair_program = c.pair_program.tolist()
        forced = c.pair_forced.tolist()
        self.items: list[list[_Item]] = [[] for _ in range(c.n_employees)]
        self.forced: list[list[_Item]] = [[] for _ in range(c.n_employees)]
        for pair in np.nonzero(has_coverage | c.pair_forced)[0].tolist():
            employee, program = pair_employee[pair], pair_program[pair]
            first = self.slot_start[employee]
            item = _Item(
                pair=pair,
                program=program,
                entries=tuple(
                    (slots[entry] - first, coefficients[entry])
                    for entry in range(starts[pair], starts[pair + 1])
                ),
                jp=self.program_jp[program],
                days=self.program_days[program],
            )
            (self.forced if forced[pair] else self.items)[employee].append(item)
        # Per position class: the programs it may attend that give JP.
        eligible = np.zeros((len(c.class_names), c.n_programs), dtype=bool)
        for program_index, program in enumerate(c.instance.programs):
            for class_index, name in enumerate(c.class_names):
                eligible[class_index, program_index] = program.admits(name)
        self.class_programs = [
            [p for p in np.nonzero(row)[0].tolist() if self.program_jp[p] > 0] for row in eligible
        ]
        self.prices: list[float] = [0.0] * c.n_programs
        self.jp_levels = max(1, math.ceil(float(c.jp_need.max(initial=0.0)) - EPSILON))
        self._class_covers: list[FloatArray] = []
        self._class_by_price: list[list[int]] = []

    # ---- prices

    def set_prices(self, seat_price: FloatArray, budget_price: float) -> None:
        """Per-seat prices ``q_p = ρ_p + μ·cost_per_participant_p`` (μ per rupiah)."""
        prices = seat_price + budget_price * self.c.cost_per_participant
        self.prices = prices.tolist()
        self._class_covers = []
        self._class_by_price = []
        span = np.arange(self.jp_levels + 1)
        for programs in self.class_programs:
            # Cheapest way to earn at least r JP (r = 0…R) with each program at most once,
            # JP rounded up and days ignored: both only make it cheaper, so it stays a floor.
            cover = np.full(self.jp_levels + 1, math.inf)
            cover[0] = 0.0
            for program in programs:
                units = math.ceil(self.program_jp[program] - EPSILON)
                cover = np.minimum(cover, prices[program] + cover[np.maximum(0, span - units)])
            self._class_covers.append(cover)
            self._class_by_price.append(sorted(programs, key=lambda p: self.prices[p]))

    def _completion_floors(self, class_index: int, others: list[tuple[float, float]]) -> FloatArray:
        """Per r = 0…R, a lower bound on the net cost of earning r more JP.

        ``others`` are the ASN's own programs with coverage value, as (price − value, JP); the
        class-wide table prices them in full, so they are added once more at their net cost.
        """
        cover = self._class_covers[class_index]
        span = np.arange(self.jp_levels + 1)
        for net_cost, jp in others:
            units = math.ceil(jp - EPSILON)
            cover = np.minimum(cover, net_cost + cover[np.maximum(0, span - units)])
        return cover

    # ---- pricing

    def price(self, employee: int) -> tuple[float, list[tuple[int, ...]]]:
        """(upper bound of max value − price, candidate patterns as pair tuples)."""
        first, last = self.slot_start[employee], self.slot_start[employee + 1]
        gap = self.gap[first:last]
        weight = self.weight[first:last]
        coverage = [0.0] * (last - first)
        prices = self.prices
        need = self.need[employee]
        base_jp, base_days, base_price = 0.0, 0, 0.0
        forced_pairs: list[int] = []
        for item in self.forced[employee]:
            for slot, amount in item.entries:
                coverage[slot] += amount
            base_jp += item.jp
            base_days += item.days
            base_price += prices[item.program]
            forced_pairs.append(item.pair)
        base_value = sum(w * min(g, cov) for w, g, cov in zip(weight, gap, coverage, strict=True))

        profitable: list[tuple[float, _Item]] = []
        others: list[tuple[float, float]] = []
        discounted: dict[int, float] = {}
        for item in self.items[employee]:
            alone = 0.0
            for slot, amount in item.entries:
                before = coverage[slot]
                if before < gap[slot]:
                    alone += weight[slot] * (min(gap[slot], before + amount) - before)
            surplus = alone - prices[item.program]
            if surplus > 1e-12:
                profitable.append((surplus, item))
            elif item.jp > 0:
                others.append((-surplus, item.jp))
                discounted[item.program] = -surplus
        profitable.sort(key=lambda entry: -entry[0])
        truncated = len(profitable) > _ENUMERATION_LIMIT
        chosen = [item for _, item in profitable[:_ENUMERATION_LIMIT]]

        max_days = self.max_days[employee]
        class_index = self.employee_class[employee]
        bonus = self.bonus
        best_bound = -math.inf
        best_plain: tuple[float, tuple[int, ...]] = (-math.inf, ())
        best_completed: tuple[float, tuple[int, ...], float, float, int] = (
            -math.inf,
            (),
            0.0,
            0.0,
            0,
        )
        floors = self._completion_floors(class_index, others).tolist() if need > 0 else [0.0]
        count = len(chosen)
        # Enumerate subsets as bit masks; each keeps days, JP, price and coverage.
        for mask in range(1 << count):
            days, jp, spend = base_days, base_jp, base_price
            members: list[int] = []
            cover = coverage[:]
            for index in range(count):
                if mask >> index & 1:
                    item = chosen[index]
                    days += item.days
                    jp += item.jp
                    spend += prices[item.program]
                    members.append(index)
                    for slot, amount in item.entries:
                        cover[slot] += amount
            if days > max_days:
                continue
            value = sum(w * min(g, cov) for w, g, cov in zip(weight, gap, cover, strict=True))
            net = value - spend
            if need <= 0:
                candidate = net
                if net > best_plain[0]:
                    best_plain = (net, tuple(members))
            elif need - jp <= EPSILON:
                candidate = net + bonus
                if candidate > best_plain[0]:
                    best_plain = (candidate, tuple(members))
            else:
                if net > best_plain[0]:
                    best_plain = (net, tuple(members))
                missing = need - jp
                floor = floors[min(self.jp_levels, math.ceil(missing - EPSILON))]
                completed = net + bonus - max(0.0, floor)
                candidate = max(net, completed)
                if completed > best_completed[0]:
                    best_completed = (completed, tuple(members), missing, jp, days)
            best_bound = max(best_bound, candidate)

        if truncated:
            loose = base_value - base_price + sum(surplus for surplus, _ in profitable)
            best_bound = max(best_bound, loose + (bonus if need > 0 else 0.0))

        patterns: list[tuple[int, ...]] = []
        plain = tuple(forced_pairs) + tuple(chosen[index].pair for index in best_plain[1])
        patterns.append(plain)
        if best_completed[0] > best_plain[0] and need > 0:
            completed_members = best_completed[1]
            taken = {chosen[index].program for index in completed_members} | {
                item.program for item in self.forced[employee]
            }
            extra = self._complete(
                employee, class_index, best_completed[2], best_completed[4], taken, discounted
            )
            if extra:
                patterns.append(
                    plain[: len(forced_pairs)]
                    + tuple(chosen[index].pair for index in completed_members)
                    + tuple(extra)
                )
        return best_bound, patterns

    def _complete(
        self,
        employee: int,
        class_index: int,
        missing: float,
        days_used: int,
        taken: set[int],
        discounted: dict[int, float],
    ) -> list[int]:
        """Up to three pairs that earn ``missing`` JP at the least net cost within the ASN's
        days (a heuristic: the search runs over a shortlist of cheap programs)."""
        max_days = self.max_days[employee]
        lookup_row = self.lookup[employee]
        prices, program_jp, program_days = self.prices, self.program_jp, self.program_days
        options: list[tuple[float, float, int, int]] = []  # (net cost, JP, days, program)
        for program in self._class_by_price[class_index]:
            if program in taken or days_used + program_days[program] > max_days:
                continue
            if lookup_row[program] < 0:
                continue
            options.append(
                (
                    discounted.get(program, prices[program]),
                    program_jp[program],
                    program_days[program],
                    program,
                )
            )
        by_cost = sorted(options)[:8]
        by_ratio = sorted(options, key=lambda option: option[0] / option[1])[:8]
        shortlist = list(dict.fromkeys(by_cost + by_ratio))
        best: tuple[float, tuple[int, ...]] = (math.inf, ())
        room = max_days - days_used
        count = len(shortlist)
        for first in range(count):
            cost_a, jp_a, days_a, program_a = shortlist[first]
            if jp_a >= missing - EPSILON:
                if cost_a < best[0]:
                    best = (cost_a, (program_a,))
                continue
            for second in range(first + 1, count):
                cost_b, jp_b, days_b, program_b = shortlist[second]
                if days_a + days_b > room or cost_a + cost_b >= best[0]:
                    continue
                if jp_a + jp_b >= missing - EPSILON:
                    best = (cost_a + cost_b, (program_a, program_b))
                    continue
                for third in range(second + 1, count):
                    cost_c, jp_c, days_c, program_c = shortlist[third]
                    total = cost_a + cost_b + cost_c
                    if (
                        total < best[0]
                        and days_a + days_b + days_c <= room
                        and jp_a + jp_b + jp_c >= missing - EPSILON
                    ):
                        best = (total, (program_a, program_b, program_c))
        return [int(lookup_row[program]) for program in best[1]]


class MasterProblem:
    """The restricted master LP over the generated patterns (HiGHS, warm-started)."""

    def __init__(self, compiled: Compiled, *, threads: int) -> None:
        c = compiled
        self.c = c
        self.n_rows = c.n_employees + c.n_programs + 1
        self.row_seats = c.n_employees
        self.row_budget = c.n_employees + c.n_programs
        self.highs = highspy.Highs()
        highs = self.highs
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("threads", threads)
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        lower = np.full(self.n_rows, -_INF)
        upper = np.zeros(self.n_rows)
        lower[: c.n_employees] = 1.0
        upper[: c.n_employees] = 1.0
        upper[self.row_budget] = c.instance.budget * _COST_SCALE
        highs.addRows(
            self.n_rows,
            lower,
            upper,
            0,
            np.zeros(self.n_rows, dtype=np.int32),
            np.zeros(0, dtype=np.int32),
            np.zeros(0),
        )
        programs = np.arange(c.n_programs)
        starts = (2 * programs).astype(np.int32)
        indices = np.empty(2 * c.n_programs, dtype=np.int32)
        indices[0::2] = self.row_seats + programs
        indices[1::2] = self.row_budget
        values = np.empty(2 * c.n_programs)
        values[0::2] = -c.capacity
        values[1::2] = c.cost_fixed * _COST_SCALE
        highs.addCols(
            c.n_programs,
            np.zeros(c.n_programs),
            np.zeros(c.n_programs),
            c.max_batches.astype(float),
            len(values),
            starts,
            indices,
            values,
        )
        self.patterns: list[Pattern] = []
        self.known: set[tuple[int, tuple[int, ...]]] = set()
        self.pair_program = c.pair_program

    def add(self, patterns: list[Pattern]) -> int:
        fresh = []
        for pattern in patterns:
            key = (pattern.employee, tuple(sorted(pattern.pairs)))
            if key not in self.known:
                self.known.add(key)
                fresh.append(pattern)
        if not fresh:
            return 0
        c = self.c
        starts: list[int] = []
        indices: list[int] = []
        values: list[float] = []
        costs: list[float] = []
        for pattern in fresh:
            starts.append(len(indices))
            indices.append(pattern.employee)
            values.append(1.0)
            spend = 0.0
            for program in sorted(pattern.programs):
                indices.append(self.row_seats + program)
                values.append(1.0)
                spend += float(c.cost_per_participant[program])
            if spend > 0:
                indices.append(self.row_budget)
                values.append(spend * _COST_SCALE)
            costs.append(pattern.value)
        self.highs.addCols(
            len(fresh),
            np.asarray(costs, dtype=float),
            np.zeros(len(fresh)),
            np.ones(len(fresh)),
            len(indices),
            np.asarray(starts, dtype=np.int32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(values, dtype=float),
        )
        self.patterns.extend(fresh)
        return len(fresh)

    def solve(
        self, time_limit: float
    ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, float]:
        """(pattern values λ, batches b, convexity duals σ, seat duals ρ, budget dual μ)."""
        self.highs.setOptionValue("time_limit", max(0.5, time_limit))
        self.highs.run()
        solution = self.highs.getSolution()
        values = np.asarray(solution.col_value, dtype=np.float64)
        duals = np.asarray(solution.row_dual, dtype=np.float64)
        c = self.c
        return (
            values[c.n_programs :],
            values[: c.n_programs],
            duals[: c.n_employees],
            duals[self.row_seats : self.row_budget],
            float(duals[self.row_budget]) * _COST_SCALE,
        )


def pattern_value(
    compiled: Compiled, employee: int, pairs: tuple[int, ...], pricer: Pricer
) -> float:
    """Objective contribution of an ASN's pattern, without the constant base JP bonus."""
    c = compiled
    first, last = pricer.slot_start[employee], pricer.slot_start[employee + 1]
    coverage = [0.0] * (last - first)
    jp = 0.0
    for pair in pairs:
        for entry in range(int(c.pair_coverage_start[pair]), int(c.pair_coverage_start[pair + 1])):
            coverage[int(c.coverage_slot[entry]) - first] += float(c.coverage_coefficient[entry])
        jp += pricer.program_jp[int(c.pair_program[pair])]
    value = sum(
        w * min(g, cov)
        for w, g, cov in zip(
            pricer.weight[first:last], pricer.gap[first:last], coverage, strict=True
        )
    )
    need = pricer.need[employee]
    if need > 0 and need - jp <= EPSILON:
        value += pricer.bonus
    return value


@dataclass(frozen=True)
class DecompositionResult:
    bound: float
    lp_value: float
    patterns: list[Pattern]
    weights: FloatArray  # λ per pattern
    batches: FloatArray
    seat_price: FloatArray
    budget_price: float
    rounds: int


def lagrangian_bound(
    compiled: Compiled,
    pricer: Pricer,
    seat_price: FloatArray,
    budget_price: float,
    deadline: float = math.inf,
) -> tuple[float | None, list[list[tuple[int, ...]]]]:
    """``L(ρ, μ)`` (a proven upper bound) and each ASN's candidate patterns at those prices.

    Past the deadline the round stops early: the patterns found so far are returned, the bound
    (which needs every ASN) is ``None``.
    """
    c = compiled
    seat_price = np.maximum(seat_price, 0.0)
    budget_price = max(budget_price, 0.0)
    pricer.set_prices(seat_price, budget_price)
    bound = budget_price * c.instance.budget + c.base_value
    batch_gain = seat_price * c.capacity - budget_price * c.cost_fixed
    bound += float(np.sum(np.maximum(batch_gain, 0.0) * c.max_batches))
    candidates: list[list[tuple[int, ...]]] = []
    for employee in range(c.n_employees):
        if employee % 256 == 0 and time.monotonic() > deadline:
            return None, candidates
        best, patterns = pricer.price(employee)
        bound += best
        candidates.append(patterns)
    return bound, candidates


def column_generation(
    compiled: Compiled,
    *,
    initial: list[Pattern],
    deadline: float,
    threads: int,
    pricer: Pricer | None = None,
    gap_target: float = 0.002,
) -> DecompositionResult:
    c = compiled
    pricer = pricer or Pricer(c)
    master = MasterProblem(c, threads=threads)
    empty = [
        Pattern(
            employee=employee,
            pairs=tuple(item.pair for item in pricer.forced[employee]),
            programs=tuple(item.program for item in pricer.forced[employee]),
            value=0.0,
        )
        for employee in range(c.n_employees)
    ]
    for pattern in empty:
        pattern.value = pattern_value(c, pattern.employee, pattern.pairs, pricer)
    master.add(empty)
    master.add(initial)
    best_bound = math.inf
    rounds = 0
    weights = np.zeros(0)
    batches = np.zeros(c.n_programs)
    best_prices: tuple[FloatArray, float] = (np.zeros(c.n_programs), 0.0)
    lp_value = -math.inf
    while True:
        rounds += 1
        weights, batches, sigma, seat_price, budget_price = master.solve(
            deadline - time.monotonic()
        )
        lp_value = master.highs.getInfo().objective_function_value + c.base_value
        bound, candidates = lagrangian_bound(c, pricer, seat_price, budget_price, deadline)
        if bound is not None and bound < best_bound:
            best_bound = bound
            best_prices = (np.maximum(seat_price, 0.0), max(budget_price, 0.0))
        fresh: list[Pattern] = []
        for employee, patterns in enumerate(candidates):
            for pairs in patterns:
                value = pattern_value(c, employee, pairs, pricer)
                spend = sum(pricer.prices[int(c.pair_program[pair])] for pair in pairs)
                if value - spend - sigma[employee] > 1e-7:
                    fresh.append(
                        Pattern(
                            employee=employee,
                            pairs=pairs,
                            programs=tuple(int(c.pair_program[pair]) for pair in pairs),
                            value=value,
                        )
                    )
        added = master.add(fresh)
        close = best_bound - lp_value <= gap_target * max(1.0, abs(best_bound))
        if added == 0 or close or bound is None or time.monotonic() > deadline:
            break
    return DecompositionResult(
        bound=best_bound,
        lp_value=lp_value,
        patterns=master.patterns,
        weights=weights,
        batches=batches,
        seat_price=best_prices[0],
        budget_price=best_prices[1],
        rounds=rounds,
    )


def as_patterns(compiled: Compiled, chosen_pairs: IntArray, pricer: Pricer) -> list[Pattern]:
    """One pattern per ASN from a plan's chosen pairs (e.g. the greedy plan)."""
    c = compiled
    by_employee: dict[int, list[int]] = {}
    for pair in chosen_pairs.tolist():
        by_employee.setdefault(int(c.pair_employee[pair]), []).append(pair)
    return [
        Pattern(
            employee=employee,
            pairs=tuple(pairs),
            programs=tuple(int(c.pair_program[pair]) for pair in pairs),
            value=pattern_value(c, employee, tuple(pairs), pricer),
        )
        for employee, pairs in by_employee.items()
    ]
