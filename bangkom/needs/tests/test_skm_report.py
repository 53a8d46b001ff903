"""The ``bangkom skm-report`` command (bangkom/needs/management/commands/skm_report.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SURVEY = (
    "Waktu;U1;U2;U3;U4;U5;U6;U7;U8;U9\n"
    "08:00;4;3;3;4;3;4;4;3;3\n"
    "08:10;3;3;;4;3;3;3;3;3\n"  # incomplete: U3 left blank
    "08:20;3;2;2;4;3;3;4;3;2\n"
)
# Complete rows 1 and 3: sums U1 7, U2 5, U3 5, U4 8, U5 6, U6 7, U7 8, U8 6, U9 5 = 57.
# NRR = sum / 2; Σ NRR = 28.5. exact: IKM 28.5/9 = 3.1666… → 3.1667, × 25 = 79.1666… → 79.17.
# 0.11: IKM 28.5 × 0.11 = 3.135, × 25 = 78.375 → 78.38.


@pytest.fixture
def survey_file(tmp_path: Path) -> Path:
    path = tmp_path / "skm.csv"
    path.write_text(SURVEY, encoding="utf-8")
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command("skm_report", *args, stdout=out)
    return out.getvalue()


def test_human_report_in_indonesian(survey_file: Path) -> None:
    report = run(str(survey_file))
    assert "Respons lengkap: 2\n" in report
    assert "Respons tidak lengkap (tidak dihitung): 1\n" in report
    assert "U1 Persyaratan" in report
    assert "U6 Kompetensi Pelaksana" in report
    lines = report.splitlines()
    nrr_u4 = next(line for line in lines if line.startswith("U4 Biaya/Tarif"))
    assert nrr_u4.endswith("  4,00")
    assert "IKM (skala 1–4): 3,1667\n" in report
    assert "IKM konversi (skala 25–100): 79,17\n" in report
    assert "Mutu pelayanan: B\n" in report
    assert "Kinerja unit pelayanan: Baik\n" in report
    assert "Perhitungan: bobot 1/9 per unsur (eksak)" in report


def test_json_output_is_exactly_the_result(survey_file: Path) -> None:
    data = json.loads(run(str(survey_file), "--json"))
    assert data == {
        "responses": 2,
        "incomplete": 1,
        "nrr": {
            "U1": "3.50",
            "U2": "2.50",
            "U3": "2.50",
            "U4": "4.00",
            "U5": "3.00",
            "U6": "3.50",
            "U7": "4.00",
            "U8": "3.00",
            "U9": "2.50",
        },
        "ikm": "3.1667",
        "ikm_konversi": "79.17",
        "mutu": "B",
        "kinerja": "Baik",
        "convention": "exact",
    }


def test_convention_option(survey_file: Path) -> None:
    data = json.loads(run(str(survey_file), "--json", "--convention", "0.11"))
    assert (data["ikm"], data["ikm_konversi"], data["convention"]) == ("3.1350", "78.38", "0.11")
    assert "Perhitungan: bobot 0,111 per unsur" in run(str(survey_file), "--convention=0.111")


def test_unknown_convention_is_refused(survey_file: Path) -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        run(str(survey_file), "--convention", "0.1")


def test_bad_file_lists_every_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n5,x,1,1,1,1,1,1,1\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run(str(path))
    assert caught.value.returncode == 2
    assert str(caught.value) == (
        "Berkas SKM berisi 2 kesalahan:\n"
        "- Baris 2, kolom U1 (A): nilai 5 di luar skala 1–4\n"
        "- Baris 2, kolom U2 (B): 'x' bukan angka; isi 1, 2, 3 atau 4, "
        "atau kosongkan bila tidak dijawab"
    )


def test_no_complete_response(tmp_path: Path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,,4,4,4,4,4,4,4\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Tidak ada respons lengkap") as caught:
        run(str(path))
    assert caught.value.returncode == 2


def test_console_command_exit_status_and_stderr(survey_file: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "bangkom.manage", "skm-report"]
    ok = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [*command, str(survey_file), "--json"], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["ikm_konversi"] == "79.17"

    missing = tmp_path / "tidak-ada.csv"
    failed = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [*command, str(missing)], capture_output=True, text=True, check=False
    )
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert f"Berkas tidak ditemukan: {missing}" in failed.stderr
    assert "Traceback" not in failed.stderr
