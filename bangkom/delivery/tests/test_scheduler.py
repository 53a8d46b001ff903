"""The scheduler's pure core: every schedule it returns keeps every rule."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bangkom.delivery.scheduler import check, cli, parse_instance, solve, solve_greedy
from bangkom.delivery.scheduler.model import InstanceError

EXAMPLE: dict[str, Any] = {
    "start": "2027-01-04",
    "end": "2027-12-17",
    "holidays": ["2027-08-17"],
    "working_days": ["mon", "tue", "wed", "thu", "fri"],
    "venues": [
        {"id": "V01", "capacity": 40, "unavailable": ["2027-05-03"]},
        {"id": "V02", "capacity": 10},
    ],
    "trainers": [{"id": "T001", "unavailable": ["2027-02-10"]}],
    "units": [{"id": "U01", "staff": 180, "max_away": 0.1}],
    "employees": [{"id": "199001012015011001", "unit": "U01"}],
    "batches": [
        {
            "id": "P-014/1",
            "days": 3,
            "participants": ["199001012015011001"],
            "trainers": ["T001"],
            "venues": ["V01", "V02"],
            "online": False,
            "earliest": "2027-02-01",
            "latest": "2027-06-30",
        },
        {"id": "P-015/1", "days": 2, "participants": ["199001012015011001"], "online": True},
    ],
    "fixed": [{"batch": "P-014/1", "start": "2027-03-01", "venue": "V01"}],
}


@st.composite
def instances(draw: st.DrawFn) -> dict[str, Any]:
    start = dt.date(2027, 1, 4)
    length = draw(st.integers(5, 30))
    end = start + dt.timedelta(days=length)
    span = [start + dt.timedelta(days=k) for k in range(length + 1)]
    some_days = st.lists(st.sampled_from(span), max_size=3, unique=True)
    venues = [
        {
            "id": f"V{v}",
            "capacity": draw(st.integers(1, 6)),
            "unavailable": [d.isoformat() for d in draw(some_days)],
        }
        for v in range(draw(st.integers(1, 3)))
    ]
    trainers = [
        {"id": f"T{t}", "unavailable": [d.isoformat() for d in draw(some_days)]}
        for t in range(draw(st.integers(1, 3)))
    ]
    units = [
        {
            "id": f"U{u}",
            "staff": draw(st.integers(1, 20)),
            "max_away": draw(st.sampled_from([0.1, 0.3, 1.0])),
        }
        for u in range(2)
    ]
    employees = [{"id": f"E{e}", "unit": f"U{draw(st.integers(0, 1))}"} for e in range(8)]
    batches = []
    for b in range(draw(st.integers(1, 6))):
        earliest, latest = sorted(draw(st.lists(st.sampled_from(span), min_size=2, max_size=2)))
        batches.append(
            {
                "id": f"B{b}",
                "days": draw(st.integers(1, 3)),
                "participants": draw(
                    st.lists(st.sampled_from([e["id"] for e in employees]), max_size=4, unique=True)
                ),
                "trainers": draw(
                    st.lists(st.sampled_from([t["id"] for t in trainers]), max_size=2, unique=True)
                ),
                "venues": draw(
                    st.lists(st.sampled_from([v["id"] for v in venues]), max_size=2, unique=True)
                ),
                "online": draw(st.booleans()),
                "earliest": earliest.isoformat(),
                "latest": latest.isoformat(),
            }
        )
    fixed = []
    if draw(st.booleans()):
        pin: dict[str, Any] = {"batch": "B0", "start": draw(st.sampled_from(span)).isoformat()}
        if not batches[0]["online"] and draw(st.booleans()):
            pin["venue"] = draw(st.sampled_from([v["id"] for v in venues]))
        fixed.append(pin)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "holidays": [d.isoformat() for d in draw(some_days)],
        "venues": venues,
        "trainers": trainers,
        "units": units,
        "employees": employees,
        "batches": batches,
        "fixed": fixed,
    }


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_schedule_keeps_every_rule(data: dict[str, Any]) -> None:
    instance = parse_instance(data)
    result = solve(instance, time_limit_seconds=5)
    assert check(instance, result) == []
    assert result.status in ("feasible", "partial", "infeasible")
    greedy = solve_greedy(instance)
    assert check(instance, greedy) == []
    # The solver places at least as many batches as the greedy baseline it starts from.
    assert len(result.batches) >= len(greedy.batches)


def test_example_pin_holds_and_online_has_no_venue() -> None:
    instance = parse_instance(EXAMPLE)
    result = solve(instance, time_limit_seconds=5)
    assert result.status == "feasible"
    placed = {p.id: p for p in result.batches}
    assert placed["P-014/1"].days[0] == dt.date(2027, 3, 1)
    assert placed["P-014/1"].venue == "V01"
    assert placed["P-015/1"].venue is None
    assert check(instance, result) == []


def test_weekends_and_holidays_are_skipped() -> None:
    data = dict(EXAMPLE, fixed=[])
    data["batches"] = [
        {"id": "A", "days": 3, "online": True, "earliest": "2027-08-13", "latest": "2027-08-19"}
    ]
    result = solve(parse_instance(data), time_limit_seconds=5)
    assert result.batches[0].days == [
        dt.date(2027, 8, 13),
        dt.date(2027, 8, 16),
        dt.date(2027, 8, 18),
    ]


def test_two_batches_sharing_an_asn_in_one_day_window_is_proven_infeasible() -> None:
    data = dict(EXAMPLE, fixed=[])
    window = {"earliest": "2027-03-01", "latest": "2027-03-01", "online": True}
    data["batches"] = [
        {"id": "A", "days": 1, "participants": ["199001012015011001"], **window},
        {"id": "B", "days": 1, "participants": ["199001012015011001"], **window},
    ]
    instance = parse_instance(data)
    result = solve(instance, time_limit_seconds=5)
    assert result.status == "infeasible"
    assert len(result.batches) == 1
    assert [u.reason for u in result.unscheduled] == ["no_room_without_conflict"]
    assert check(instance, result) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": "2027-13-01"}, "start"),
        ({"end": "2026-01-01"}, "end"),
        ({"working_days": ["mon", "funday"]}, "working_days[1]"),
        ({"venues": [{"id": "V01", "capacity": 0}]}, "venues[0].capacity"),
        ({"units": [{"id": "U01", "staff": 10, "max_away": 2}]}, "units[0].max_away"),
        ({"batches": [{"id": "X", "days": 0}]}, "batches[0].days"),
        (
            {"batches": [{"id": "X", "days": 1, "participants": ["nobody"]}]},
            "batches[0].participants[0]",
        ),
        ({"fixed": [{"batch": "nope", "start": "2027-03-01"}]}, "fixed[0].batch"),
    ],
)
def test_malformed_input_names_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(InstanceError) as caught:
        parse_instance({**EXAMPLE, **change})
    assert caught.value.field == field


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_command_json(tmp_path: Path) -> None:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    code, out, _ = run("schedule", str(path), "--json", "--time-limit", "5")
    assert code == 0
    answer = json.loads(out)
    assert answer["status"] == "feasible"
    assert {b["id"] for b in answer["batches"]} == {"P-014/1", "P-015/1"}
    assert answer["unscheduled"] == []


def test_command_summary_is_indonesian(tmp_path: Path) -> None:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    code, out, _ = run("schedule", str(path))
    assert code == 0
    assert "Angkatan terjadwal: 2" in out


def test_command_bad_file_exits_2_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**EXAMPLE, "end": "kemarin"}), encoding="utf-8")
    code, _, err = run("schedule", str(path))
    assert code == 2
    assert "end" in err and "tidak valid" in err
    path.write_text("{", encoding="utf-8")
    assert run("schedule", str(path))[0] == 2


def test_django_command_exits_2_on_bad_file(tmp_path: Path) -> None:
    from django.core.management import CommandError, call_command

    path = tmp_path / "bad.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("schedule", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.returncode == 2


def test_capped_venue_choice_never_claims_a_proof() -> None:
    data = dict(EXAMPLE, fixed=[])
    data["venues"] = [{"id": f"V{v}", "capacity": 5} for v in range(3)]
    window = {"earliest": "2027-03-01", "latest": "2027-03-01"}
    data["batches"] = [{"id": name, "days": 1, **window} for name in ("A", "B", "C")]
    instance = parse_instance(data)
    capped = solve(instance, time_limit_seconds=5, max_venue_choices=1)
    assert capped.status == "partial"
    assert check(instance, capped) == []
    full = solve(instance, time_limit_seconds=5, max_venue_choices=None)
    assert full.status == "feasible"
    assert check(instance, full) == []


def test_check_flags_a_broken_schedule() -> None:
    instance = parse_instance(EXAMPLE)
    result = solve(instance, time_limit_seconds=5)
    pinned = next(p for p in result.batches if p.id == "P-014/1")
    pinned.days = [dt.date(2027, 3, 6), *pinned.days[1:]]  # a Saturday, and the pin moved
    pinned.venue = "V02"
    problems = check(instance, result)
    assert any("not a working day" in p for p in problems)
    assert any("pin" in p for p in problems)


def test_scheduler_runs_beside_the_plan_optimiser_in_one_process() -> None:
    """OR-Tools and highspy bundle different HiGHS builds: loaded in one process, the second
    fails. The plan optimiser is loaded here, so CP-SAT must run in its own process."""
    import sys

    import highspy  # noqa: F401  (what the web and task worker processes already hold)

    data = {
        "start": "2027-01-04",
        "end": "2027-01-29",
        "venues": [{"id": "V1", "capacity": 10}],
        "units": [{"id": "U", "staff": 10, "max_away": 1}],
        "employees": [{"id": "e1", "unit": "U"}],
        "batches": [{"id": "B1", "days": 2, "participants": ["e1"]}],
    }
    result = solve(parse_instance(data), time_limit_seconds=5)
    assert result.as_dict()["status"] == "feasible"
    assert "ortools.sat.python.cp_model" not in sys.modules
