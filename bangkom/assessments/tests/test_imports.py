"""Assessment-centre and SKP imports: good files, bad files with every error, re-imports."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from bangkom.assessments.imports import AC_COLUMNS, SKP_COLUMNS, ac_import, skp_import
from bangkom.assessments.models import (
    Assessment,
    AssessmentSource,
    CurrentLevel,
    PerformanceRating,
    SkpPredikat,
)
from bangkom.assessments.tests.conftest import competency
from bangkom.assessments.workbooks import ac_template, skp_template
from bangkom.core.imports.report import ImportRejected
from bangkom.core.models import AuditEvent
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def xlsx(rows: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def state() -> tuple[Any, ...]:
    return (
        list(Assessment.objects.order_by("pk").values()),
        list(CurrentLevel.objects.order_by("pk").values()),
        list(PerformanceRating.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


AC_HEADER = ["nip", "kode_kompetensi", "level", "tanggal", "lembaga"]


def good_ac(world: World) -> bytes:
    return xlsx(
        [
            AC_HEADER,
            [world.employee.nip, "M.1", 3, date(2025, 8, 15), "UPT Penilaian Kompetensi NTT"],
            [world.employee.nip, "m.3", "2", "15-08-2025", "UPT Penilaian Kompetensi NTT"],
            [world.colleague.nip, "SK.1", 4.0, "2025-08-16", "Assessor: Dr. Maria Ulu"],
        ]
    )


# ----------------------------------------------------------------------------- assessment centre


def test_ac_good_file_writes_results_and_current_levels(world: World) -> None:
    summary = ac_import(
        data=good_ac(world),
        filename="ac.xlsx",
        instansi=world.instansi,
        acting_user=world.user("bkpsdm"),
    )
    assert summary.counts == {"created": 3, "corrected": 0, "unchanged": 0}
    rows = Assessment.objects.filter(source=AssessmentSource.ASSESSMENT_CENTRE)
    assert rows.count() == 3
    m3 = rows.get(employee=world.employee, competency=competency("M.3"))
    assert (m3.level, m3.assessed_on, m3.lembaga, m3.round_id) == (
        2,
        date(2025, 8, 15),
        "UPT Penilaian Kompetensi NTT",
        None,
    )
    level = CurrentLevel.objects.get(employee=world.colleague, competency=competency("SK.1"))
    assert (level.level, level.source, level.assessed_on) == (
        4,
        AssessmentSource.ASSESSMENT_CENTRE,
        date(2025, 8, 16),
    )
    assert AuditEvent.objects.filter(action="assessment.centre_import").count() == 3


def test_ac_reimport_is_idempotent_and_a_changed_level_is_a_correction(world: World) -> None:
    user = world.user("bkpsdm")
    ac_import(data=good_ac(world), filename="ac.xlsx", instansi=world.instansi, acting_user=user)
    before = state()
    again = ac_import(
        data=good_ac(world), filename="ac.xlsx", instansi=world.instansi, acting_user=user
    )
    assert again.counts == {"created": 0, "corrected": 0, "unchanged": 3}
    assert state() == before
    corrected = xlsx(
        [
            AC_HEADER,
            [world.employee.nip, "M.1", 4, date(2025, 8, 15), "UPT Penilaian Kompetensi NTT"],
        ]
    )
    summary = ac_import(
        data=corrected, filename="koreksi.xlsx", instansi=world.instansi, acting_user=user
    )
    assert summary.counts == {"created": 0, "corrected": 1, "unchanged": 0}
    assert Assessment.objects.filter(source=AssessmentSource.ASSESSMENT_CENTRE).count() == 3
    assert (
        CurrentLevel.objects.get(employee=world.employee, competency=competency("M.1")).level == 4
    )
    event = AuditEvent.objects.get(action="assessment.centre_correct")
    assert event.changes == {"level": [3, 4]}


def test_ac_bad_file_reports_every_bad_cell_and_writes_nothing(world: World) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = xlsx(
        [
            ["NIP", "Kode Kompetensi", "Level", "Tanggal", "Lembaga"],
            [world.employee.nip, "M.1", 3, "15-08-2025", "UPT"],  # good: still not written
            [world.employee.nip, "M.1", 6, "15-08-2025", "UPT"],  # row 3: level 6
            [world.other_employee.nip, "M.2", 3, "15-08-2025", "UPT"],  # row 4: other instansi
            [world.employee.nip, "X.99", 3, "15-08-2025", "UPT"],  # row 5: unknown code
            [world.employee.nip, "M.2", 3, "31-02-2025", "UPT"],  # row 6: no such date
            [world.employee.nip, "M.2", 3, tomorrow, ""],  # row 7: future date, no institution
            [199203142019031004, "M.2", "tiga", "15-08-2025", "UPT"],  # row 8: lossy NIP, level
            [world.employee.nip, "M.1", 3, "15-08-2025", "UPT"],  # row 9: duplicate of row 2
        ]
    )
    before = state()
    with pytest.raises(ImportRejected) as caught:
        ac_import(
            data=data, filename="ac.xlsx", instansi=world.instansi, acting_user=world.user("bkpsdm")
        )
    found = {(e.row, e.column): e.message for e in caught.value.errors}
    assert set(found) == {
        (3, "Level"),
        (4, "NIP"),
        (5, "Kode Kompetensi"),
        (6, "Tanggal"),
        (7, "Tanggal"),
        (7, "Lembaga"),
        (8, "NIP"),
        (8, "Level"),
        (9, "NIP"),
    }
    assert "1 sampai 5" in found[(3, "Level")]
    assert "tidak ditemukan" in found[(4, "NIP")]
    assert "tidak dikenal" in found[(5, "Kode Kompetensi")]
    assert "setelah hari ini" in found[(7, "Tanggal")]
    assert "wajib" in found[(7, "Lembaga")]
    assert "Teks" in found[(8, "NIP")]
    assert "baris 2" in found[(9, "NIP")]
    assert state() == before


def test_ac_missing_columns_are_named_and_nothing_is_written(world: World) -> None:
    data = xlsx([["nip", "level"], [world.employee.nip, 3]])
    before = state()
    with pytest.raises(ImportRejected) as caught:
        ac_import(
            data=data, filename="ac.xlsx", instansi=world.instansi, acting_user=world.user("bkpsdm")
        )
    missing = {e.column for e in caught.value.errors}
    assert missing == {"kode_kompetensi", "tanggal", "lembaga"}
    assert all("Kolom wajib tidak ditemukan" in e.message for e in caught.value.errors)
    assert all(e.row == 1 for e in caught.value.errors)
    assert state() == before


def test_ac_dry_run_writes_nothing(world: World) -> None:
    before = state()
    summary = ac_import(
        data=good_ac(world),
        filename="ac.xlsx",
        instansi=world.instansi,
        acting_user=world.user("bkpsdm"),
        dry_run=True,
    )
    assert summary.dry_run and summary.counts["created"] == 3
    assert state() == before


@pytest.mark.parametrize("persona", ["opd_admin", "supervisor", "employee", "pimpinan", "outsider"])
def test_only_the_instansi_admin_imports(world: World, persona: str) -> None:
    before = state()
    with pytest.raises(PermissionDenied):
        ac_import(
            data=good_ac(world),
            filename="ac.xlsx",
            instansi=world.instansi,
            acting_user=world.user(persona),
        )
    with pytest.raises(PermissionDenied):
        skp_import(
            data=good_skp(world),
            filename="skp.csv",
            instansi=world.instansi,
            acting_user=world.user(persona),
        )
    assert state() == before


def test_ac_template_has_the_importer_columns_and_imports_once_filled(world: World) -> None:
    workbook = load_workbook(io.BytesIO(ac_template(instansi=world.instansi)))
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.name for c in AC_COLUMNS]
    assert "Petunjuk" in workbook.sheetnames and "Referensi" in workbook.sheetnames
    codes = {row[0].value for row in workbook["Referensi"].iter_rows(min_row=2)}
    assert {"M.1", "M.8", "SK.1"} <= codes
    sheet.append([world.employee.nip, "M.5", 3, "01-07-2025", "Assessor: Ir. Daud"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    summary = ac_import(
        data=buffer.getvalue(), filename="templat.xlsx", instansi=world.instansi, acting_user=None
    )
    assert summary.counts["created"] == 1


def test_ac_command_reports_errors_with_exit_status_2(world: World, tmp_path) -> None:
    path = tmp_path / "ac.csv"
    path.write_text(
        f"nip,kode_kompetensi,level,tanggal,lembaga\n{world.employee.nip},M.1,9,15-08-2025,UPT\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_ac", str(path), instansi="53.71", stderr=err)
    assert caught.value.returncode == 2
    assert "1 sampai 5" in err.getvalue()
    path.write_text(
        f"nip,kode_kompetensi,level,tanggal,lembaga\n{world.employee.nip},M.1,3,15-08-2025,UPT\n"
    )
    out = io.StringIO()
    call_command("import_ac", str(path), instansi="53.71", stdout=out)
    assert Assessment.objects.filter(source=AssessmentSource.ASSESSMENT_CENTRE).count() == 1


# ----------------------------------------------------------------------------- SKP


def good_skp(world: World) -> bytes:
    return (
        "nip;tahun;predikat\n"
        f"{world.employee.nip};2025;Butuh Perbaikan\n"
        f"{world.colleague.nip};2025;sangat baik\n"
        f"{world.employee.nip};2024;Baik\n"
    ).encode()


def test_skp_good_file(world: World) -> None:
    summary = skp_import(
        data=good_skp(world),
        filename="skp.csv",
        instansi=world.instansi,
        acting_user=world.user("bkpsdm"),
    )
    assert summary.counts == {"created": 3, "updated": 0, "unchanged": 0}
    ratings = {(r.employee_id, r.tahun): r.predikat for r in PerformanceRating.objects.all()}
    assert ratings == {
        (world.employee.pk, 2025): SkpPredikat.BUTUH_PERBAIKAN,
        (world.colleague.pk, 2025): SkpPredikat.SANGAT_BAIK,
        (world.employee.pk, 2024): SkpPredikat.BAIK,
    }
    assert AuditEvent.objects.filter(action="performance.import").count() == 3


def test_skp_reimport_is_idempotent_and_a_new_predicate_updates(world: World) -> None:
    user = world.user("bkpsdm")
    skp_import(data=good_skp(world), filename="skp.csv", instansi=world.instansi, acting_user=user)
    before = state()
    again = skp_import(
        data=good_skp(world), filename="skp.csv", instansi=world.instansi, acting_user=user
    )
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 3}
    assert state() == before
    changed = xlsx([["nip", "tahun", "predikat"], [world.employee.nip, 2025, "Kurang"]])
    summary = skp_import(
        data=changed, filename="skp.xlsx", instansi=world.instansi, acting_user=user
    )
    assert summary.counts == {"created": 0, "updated": 1, "unchanged": 0}
    assert (
        PerformanceRating.objects.get(employee=world.employee, tahun=2025).predikat
        == SkpPredikat.KURANG
    )


def test_skp_bad_file_reports_every_bad_cell_and_writes_nothing(world: World) -> None:
    next_year = timezone.localdate().year + 1
    data = (
        "NIP,Tahun,Predikat\n"
        f"{world.employee.nip},2025,Baik\n"  # good, still not written
        f"{world.employee.nip},2025,Cukup\n"  # row 3: duplicate (nip, tahun) and bad predicate
        f"{world.other_employee.nip},2025,Baik\n"  # row 4: another instansi
        f"{world.colleague.nip},{next_year},Baik\n"  # row 5: future year
        f"{world.colleague.nip},dua ribu,Sangat  Kurang\n"  # row 6: year not a number
        f",2025,Baik\n"  # row 7: no NIP
    ).encode()
    before = state()
    with pytest.raises(ImportRejected) as caught:
        skp_import(
            data=data, filename="skp.csv", instansi=world.instansi, acting_user=world.user("bkpsdm")
        )
    found = {(e.row, e.column): e.message for e in caught.value.errors}
    assert set(found) == {
        (3, "Predikat"),
        (4, "NIP"),
        (5, "Tahun"),
        (6, "Tahun"),
        (7, "NIP"),
    }
    assert "Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang" in found[(3, "Predikat")]
    assert state() == before
    duplicate = (
        f"nip,tahun,predikat\n{world.employee.nip},2025,Baik\n{world.employee.nip},2025,Kurang\n"
    )
    with pytest.raises(ImportRejected) as caught:
        skp_import(
            data=duplicate.encode(), filename="skp.csv", instansi=world.instansi, acting_user=None
        )
    assert [(e.row, "baris 2" in e.message) for e in caught.value.errors] == [(3, True)]
    assert state() == before


def test_skp_missing_column(world: World) -> None:
    with pytest.raises(ImportRejected) as caught:
        skp_import(
            data=f"nip,predikat\n{world.employee.nip},Baik\n".encode(),
            filename="skp.csv",
            instansi=world.instansi,
            acting_user=None,
        )
    assert [e.column for e in caught.value.errors] == ["tahun"]
    assert not PerformanceRating.objects.exists()


def test_skp_template_validates_the_predicates(world: World) -> None:
    workbook = load_workbook(io.BytesIO(skp_template()))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.name for c in SKP_COLUMNS]
    validations = sheet.data_validations.dataValidation
    assert any("Butuh Perbaikan" in (v.formula1 or "") for v in validations)
    sheet.append([world.employee.nip, 2025, "Sangat Kurang"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    skp_import(data=buffer.getvalue(), filename="t.xlsx", instansi=world.instansi, acting_user=None)
    assert PerformanceRating.objects.get().predikat == SkpPredikat.SANGAT_KURANG
