"""Plain dataclasses of the scheduler and the parser of the exchange format.

ASN (aparatur sipil negara) are the civil servants who attend batches; they are named by NIP.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_WORKING_DAYS = ("mon", "tue", "wed", "thu", "fri")

STATUS_FEASIBLE = "feasible"
STATUS_PARTIAL = "partial"
STATUS_INFEASIBLE = "infeasible"
STATUS_UNKNOWN = "unknown"


class InstanceError(ValueError):
    """Malformed input: `field` is the JSON path, `code` a stable code, `detail` for people."""

    def __init__(self, field: str, code: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Venue:
    id: str
    capacity: int
    unavailable: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class Trainer:
    id: str
    unavailable: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class Unit:
    id: str
    staff: int
    max_away: float

    @property
    def limit(self) -> int:
        """How many distinct ASN of the unit may be away on one working day."""
        return int(self.max_away * self.staff + 1e-9)


@dataclass(frozen=True)
class Batch:
    id: str
    days: int
    participants: tuple[str, ...]
    trainers: tuple[str, ...]
    venues: tuple[str, ...]  # empty: any venue
    online: bool
    earliest: dt.date
    latest: dt.date


@dataclass(frozen=True)
class Pin:
    batch: str
    start: dt.date
    venue: str | None


@dataclass(frozen=True)
class Instance:
    start: dt.date
    end: dt.date
    holidays: frozenset[dt.date]
    working_days: tuple[str, ...]
    venues: dict[str, Venue]
    trainers: dict[str, Trainer]
    units: dict[str, Unit]
    employee_unit: dict[str, str]
    batches: tuple[Batch, ...]
    fixed: dict[str, Pin]
    calendar: tuple[dt.date, ...] = field(default=())  # working days in order

    def eligible_venues(self, batch: Batch) -> list[Venue]:
        if batch.online:
            return []
        names = batch.venues or tuple(self.venues)
        need = len(batch.participants)
        return [self.venues[name] for name in names if self.venues[name].capacity >= need]


@dataclass
class Placement:
    id: str
    days: list[dt.date]
    venue: str | None


@dataclass
class Unscheduled:
    id: str
    reason: str


@dataclass
class Result:
    status: str
    batches: list[Placement]
    unscheduled: list[Unscheduled]
    solve_seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "batches": [
                {"id": p.id, "days": [d.isoformat() for d in p.days], "venue": p.venue}
                for p in self.batches
            ],
            "unscheduled": [{"id": u.id, "reason": u.reason} for u in self.unscheduled],
            "solve_seconds": round(self.solve_seconds, 3),
        }


def working_calendar(
    start: dt.date, end: dt.date, working_days: tuple[str, ...], holidays: frozenset[dt.date]
) -> tuple[dt.date, ...]:
    allowed = {WEEKDAYS.index(name) for name in working_days}
    days = []
    day = start
    while day <= end:
        if day.weekday() in allowed and day not in holidays:
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


# --- parsing -----------------------------------------------------------------------------


def _fail(path: str, code: str, detail: str) -> InstanceError:
    return InstanceError(path, code, detail)


def _obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, "not_object", "harus berupa objek")
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, "not_list", "harus berupa daftar")
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, "not_text", "harus berupa teks yang tidak kosong")
    return value


def _date(value: Any, path: str) -> dt.date:
    if not isinstance(value, str):
        raise _fail(path, "not_date", "harus berupa tanggal YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(path, "not_date", f"{value!r} bukan tanggal YYYY-MM-DD") from None


def _int(value: Any, path: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, "not_integer", "harus berupa bilangan bulat")
    if value < minimum:
        raise _fail(path, "too_small", f"harus ≥ {minimum}")
    return value


def _dates(value: Any, path: str) -> frozenset[dt.date]:
    if value is None:
        return frozenset()
    return frozenset(_date(item, f"{path}[{i}]") for i, item in enumerate(_list(value, path)))


def _unique(items: list[dict[str, Any]], path: str) -> list[str]:
    seen: set[str] = set()
    names = []
    for i, item in enumerate(items):
        name = _text(_obj(item, f"{path}[{i}]").get("id"), f"{path}[{i}].id")
        if name in seen:
            raise _fail(f"{path}[{i}].id", "duplicate", f"id {name!r} ganda")
        seen.add(name)
        names.append(name)
    return names


def parse_instance(data: Any) -> Instance:
    """Read the exchange format; raise InstanceError naming the first wrong field."""
    data = _obj(data, "$")
    start = _date(data.get("start"), "start")
    end = _date(data.get("end"), "end")
    if end < start:
        raise _fail("end", "before_start", "harus tidak lebih awal dari start")
    holidays = _dates(data.get("holidays"), "holidays")
    raw_days = data.get("working_days", list(DEFAULT_WORKING_DAYS))
    working: list[str] = []
    for i, name in enumerate(_list(raw_days, "working_days")):
        if not isinstance(name, str) or name.lower() not in WEEKDAYS:
            raise _fail(f"working_days[{i}]", "not_weekday", f"harus salah satu dari {WEEKDAYS}")
        working.append(name.lower())

    raw_venues = _list(data.get("venues", []), "venues")
    venues = {}
    for i, name in enumerate(_unique(raw_venues, "venues")):
        item = raw_venues[i]
        venues[name] = Venue(
            name,
            _int(item.get("capacity"), f"venues[{i}].capacity", 1),
            _dates(item.get("unavailable"), f"venues[{i}].unavailable"),
        )
    raw_trainers = _list(data.get("trainers", []), "trainers")
    trainers = {}
    for i, name in enumerate(_unique(raw_trainers, "trainers")):
        trainers[name] = Trainer(
            name, _dates(raw_trainers[i].get("unavailable"), f"trainers[{i}].unavailable")
        )
    raw_units = _list(data.get("units", []), "units")
    units = {}
    for i, name in enumerate(_unique(raw_units, "units")):
        item = raw_units[i]
        staff = _int(item.get("staff"), f"units[{i}].staff", 0)
        away = item.get("max_away", 1.0)
        if isinstance(away, bool) or not isinstance(away, (int, float)) or not 0 <= away <= 1:
            raise _fail(f"units[{i}].max_away", "not_fraction", "harus angka antara 0 dan 1")
        units[name] = Unit(name, staff, float(away))
    raw_employees = _list(data.get("employees", []), "employees")
    employee_unit = {}
    for i, name in enumerate(_unique(raw_employees, "employees")):
        unit = _text(raw_employees[i].get("unit"), f"employees[{i}].unit")
        if unit not in units:
            raise _fail(f"employees[{i}].unit", "unknown_unit", f"unit {unit!r} tidak dikenal")
        employee_unit[name] = unit

    raw_batches = _list(data.get("batches", []), "batches")
    batches = []
    for i, name in enumerate(_unique(raw_batches, "batches")):
        item = raw_batches[i]
        p = f"batches[{i}]"
        days = _int(item.get("days"), f"{p}.days", 1)
        participants = []
        seen: set[str] = set()
        for j, nip in enumerate(_list(item.get("participants", []), f"{p}.participants")):
            nip = _text(nip, f"{p}.participants[{j}]")
            if nip not in employee_unit:
                raise _fail(
                    f"{p}.participants[{j}]", "unknown_employee", f"ASN {nip!r} tidak dikenal"
                )
            if nip in seen:
                raise _fail(f"{p}.participants[{j}]", "duplicate", f"ASN {nip!r} ganda")
            seen.add(nip)
            participants.append(nip)
        batch_trainers = []
        for j, t in enumerate(_list(item.get("trainers", []), f"{p}.trainers")):
            t = _text(t, f"{p}.trainers[{j}]")
            if t not in trainers:
                raise _fail(
                    f"{p}.trainers[{j}]", "unknown_trainer", f"pengajar {t!r} tidak dikenal"
                )
            batch_trainers.append(t)
        batch_venues = []
        for j, v in enumerate(_list(item.get("venues", []) or [], f"{p}.venues")):
            v = _text(v, f"{p}.venues[{j}]")
            if v not in venues:
                raise _fail(f"{p}.venues[{j}]", "unknown_venue", f"tempat {v!r} tidak dikenal")
            batch_venues.append(v)
        online = item.get("online", False)
        if not isinstance(online, bool):
            raise _fail(f"{p}.online", "not_boolean", "harus true atau false")
        earliest = _date(item["earliest"], f"{p}.earliest") if "earliest" in item else start
        latest = _date(item["latest"], f"{p}.latest") if "latest" in item else end
        if latest < earliest:
            raise _fail(f"{p}.latest", "before_earliest", "harus tidak lebih awal dari earliest")
        batches.append(
            Batch(
                name,
                days,
                tuple(participants),
                tuple(dict.fromkeys(batch_trainers)),
                tuple(dict.fromkeys(batch_venues)),
                online,
                earliest,
                latest,
            )
        )
    by_id = {b.id: b for b in batches}
    fixed = {}
    for i, item in enumerate(_list(data.get("fixed", []), "fixed")):
        p = f"fixed[{i}]"
        item = _obj(item, p)
        name = _text(item.get("batch"), f"{p}.batch")
        if name not in by_id:
            raise _fail(f"{p}.batch", "unknown_batch", f"angkatan {name!r} tidak dikenal")
        if name in fixed:
            raise _fail(f"{p}.batch", "duplicate", f"angkatan {name!r} sudah dipatok")
        venue = item.get("venue")
        if venue is not None:
            venue = _text(venue, f"{p}.venue")
            if venue not in venues:
                raise _fail(f"{p}.venue", "unknown_venue", f"tempat {venue!r} tidak dikenal")
            if by_id[name].online:
                raise _fail(f"{p}.venue", "online_batch", "angkatan daring tidak memakai tempat")
        fixed[name] = Pin(name, _date(item.get("start"), f"{p}.start"), venue)
    work = tuple(working)
    return Instance(
        start,
        end,
        holidays,
        work,
        venues,
        trainers,
        units,
        employee_unit,
        tuple(batches),
        fixed,
        working_calendar(start, end, work, holidays),
    )
