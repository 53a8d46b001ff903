"""Importing positions (jabatan) with their duties (uraian tugas) and competency standards.

The workbook has a sheet "Jabatan" (the positions of existing units), a sheet "Uraian Tugas"
(each position's duties with the competencies and levels they need) and an optional sheet
"Standar" (standard lines set by hand). All or nothing, like the employee import: every sheet is
checked first; a single error and nothing is written.

Writes go through the services (:func:`position_save`, :func:`duty_save`, :func:`duty_delete`,
:func:`standard_set`), so each position's standard is re-derived from its class and duties exactly
as when a person edits it. Rules a user can rely on:

- a position is matched by unit and name; a new one is created, a known one updated;
- an empty cell keeps what Bangkom holds (a new position needs a class, written or guessed);
- the duties listed for a position replace its duties, matched by their order number
  (``urutan``): same number → updated, new number → added, a number not listed → removed;
  positions with no duty rows keep their duties;
- a row that changes nothing writes nothing (no audit row).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.competencies.services import duty_delete, duty_save, standard_set
from bangkom.core.errors import ServiceError
from bangkom.core.imports.reading import Table, file_kind, read_csv, read_workbook
from bangkom.core.imports.report import (
    CellError,
    ImportRejected,
    ImportSummary,
    Progress,
    no_progress,
)
from bangkom.lib.siasn import normalise_header
from bangkom.organisation.imports.employees import check_can_import
from bangkom.organisation.imports.layouts import SHEET_DUTIES, SHEET_POSITIONS, SHEET_STANDARDS
from bangkom.organisation.imports.position_rows import (
    MAX_ORDER,
    DutyRow,
    PositionRow,
    StandardRow,
    Target,
    _Checker,
)
from bangkom.organisation.models import Instansi, PositionClass
from bangkom.organisation.services import position_save

__all__ = [
    "MAX_ORDER",
    "DutyRow",
    "PositionImportPlan",
    "PositionRow",
    "StandardRow",
    "Target",
    "apply_positions",
    "plan_positions",
    "positions_import",
]

SUMMARY_LABELS = {
    "positions_created": gettext_lazy("Jabatan baru"),
    "positions_updated": gettext_lazy("Jabatan diperbarui"),
    "positions_unchanged": gettext_lazy("Jabatan tidak berubah"),
    "duties_created": gettext_lazy("Uraian tugas baru"),
    "duties_updated": gettext_lazy("Uraian tugas diperbarui"),
    "duties_deleted": gettext_lazy("Uraian tugas dihapus"),
    "duties_unchanged": gettext_lazy("Uraian tugas tidak berubah"),
    "standards_set": gettext_lazy("Baris standar diubah manual"),
    "standards_unchanged": gettext_lazy("Baris standar tidak berubah"),
}


@dataclass
class PositionImportPlan:
    instansi: Instansi
    targets: list[Target]
    rows: int

    def summary(self, *, dry_run: bool) -> ImportSummary:
        counts = dict.fromkeys(SUMMARY_LABELS, 0)
        created: list[str] = []
        for target in self.targets:
            if target.position_row is not None:
                counts[f"positions_{target.position_row.status}"] += 1
                if target.position_row.status == "created":
                    created.append(f"{target.nama} ({target.unit.nama})")
            for duty in target.duties:
                counts[f"duties_{duty.status}"] += 1
            counts["duties_deleted"] += len(target.removed_duties)
            for line in target.standards:
                counts[f"standards_{line.status}"] += 1
        return ImportSummary(
            dry_run=dry_run,
            rows=self.rows,
            counts=counts,
            names={"positions_created": created},
            labels={code: str(label) for code, label in SUMMARY_LABELS.items()},
        )


def _sheets(data: bytes, filename: str) -> dict[str, Table]:
    """The workbook's sheets by normalised name; a CSV file is read as the "Jabatan" sheet."""
    if not data.strip():
        raise ImportRejected([CellError(None, "", "", _("Berkas kosong."))])
    if file_kind(data, filename) == "csv":
        return {normalise_header(SHEET_POSITIONS): read_csv(data, SHEET_POSITIONS)}
    return {normalise_header(name): table for name, table in read_workbook(data).items()}


