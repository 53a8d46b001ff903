"""Importing assessment-centre results and SKP predicates from CSV/XLSX files.

Both imports reuse the organisation importer's reading and error reporting
(:mod:`bangkom.organisation.imports`): every bad cell is reported with its row, column and what
to fix, and a file with a single error writes nothing. Re-importing the same file changes
nothing (rows are matched by their natural key).

- Assessment centre: ``nip, kode_kompetensi, level, tanggal, lembaga`` — one result of one
  competency; matched by NIP, competency, date and institution. A different level for the same
  key corrects the earlier import (audited).
- SKP: ``nip, tahun, predikat`` — one predicate per employee and year; a different predicate
  for a known year updates it (audited) and refreshes the weight factors of a linked shortfall.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.assessments.levels import CHUNK, current_levels_refresh
from bangkom.assessments.models import (
    Assessment,
    AssessmentSource,
    PerformanceRating,
    SkpPredikat,
)
from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_events_bulk, snapshot
from bangkom.core.errors import ServiceError
from bangkom.core.imports.columns import Column, ColumnMap
from bangkom.core.imports.reading import Row, Table, cell_text, is_lossy_number, read_table
from bangkom.core.imports.report import CellError, ErrorList, ImportRejected, ImportSummary
from bangkom.lib.siasn import SiasnValueError, parse_date
from bangkom.organisation.imports.employees import check_can_import
from bangkom.organisation.models import Employee, Instansi
from bangkom.organisation.services import normalise_nip

MAX_LEMBAGA = 200

AC_COLUMNS: tuple[Column, ...] = (
    Column(
        "nip",
        ("nip", "nip_baru"),
        required=True,
        help=gettext_lazy("Wajib. NIP 18 digit pegawai instansi ini, diformat sebagai Teks."),
        example="199203142019031004",
    ),
    Column(
        "kode_kompetensi",
        ("kode_kompetensi", "kode", "kompetensi"),
        required=True,
        help=gettext_lazy(
            "Wajib. Kode kompetensi seperti di kamus Bangkom, misalnya M.1 atau SK.1 "
            "(lihat sheet Referensi)."
        ),
        example="M.3",
    ),
    Column(
        "level",
        ("level", "level_kompetensi"),
        required=True,
        help=gettext_lazy("Wajib. Level hasil asesmen: bilangan bulat 1 sampai 5."),
        example="3",
    ),
    Column(
        "tanggal",
        ("tanggal", "tanggal_asesmen", "tanggal_penilaian"),
        required=True,
        help=gettext_lazy("Wajib. Tanggal asesmen dd-mm-yyyy atau yyyy-mm-dd; bukan tanggal esok."),
        example="15-08-2025",
    ),
    Column(
        "lembaga",
        ("lembaga", "assessor", "lembaga_assessor", "lembaga_asesor", "asesor"),
        required=True,
        help=gettext_lazy("Wajib. Lembaga assessment center atau nama assessor."),
        example="UPT Penilaian Kompetensi BKD Provinsi",
    ),
)

SKP_COLUMNS: tuple[Column, ...] = (
    Column(
        "nip",
        ("nip", "nip_baru"),
        required=True,
        help=gettext_lazy("Wajib. NIP 18 digit pegawai instansi ini, diformat sebagai Teks."),
        example="199203142019031004",
    ),
    Column(
        "tahun",
        ("tahun", "tahun_skp", "periode"),
        required=True,
        help=gettext_lazy("Wajib. Tahun penilaian kinerja, misalnya 2025."),
        example="2025",
    ),
    Column(
        "predikat",
        ("predikat", "predikat_kinerja", "predikat_skp", "nilai"),
        required=True,
        help=gettext_lazy(
            "Wajib. Salah satu dari: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang."
        ),
        example="Butuh Perbaikan",
    ),
)

_SUMMARY_LABELS = {
    "created": gettext_lazy("Baris baru"),
    "corrected": gettext_lazy("Dikoreksi (level berbeda untuk hasil yang sama)"),
    "updated": gettext_lazy("Predikat diperbarui"),
    "unchanged": gettext_lazy("Sudah ada, tidak berubah"),
    "factors": gettext_lazy("Faktor bobot kinerja diperbarui"),
}


# ----------------------------------------------------------------------------- shared reading


def _columns(table: Table, columns: tuple[Column, ...]) -> tuple[ColumnMap, ErrorList]:
    """The column map of a file; a file without its required columns is refused at once."""
    errors = ErrorList()
    cols = ColumnMap(table, columns, errors)
    errors.raise_if_any()
    if not table.rows:
        raise ImportRejected([CellError(None, "", "", _("Berkas tidak berisi baris data."))])
    return cols, errors


def _employees(instansi: Instansi, nips: Iterable[str]) -> dict[str, Employee]:
    wanted = sorted(set(nips))
    found: dict[str, Employee] = {}
    for start in range(0, len(wanted), CHUNK):
        for employee in Employee.objects.filter(
            instansi=instansi, nip__in=wanted[start : start + CHUNK]
        ):
            found[employee.nip] = employee
    return found


def _read_nip(cols: ColumnMap, errors: ErrorList, row: Row) -> str:
    raw = cols.raw(row, "nip")
    text = cols.text(row, "nip")
    header = cols.header("nip")
    if not text:
        errors.add(row.number, header, text, _("NIP wajib diisi."))
        return ""
    if is_lossy_number(raw) or re.fullmatch(r"\d+(\.\d+)?[eE]\+?\d+", text):
        errors.add(
            row.number,
            header,
            text,
            _(
                "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom "
                "sebagai Teks lalu isi ulang NIP lengkap 18 digit."
            ),
        )
        return ""
    return normalise_nip(text)


def _read_int(value: Any) -> int | None:
    """An integer cell (``3``, ``3.0``, ``"3"``), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = cell_text(value)
    return int(text) if re.fullmatch(r"\d{1,4}", text) else None


