"""A generator of realistic plan instances, deterministic for a seed.

The numbers follow what a regional BKPSDM sees: most ASN are pelaksana or functional staff, a few
hold structural posts (pengawas, administrator); gaps are small and mostly on a handful of
competencies tied to the ASN's occupational field; programs come in the forms of Peraturan LAN
10/2018 with JP credited per the usual conversion table (workshop 5 JP a day, seminar 4 JP a day,
coaching 2 JP a session, internship 20 JP an activity, e-learning up to 3 JP a day).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass

from .model import Employee, Instance, Program

MANAGERIAL = tuple(f"M.{number}" for number in range(1, 9))
SOCIOCULTURAL = ("SK.1",)
TECHNICAL = tuple(f"T.{number}" for number in range(1, 21))

# Position classes with their share of a regional government's ASN.
POSITION_CLASSES: tuple[tuple[str, float], ...] = (
    ("pelaksana", 0.42),
    ("fungsional_terampil", 0.10),
    ("fungsional_ahli_pertama", 0.16),
    ("fungsional_ahli_muda", 0.11),
    ("fungsional_ahli_madya", 0.04),
    ("pengawas", 0.12),
    ("administrator", 0.05),
)
STRUCTURAL = ("pengawas", "administrator")
FUNCTIONAL = tuple(name for name, _ in POSITION_CLASSES if name.startswith("fungsional"))

# Occupational fields (rumpun); each field's technical competencies.
FIELDS: tuple[tuple[str, ...], ...] = (
    ("T.1", "T.2", "T.3", "T.4"),  # finance and assets
    ("T.5", "T.6", "T.7"),  # planning and development
    ("T.8", "T.9", "T.10", "T.11"),  # public services and licensing
    ("T.12", "T.13", "T.14"),  # health
    ("T.15", "T.16", "T.17"),  # education
    ("T.18", "T.19", "T.20"),  # information technology
)


@dataclass(frozen=True)
class _Form:
    """A form of development with its typical days away, JP and costs (rupiah)."""

    name: str
    prefix: str
    share: float
    days: tuple[int, int]
    jp_per_day: float
    jp_fixed: float
    fixed_cost: tuple[float, float]
    participant_cost: tuple[float, float]
    gains: tuple[int, int]
    max_batches: tuple[int, int]


FORMS: tuple[_Form, ...] = (
    _Form("workshop", "WS", 0.30, (2, 3), 5, 0, (10e6, 25e6), (500e3, 1.5e6), (1, 3), (1, 6)),
    _Form("seminar", "SM", 0.20, (1, 1), 4, 0, (2e6, 8e6), (150e3, 400e3), (1, 1), (1, 4)),
    _Form("e_learning", "EL", 0.20, (0, 0), 0, 9, (2e6, 5e6), (100e3, 250e3), (1, 1), (2, 10)),
    _Form("coaching", "CO", 0.15, (1, 1), 0, 4, (3e6, 8e6), (200e3, 600e3), (1, 2), (1, 5)),
    _Form("internship", "MG", 0.15, (3, 5), 0, 20, (5e6, 15e6), (1e6, 1.5e6), (2, 3), (1, 3)),
)


def _pick_weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([name for name, _ in options], weights=[share for _, share in options])[0]


def _small_gap(rng: random.Random) -> int:
    return rng.choices((1, 2, 3), weights=(0.6, 0.3, 0.1))[0]


def _employee(rng: random.Random, index: int) -> Employee:
    position_class = _pick_weighted(rng, POSITION_CLASSES)
    field = FIELDS[rng.randrange(len(FIELDS))]
    structural = position_class in STRUCTURAL
    gaps: dict[str, int] = {}
    for code in MANAGERIAL:
        if rng.random() < (0.35 if structural else 0.08):
            gaps[code] = _small_gap(rng)
    if rng.random() < 0.25:
        gaps["SK.1"] = _small_gap(rng)
    for code in field:
        if rng.random() < (0.25 if structural else 0.45):
            gaps[code] = _small_gap(rng)
    if rng.random() < 0.1:  # an occasional need outside the ASN's own field
        gaps[TECHNICAL[rng.randrange(len(TECHNICAL))]] = 1
    # Priority weights from the needs analysis (AKPK): a minority of gaps weigh more.
    weights = {code: rng.choice((1.5, 2.0)) for code in sorted(gaps) if rng.random() < 0.25}
    # NIP-shaped identifiers: birth date, appointment year-month, sex digit, serial.
    birth = f"{rng.randint(1965, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    appointed = f"{rng.randint(1990, 2024)}{rng.randint(1, 12):02d}"
    identifier = f"{birth}{appointed}{rng.randint(1, 2)}{index % 1000:03d}"
    return Employee(
        id=identifier,
        position_class=position_class,
        jp_done=rng.choices(range(31), weights=[max(1, 31 - value) for value in range(31)])[0],
        max_days=rng.randint(5, 15),
        gaps=gaps,
        weights=weights,
    )


def _program(rng: random.Random, index: int) -> Program:
    form = FORMS[[form.name for form in FORMS].index(_pick_weighted(rng, _form_shares()))]
    days = rng.randint(*form.days)
    jp = form.jp_per_day * days + form.jp_fixed
    gains: dict[str, int] = {}
    kind = rng.random()
    eligible: frozenset[str]
    if kind < 0.3:  # managerial programs, mostly for structural posts
        for code in rng.sample(MANAGERIAL, rng.randint(1, 2)):
            gains[code] = rng.randint(*form.gains) if len(gains) == 0 else 1
        eligible = frozenset(STRUCTURAL) if rng.random() < 0.7 else frozenset()
    elif kind < 0.4:  # socio-cultural programs for everyone
        gains["SK.1"] = rng.randint(*form.gains)
        eligible = frozenset()
    else:  # technical programs of one field
        field = FIELDS[rng.randrange(len(FIELDS))]
        for code in rng.sample(field, min(len(field), rng.randint(1, 2))):
            gains[code] = rng.randint(*form.gains) if len(gains) == 0 else 1
        roll = rng.random()
        if roll < 0.4:
            eligible = frozenset(("pelaksana", *FUNCTIONAL[:2]))
        elif roll < 0.7:
            eligible = frozenset(FUNCTIONAL)
        else:
            eligible = frozenset()
    capacity = rng.randint(20, 40)
    return Program(
        id=f"{form.prefix}-{index + 1:03d}",
        jp=jp,
        days=days,
        gains=gains,
        cost_fixed=_rupiah_step(rng.uniform(*form.fixed_cost), 100_000),
        cost_per_participant=_rupiah_step(rng.uniform(*form.participant_cost), 10_000),
        min_participants=min(capacity, rng.randint(5, 15)),
        capacity=capacity,
        max_batches=rng.randint(*form.max_batches),
        eligible_classes=eligible,
    )


def _form_shares() -> tuple[tuple[str, float], ...]:
    return tuple((form.name, form.share) for form in FORMS)


def _rupiah_step(amount: float, step: int) -> float:
    return float(round(amount / step) * step)


def unconstrained_cost(employees: list[Employee], programs: list[Program]) -> float:
    """What running every program for everyone it would help costs, within program limits.

    Assumes the usual annual target of 20 JP.
    """
    # An ASN wants a program that closes one of their gaps or adds JP they still miss.
    profiles = Counter(
        (employee.position_class, frozenset(employee.gaps), employee.jp_done < 20)
        for employee in employees
    )
    total = 0.0
    for program in programs:
        gained = set(program.gains)
        demand = sum(
            count
            for (position_class, codes, short_of_jp), count in profiles.items()
            if program.admits(position_class)
            and (not gained.isdisjoint(codes) or (short_of_jp and program.jp > 0))
        )
        seats = min(demand, program.capacity * program.max_batches)
        if seats < program.min_participants:
            continue
        batches = math.ceil(seats / program.capacity)
        total += program.cost_fixed * batches + program.cost_per_participant * seats
    return total


def synthesise(employees: int, programs: int, seed: int) -> Instance:
    """A realistic instance with ``employees`` ASN and ``programs`` programs."""
    rng = random.Random(seed)
    staff = [_employee(rng, index) for index in range(employees)]
    # NIPs are unique in reality; make sure the synthetic ones are too.
    seen: set[str] = set()
    unique_staff = []
    for employee in staff:
        identifier = employee.id
        while identifier in seen:
            identifier = identifier[:-3] + f"{(int(identifier[-3:]) + 1) % 1000:03d}"
        seen.add(identifier)
        unique_staff.append(
            employee
            if identifier == employee.id
            else Employee(
                id=identifier,
                position_class=employee.position_class,
                jp_done=employee.jp_done,
                max_days=employee.max_days,
                gaps=employee.gaps,
                weights=employee.weights,
            )
        )
    catalogue = [_program(rng, index) for index in range(programs)]
    affordable_share = rng.uniform(0.4, 0.7)
    budget = _rupiah_step(affordable_share * unconstrained_cost(unique_staff, catalogue), 1_000_000)
    return Instance(
        budget=budget,
        jp_target=20,
        jp_bonus=1.0,
        employees=tuple(unique_staff),
        programs=tuple(catalogue),
    )
