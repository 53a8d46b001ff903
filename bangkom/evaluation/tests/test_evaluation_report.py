"""The ``bangkom evaluation-report`` command (management/commands/evaluation_report.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bangkom.evaluation.management.commands import evaluation_report

# Eight participants, one without a post-test. Pairs: pre 40 35 30 45 50 45 40 35 → mean 40,
# post 60 60 60 80 90 70 70 70 → mean 70, g = 30/60 = 0.5. Every difference is positive, so
# W = 0; the |d| have ties (25, 30, 35 twice), so p comes from the normal approximation.
SCORES = (
    "No;NIP;Nama;Pre;Post\n"
    "1;198501012010011001;Ani;40;60\n"
    "2;198501012010011002;Budi;35;60\n"
    "3;198501012010011003;Citra;30;60\n"
    "4;198501012010011004;Dewi;45;80\n"
    "5;198501012010011005;Eko;50;90\n"
    "6;198501012010011006;Fajar;45;70\n"
    "7;198501012010011007;Gita;40;70\n"
    "8;198501012010011008;Hadi;35;70\n"
    "9;198501012010011009;Indah;55;\n"
)
KEYS = [
    "pairs",
    "incomplete",
    "mean_pre",
    "mean_post",
    "gain",
    "gain_category",
    "participants",
    "wilcoxon",
    "significant",
]


def write(tmp_path: Path, text: str, *, name: str = "nilai.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(*args: str) -> tuple[int, str, str]:
    """The command's own entry point: Django's call_command cannot pass options that the
    command parses itself (the same holds for ``bangkom schedule``)."""
    out, err = StringIO(), StringIO()
    code = evaluation_report.main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_call_command(tmp_path: Path) -> None:
    out = StringIO()
    call_command("evaluation_report", str(write(tmp_path, SCORES)), stdout=out)
    assert "Kesimpulan: peningkatan signifikan" in out.getvalue()
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("evaluation_report", str(tmp_path / "tidak-ada.csv"), stderr=err)
    assert caught.value.returncode == 2
    assert "tidak ditemukan" in err.getvalue()


def test_json_report(tmp_path: Path) -> None:
    code, out, err = run(str(write(tmp_path, SCORES)), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == KEYS
    assert (data["pairs"], data["incomplete"]) == (8, 1)
    assert (data["mean_pre"], data["mean_post"], data["gain"]) == (40.0, 70.0, 0.5)
    assert data["gain_category"] == "medium"
    assert [p["nip"] for p in data["participants"]][:2] == [
        "198501012010011001",
        "198501012010011002",
    ]
    assert list(data["wilcoxon"]) == ["statistic", "p_value", "z", "effect_size_r"]
    assert data["wilcoxon"]["statistic"] == 0
    assert data["significant"] is True


def test_human_summary_in_indonesian(tmp_path: Path) -> None:
    code, out, _ = run(str(write(tmp_path, SCORES)))
    assert code == 0
    assert "Pasangan lengkap (pre-test dan post-test): 8" in out
    assert "Baris tidak lengkap (tidak dihitung): 1" in out
    assert "Rata-rata pre-test: 40,00" in out
    assert "Gain ternormalisasi kelas (Hake): 0,50, gain sedang (0,3 ≤ g < 0,7)" in out
    assert "pendekatan normal dengan koreksi ties" in out
    assert "Kesimpulan: peningkatan signifikan; ukuran efek besar (r ≥ 0,5)" in out
    assert "  198501012010011001  0,33" in out


def test_summary_names_the_exact_path(tmp_path: Path) -> None:
    rows = "".join(f"{i},50,{50 + i}\n" for i in range(1, 7))  # d = 1..6: untied, n = 6
    code, out, _ = run(str(write(tmp_path, "nip,pre,post\n" + rows)))
    assert code == 0
    assert "W = 0, p = 0,0313 (distribusi eksak)" in out  # 2 · 1/64 = 0.03125, half up


def test_too_few_pairs_is_a_report_not_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "nip,pre,post\n1,40,60\n2,50,70\n3,60,80\n")
    code, out, _ = run(str(path))
    assert code == 0
    assert "Kesimpulan: belum dapat disimpulkan: kurang dari 6 pasangan" in out
    code, out, _ = run(str(path), "--json")
    assert json.loads(out)["wilcoxon"] is None


def test_max_option_and_pre_at_maximum(tmp_path: Path) -> None:
    path = write(tmp_path, "nip,pre,post\n1,40,40\n2,20,30\n")
    code, out, _ = run(str(path), "--max", "40", "--json")
    assert code == 0
    assert json.loads(out)["participants"] == [
        {"nip": "1", "gain": None},
        {"nip": "2", "gain": 0.5},
    ]
    code, out, _ = run(str(path), "--max", "40")
    assert "1  - (nilai pre-test sudah maksimum)" in out


def test_utf8_bom_and_comma_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffNIP,PRE,POST\r\n1,40,70\r\n", encoding="utf-8")
    code, out, _ = run(str(path), "--json")
    assert code == 0
    assert json.loads(out)["mean_post"] == 70.0


def test_bad_rows_are_all_named_on_stderr_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, "nip;pre;post\n1;40;120\n1;40;50\n2;empat puluh;50\n")
    before = sorted(tmp_path.iterdir())
    code, out, err = run(str(path), "--json")
    assert code == 2
    assert out == ""
    assert "(3 kesalahan)" in err
    assert "Baris 2, kolom post (C): nilai 120 di luar rentang 0 sampai 100" in err
    assert "Baris 3, kolom nip (A): NIP ini sudah ada di baris 2" in err
    assert "Baris 4, kolom pre (B): 'empat puluh' bukan angka" in err
    assert sorted(tmp_path.iterdir()) == before  # nothing written


def test_missing_column(tmp_path: Path) -> None:
    code, _, err = run(str(write(tmp_path, "nip;pre;nilai akhir\n1;2;3\n")))
    assert code == 2
    assert "Baris judul (baris 1): kolom post tidak ditemukan" in err


def test_out_of_range_follows_max(tmp_path: Path) -> None:
    code, _, err = run(str(write(tmp_path, "nip,pre,post\n1,30,45\n")), "--max", "40")
    assert code == 2
    assert "Baris 2, kolom post (C): nilai 45 di luar rentang 0 sampai 40" in err


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "nip;pre;post;nama\n1;40;50;Sëno\n", encoding="cp1252")
    code, _, err = run(str(path))
    assert code == 2
    assert "bukan teks UTF-8" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "sebutkan berkas CSV nilai"),
        (["x.csv", "--max", "0"], "argumen --max: harus lebih dari 0 dan paling besar 1000"),
        (["x.csv", "--max", "1001"], "argumen --max: harus lebih dari 0 dan paling besar 1000"),
        (["x.csv", "--max", "seratus"], "argumen --max: 'seratus' bukan angka"),
        (["x.csv", "--max"], "argumen --max: perlu satu nilai"),
        (["x.csv", "--verbose-ish"], "argumen tidak dikenal: --verbose-ish"),
        (["tidak-ada.csv"], "berkas tidak-ada.csv tidak ditemukan"),
    ],
)
def test_bad_arguments_exit_2_in_indonesian(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert message in err


def test_help_in_indonesian() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert out.startswith("penggunaan: bangkom evaluation-report")
    assert "nilai maksimum tes (bawaan 100)" in out


def test_console_exit_codes(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "bangkom.manage", "evaluation-report"]
    ok = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [*command, str(write(tmp_path, SCORES)), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert list(json.loads(ok.stdout)) == KEYS
    bad = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [*command, str(write(tmp_path, "nip,pre,post\n1,x,2\n", name="salah.csv"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "Baris 2, kolom pre (B): 'x' bukan angka" in bad.stderr
    assert "Traceback" not in bad.stderr
