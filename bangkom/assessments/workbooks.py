"""The downloadable XLSX templates of the assessment imports: a data sheet with the header row
(no example row that could be imported by mistake), a "Petunjuk" sheet explaining every column
in Indonesian and, for assessment-centre results, a "Referensi" sheet of competency codes. The
columns come from the definitions the importers read, so a filled template always imports."""

from __future__ import annotations

import io

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bangkom.assessments.imports import AC_COLUMNS, SKP_COLUMNS
from bangkom.assessments.models import SkpPredikat
from bangkom.competencies.models import Competency
from bangkom.core.imports.columns import Column
from bangkom.lib.spreadsheet_safety import neutralise_formulas
from bangkom.organisation.models import Instansi

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AC_FILENAME = "templat_hasil_assessment_center.xlsx"
SKP_FILENAME = "templat_predikat_skp.xlsx"

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_VALIDATED_ROWS = 50000


def _data_sheet(sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    """Header row only: no example row that could be imported by mistake."""
    sheet.append([c.name for c in columns])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        sheet.column_dimensions[letter].width = max(16, min(45, len(column.example) + 6))
        if column.field == "nip":
            sheet.column_dimensions[letter].number_format = "@"  # keep all 18 digits
    sheet.freeze_panes = "A2"


def _help_sheet(sheet: Worksheet, intro: list[str], columns: tuple[Column, ...]) -> None:
    for width, letter in zip((22, 10, 80, 36), "ABCD", strict=True):
        sheet.column_dimensions[letter].width = width
    for line in intro:
        sheet.append([line])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append([_("Kolom"), _("Wajib"), _("Keterangan"), _("Contoh")])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    wrap = Alignment(wrap_text=True, vertical="top")
    for column in columns:
        note = str(column.help)
        if len(column.aliases) > 1:
            note += " " + _("Judul lain yang dikenali: %s.") % ", ".join(column.aliases[1:])
        sheet.append([column.name, _("ya") if column.required else "", note, column.example])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    neutralise_formulas(workbook).save(buffer)
    return buffer.getvalue()


def _validate_column(
    sheet: Worksheet, columns: tuple[Column, ...], field: str, rule: DataValidation
) -> None:
    letter = get_column_letter([c.field for c in columns].index(field) + 1)
    rule.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
    sheet.add_data_validation(rule)


def ac_template(*, instansi: Instansi | None = None) -> bytes:
    """Sheets "Hasil AC" (headers), "Petunjuk" and "Referensi" (competency codes)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Hasil AC")
    _data_sheet(sheet, AC_COLUMNS)
    _validate_column(
        sheet,
        AC_COLUMNS,
        "level",
        DataValidation(type="whole", operator="between", formula1="1", formula2="5"),
    )
    _help_sheet(
        workbook.create_sheet(_("Petunjuk")),
        [
            _("Petunjuk impor hasil assessment center"),
            _("• Satu baris untuk satu hasil: satu pegawai, satu kompetensi, satu tanggal."),
            _(
                "• Semua atau tidak sama sekali: bila ada satu saja kesalahan, tidak ada data "
                "yang disimpan; daftar kesalahan menyebut baris dan kolomnya."
            ),
            _(
                "• Mengimpor ulang berkas yang sama tidak membuat data ganda. Level berbeda untuk "
                "pegawai, kompetensi, tanggal dan lembaga yang sama dianggap koreksi."
            ),
            _("• Level saat ini pegawai diperbarui menurut aturan kombinasi instansi."),
        ],
        AC_COLUMNS,
    )
    reference = workbook.create_sheet(_("Referensi"))
    reference.append([_("Kode kompetensi"), _("Nama"), _("Jenis")])
    for cell in reference[1]:
        cell.font = Font(bold=True)
    competencies = Competency.objects.filter(
        Q(instansi__isnull=True) | Q(instansi=instansi) if instansi else Q(instansi__isnull=True)
    ).order_by("jenis", "kode")
    for competency in competencies:
        reference.append([competency.kode, competency.nama, competency.get_jenis_display()])
    reference.column_dimensions["A"].width = 18
    reference.column_dimensions["B"].width = 50
    return _bytes(workbook)


def skp_template() -> bytes:
    """Sheets "Predikat SKP" (headers, predicate list validation) and "Petunjuk"."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Predikat SKP")
    _data_sheet(sheet, SKP_COLUMNS)
    labels = ",".join(str(label) for _v, label in SkpPredikat.choices)
    _validate_column(
        sheet, SKP_COLUMNS, "predikat", DataValidation(type="list", formula1=f'"{labels}"')
    )
    _help_sheet(
        workbook.create_sheet(_("Petunjuk")),
        [
            _("Petunjuk impor predikat kinerja (SKP)"),
            _("• Satu baris untuk satu pegawai dan satu tahun."),
            _(
                "• Predikat ditulis persis: Sangat Baik, Baik, Butuh Perbaikan, Kurang, "
                "Sangat Kurang (huruf besar/kecil diabaikan)."
            ),
            _(
                "• Semua atau tidak sama sekali: bila ada satu saja kesalahan, tidak ada data "
                "yang disimpan; daftar kesalahan menyebut baris dan kolomnya."
            ),
            _(
                "• Mengimpor ulang berkas yang sama tidak membuat data ganda; predikat yang "
                "berbeda untuk tahun yang sama memperbarui data."
            ),
        ],
        SKP_COLUMNS,
    )
    return _bytes(workbook)