def _rejected_on_write(exc: Exception) -> ImportRejected:
    message = "; ".join(exc.messages) if isinstance(exc, ServiceError) else str(exc)
    return ImportRejected(
        [
            CellError(
                None,
                "",
                "",
                _(
                    "Penyimpanan dibatalkan, tidak ada data yang disimpan: %s. Data mungkin "
                    "diubah orang lain saat impor berjalan; ulangi impor."
                )
                % message,
            )
        ]
    )


# ----------------------------------------------------------------------------- assessment centre


@dataclass
class _AcRow:
    row: int
    employee: Employee
    competency: Competency
    level: int
    tanggal: date
    lembaga: str

    @property
    def key(self) -> tuple[int, int, date, str]:
        return (self.employee.pk, self.competency.pk, self.tanggal, self.lembaga)


def _competency_codes(instansi: Instansi) -> dict[str, Competency]:
    """Competency codes usable in the instansi (national and its own), upper case."""
    return {
        c.kode.upper(): c
        for c in Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi))
    }


def _check_ac(table: Table, instansi: Instansi) -> list[_AcRow]:
    cols, errors = _columns(table, AC_COLUMNS)
    nips = {row.number: _read_nip(cols, errors, row) for row in table.rows}
    employees = _employees(instansi, [n for n in nips.values() if n])
    competencies = _competency_codes(instansi)
    today = timezone.localdate()
    first_row: dict[tuple[int, int, date, str], int] = {}
    result: list[_AcRow] = []
    for row in table.rows:
        number = row.number
        nip = nips[number]
        employee = employees.get(nip) if nip else None
        if nip and employee is None:
            errors.add(
                number,
                cols.header("nip"),
                nip,
                _(
                    "NIP tidak ditemukan di data pegawai instansi ini; periksa NIP atau impor "
                    "pegawainya lebih dulu."
                ),
            )
        kode = cols.text(row, "kode_kompetensi")
        competency = competencies.get(kode.upper().replace(" ", "")) if kode else None
        if not kode:
            errors.add(
                number, cols.header("kode_kompetensi"), kode, _("Kode kompetensi wajib diisi.")
            )
        elif competency is None:
            errors.add(
                number,
                cols.header("kode_kompetensi"),
                kode,
                _(
                    "Kode kompetensi tidak dikenal; pakai kode dari sheet Referensi templat, "
                    "misalnya M.1."
                ),
            )
        raw_level = cols.raw(row, "level")
        level = _read_int(raw_level)
        if level is None or not 1 <= level <= 5:
            errors.add(
                number,
                cols.header("level"),
                cell_text(raw_level),
                _("Level harus bilangan bulat 1 sampai 5."),
            )
        tanggal: date | None = None
        try:
            tanggal = parse_date(cols.raw(row, "tanggal"))
        except SiasnValueError as exc:
            errors.add(number, cols.header("tanggal"), cols.text(row, "tanggal"), str(exc))
        if tanggal is not None and tanggal > today:
            errors.add(
                number,
                cols.header("tanggal"),
                cols.text(row, "tanggal"),
                _("Tanggal asesmen tidak boleh setelah hari ini."),
            )
            tanggal = None
        lembaga = cols.text(row, "lembaga")
        if not lembaga:
            errors.add(number, cols.header("lembaga"), lembaga, _("Lembaga/assessor wajib diisi."))
        elif len(lembaga) > MAX_LEMBAGA:
            errors.add(
                number,
                cols.header("lembaga"),
                lembaga,
                _("Lembaga/assessor paling panjang %d karakter.") % MAX_LEMBAGA,
            )
        valid_level = level is not None and 1 <= level <= 5
        if employee and competency and valid_level and tanggal and 0 < len(lembaga) <= MAX_LEMBAGA:
            assert level is not None
            parsed = _AcRow(number, employee, competency, level, tanggal, lembaga)
            if parsed.key in first_row:
                errors.add(
                    number,
                    cols.header("nip"),
                    nip,
                    _(
                        "Baris ganda: hasil pegawai, kompetensi, tanggal dan lembaga yang sama "
                        "sudah ada di baris %d; hapus salah satu."
                    )
                    % first_row[parsed.key],
                )
                continue
            first_row[parsed.key] = number
            result.append(parsed)
    errors.raise_if_any()
    return result


