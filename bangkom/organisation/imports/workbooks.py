"""The downloadable XLSX templates: a data sheet per import with its header row and an example
row, and a sheet explaining every column in Indonesian. The columns come from the same
definitions the importers read, so a template always imports."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bangkom.competencies.models import Competency
from bangkom.core.imports.columns import EXAMPLE_PREFIX, Column
from bangkom.organisation.imports.layouts import (
    DUTY_COLUMNS,
    EMPLOYEE_COLUMNS,
    POSITION_COLUMNS,
    SHEET_DUTIES,
    SHEET_POSITIONS,
    SHEET_STANDARDS,
    STANDARD_COLUMNS,
)
from bangkom.organisation.models import Instansi, PositionClass

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EMPLOYEES_FILENAME = "templat_impor_pegawai.xlsx"
POSITIONS_FILENAME = "templat_impor_jabatan.xlsx"

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_EXAMPLE_FONT = Font(italic=True, color="7F7F7F")
_TEXT_COLUMNS = {"nip", "nip_atasan", "nomor_hp", "urutan"}  # kept as typed, leading zeros too
_VALIDATED_ROWS = 50000


def _data_sheet(sheet: Worksheet, columns: Iterable[Column]) -> None:
    wanted = [c for c in columns if c.in_template]
    sheet.append([c.name for c in wanted])
    sheet.append([c.example for c in wanted])
    for index, column in enumerate(wanted, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.font, header.fill = _HEADER_FONT, _HEADER_FILL
        sheet.cell(row=2, column=index).font = _EXAMPLE_FONT
        sheet.column_dimensions[letter].width = max(14, min(45, len(column.example) + 4))
        if column.field in _TEXT_COLUMNS:
            # Text format for the whole column, so Excel keeps all 18 digits of a NIP.
            sheet.column_dimensions[letter].number_format = "@"
            sheet.cell(row=2, column=index).number_format = "@"
    sheet.freeze_panes = "A2"


def _help_sheet(
    sheet: Worksheet, intro: list[str], sections: list[tuple[str, tuple[Column, ...]]]
) -> None:
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 90
    sheet.column_dimensions["D"].width = 34
    for line in intro:
        sheet.append([line])
    wrap = Alignment(wrap_text=True, vertical="top")
    for title, columns in sections:
        sheet.append([])
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
        sheet.append([_("Kolom"), _("Wajib"), _("Keterangan"), _("Contoh")])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        for column in columns:
            if not column.in_template:
                continue
            aliases = list(column.aliases[1:])
            note = str(column.help)
            if column.siasn or aliases:
                names = [column.siasn] if column.siasn else []
                names += aliases
                note += " " + _("Judul lain yang dikenali: %s.") % ", ".join(names)
            sheet.append([column.name, _("ya") if column.required else "", note, column.example])
            for cell in sheet[sheet.max_row]:
                cell.alignment = wrap
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def employees_template() -> bytes:
    """Sheet "Pegawai" (header + example row) and sheet "Petunjuk" (one line per column)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Pegawai")
    _data_sheet(sheet, EMPLOYEE_COLUMNS)
    names = [c.name for c in EMPLOYEE_COLUMNS if c.in_template]
    kind = DataValidation(type="list", formula1='"PNS,PPPK"', allow_blank=True)
    letter = get_column_letter(names.index("jenis_pegawai") + 1)
    kind.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
    sheet.add_data_validation(kind)
    _help_sheet(
        workbook.create_sheet(_("Petunjuk")),
        [
            _("Petunjuk impor data pegawai (ASN)"),
            _(
                "• Satu baris untuk satu pegawai, mulai baris 2 sheet Pegawai. Hapus baris contoh "
                "(nama diawali %s) sebelum mengimpor."
            )
            % EXAMPLE_PREFIX.strip(" -"),
            _(
                "• Pegawai dicocokkan dengan NIP: NIP yang sudah ada diperbarui, NIP baru "
                "ditambahkan. Mengimpor ulang berkas yang sama tidak membuat data ganda."
            ),
            _(
                "• Sel kosong (atau kolom yang tidak ada) tidak menghapus data yang sudah "
                "tersimpan. Pegawai yang tidak ada di berkas tidak diubah."
            ),
            _(
                "• Semua atau tidak sama sekali: bila ada satu saja kesalahan, tidak ada data yang "
                "disimpan; daftar kesalahan menyebut baris dan kolomnya."
            ),
            _(
                "• Unit dan jabatan harus sudah ada, kecuali Anda mencentang “Buat unit dan "
                "jabatan yang belum ada”."
            ),
            _(
                "• Berkas “Export Data ASN” dari SIASN (CSV atau XLSX) dapat langsung diimpor "
                "tanpa diubah; kolom yang tidak dikenal diabaikan."
            ),
            _("• Tanggal ditulis dd-mm-yyyy atau yyyy-mm-dd."),
        ],
        [(_("Kolom sheet Pegawai"), EMPLOYEE_COLUMNS)],
    )
    return _bytes(workbook)