def plan_positions(sheets: dict[str, Table], *, instansi: Instansi) -> PositionImportPlan:
    checker = _Checker(instansi)
    positions = sheets.get(normalise_header(SHEET_POSITIONS))
    duties = sheets.get(normalise_header(SHEET_DUTIES))
    standards = sheets.get(normalise_header(SHEET_STANDARDS))
    if positions is None and duties is None and standards is None:
        raise ImportRejected(
            [
                CellError(
                    None,
                    "",
                    "",
                    _(
                        "Berkas tidak berisi sheet %(a)s, %(b)s atau %(c)s; "
                        "gunakan templat impor jabatan."
                    )
                    % {"a": SHEET_POSITIONS, "b": SHEET_DUTIES, "c": SHEET_STANDARDS},
                )
            ]
        )
    rows = 0
    positions_sheet = positions.name if positions is not None else SHEET_POSITIONS
    for table, read in (
        (positions, checker.read_positions),
        (duties, lambda t: checker.read_duties(t, positions_sheet)),
        (standards, lambda t: checker.read_standards(t, positions_sheet)),
    ):
        if table is not None:
            read(table)
            rows += len(table.rows)
    if rows == 0 and not checker.errors:
        raise ImportRejected([CellError(None, "", "", _("Berkas tidak berisi baris data."))])
    checker.errors.raise_if_any()
    checker.compare()
    return PositionImportPlan(instansi, list(checker.targets.values()), rows)


def apply_positions(plan: PositionImportPlan, *, acting_user: Any) -> None:
    """Write a checked plan through the services. Call inside ``transaction.atomic()``."""
    for target in plan.targets:
        row = target.position_row
        if row is not None:
            if row.status == "unchanged":
                row.instance = row.existing
            else:
                existing = row.existing
                row.instance = position_save(
                    instansi=plan.instansi,
                    unit=target.unit,
                    nama=existing.nama if existing else row.nama,
                    kelas=row.kelas or (existing.kelas if existing else PositionClass.PELAKSANA),
                    ikhtisar=row.ikhtisar
                    if row.ikhtisar is not None
                    else (existing.ikhtisar if existing else ""),
                    position=existing,
                    acting_user=acting_user,
                )
        position = target.position
        for duty in target.removed_duties:
            duty_delete(duty=duty, acting_user=acting_user)
        for line in target.duties:
            if line.status != "unchanged":
                duty_save(
                    position=position,
                    uraian=line.uraian,
                    competencies=line.competencies,
                    urutan=line.urutan,
                    duty=line.existing,
                    acting_user=acting_user,
                )
        for standard in target.standards:
            if standard.status != "unchanged":
                standard_set(
                    position=position,
                    competency=standard.competency,
                    level=standard.level,
                    acting_user=acting_user,
                )


def positions_import(
    *,
    data: bytes,
    filename: str,
    instansi: Instansi,
    acting_user: Any,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import positions with duties and standards from the template, all or nothing.
    ``progress`` is told each stage before it starts, outside the transaction that writes."""
    report = progress or no_progress
    check_can_import(acting_user, instansi)
    report(10, _("Membaca berkas"))
    sheets = _sheets(data, filename)
    report(25, _("Memeriksa jabatan, uraian tugas dan standar"))
    plan = plan_positions(sheets, instansi=instansi)
    summary = plan.summary(dry_run=dry_run)
    if dry_run:
        return summary
    report(70, _("Menyimpan jabatan"))
    try:
        with transaction.atomic():
            apply_positions(plan, acting_user=acting_user)
    except (ServiceError, IntegrityError) as exc:
        messages = exc.messages if isinstance(exc, ServiceError) else [str(exc)]
        raise ImportRejected(
            [
                CellError(
                    None,
                    "",
                    "",
                    _(
                        "Penyimpanan dibatalkan, tidak ada data yang disimpan: %s. Data mungkin "
                        "diubah orang lain saat impor berjalan; ulangi impor."
                    )
                    % "; ".join(str(m) for m in messages),
                )
            ]
        ) from exc
    return summary