def ac_import(
    *, data: bytes, filename: str, instansi: Instansi, acting_user: Any, dry_run: bool = False
) -> ImportSummary:
    """Import assessment-centre results, all or nothing (BKPSDM admin, or the system).

    Raises ``PermissionDenied`` for anyone else and :class:`ImportRejected` (nothing written)
    when any cell is wrong. Current levels of the imported pairs follow in the same
    transaction.
    """
    check_can_import(acting_user, instansi)
    rows = _check_ac(read_table(data, filename), instansi)
    existing: dict[tuple[int, int, date, str], Assessment] = {}
    employee_ids = sorted({r.employee.pk for r in rows})
    for start in range(0, len(employee_ids), CHUNK):
        for row in Assessment.objects.filter(
            source=AssessmentSource.ASSESSMENT_CENTRE,
            employee_id__in=employee_ids[start : start + CHUNK],
        ):
            existing[(row.employee_id, row.competency_id, row.assessed_on, row.lembaga)] = row
    created: list[Assessment] = []
    corrected: list[tuple[Assessment, int]] = []
    unchanged = 0
    for parsed in rows:
        old = existing.get(parsed.key)
        if old is None:
            created.append(
                Assessment(
                    instansi=instansi,
                    round=None,
                    employee=parsed.employee,
                    competency=parsed.competency,
                    source=AssessmentSource.ASSESSMENT_CENTRE,
                    level=parsed.level,
                    assessed_on=parsed.tanggal,
                    lembaga=parsed.lembaga,
                    note=_("Impor dari berkas %s") % filename if filename else "",
                    assessor=acting_user if getattr(acting_user, "pk", None) else None,
                )
            )
        elif old.level != parsed.level:
            corrected.append((old, parsed.level))
        else:
            unchanged += 1
    summary = ImportSummary(
        dry_run=dry_run,
        rows=len(rows),
        counts={"created": len(created), "corrected": len(corrected), "unchanged": unchanged},
        labels={k: str(v) for k, v in _SUMMARY_LABELS.items()},
    )
    if dry_run:
        return summary
    note = _("Impor hasil assessment center dari %s") % (filename or _("berkas"))
    try:
        with transaction.atomic():
            Assessment.objects.bulk_create(created, batch_size=CHUNK)
            events: list[dict[str, Any]] = [
                {
                    "actor": acting_user,
                    "action": "assessment.centre_import",
                    "target": row,
                    "instansi": instansi,
                    "after": snapshot(
                        row, ["employee", "competency", "level", "assessed_on", "lembaga"]
                    ),
                    "note": note,
                }
                for row in created
            ]
            for row, level in corrected:
                before = snapshot(row, ["level"])
                row.level = level
                events.append(
                    {
                        "actor": acting_user,
                        "action": "assessment.centre_correct",
                        "target": row,
                        "instansi": instansi,
                        "before": before,
                        "after": snapshot(row, ["level"]),
                        "note": note,
                    }
                )
            Assessment.objects.bulk_update([row for row, _level in corrected], ["level"])
            audit_events_bulk(events)
            pairs = {(r.employee_id, r.competency_id) for r in created}
            pairs |= {(r.employee_id, r.competency_id) for r, _level in corrected}
            current_levels_refresh(pairs=pairs, bulk=True)
    except (ServiceError, IntegrityError) as exc:
        raise _rejected_on_write(exc) from exc
    return summary


# ----------------------------------------------------------------------------- SKP


def predikat_from_text(text: str) -> str | None:
    """The SKP predicate written in a cell: its exact official name, case and spaces aside."""
    wanted = " ".join(text.split()).lower()
    for value, label in SkpPredikat.choices:
        if wanted == str(label).lower():
            return value
    return None


@dataclass
class _SkpRow:
    row: int
    employee: Employee
    tahun: int
    predikat: str


