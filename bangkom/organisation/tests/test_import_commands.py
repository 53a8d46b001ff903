"""The ``import-employees`` and ``import-positions`` commands: summary, error table, exit code."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from bangkom.core.models import AuditEvent
from bangkom.manage import main
from bangkom.organisation.imports.workbooks import positions_template
from bangkom.organisation.models import Employee, Position, Unit
from bangkom.testing.world import World

SIASN_CSV = Path(__file__).parent / "files" / "siasn_export.csv"


def state() -> tuple[int, ...]:
    return (
        Employee.objects.count(),
        Unit.objects.count(),
        Position.objects.count(),
        AuditEvent.objects.count(),
    )


def bad_file(tmp_path: Path) -> Path:
    """The SIASN file with an impossible birth date in the third row's NIP."""
    text = SIASN_CSV.read_text(encoding="utf-8-sig").replace(
        "199507212020122005", "199502302020122005"
    )
    path = tmp_path / "rusak.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_employees_prints_a_summary(world: World, capsys) -> None:
    call_command("import_employees", str(SIASN_CSV), "--instansi", "53.71", "--user", "bkpsdm")

    out = capsys.readouterr().out
    assert "Pegawai baru: 3" in out and "Pegawai diperbarui: 2" in out
    assert Employee.objects.filter(nip="199507212020122005").exists()
    event = AuditEvent.objects.filter(action="employee.create").latest("id")
    assert event.actor_label == "bkpsdm"


def test_without_user_the_system_acts(world: World, capsys) -> None:
    call_command("import_employees", str(SIASN_CSV), "--instansi", "53.71")

    event = AuditEvent.objects.filter(action="employee.create").latest("id")
    assert (event.actor, event.actor_label) == (None, "sistem")


def test_dry_run_prints_what_would_change(world: World, capsys) -> None:
    before = state()

    call_command("import_employees", str(SIASN_CSV), "--instansi", "53.71", "--dry-run")

    assert "Uji coba" in capsys.readouterr().out
    assert state() == before


def test_rejected_file_prints_the_error_table_and_exits_2(world: World, tmp_path, capsys) -> None:
    before = state()

    with pytest.raises(CommandError) as caught:
        call_command("import_employees", str(bad_file(tmp_path)), "--instansi", "53.71")

    assert caught.value.returncode == 2
    err = capsys.readouterr().err
    assert "Baris" in err and "NIP BARU" in err and "1995-02-30" in err
    assert state() == before


def test_console_exit_code_without_traceback(world: World, tmp_path, capsys, monkeypatch) -> None:
    # run_from_argv closes every connection when done, the test's own included.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    before = state()

    with pytest.raises(SystemExit) as caught:
        main(["bangkom", "import-employees", str(bad_file(tmp_path)), "--instansi", "53.71"])

    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "CommandError: Berkas ditolak: 1 kesalahan" in err
    assert "Traceback" not in err
    assert state() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--instansi", "99.99"], "tidak ditemukan"),
        (["--instansi", "53.71", "--user", "pimpinan"], "admin"),
        (["--instansi", "53.71", "--user", "nobody"], "tidak ditemukan"),
    ],
)
def test_refused_instansi_or_user(world: World, arguments, message) -> None:
    before = state()

    with pytest.raises(CommandError) as caught:
        call_command("import_employees", str(SIASN_CSV), *arguments)

    assert caught.value.returncode == 2
    assert message in str(caught.value)
    assert state() == before


def test_create_units_option(world: World, tmp_path, capsys) -> None:
    text = SIASN_CSV.read_text(encoding="utf-8-sig").replace(
        "Puskesmas Alak,U001", "Puskesmas Oesapa,U001"
    )
    path = tmp_path / "baru.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_employees", str(path), "--instansi", "53.71")

    call_command("import_employees", str(path), "--instansi", "53.71", "--create-units")

    out = capsys.readouterr().out
    assert "Unit kerja baru: 1" in out and "Puskesmas Oesapa (Dinas Kesehatan)" in out
    assert Unit.objects.get(nama="Puskesmas Oesapa").parent == world.dinkes


def test_import_positions(world: World, tmp_path, capsys) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(positions_template()))
    for name in ("Jabatan", "Uraian Tugas", "Standar"):
        workbook[name].delete_rows(2)
    workbook["Jabatan"].append(["Kecamatan Alak", "", "Lurah Alak", "", ""])
    workbook["Uraian Tugas"].append(["Kecamatan Alak", "Lurah Alak", 1, "Memimpin", "M.1:3"])
    path = tmp_path / "jabatan.xlsx"
    workbook.save(path)

    call_command("import_positions", str(path), "--instansi", "53.71", "--user", "bkpsdm")

    assert "Jabatan baru: 1" in capsys.readouterr().out
    lurah = Position.objects.get(nama="Lurah Alak")
    assert lurah.standards.get(competency__kode="M.1").required_level == 3

    workbook["Uraian Tugas"].append(["Kecamatan Alak", "Camat", 1, "Memimpin", "M.1:3"])
    workbook.save(path)
    with pytest.raises(CommandError) as caught:
        call_command("import_positions", str(path), "--instansi", "53.71")
    assert caught.value.returncode == 2
    assert "Uraian Tugas" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["import-employees", "import-positions"])
def test_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["bangkom", command, "--help"])

    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "--instansi KODE_WILAYAH" in out and "--dry-run" in out
    assert ("--create-units" in out) == (command == "import-employees")