def positions_template(*, instansi: Instansi | None = None) -> bytes:
    """Sheets "Jabatan", "Uraian Tugas", "Standar" (each with an example row), "Petunjuk" and
    "Referensi" (position classes and competency codes, the instansi's own included)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_POSITIONS
    _data_sheet(sheet, POSITION_COLUMNS)
    _data_sheet(workbook.create_sheet(SHEET_DUTIES), DUTY_COLUMNS)
    _data_sheet(workbook.create_sheet(SHEET_STANDARDS), STANDARD_COLUMNS)
    _help_sheet(
        workbook.create_sheet(_("Petunjuk")),
        [
            _("Petunjuk impor jabatan, uraian tugas dan standar kompetensi"),
            _("• Hapus baris contoh (nama jabatan diawali %s) di setiap sheet sebelum mengimpor.")
            % EXAMPLE_PREFIX.strip(" -"),
            _(
                "• Sheet Jabatan: satu baris per jabatan. Unit kerja harus sudah ada. Jabatan "
                "dicocokkan dengan unit dan nama: yang sudah ada diperbarui, yang baru dibuat."
            ),
            _(
                "• Sheet Uraian Tugas: satu baris per tugas. Uraian tugas suatu jabatan di berkas "
                "menggantikan uraian tugasnya yang tersimpan (dicocokkan per nomor urut; nomor "
                "yang tidak ada di berkas dihapus). Jabatan tanpa baris tugas tidak diubah."
            ),
            _(
                "• Standar kompetensi jabatan diturunkan otomatis: level bawaan kelas jabatan "
                "untuk kompetensi manajerial dan sosial kultural, dinaikkan ke level tertinggi "
                "yang diminta uraian tugasnya."
            ),
            _(
                "• Sheet Standar (boleh kosong): level yang ditetapkan manual untuk satu "
                "kompetensi; tidak ditimpa penurunan otomatis."
            ),
            _(
                "• Semua atau tidak sama sekali: bila ada satu saja kesalahan, tidak ada data yang "
                "disimpan."
            ),
        ],
        [
            (_("Kolom sheet %s") % SHEET_POSITIONS, POSITION_COLUMNS),
            (_("Kolom sheet %s") % SHEET_DUTIES, DUTY_COLUMNS),
            (_("Kolom sheet %s") % SHEET_STANDARDS, STANDARD_COLUMNS),
        ],
    )
    reference = workbook.create_sheet(_("Referensi"))
    reference.append([_("Kelas jabatan"), _("Kode (juga diterima)")])
    for value, label in PositionClass.choices:
        reference.append([str(label), value])
    reference.append([])
    reference.append([_("Kode kompetensi"), _("Nama"), _("Jenis")])
    competencies = Competency.objects.filter(
        Q(instansi__isnull=True) | Q(instansi=instansi) if instansi else Q(instansi__isnull=True)
    ).order_by("jenis", "kode")
    for competency in competencies:
        reference.append([competency.kode, competency.nama, competency.get_jenis_display()])
    reference.column_dimensions["A"].width = 28
    reference.column_dimensions["B"].width = 50
    for row in (1, len(PositionClass.choices) + 3):
        for cell in reference[row]:
            cell.font = Font(bold=True)
    return _bytes(workbook)
