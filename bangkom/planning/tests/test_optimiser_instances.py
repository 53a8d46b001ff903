"""Hypothesis strategies and builders for tiny plan instances (shared by the optimiser tests)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from bangkom.planning.optimiser.model import (
    Employee,
    FixedPair,
    Instance,
    Program,
)

CLASSES = ("pelaksana", "pengawas", "administrator")
CODES = ("M.1", "T.1", "T.2")


def employee(identifier: str, **overrides: Any) -> Employee:
    values: dict[str, Any] = {
        "id": identifier,
        "position_class": "pelaksana",
        "jp_done": 0,
        "max_days": 10,
        "gaps": {"M.1": 1},
        "weights": {},
    }
    values.update(overrides)
    return Employee(**values)


def program(identifier: str, **overrides: Any) -> Program:
    values: dict[str, Any] = {
        "id": identifier,
        "jp": 10,
        "days": 1,
        "gains": {"M.1": 1},
        "cost_fixed": 10,
        "cost_per_participant": 1,
        "min_participants": 1,
        "capacity": 10,
        "max_batches": 1,
        "eligible_classes": frozenset(),
    }
    values.update(overrides)
    return Program(**values)


@st.composite
def tiny_instances(draw: st.DrawFn, max_employees: int = 5, max_programs: int = 3) -> Instance:
    n_employees = draw(st.integers(1, max_employees))
    n_programs = draw(st.integers(1, max_programs))
    employees = tuple(
        Employee(
            id=f"E{index}",
            position_class=draw(st.sampled_from(CLASSES)),
            jp_done=draw(st.integers(0, 25)),
            max_days=draw(st.integers(0, 6)),
            gaps=draw(st.dictionaries(st.sampled_from(CODES), st.integers(1, 3), max_size=3)),
            weights=draw(st.dictionaries(st.sampled_from(CODES), st.sampled_from((1.0, 1.5, 2.0)))),
        )
        for index in range(n_employees)
    )
    programs = tuple(
        Program(
            id=f"P{index}",
            jp=draw(st.integers(0, 20)),
            days=draw(st.integers(0, 3)),
            gains=draw(st.dictionaries(st.sampled_from(CODES), st.integers(1, 2), max_size=2)),
            cost_fixed=draw(st.integers(0, 8)),
            cost_per_participant=draw(st.integers(0, 3)),
            min_participants=(minimum := draw(st.integers(0, 3))),
            capacity=draw(st.integers(max(1, minimum), 4)),
            max_batches=draw(st.integers(0, 2)),
            eligible_classes=frozenset(draw(st.sets(st.sampled_from(CLASSES), max_size=2))),
        )
        for index in range(n_programs)
    )
    pairs = [(e.id, p.id) for e in employees for p in programs]
    pinned = draw(st.lists(st.sampled_from(pairs), max_size=2, unique=True))
    fixed = tuple(FixedPair(employee=e, program=p, assign=draw(st.booleans())) for e, p in pinned)
    return Instance(
        budget=draw(st.integers(0, 30)),
        jp_target=draw(st.sampled_from((0, 10, 20))),
        jp_bonus=draw(st.sampled_from((0.0, 1.0, 1.5))),
        employees=employees,
        programs=programs,
        fixed=fixed,
    )
