"""The arithmetic of the needs analysis, free of Django so that it is tested and benchmarked
on plain data.

For every employee × competency of the employee's position standard that has a current level:

- ``gap = max(required − current, 0)``, and against the career target position the same;
- ``weight`` = the product of the factors that apply to the employee for that competency;
- ``score = gap × weight``.

Rows with neither gap nor target gap are not kept. Aggregates per unit roll up to every
ancestor unit, so a kecamatan's row sums its kelurahan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

FOUR_PLACES = Decimal("0.0001")
ONE = Decimal(1)


@dataclass(frozen=True)
class EmployeeFacts:
    id: int
    unit_id: int | None
    unit_path: str  # "12/40/41/"; empty when the employee has no unit
    position_id: int | None
    position_class: str
    position_name: str
    target_position_id: int | None = None


@dataclass(frozen=True)
class Factor:
    id: int
    competency_id: int
    factor: Decimal
    unit_path: str = ""  # empty = whole instansi
    position_classes: frozenset[str] = frozenset()
    position_keyword: str = ""  # compared case-insensitively
    employee_id: int | None = None

    def applies_to(self, employee: EmployeeFacts) -> bool:
        if self.employee_id is not None and self.employee_id != employee.id:
            return False
        if self.unit_path and not employee.unit_path.startswith(self.unit_path):
            return False
        if self.position_classes and employee.position_class not in self.position_classes:
            return False
        return not (
            self.position_keyword
            and self.position_keyword.casefold() not in employee.position_name.casefold()
        )


@dataclass(slots=True)
class NeedRow:
    employee_id: int
    competency_id: int
    unit_id: int | None
    required_level: int
    current_level: int
    current_source: str
    gap: int
    target_required_level: int | None
    target_gap: int | None
    weight: Decimal
    score: Decimal
    factor_ids: tuple[int, ...] = ()


@dataclass
class UnitAggregate:
    unit_id: int
    competency_id: int
    asn_with_gap: int = 0
    total_gap: int = 0
    total_score: Decimal = field(default_factory=lambda: Decimal(0))

    @property
    def weight(self) -> Decimal:
        """The effective weight: weighted gap per level of gap."""
        if not self.total_gap:
            return Decimal(1)
        return (self.total_score / self.total_gap).quantize(FOUR_PLACES, ROUND_HALF_UP)


def weight_for(
    employee: EmployeeFacts,
    competency_id: int,
    factors_by_competency: Mapping[int, Sequence[Factor]],
) -> tuple[Decimal, tuple[int, ...]]:
    candidates = factors_by_competency.get(competency_id)
    if not candidates:
        return ONE, ()
    weight = ONE
    applied: list[int] = []
    for factor in candidates:
        if factor.applies_to(employee):
            weight *= factor.factor
            applied.append(factor.id)
    return weight.quantize(FOUR_PLACES, ROUND_HALF_UP), tuple(applied)


def need_rows(
    employees: Iterable[EmployeeFacts],
    standards: Mapping[int, Mapping[int, int]],
    current_levels: Mapping[tuple[int, int], tuple[int, str]],
    factors: Iterable[Factor],
) -> list[NeedRow]:
    """Every employee × competency with a gap (or a career gap), weighted.

    ``standards``: position id → {competency id: required level};
    ``current_levels``: (employee id, competency id) → (level, source).
    """
    by_competency: dict[int, list[Factor]] = defaultdict(list)
    for factor in factors:
        by_competency[factor.competency_id].append(factor)
    rows: list[NeedRow] = []
    append = rows.append
    lookup = current_levels.get
    no_target: Mapping[int, int] = {}
    for employee in employees:
        standard = standards.get(employee.position_id or -1, no_target)
        target = (
            standards.get(employee.target_position_id, no_target)
            if employee.target_position_id
            else no_target
        )
        competencies = standard.keys() | target.keys() if target else standard.keys()
        for competency_id in competencies:
            current = lookup((employee.id, competency_id))
            if current is None:
                continue
            level, source = current
            required = standard.get(competency_id)
            gap = required - level if required is not None and required > level else 0
            target_required = target.get(competency_id) if target else None
            target_gap = max(target_required - level, 0) if target_required is not None else None
            if not gap and not target_gap:
                continue
            weight, applied = weight_for(employee, competency_id, by_competency)
            append(
                NeedRow(
                    employee.id,
                    competency_id,
                    employee.unit_id,
                    required if required is not None else level,
                    level,
                    source,
                    gap,
                    target_required,
                    target_gap,
                    weight,
                    (weight * gap).quantize(FOUR_PLACES, ROUND_HALF_UP)
                    if applied
                    else Decimal(gap),
                    applied,
                )
            )
    return rows


def unit_aggregates(rows: Iterable[NeedRow], unit_paths: Mapping[int, str]) -> list[UnitAggregate]:
    """Sum rows with a gap per unit × competency, rolled up to every ancestor unit."""
    totals: dict[tuple[int, int], UnitAggregate] = {}
    ancestors = {
        unit_id: [int(part) for part in path.strip("/").split("/") if part]
        for unit_id, path in unit_paths.items()
    }
    for row in rows:
        if row.unit_id is None or not row.gap:
            continue
        for unit_id in ancestors.get(row.unit_id, ()):
            key = (unit_id, row.competency_id)
            aggregate = totals.get(key)
            if aggregate is None:
                aggregate = totals[key] = UnitAggregate(unit_id=key[0], competency_id=key[1])
            aggregate.asn_with_gap += 1
            aggregate.total_gap += row.gap
            aggregate.total_score += row.score
    return list(totals.values())


def rank(
    aggregates: Sequence[UnitAggregate], unit_depths: Mapping[int, int]
) -> dict[tuple[int, int], int]:
    """Rank 1 = the highest total weighted gap, among units of the same depth (OPD among OPD,
    kelurahan among kelurahan); ties broken by more ASN with a gap, then by ids."""
    by_depth: dict[int, list[UnitAggregate]] = defaultdict(list)
    for aggregate in aggregates:
        by_depth[unit_depths.get(aggregate.unit_id, 0)].append(aggregate)
    ranks: dict[tuple[int, int], int] = {}
    for group in by_depth.values():
        group.sort(key=lambda a: (-a.total_score, -a.asn_with_gap, a.unit_id, a.competency_id))
        for position, aggregate in enumerate(group, start=1):
            ranks[(aggregate.unit_id, aggregate.competency_id)] = position
    return ranks
