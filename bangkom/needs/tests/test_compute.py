"""The needs arithmetic on plain data (no database)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bangkom.needs.compute import EmployeeFacts, Factor, need_rows, rank, unit_aggregates

KASI = EmployeeFacts(1, 41, "12/40/41/", 7, "pengawas", "Kepala Seksi Pelayanan Perizinan")
STAFF = EmployeeFacts(2, 41, "12/40/41/", 8, "pelaksana", "Pengadministrasi Perizinan")
OTHER = EmployeeFacts(3, 50, "12/50/", 9, "pelaksana", "Pengadministrasi Umum")


def test_gap_and_score_with_factors() -> None:
    standards = {7: {100: 3, 101: 2}, 8: {100: 2}, 9: {100: 2}}
    current = {
        (1, 100): (1, "atasan"),
        (1, 101): (2, "mandiri"),
        (2, 100): (1, "mandiri"),
        (3, 100): (1, "atasan"),
    }
    factors = [
        Factor(1, 100, Decimal("1.5"), unit_path="12/40/", position_keyword="PERIZINAN"),
        Factor(2, 100, Decimal("1.2"), position_classes=frozenset({"pelaksana"})),
    ]
    rows = {
        (r.employee_id, r.competency_id): r
        for r in need_rows([KASI, STAFF, OTHER], standards, current, factors)
    }
    assert set(rows) == {(1, 100), (2, 100), (3, 100)}  # (1, 101) has no gap
    assert rows[(1, 100)].gap == 2 and rows[(1, 100)].weight == Decimal("1.5")
    assert rows[(1, 100)].score == Decimal("3.0")
    assert rows[(2, 100)].weight == Decimal("1.8")  # both factors: licensing keyword and class
    assert rows[(2, 100)].factor_ids == (1, 2)
    assert rows[(3, 100)].weight == Decimal("1.2")  # only the class factor


def test_unassessed_competency_is_not_a_gap() -> None:
    rows = need_rows([STAFF], {8: {100: 3}}, {}, [])
    assert rows == []


def test_employee_factor_applies_only_to_that_employee() -> None:
    standards = {8: {100: 3}, 9: {100: 3}}
    current = {(2, 100): (1, "atasan"), (3, 100): (1, "atasan")}
    rows = need_rows(
        [STAFF, OTHER], standards, current, [Factor(5, 100, Decimal("1.25"), employee_id=3)]
    )
    weights = {r.employee_id: r.weight for r in rows}
    assert weights == {2: Decimal(1), 3: Decimal("1.25")}


def test_career_target_gap_kept_even_without_current_gap() -> None:
    career = EmployeeFacts(
        4, 41, "12/40/41/", 8, "pelaksana", "Pengadministrasi Perizinan", target_position_id=7
    )
    rows = need_rows([career], {8: {100: 1}, 7: {100: 3}}, {(4, 100): (1, "atasan")}, [])
    assert len(rows) == 1 and rows[0].gap == 0 and rows[0].target_gap == 2


def test_rollup_and_rank() -> None:
    standards = {7: {100: 3}, 8: {100: 3}, 9: {100: 2}}
    current = {(1, 100): (1, "atasan"), (2, 100): (2, "atasan"), (3, 100): (1, "atasan")}
    rows = need_rows([KASI, STAFF, OTHER], standards, current, [])
    paths = {40: "12/40/", 41: "12/40/41/", 50: "12/50/", 12: "12/"}
    aggregates = {(a.unit_id, a.competency_id): a for a in unit_aggregates(rows, paths)}
    assert aggregates[(41, 100)].total_gap == 3 and aggregates[(41, 100)].asn_with_gap == 2
    assert aggregates[(40, 100)].total_gap == 3
    assert aggregates[(12, 100)].total_gap == 4 and aggregates[(12, 100)].asn_with_gap == 3
    ranks = rank(list(aggregates.values()), {12: 0, 40: 1, 50: 1, 41: 2})
    assert ranks[(40, 100)] == 1 and ranks[(50, 100)] == 2 and ranks[(12, 100)] == 1


levels = st.integers(min_value=1, max_value=5)
factor_values = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("3"), places=2)


@settings(max_examples=200, deadline=None)
@given(
    required=levels,
    current=levels,
    factors=st.lists(st.tuples(factor_values, st.booleans()), max_size=4),
)
def test_score_is_gap_times_product_of_applying_factors(
    required: int, current: int, factors: list[tuple[Decimal, bool]]
) -> None:
    specs = [
        Factor(i, 100, value, unit_path="12/40/" if applies else "12/99/")
        for i, (value, applies) in enumerate(factors)
    ]
    rows = need_rows([STAFF], {8: {100: required}}, {(2, 100): (current, "atasan")}, specs)
    gap = max(required - current, 0)
    if gap == 0:
        assert rows == []
        return
    (row,) = rows
    expected = Decimal(1)
    for value, applies in factors:
        if applies:
            expected *= value
    assert row.gap == gap
    assert row.weight == expected.quantize(Decimal("0.0001"), ROUND_HALF_UP)
    assert abs(row.score - row.weight * gap) < Decimal("0.0001")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([41, 50]), levels, levels), min_size=1, max_size=30))
def test_parent_total_equals_sum_of_children(data: list[tuple[int, int, int]]) -> None:
    paths = {41: "12/40/41/", 50: "12/50/", 40: "12/40/", 12: "12/"}
    employees = [
        EmployeeFacts(i, unit, paths[unit], 8, "pelaksana", "x")
        for i, (unit, _r, _c) in enumerate(data)
    ]
    standards = {8: {100: 5}}
    current = {(i, 100): (c, "atasan") for i, (_u, _r, c) in enumerate(data)}
    rows = need_rows(employees, standards, current, [])
    aggregates = {a.unit_id: a for a in unit_aggregates(rows, paths)}
    if not rows:
        assert aggregates == {}
        return
    children = [aggregates[u].total_gap for u in (41, 50) if u in aggregates]
    assert aggregates[12].total_gap == sum(children) == sum(r.gap for r in rows)
