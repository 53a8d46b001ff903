"""An incrementally evaluated plan over a compiled instance, shared by the heuristics."""

from __future__ import annotations

import math

import numpy as np

from .compiled import Compiled, IntArray
from .model import EPSILON


class PlanState:
    """Who attends what, with coverage, JP, days, seats and cost kept up to date."""

    def __init__(self, compiled: Compiled) -> None:
        c = compiled
        self.c = c
        self.coverage = [0.0] * c.n_slots
        self.jp_earned = [0.0] * c.n_employees
        self.days_used = [0] * c.n_employees
        self.programs_taken = [0] * c.n_employees
        self.participants = [0] * c.n_programs
        self.batches = [0] * c.n_programs
        self.chosen = [False] * c.n_pairs
        self.cost = 0.0
        # Plain lists: the heuristics index them millions of times.
        self.slot_gap = c.slot_gap.tolist()
        self.slot_weight = c.slot_weight.tolist()
        self.coverage_start = c.pair_coverage_start.tolist()
        self.coverage_slot = c.coverage_slot.tolist()
        self.coverage_coefficient = c.coverage_coefficient.tolist()
        self.pair_employee = c.pair_employee.tolist()
        self.pair_program = c.pair_program.tolist()
        self.need = c.jp_need.tolist()
        self.program_jp = c.jp.tolist()
        self.program_days = c.days.tolist()
        self.max_days = c.max_days.tolist()
        self.cost_fixed = c.cost_fixed.tolist()
        self.cost_per_participant = c.cost_per_participant.tolist()
        self.capacity = c.capacity.tolist()
        self.min_participants = c.min_participants.tolist()
        self.max_batches = c.max_batches.tolist()
        self.min_batches = c.min_batches.tolist()
        self.max_jp = c.max_jp_per_employee
        self.max_programs = c.max_programs_per_employee
        self.bonus = c.instance.jp_bonus
        self.budget = c.instance.budget

    # ---- values

    def coverage_gain(self, pair: int) -> float:
        coverage, gap, weight = self.coverage, self.slot_gap, self.slot_weight
        total = 0.0
        for entry in range(self.coverage_start[pair], self.coverage_start[pair + 1]):
            slot = self.coverage_slot[entry]
            before = coverage[slot]
            if before < gap[slot]:
                after = before + self.coverage_coefficient[entry]
                total += weight[slot] * ((after if after < gap[slot] else gap[slot]) - before)
        return total

    def coverage_loss(self, pair: int) -> float:
        """Coverage value lost if the (chosen) pair were dropped."""
        coverage, gap, weight = self.coverage, self.slot_gap, self.slot_weight
        total = 0.0
        for entry in range(self.coverage_start[pair], self.coverage_start[pair + 1]):
            slot = self.coverage_slot[entry]
            now = min(coverage[slot], gap[slot])
            after = min(coverage[slot] - self.coverage_coefficient[entry], gap[slot])
            total += weight[slot] * (now - after)
        return total

    def jp_missing(self, employee: int) -> float:
        return max(0.0, self.need[employee] - self.jp_earned[employee])

    def compliant(self, employee: int) -> bool:
        return self.need[employee] - self.jp_earned[employee] <= EPSILON

    def true_gain(self, pair: int) -> float:
        """Exact objective change of adding the pair."""
        employee = self.pair_employee[pair]
        gain = self.coverage_gain(pair)
        if self.need[employee] > 0 and not self.compliant(employee):
            earned = self.jp_earned[employee] + self.program_jp[self.pair_program[pair]]
            if self.need[employee] - earned <= EPSILON:
                gain += self.bonus
        return gain

    def true_loss(self, pair: int) -> float:
        """Exact objective change (as a positive loss) of dropping the chosen pair."""
        employee = self.pair_employee[pair]
        loss = self.coverage_loss(pair)
        if self.need[employee] > 0 and self.compliant(employee):
            earned = self.jp_earned[employee] - self.program_jp[self.pair_program[pair]]
            if self.need[employee] - earned > EPSILON:
                loss += self.bonus
        return loss

    def fits_days(self, pair: int) -> bool:
        employee = self.pair_employee[pair]
        return (
            self.days_used[employee] + self.program_days[self.pair_program[pair]]
            <= self.max_days[employee]
        )

    def fits(self, pair: int) -> bool:
        """The ASN can take the pair's program: days away and the plan's per-ASN caps."""
        employee = self.pair_employee[pair]
        return (
            self.fits_days(pair)
            and self.programs_taken[employee] < self.max_programs
            and self.jp_earned[employee] + self.program_jp[self.pair_program[pair]]
            <= self.max_jp + EPSILON
        )

    # ---- changes

    def add(self, pair: int) -> None:
        assert not self.chosen[pair]
        self.chosen[pair] = True
        employee, program = self.pair_employee[pair], self.pair_program[pair]
        for entry in range(self.coverage_start[pair], self.coverage_start[pair + 1]):
            self.coverage[self.coverage_slot[entry]] += self.coverage_coefficient[entry]
        self.jp_earned[employee] += self.program_jp[program]
        self.days_used[employee] += self.program_days[program]
        self.programs_taken[employee] += 1
        self.participants[program] += 1
        self.cost += self.cost_per_participant[program]

    def remove(self, pair: int) -> None:
        assert self.chosen[pair]
        self.chosen[pair] = False
        employee, program = self.pair_employee[pair], self.pair_program[pair]
        for entry in range(self.coverage_start[pair], self.coverage_start[pair + 1]):
            self.coverage[self.coverage_slot[entry]] -= self.coverage_coefficient[entry]
        self.jp_earned[employee] -= self.program_jp[program]
        self.days_used[employee] -= self.program_days[program]
        self.programs_taken[employee] -= 1
        self.participants[program] -= 1
        self.cost -= self.cost_per_participant[program]

    def set_batches(self, program: int, batches: int) -> None:
        self.cost += self.cost_fixed[program] * (batches - self.batches[program])
        self.batches[program] = batches

    def free_seats(self, program: int) -> int:
        return self.capacity[program] * self.batches[program] - self.participants[program]

    def budget_left(self) -> float:
        return self.budget - self.cost

    def fits_budget(self, extra: float) -> bool:
        return self.cost + extra <= self.budget + EPSILON * max(1.0, self.budget)

    # ---- results

    def objective(self) -> float:
        c = self.c
        coverage = np.minimum(np.asarray(self.coverage), c.slot_gap)
        value = float(np.dot(coverage, c.slot_weight)) + c.base_value
        needing = c.jp_need > 0
        earned = np.asarray(self.jp_earned)
        value += self.bonus * float(np.count_nonzero(needing & (c.jp_need - earned <= EPSILON)))
        return value

    def jp_compliant(self) -> int:
        earned = np.asarray(self.jp_earned)
        return int(np.count_nonzero(self.c.jp_need - earned <= EPSILON))

    def chosen_pairs(self) -> IntArray:
        return np.nonzero(np.asarray(self.chosen, dtype=bool))[0]

    def minimum_batches(self, program: int) -> int:
        """Fewest batches that can hold the current participants."""
        return math.ceil(self.participants[program] / self.capacity[program])

    def is_feasible(self) -> bool:
        for program in range(self.c.n_programs):
            count, batches = self.participants[program], self.batches[program]
            if batches > self.max_batches[program] or count > self.capacity[program] * batches:
                return False
            if count < self.min_participants[program] * batches:
                return False
            if batches < self.min_batches[program]:
                return False
        if any(taken > self.max_programs for taken in self.programs_taken):
            return False
        if any(jp > self.max_jp + EPSILON for jp in self.jp_earned):
            return False
        return self.fits_budget(0.0) and all(
            used <= limit for used, limit in zip(self.days_used, self.max_days, strict=True)
        )