def _check_skp(table: Table, instansi: Instansi) -> list[_SkpRow]:
    cols, errors = _columns(table, SKP_COLUMNS)
    nips = {row.number: _read_nip(cols, errors, row) for row in table.rows}
    employees = _employees(instansi, [n for n in nips.values() if n])
    this_year = timezone.localdate().year
    first_row: dict[tuple[int, int], int] = {}
    result: list[_SkpRow] = []
    allowed = ", ".join(str(label) for _v, label in SkpPredikat.choices)
    for row in table.rows:
        number = row.number
        nip = nips[number]
        employee = employees.get(nip) if nip else None
        if nip and employee is None:
            errors.add(
                number,
                cols.header("nip"),
                nip,
                _(
                    "NIP tidak ditemukan di data pegawai instansi ini; periksa NIP atau impor "
                    "pegawainya lebih dulu."
                ),
            )
        raw_year = cols.raw(row, "tahun")
        tahun = _read_int(raw_year)
        if tahun is None or not 2000 <= tahun <= this_year:
            errors.add(
                number,
                cols.header("tahun"),
                cell_text(raw_year),
                _("Tahun harus empat angka antara 2000 dan %d.") % this_year,
            )
            tahun = None
        text = cols.text(row, "predikat")
        predikat = predikat_from_text(text)
        if predikat is None:
            errors.add(
                number,
                cols.header("predikat"),
                text,
                _("Predikat harus salah satu dari: %s.") % allowed,
            )
        if employee and tahun and predikat:
            key = (employee.pk, tahun)
            if key in first_row:
                errors.add(
                    number,
                    cols.header("nip"),
                    nip,
                    _(
                        "Baris ganda: predikat SKP pegawai ini untuk tahun %(tahun)d sudah ada di "
                        "baris %(row)d; hapus salah satu."
                    )
                    % {"tahun": tahun, "row": first_row[key]},
                )
                continue
            first_row[key] = number
            result.append(_SkpRow(number, employee, tahun, predikat))
    errors.raise_if_any()
    return result


def skp_import(
    *, data: bytes, filename: str, instansi: Instansi, acting_user: Any, dry_run: bool = False
) -> ImportSummary:
    """Import SKP predicates per employee and year, all or nothing (BKPSDM admin or system)."""
    from bangkom.assessments.performance import skp_factors_refresh

    check_can_import(acting_user, instansi)
    rows = _check_skp(read_table(data, filename), instansi)
    existing: dict[tuple[int, int], PerformanceRating] = {}
    employee_ids = sorted({r.employee.pk for r in rows})
    for start in range(0, len(employee_ids), CHUNK):
        for rating in PerformanceRating.objects.filter(
            employee_id__in=employee_ids[start : start + CHUNK]
        ):
            existing[(rating.employee_id, rating.tahun)] = rating
    created: list[PerformanceRating] = []
    updated: list[tuple[PerformanceRating, str]] = []
    unchanged = 0
    for parsed in rows:
        old = existing.get((parsed.employee.pk, parsed.tahun))
        if old is None:
            created.append(
                PerformanceRating(
                    instansi=instansi,
                    employee=parsed.employee,
                    tahun=parsed.tahun,
                    predikat=parsed.predikat,
                )
            )
        elif old.predikat != parsed.predikat:
            updated.append((old, parsed.predikat))
        else:
            unchanged += 1
    counts = {"created": len(created), "updated": len(updated), "unchanged": unchanged}
    summary = ImportSummary(
        dry_run=dry_run,
        rows=len(rows),
        counts=counts,
        labels={k: str(v) for k, v in _SUMMARY_LABELS.items()},
    )
    if dry_run:
        return summary
    note = _("Impor predikat SKP dari %s") % (filename or _("berkas"))
    try:
        with transaction.atomic():
            PerformanceRating.objects.bulk_create(created, batch_size=CHUNK)
            events: list[dict[str, Any]] = [
                {
                    "actor": acting_user,
                    "action": "performance.import",
                    "target": rating,
                    "instansi": instansi,
                    "after": snapshot(rating, ["employee", "tahun", "predikat"]),
                    "note": note,
                }
                for rating in created
            ]
            now = timezone.now()
            for rating, predikat in updated:
                before = snapshot(rating, ["predikat"])
                rating.predikat = predikat
                rating.updated_at = now
                events.append(
                    {
                        "actor": acting_user,
                        "action": "performance.update",
                        "target": rating,
                        "instansi": instansi,
                        "before": before,
                        "after": snapshot(rating, ["predikat"]),
                        "note": note,
                    }
                )
            PerformanceRating.objects.bulk_update(
                [rating for rating, _p in updated], ["predikat", "updated_at"]
            )
            audit_events_bulk(events)
            refreshed = 0
            for rating, _p in updated:
                if rating.links.exists():
                    skp_factors_refresh(rating=rating, acting_user=acting_user)
                    refreshed += 1
            if refreshed:
                summary.counts["factors"] = refreshed
    except (ServiceError, IntegrityError) as exc:
        raise _rejected_on_write(exc) from exc
    return summary
