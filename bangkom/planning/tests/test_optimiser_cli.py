"""The command line: exit codes, Indonesian messages, JSON output, synthetic instances."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from bangkom.planning.optimiser import cli
from bangkom.planning.optimiser.exchange import load_instance
from bangkom.planning.optimiser.synth import synthesise

EXAMPLE: dict[str, Any] = {
    "budget": 250000000,
    "jp_target": 20,
    "jp_bonus": 1.0,
    "employees": [
        {
            "id": "198609262015051001",
            "class": "pelaksana",
            "jp_done": 4,
            "max_days": 10,
            "gaps": {"M.3": 2, "T.12": 1},
            "weights": {"M.3": 1.5},
        }
    ],
    "programs": [
        {
            "id": "P-014",
            "jp": 15,
            "days": 2,
            "gains": {"M.3": 1, "T.12": 1},
            "cost_fixed": 6000000,
            "cost_per_participant": 350000,
            "min_participants": 1,
            "capacity": 30,
            "max_batches": 4,
            "eligible_classes": ["pelaksana", "pengawas"],
        }
    ],
    "fixed": [{"employee": "198609262015051001", "program": "P-014", "assign": True}],
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, data: Any, name: str = "instance.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_solve_plan_json(tmp_path: Path) -> None:
    code, out, _ = run("solve-plan", write(tmp_path, EXAMPLE), "--json", "--time-limit", "10")
    assert code == 0
    result = json.loads(out)
    assert result["status"] == "optimal"
    assert result["assignments"] == [{"employee": "198609262015051001", "program": "P-014"}]
    assert result["batches"] == {"P-014": 1}
    assert result["cost"] == 6350000
    # 1.5 × min(2, 1) for M.3 + 1 × 1 for T.12; 4 + 15 JP stays below 20.
    assert result["objective"] == 2.5
    assert result["upper_bound"] >= 2.5
    assert result["jp_compliant"] == 0
    assert set(result) >= {
        "status",
        "objective",
        "upper_bound",
        "batches",
        "assignments",
        "cost",
        "jp_compliant",
        "solve_seconds",
    }


def test_solve_plan_summary_is_indonesian(tmp_path: Path) -> None:
    code, out, _ = run("solve-plan", write(tmp_path, EXAMPLE))
    assert code == 0
    assert "Status: optimal" in out
    assert "Biaya: Rp6.350.000 dari anggaran Rp250.000.000" in out
    assert "P-014: 1 angkatan, 1 peserta" in out


def test_malformed_json_exits_2(tmp_path: Path) -> None:
    code, out, err = run("solve-plan", write(tmp_path, '{"budget": 1,'))
    assert code == 2
    assert out == ""
    assert "JSON tidak valid pada baris 1" in err
    assert "Traceback" not in err


def test_invalid_fields_are_named(tmp_path: Path) -> None:
    data = json.loads(json.dumps(EXAMPLE))
    data["programs"] = [dict(data["programs"][0], id=f"P{i}") for i in range(4)]
    data["programs"][3]["capacity"] = 0
    data["programs"][1]["eligible_classes"] = "pelaksana"
    data["fixed"] = [{"employee": "1986", "program": "P0"}]
    code, _, err = run("solve-plan", write(tmp_path, data))
    assert code == 2
    assert "programs[3].capacity harus bilangan bulat ≥ 1" in err
    assert "programs[1].eligible_classes harus daftar kelas jabatan" in err
    assert "fixed[0]: pegawai 1986 tidak ada" in err


def test_missing_file_and_bad_arguments_exit_2(tmp_path: Path) -> None:
    code, _, err = run("solve-plan", str(tmp_path / "nope.json"))
    assert code == 2
    assert "tidak ditemukan" in err
    code, _, err = run("solve-plan", write(tmp_path, EXAMPLE), "--time-limit", "-3")
    assert code == 2
    assert "--time-limit" in err
    assert run("no-such-command")[0] == 2


def test_infeasible_pins_exit_1_with_reason(tmp_path: Path) -> None:
    data = json.loads(json.dumps(EXAMPLE))
    data["programs"][0]["eligible_classes"] = ["administrator"]
    code, out, _ = run("solve-plan", write(tmp_path, data), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["status"] == "infeasible"
    assert "198609262015051001" in result["reasons"][0]
    code, out, _ = run("solve-plan", write(tmp_path, data))
    assert code == 1
    assert "tidak layak" in out


def test_synth_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    args = ("--employees", "60", "--programs", "8", "--seed", "7")
    assert run("synth-plan-instance", *args, "--output", str(first))[0] == 0
    assert run("synth-plan-instance", *args, "--output", str(second))[0] == 0
    assert first.read_text() == second.read_text()
    other = run("synth-plan-instance", "--employees", "60", "--programs", "8", "--seed", "8")[1]
    assert other != first.read_text()
    instance = load_instance(first.read_text())
    assert instance == synthesise(60, 8, 7)
    assert len(instance.employees) == 60
    assert len(instance.programs) == 8


def test_synth_has_realistic_ranges() -> None:
    instance = synthesise(400, 40, 1)
    classes = {employee.position_class for employee in instance.employees}
    assert {"pelaksana", "pengawas", "administrator"} <= classes
    assert all(5 <= employee.max_days <= 15 for employee in instance.employees)
    assert all(0 <= employee.jp_done <= 30 for employee in instance.employees)
    assert all(1 <= gap <= 3 for employee in instance.employees for gap in employee.gaps.values())
    for item in instance.programs:
        assert 2e6 <= item.cost_fixed <= 25e6
        assert 1e5 <= item.cost_per_participant <= 1.5e6
        assert 20 <= item.capacity <= 40
        assert 5 <= item.min_participants <= 15
        assert 1 <= item.max_batches <= 10
    assert instance.budget > 0
