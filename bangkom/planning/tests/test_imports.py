"""Catalogue import from XLSX: a good file, a bad file with every error reported and nothing
written, and the downloadable template."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from bangkom.core.imports.report import ImportRejected
from bangkom.core.models import AuditEvent
from bangkom.planning.imports import COLUMNS, catalogue_import, catalogue_template
from bangkom.planning.models import ProgramCompetency, ProgramTemplate

HEADERS = [c.name for c in COLUMNS]


def workbook(rows: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Program"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([row.get(name, "") for name in HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = {
    "kode": "PRG-1",
    "judul": "Pelatihan Komunikasi Publik",
    "bentuk": "workshop",
    "kompetensi": "M.3:1; M.5:2",
    "durasi": 3,
    "hari_belajar": 3,
    "hari_tinggal_kerja": 3,
    "moda": "tatap_muka",
    "peserta_min": 10,
    "peserta_maks": 30,
    "biaya_tetap": 15000000,
    "biaya_per_peserta": 500000,
    "kelas_jabatan": "pelaksana, Pengawas",
    "unit": "Kecamatan Alak",
    "penyelenggara": "Universitas Tanjungpura",
}


def test_good_file_creates_programs_with_computed_jp(world) -> None:
    coaching = {
        **GOOD,
        "kode": "PRG-2",
        "judul": "Coaching pelayanan",
        "bentuk": "Coaching",
        "durasi": 6,
        "bulan": 2,
        "moda": "Daring",
        "kelas_jabatan": "",
        "unit": "",
    }
    summary = catalogue_import(
        data=workbook([GOOD, coaching]),
        filename="katalog.xlsx",
        instansi=world.instansi,
        acting_user=world.user("bkpsdm"),
    )
    assert summary.counts == {"created": 2, "updated": 0}
    first = ProgramTemplate.objects.get(instansi=world.instansi, kode="PRG-1")
    assert first.jp == 15  # 3 days × 5 JP
    assert sorted(first.kelas_jabatan) == ["pelaksana", "pengawas"]
    assert [u.nama for u in first.units.all()] == ["Kecamatan Alak"]
    assert {(pc.competency.kode, pc.gain) for pc in first.competencies.all()} == {
        ("M.3", 1),
        ("M.5", 2),
    }
    second = ProgramTemplate.objects.get(kode="PRG-2")
    assert second.jp == 8  # 6 sessions, max 2 a month over 2 months → 4 × 2 JP
    assert second.mode == "daring"
    assert AuditEvent.objects.filter(action="planning.catalogue.import").count() == 1
    # importing again updates instead of duplicating
    again = catalogue_import(
        data=workbook([{**GOOD, "judul": "Komunikasi Publik Lanjut"}]),
        filename="katalog.xlsx",
        instansi=world.instansi,
        acting_user=world.user("bkpsdm"),
    )
    assert again.counts == {"created": 0, "updated": 1}
    assert ProgramTemplate.objects.get(kode="PRG-1").judul == "Komunikasi Publik Lanjut"


def test_bad_file_reports_every_error_and_writes_nothing(world) -> None:
    rows = [
        GOOD,
        {**GOOD, "kode": "PRG-1"},  # row 3: duplicate code
        {**GOOD, "kode": "X", "bentuk": "tarian", "kompetensi": "Z.9:1", "moda": "terbang"},  # 4
        {**GOOD, "kode": "Y", "peserta_min": 40, "biaya_tetap": "banyak", "kelas_jabatan": "raja"},
        {**GOOD, "kode": "Z", "unit": "Dinas Luar Angkasa", "durasi": -1, "jp_manual": 5},
    ]
    before = AuditEvent.objects.count()
    with pytest.raises(ImportRejected) as caught:
        catalogue_import(
            data=workbook(rows),
            filename="katalog.xlsx",
            instansi=world.instansi,
            acting_user=world.user("bkpsdm"),
        )
    where = {(e.row, e.column) for e in caught.value.errors}
    assert where >= {
        (3, "kode"),
        (4, "bentuk"),
        (4, "kompetensi"),
        (4, "moda"),
        (5, "biaya_tetap"),
        (5, "kelas_jabatan"),
        (6, "unit"),
        (6, "durasi"),
    }
    assert not ProgramTemplate.objects.exists()
    assert not ProgramCompetency.objects.exists()
    assert AuditEvent.objects.filter(action__startswith="planning.catalogue").count() == 0
    assert AuditEvent.objects.count() >= before  # only the JP table seeding may be recorded


def test_rule_errors_point_at_their_cells(world) -> None:
    rows = [{**GOOD, "peserta_min": 40}, {**GOOD, "kode": "B", "jp_manual": 5}]
    with pytest.raises(ImportRejected) as caught:
        catalogue_import(
            data=workbook(rows), filename="k.xlsx", instansi=world.instansi, acting_user=None
        )
    where = {(e.row, e.column) for e in caught.value.errors}
    assert where == {(2, "peserta_min"), (3, "alasan_jp_manual")}
    assert not ProgramTemplate.objects.exists()


def test_template_example_row_is_refused_and_headers_are_read(world) -> None:
    data = catalogue_template()
    sheet = load_workbook(io.BytesIO(data))["Program"]
    assert [c.value for c in sheet[1]] == HEADERS
    with pytest.raises(ImportRejected) as caught:
        catalogue_import(data=data, filename="t.xlsx", instansi=world.instansi, acting_user=None)
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "judul")]
