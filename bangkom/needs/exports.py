"""The per-ASN inventory of needs as XLSX and PDF (per unit or per instansi)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from bangkom.lib.spreadsheet_safety import neutralise_formulas

COLUMNS = (
    ("unit", "Unit kerja"),
    ("nip", "NIP"),
    ("nama", "Nama"),
    ("jabatan", "Jabatan"),
    ("kode", "Kode"),
    ("kompetensi", "Kompetensi"),
    ("dipersyaratkan", "Level dipersyaratkan"),
    ("saat_ini", "Level saat ini"),
    ("sumber", "Sumber penilaian"),
    ("kesenjangan", "Kesenjangan"),
    ("kesenjangan_karier", "Kesenjangan jabatan sasaran"),
    ("bobot", "Bobot"),
    ("skor", "Skor kebutuhan"),
)


def inventory_xlsx(title: str, rows: Sequence[dict[str, Any]]) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Inventarisasi"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Dibuat {timezone.localtime():%d-%m-%Y %H:%M}"])
    sheet.append([])
    sheet.append([label for _key, label in COLUMNS])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row[key]) for key, _label in COLUMNS])
    for column, width in zip(
        "ABCDEFGHIJKLM", (28, 20, 30, 30, 8, 34, 12, 12, 16, 12, 14, 8, 10), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    neutralise_formulas(workbook).save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value


def inventory_pdf(title: str, subtitle: str, rows: Sequence[dict[str, Any]]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "needs/inventory_pdf.html",
        {"title": title, "subtitle": subtitle, "rows": rows, "made": timezone.localtime()},
    )
    return HTML(string=html).write_pdf()
