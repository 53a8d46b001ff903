"""The exchange format of the plan optimiser: reading an instance from JSON, checking every field
(all problems at once, in Indonesian, for the user), and writing it back.

The format is documented in ``docs/optimiser.md``; :mod:`.model` holds the data it reads into.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .model import Employee, FixedPair, Instance, InstanceError, Program


class _Collector:
    """Collects validation messages so the user sees every problem at once."""

    limit = 50

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        if len(self.messages) < self.limit:
            self.messages.append(message)

    def number(self, value: Any, where: str, *, minimum: float = 0.0) -> float:
        if isinstance(value, _Missing):
            return minimum
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.add(f"{where} harus angka ≥ {_fmt(minimum)}")
            return minimum
        if value < minimum:
            self.add(f"{where} harus angka ≥ {_fmt(minimum)}")
            return minimum
        return float(value)

    def integer(self, value: Any, where: str, *, minimum: int = 0) -> int:
        if isinstance(value, _Missing):
            return minimum
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.add(f"{where} harus bilangan bulat ≥ {minimum}")
            return minimum
        return value

    def text(self, value: Any, where: str) -> str:
        if isinstance(value, _Missing):
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.add(f"{where} harus teks yang tidak kosong")
            return ""
        return value.strip()

    def mapping(self, value: Any, where: str) -> dict[str, float]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(f"{where} harus objek {{kode: angka}}")
            return {}
        result: dict[str, float] = {}
        for code, amount in value.items():
            result[code] = self.number(amount, f"{where}.{code}")
        return result

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.add(f"{where} harus objek JSON")
            return {}
        return value


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class _Missing:
    """A required field that is absent; already reported, so type checks stay quiet."""


_MISSING = _Missing()


def _required(raw: dict[str, Any], key: str, where: str, errors: _Collector) -> Any:
    if key not in raw:
        errors.add(f"{where}.{key} wajib diisi")
        return _MISSING
    return raw[key]


def parse_instance(data: Any) -> Instance:
    """Builds an :class:`Instance` from decoded JSON; raises :class:`InstanceError`."""
    errors = _Collector()
    root = errors.obj(data, "instance")
    if not root:
        raise InstanceError(errors.messages or ["instance kosong"])

    budget = errors.number(_required(root, "budget", "instance", errors), "budget")
    jp_target = errors.number(root.get("jp_target", 0), "jp_target")
    jp_bonus = errors.number(root.get("jp_bonus", 0), "jp_bonus")

    employees = _parse_employees(root.get("employees"), errors)
    programs = _parse_programs(root.get("programs"), errors)
    fixed = _parse_fixed(root.get("fixed", []), employees, programs, errors)
    # Optional per-ASN caps of the plan; absent or null = no cap.
    cap_jp_raw = root.get("max_jp_per_employee")
    cap_jp = None if cap_jp_raw is None else errors.number(cap_jp_raw, "max_jp_per_employee")
    cap_programs_raw = root.get("max_programs_per_employee")
    cap_programs = (
        None
        if cap_programs_raw is None
        else errors.integer(cap_programs_raw, "max_programs_per_employee")
    )

    if errors.messages:
        raise InstanceError(errors.messages)
    return Instance(
        budget=budget,
        jp_target=jp_target,
        jp_bonus=jp_bonus,
        employees=tuple(employees),
        programs=tuple(programs),
        fixed=tuple(fixed),
        max_jp_per_employee=cap_jp,
        max_programs_per_employee=cap_programs,
    )


def _parse_employees(raw_list: Any, errors: _Collector) -> list[Employee]:
    if not isinstance(raw_list, list):
        errors.add("employees harus daftar (list) pegawai")
        return []
    employees: list[Employee] = []
    seen: dict[str, int] = {}
    for index, raw_item in enumerate(raw_list):
        where = f"employees[{index}]"
        raw = errors.obj(raw_item, where)
        if not raw:
            continue
        identifier = errors.text(_required(raw, "id", where, errors), f"{where}.id")
        if identifier in seen:
            errors.add(f"{where}.id {identifier} sudah dipakai oleh employees[{seen[identifier]}]")
        seen[identifier] = index
        gaps = errors.mapping(raw.get("gaps", {}), f"{where}.gaps")
        weights = errors.mapping(raw.get("weights", {}), f"{where}.weights")
        target_raw = raw.get("jp_target")
        employees.append(
            Employee(
                id=identifier,
                position_class=errors.text(
                    _required(raw, "class", where, errors), f"{where}.class"
                ),
                jp_done=errors.number(raw.get("jp_done", 0), f"{where}.jp_done"),
                max_days=errors.integer(
                    _required(raw, "max_days", where, errors), f"{where}.max_days"
                ),
                gaps={code: gap for code, gap in gaps.items() if gap > 0},
                weights=weights,
                jp_target=None
                if target_raw is None
                else errors.number(target_raw, f"{where}.jp_target"),
            )
        )
    return employees


def _parse_programs(raw_list: Any, errors: _Collector) -> list[Program]:
    if not isinstance(raw_list, list):
        errors.add("programs harus daftar (list) program")
        return []
    programs: list[Program] = []
    seen: dict[str, int] = {}
    for index, raw_item in enumerate(raw_list):
        where = f"programs[{index}]"
        raw = errors.obj(raw_item, where)
        if not raw:
            continue
        identifier = errors.text(_required(raw, "id", where, errors), f"{where}.id")
        if identifier in seen:
            errors.add(f"{where}.id {identifier} sudah dipakai oleh programs[{seen[identifier]}]")
        seen[identifier] = index
        capacity = errors.integer(
            _required(raw, "capacity", where, errors), f"{where}.capacity", minimum=1
        )
        minimum = errors.integer(raw.get("min_participants", 0), f"{where}.min_participants")
        if minimum > capacity >= 1:
            errors.add(f"{where}.min_participants ({minimum}) melebihi capacity ({capacity})")
        max_batches = errors.integer(raw.get("max_batches", 1), f"{where}.max_batches")
        min_batches = errors.integer(raw.get("min_batches", 0), f"{where}.min_batches")
        if min_batches > max_batches:
            errors.add(f"{where}.min_batches ({min_batches}) melebihi max_batches ({max_batches})")
        classes_raw = raw.get("eligible_classes") or []
        classes: set[str] = set()
        if not isinstance(classes_raw, list):
            errors.add(f"{where}.eligible_classes harus daftar kelas jabatan")
        else:
            for position, value in enumerate(classes_raw):
                classes.add(errors.text(value, f"{where}.eligible_classes[{position}]"))
        programs.append(
            Program(
                id=identifier,
                jp=errors.number(raw.get("jp", 0), f"{where}.jp"),
                days=errors.integer(raw.get("days", 0), f"{where}.days"),
                gains={
                    code: gain
                    for code, gain in errors.mapping(raw.get("gains", {}), f"{where}.gains").items()
                    if gain > 0
                },
                cost_fixed=errors.number(raw.get("cost_fixed", 0), f"{where}.cost_fixed"),
                cost_per_participant=errors.number(
                    raw.get("cost_per_participant", 0), f"{where}.cost_per_participant"
                ),
                min_participants=minimum,
                capacity=capacity,
                max_batches=max_batches,
                eligible_classes=frozenset(classes),
                min_batches=min_batches,
            )
        )
    return programs


def _parse_fixed(
    raw_list: Any, employees: list[Employee], programs: list[Program], errors: _Collector
) -> list[FixedPair]:
    if raw_list is None:
        return []
    if not isinstance(raw_list, list):
        errors.add("fixed harus daftar (list) pasangan pegawai–program")
        return []
    employee_ids = {employee.id for employee in employees}
    program_ids = {program.id for program in programs}
    pins: dict[tuple[str, str], tuple[int, bool]] = {}
    fixed: list[FixedPair] = []
    for index, raw_item in enumerate(raw_list):
        where = f"fixed[{index}]"
        raw = errors.obj(raw_item, where)
        if not raw:
            continue
        employee = errors.text(_required(raw, "employee", where, errors), f"{where}.employee")
        program = errors.text(_required(raw, "program", where, errors), f"{where}.program")
        assign = raw.get("assign", True)
        if not isinstance(assign, bool):
            errors.add(f"{where}.assign harus true atau false")
            continue
        if employee and employee not in employee_ids:
            errors.add(f"{where}: pegawai {employee} tidak ada")
            continue
        if program and program not in program_ids:
            errors.add(f"{where}: program {program} tidak ada")
            continue
        if not employee or not program:
            continue
        key = (employee, program)
        if key in pins:
            previous, previous_assign = pins[key]
            if previous_assign != assign:
                errors.add(
                    f"{where}: bertentangan dengan fixed[{previous}] untuk pasangan yang sama"
                )
            continue
        pins[key] = (index, assign)
        fixed.append(FixedPair(employee=employee, program=program, assign=assign))
    return fixed


def load_instance(text: str) -> Instance:
    """Parses JSON text; malformed JSON is an :class:`InstanceError` like any other problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError(
            [f"JSON tidak valid pada baris {error.lineno} kolom {error.colno}: {error.msg}"]
        ) from error
    return parse_instance(data)


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """The exchange format of an instance (inverse of :func:`parse_instance`)."""
    employees = []
    for employee in instance.employees:
        item: dict[str, Any] = {
            "id": employee.id,
            "class": employee.position_class,
            "jp_done": _plain(employee.jp_done),
            "max_days": employee.max_days,
            "gaps": {code: _plain(gap) for code, gap in employee.gaps.items()},
        }
        if employee.weights:
            item["weights"] = {code: _plain(weight) for code, weight in employee.weights.items()}
        if employee.jp_target is not None:
            item["jp_target"] = _plain(employee.jp_target)
        employees.append(item)
    programs = [_program_json(program) for program in instance.programs]
    result: dict[str, Any] = {
        "budget": _plain(instance.budget),
        "jp_target": _plain(instance.jp_target),
        "jp_bonus": _plain(instance.jp_bonus),
        "employees": employees,
        "programs": programs,
        "fixed": [
            {"employee": pin.employee, "program": pin.program, "assign": pin.assign}
            for pin in instance.fixed
        ],
    }
    if instance.max_jp_per_employee is not None:
        result["max_jp_per_employee"] = _plain(instance.max_jp_per_employee)
    if instance.max_programs_per_employee is not None:
        result["max_programs_per_employee"] = instance.max_programs_per_employee
    return result


def _program_json(program: Program) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": program.id,
        "jp": _plain(program.jp),
        "days": program.days,
        "gains": {code: _plain(gain) for code, gain in program.gains.items()},
        "cost_fixed": _plain(program.cost_fixed),
        "cost_per_participant": _plain(program.cost_per_participant),
        "min_participants": program.min_participants,
        "capacity": program.capacity,
        "max_batches": program.max_batches,
        "eligible_classes": sorted(program.eligible_classes),
    }
    if program.min_batches:
        item["min_batches"] = program.min_batches
    return item


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
