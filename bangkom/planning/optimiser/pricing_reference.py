"""Per-ASN Lagrangian pricing in plain Python, for ASN with pinned programs.

The batch pricer (``pricing.py``) handles every ASN without pins exactly; pins change an ASN's
starting coverage, JP and days, which this pricer takes into account. It returns an upper bound
of the ASN's ``max value − price`` that is exact in most cases: programs whose stand-alone value
does not exceed their price can never raise ``value − price`` on their own (coverage has
diminishing returns), so the subsets of the *profitable* programs are enumerated exactly (days
included), and the JP bonus is added when the cheapest possible completion of the missing JP — a
cover over all other programs, each at its price minus its stand-alone value, JP rounded up and
days ignored — still leaves a gain. Each relaxation step can only overestimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .compiled import Compiled, FloatArray
from .model import EPSILON

# Enumerate at most 2**_ENUMERATION_LIMIT subsets of profitable programs per ASN.
_ENUMERATION_LIMIT = 6


@dataclass(frozen=True)
class _Item:
    pair: int
    program: int
    entries: tuple[tuple[int, float], ...]  # (local slot, capped gain)
    jp: float
    days: int


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
