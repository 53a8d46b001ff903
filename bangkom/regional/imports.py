"""Importing indicator values from CSV or XLSX, all or nothing, every error by row and column.

One row per value: ``kode_indikator``, ``periode`` (``2025-07`` or ``Juli 2025`` for monthly
indicators, ``2025`` for yearly ones), the place as ``kode_wilayah`` (Kemendagri code) or
``unit`` (a unit's name or id), ``nilai``, and optionally ``sumber`` and ``catatan``. A value for
an indicator, place and period already held is replaced; an identical one is left alone.

Numbers: spreadsheet number cells are taken as they are. In text, ``,`` is the decimal comma and
``.`` groups thousands (``1.480``, ``22,4``), as Indonesian statistics write them; a text with a
single ``.`` followed by other than three digits (``22.4``) is read as a decimal point.

Reading, column matching and error reporting are those of the organisation imports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.core.audit import audit_events_bulk, snapshot
from bangkom.core.imports.columns import Column, ColumnMap
from bangkom.core.imports.reading import cell_text, read_table
from bangkom.core.imports.report import ErrorList, ImportSummary
from bangkom.organisation.imports.employees import check_can_import
from bangkom.organisation.models import Instansi, Unit, Wilayah
from bangkom.regional.models import Indicator, IndicatorValue, Periodicity
from bangkom.regional.numbers import parse_number
from bangkom.regional.periods import PeriodError, parse_indicator_period
from bangkom.regional.services.common import wilayah_in_instansi

COLUMNS: tuple[Column, ...] = (
    Column(
        "indikator",
        ("kode_indikator", "indikator", "kode"),
        required=True,
        help=gettext_lazy("Wajib. Kode indikator yang sudah ada, misalnya IZIN-USAHA."),
        example="IZIN-USAHA",
    ),
    Column(
        "periode",
        ("periode", "bulan", "tahun"),
        required=True,
        help=gettext_lazy("Wajib. 2025-07 atau Juli 2025 (bulanan); 2025 (tahunan)."),
        example="2025-07",
    ),
    Column(
        "kode_wilayah",
        ("kode_wilayah", "wilayah"),
        help=gettext_lazy("Kode wilayah Kemendagri, misalnya 12.71.12; atau isi kolom unit."),
        example="12.71.12",
    ),
    Column(
        "unit",
        ("unit", "unit_kerja"),
        help=gettext_lazy("Nama atau ID unit kerja; atau isi kolom kode_wilayah."),
    ),
    Column(
        "nilai",
        ("nilai", "jumlah", "capaian"),
        required=True,
        help=gettext_lazy("Wajib. Angka; koma untuk desimal (22,4), titik untuk ribuan (1.480)."),
        example="1480",
    ),
    Column("sumber", ("sumber", "sumber_data"), help=gettext_lazy("Sumber data.")),
    Column("catatan", ("catatan", "keterangan"), help=gettext_lazy("Catatan.")),
)
LABELS = {
    "created": gettext_lazy("Nilai baru"),
    "updated": gettext_lazy("Nilai diperbarui"),
    "unchanged": gettext_lazy("Nilai tidak berubah"),
}


@dataclass(frozen=True)
class PlannedValue:
    row: int
    indicator: Indicator
    unit: Unit | None
    wilayah: Wilayah | None
    periode: date
    nilai: Decimal
    sumber: str
    catatan: str

    @property
    def key(self) -> tuple[int, str, date]:
        place = f"u:{self.unit.pk}" if self.unit else f"w:{self.wilayah.pk if self.wilayah else ''}"
        return (self.indicator.pk, place, self.periode)


class _Units:
    """Units of the instansi by id and by name (a name held by two units is ambiguous)."""

    def __init__(self, instansi: Instansi) -> None:
        self.by_id: dict[str, Unit] = {}
        self.by_name: dict[str, list[Unit]] = defaultdict(list)
        for unit in Unit.objects.filter(instansi=instansi):
            self.by_id[str(unit.pk)] = unit
            self.by_name[unit.nama.casefold()].append(unit)

    def find(self, text: str) -> tuple[Unit | None, str]:
        if text.isdigit() and text in self.by_id:
            return self.by_id[text], ""
        found = self.by_name.get(" ".join(text.split()).casefold(), [])
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, _("Ada %d unit bernama “%s”; tulis ID unitnya.") % (len(found), text)
        return None, _("Unit “%s” tidak ditemukan di instansi ini.") % text


def plan_values(data: bytes, filename: str, instansi: Instansi) -> tuple[list[PlannedValue], int]:
    """Every row of the file, checked; raises ``ImportRejected`` listing every bad cell."""
    table = read_table(data, filename)
    errors = ErrorList()
    columns = ColumnMap(table, COLUMNS, errors)
    if not columns.has("kode_wilayah") and not columns.has("unit"):
        errors.add(
            table.header_row,
            "kode_wilayah",
            "",
            _("Kolom tempat tidak ditemukan; beri judul kolom “kode_wilayah” atau “unit”."),
        )
    errors.raise_if_any()
    if not table.rows:
        errors.add(None, "", "", _("Berkas tidak berisi baris data."))
        errors.raise_if_any()
    indicators = {i.kode.casefold(): i for i in Indicator.objects.filter(instansi=instansi)}
    wilayah_codes = {cell_text(columns.raw(row, "kode_wilayah")) for row in table.rows} - {""}
    wilayah = {w.kode: w for w in Wilayah.objects.filter(kode__in=wilayah_codes)}
    units = _Units(instansi)
    planned: list[PlannedValue] = []
    seen: dict[tuple[int, str, date], int] = {}
    for row in table.rows:
        kode = columns.text(row, "indikator")
        indicator = indicators.get(kode.casefold())
        if not kode:
            errors.add(
                row.number, columns.header("indikator"), kode, _("Kode indikator wajib diisi.")
            )
        elif indicator is None:
            known = ", ".join(sorted(i.kode for i in indicators.values())) or _("(belum ada)")
            errors.add(
                row.number,
                columns.header("indikator"),
                kode,
                _("Indikator %(kode)s tidak dikenal. Indikator instansi ini: %(known)s.")
                % {"kode": kode, "known": known},
            )
        periode: date | None = None
        if indicator is not None:
            try:
                periode = parse_indicator_period(
                    columns.raw(row, "periode"),
                    monthly=indicator.periodisitas == Periodicity.MONTHLY,
                )
            except PeriodError as err:
                errors.add(
                    row.number, columns.header("periode"), columns.text(row, "periode"), str(err)
                )
        place_unit: Unit | None = None
        place_wilayah: Wilayah | None = None
        wilayah_text = columns.text(row, "kode_wilayah")
        unit_text = columns.text(row, "unit")
        if bool(wilayah_text) == bool(unit_text):
            errors.add(
                row.number,
                columns.header("kode_wilayah", "unit") or "kode_wilayah",
                wilayah_text or unit_text,
                _("Isi salah satu: kode_wilayah atau unit."),
            )
        elif wilayah_text:
            place_wilayah = wilayah.get(wilayah_text)
            if place_wilayah is None:
                errors.add(
                    row.number,
                    columns.header("kode_wilayah"),
                    wilayah_text,
                    _("Kode wilayah %s tidak dikenal.") % wilayah_text,
                )
            elif not wilayah_in_instansi(instansi, place_wilayah):
                errors.add(
                    row.number,
                    columns.header("kode_wilayah"),
                    wilayah_text,
                    _("Wilayah %s berada di luar wilayah instansi ini.") % wilayah_text,
                )
                place_wilayah = None
        else:
            place_unit, message = units.find(unit_text)
            if message:
                errors.add(row.number, columns.header("unit"), unit_text, message)
        try:
            nilai = parse_number(columns.raw(row, "nilai"))
        except ValueError as err:
            errors.add(
                row.number,
                columns.header("nilai"),
                columns.text(row, "nilai"),
                _("Nilai %s.") % err,
            )
            nilai = None
        if indicator is None or periode is None or nilai is None:
            continue
        if place_unit is None and place_wilayah is None:
            continue
        value = PlannedValue(
            row=row.number,
            indicator=indicator,
            unit=place_unit,
            wilayah=place_wilayah,
            periode=periode,
            nilai=nilai,
            sumber=columns.text(row, "sumber")[:200],
            catatan=columns.text(row, "catatan")[:500],
        )
        if value.key in seen:
            errors.add(
                row.number,
                columns.header("periode"),
                columns.text(row, "periode"),
                _("Indikator, tempat dan periode yang sama sudah ada di baris %d.")
                % seen[value.key],
            )
            continue
        seen[value.key] = row.number
        planned.append(value)
    errors.raise_if_any()
    return planned, len(table.rows)


def indicator_values_import(
    *, data: bytes, filename: str, instansi: Instansi, acting_user: Any, dry_run: bool = False
) -> ImportSummary:
    """Import indicator values from a CSV/XLSX file, all or nothing."""
    check_can_import(acting_user, instansi)
    planned, row_count = plan_values(data, filename, instansi)
    existing: dict[tuple[int, str, date], IndicatorValue] = {}
    indicator_ids = {p.indicator.pk for p in planned}
    periods = {p.periode for p in planned}
    for value in IndicatorValue.objects.filter(indicator_id__in=indicator_ids, periode__in=periods):
        place = f"u:{value.unit_id}" if value.unit_id else f"w:{value.wilayah_id}"
        existing[(value.indicator_id, place, value.periode)] = value
    now = timezone.now()
    to_create: list[IndicatorValue] = []
    to_update: list[IndicatorValue] = []
    events: list[dict[str, Any]] = []
    for item in planned:
        current = existing.get(item.key)
        fields = {"nilai": item.nilai, "sumber": item.sumber, "catatan": item.catatan}
        if current is None:
            to_create.append(
                IndicatorValue(
                    indicator=item.indicator,
                    unit=item.unit,
                    wilayah=item.wilayah,
                    periode=item.periode,
                    **fields,
                )
            )
            continue
        if (current.nilai, current.sumber, current.catatan) == (
            item.nilai,
            item.sumber,
            item.catatan,
        ):
            continue
        before = snapshot(current)
        for name, field_value in fields.items():
            setattr(current, name, field_value)
        current.updated_at = now
        to_update.append(current)
        events.append(
            {
                "actor": acting_user,
                "action": "indicator_value.update",
                "target": current,
                "instansi": instansi,
                "before": before,
                "after": snapshot(current),
                "note": _("impor %s") % filename,
            }
        )
    summary = ImportSummary(
        dry_run=dry_run,
        rows=row_count,
        counts={
            "created": len(to_create),
            "updated": len(to_update),
            "unchanged": len(planned) - len(to_create) - len(to_update),
        },
        labels={code: str(label) for code, label in LABELS.items()},
    )
    if dry_run:
        return summary
    with transaction.atomic():
        created = IndicatorValue.objects.bulk_create(to_create, batch_size=500)
        if to_update:
            IndicatorValue.objects.bulk_update(
                to_update, ["nilai", "sumber", "catatan", "updated_at"], batch_size=500
            )
        events += [
            {
                "actor": acting_user,
                "action": "indicator_value.create",
                "target": value,
                "instansi": instansi,
                "after": snapshot(value),
                "note": _("impor %s") % filename,
            }
            for value in created
        ]
        audit_events_bulk(events)
    return summary
