"""Import of catalogue programs from XLSX: all or nothing, every error located by cell.

Sheet "Program", one row per program, columns below (* = required). A program is matched by its
``kode``: an existing one is replaced, a new one created. The reading, column matching and error
report are the organisation imports' own (``bangkom.organisation.imports``).
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.core.imports.columns import EXAMPLE_PREFIX, Column, ColumnMap, is_example
from bangkom.core.imports.reading import Row, file_kind, read_workbook
from bangkom.core.imports.report import CellError, ErrorList, ImportRejected, ImportSummary
from bangkom.organisation.models import Instansi, PositionClass, Unit
from bangkom.planning.models import DeliveryMode, DevelopmentForm, ProgramTemplate
from bangkom.planning.services import (
    TemplateData,
    form_table_ensure,
    template_errors,
    template_save,
)

SHEET = "Program"
FILENAME = "templat_impor_katalog_program.xlsx"

COLUMNS: tuple[Column, ...] = (
    Column(
        "kode", ("kode",), True, help=gettext_lazy("Wajib. Kode unik program."), example="PRG-001"
    ),
    Column(
        "judul",
        ("judul", "nama_program"),
        True,
        help=gettext_lazy("Wajib. Judul program."),
        example=f"{EXAMPLE_PREFIX}Pelatihan Komunikasi Publik (hapus baris ini)",
    ),
    Column(
        "bentuk",
        ("bentuk", "bentuk_pengembangan"),
        True,
        help=gettext_lazy("Wajib. Kode atau nama bentuk pada tabel konversi JP."),
        example="workshop",
    ),
    Column(
        "kompetensi",
        ("kompetensi",),
        True,
        help=gettext_lazy("Wajib. Kode:kenaikan level dipisah titik koma."),
        example="M.3:1; M.5:1",
    ),
    Column(
        "durasi",
        ("durasi", "jumlah_satuan"),
        True,
        help=gettext_lazy(
            "Wajib. Jumlah satuan bentuknya (jam pelajaran/hari/sesi/kegiatan/semester)."
        ),
        example="3",
    ),
    Column(
        "hari_belajar", ("hari_belajar",), help=gettext_lazy("Hari belajar; bawaan 1."), example="3"
    ),
    Column(
        "bulan",
        ("bulan", "lama_bulan"),
        help=gettext_lazy("Lama dalam bulan; bawaan 1."),
        example="1",
    ),
    Column(
        "jp_manual",
        ("jp_manual",),
        help=gettext_lazy("JP yang ditetapkan manual (kosongkan untuk dihitung)."),
        example="",
    ),
    Column(
        "alasan_jp_manual",
        ("alasan_jp_manual",),
        help=gettext_lazy("Wajib bila JP manual diisi."),
        example="",
    ),
    Column(
        "hari_tinggal_kerja",
        ("hari_tinggal_kerja", "hari_meninggalkan_pekerjaan"),
        True,
        help=gettext_lazy("Wajib. Hari meninggalkan pekerjaan (0 untuk e-learning)."),
        example="3",
    ),
    Column(
        "moda",
        ("moda", "mode"),
        True,
        help=gettext_lazy("Wajib. tatap_muka, daring atau campuran."),
        example="tatap_muka",
    ),
    Column(
        "peserta_min",
        ("peserta_min", "peserta_minimum"),
        True,
        help=gettext_lazy("Wajib. Peserta minimum per angkatan."),
        example="10",
    ),
    Column(
        "peserta_maks",
        ("peserta_maks", "peserta_maksimum"),
        True,
        help=gettext_lazy("Wajib. Peserta maksimum per angkatan."),
        example="30",
    ),
    Column(
        "biaya_tetap",
        ("biaya_tetap",),
        True,
        help=gettext_lazy("Wajib. Rupiah per angkatan, bilangan bulat."),
        example="15000000",
    ),
    Column(
        "biaya_per_peserta",
        ("biaya_per_peserta",),
        True,
        help=gettext_lazy("Wajib. Rupiah per peserta, bilangan bulat."),
        example="500000",
    ),
    Column(
        "kelas_jabatan",
        ("kelas_jabatan",),
        help=gettext_lazy("Kode kelas dipisah koma; kosong = semua."),
        example="pelaksana, pengawas",
    ),
    Column(
        "unit",
        ("unit", "unit_sasaran"),
        help=gettext_lazy("Nama unit dipisah titik koma; kosong = semua."),
        example="",
    ),
    Column(
        "penyelenggara",
        ("penyelenggara", "mitra"),
        help=gettext_lazy("Penyelenggara atau mitra."),
        example="Universitas Tanjungpura",
    ),
    Column("prasyarat", ("prasyarat",), help=gettext_lazy("Prasyarat peserta."), example=""),
    Column(
        "catatan_kurikulum",
        ("catatan_kurikulum", "kurikulum"),
        help=gettext_lazy("Catatan kurikulum."),
        example="",
    ),
)


def _integer(
    cells: ColumnMap, row: Row, name: str, errors: ErrorList, default: int | None = None
) -> int:
    raw = cells.raw(row, name)
    text = cells.text(row, name).replace(".", "") if isinstance(raw, str) else cells.text(row, name)
    if text == "":
        if default is not None:
            return default
        errors.add(row.number, cells.header(name), "", _("Wajib diisi."))
        return 0
    if isinstance(raw, float) and not raw.is_integer():
        errors.add(row.number, cells.header(name), raw, _("Harus bilangan bulat ≥ 0."))
        return 0
    if not text.isdigit():
        errors.add(row.number, cells.header(name), raw, _("Harus bilangan bulat ≥ 0."))
        return 0
    return int(text)


def _decimal(
    cells: ColumnMap, row: Row, name: str, errors: ErrorList, *, required: bool
) -> Decimal | None:
    text = cells.text(row, name).replace(",", ".")
    if text == "":
        if required:
            errors.add(row.number, cells.header(name), "", _("Wajib diisi."))
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.add(row.number, cells.header(name), text, _("Harus angka."))
        return None
    if not value.is_finite() or value < 0:
        errors.add(row.number, cells.header(name), text, _("Harus angka ≥ 0."))
        return None
    return value


_FIELD_COLUMN = {
    "kode": "kode",
    "judul": "judul",
    "bentuk": "bentuk",
    "competencies": "kompetensi",
    "jumlah_satuan": "durasi",
    "min_peserta": "peserta_min",
    "max_peserta": "peserta_maks",
    "jp_override": "jp_manual",
    "jp_override_reason": "alasan_jp_manual",
    "kelas_jabatan": "kelas_jabatan",
    "units": "unit",
}


def catalogue_import(
    *, data: bytes, filename: str, instansi: Instansi, acting_user: Any, dry_run: bool = False
) -> ImportSummary:
    if not data.strip():
        raise ImportRejected([CellError(None, "", "", _("Berkas kosong."))])
    if file_kind(data, filename) != "xlsx":
        raise ImportRejected([CellError(None, "", "", _("Unggah berkas Excel (.xlsx)."))])
    tables = read_workbook(data)
    table = tables.get(SHEET) or next(iter(tables.values()), None)
    if table is None:
        raise ImportRejected([CellError(None, "", "", _("Berkas Excel tidak berisi sheet."))])
    errors = ErrorList(table.name)
    cells = ColumnMap(table, COLUMNS, errors)
    errors.raise_if_any()
    if not table.rows:
        raise ImportRejected([CellError(None, "", "", _("Tidak ada baris program."), table.name)])

    form_table_ensure(instansi=instansi, acting_user=acting_user)
    forms = {f.kode.lower(): f for f in DevelopmentForm.objects.filter(instansi=instansi)}
    forms.update({f.nama.lower(): f for f in forms.values()})
    competencies = {
        c.kode.upper(): c
        for c in Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi))
    }
    units = {u.nama.lower(): u for u in Unit.objects.filter(instansi=instansi)}
    existing = {t.kode: t for t in ProgramTemplate.objects.filter(instansi=instansi)}
    class_by_text = {v: v for v in PositionClass.values}
    class_by_text.update({str(label).lower(): v for v, label in PositionClass.choices})
    modes = {v: v for v in DeliveryMode.values}
    modes.update({str(label).lower(): v for v, label in DeliveryMode.choices})

    planned: list[tuple[TemplateData, ProgramTemplate | None]] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        before = len(errors)
        kode = cells.text(row, "kode")
        judul = cells.text(row, "judul")
        if is_example(judul):
            errors.add(
                row.number, cells.header("judul"), judul, _("Baris contoh; hapus baris ini.")
            )
            continue
        if kode in seen:
            errors.add(
                row.number, cells.header("kode"), kode, _("Kode sama dengan baris %d.") % seen[kode]
            )
        seen[kode] = row.number
        form_text = cells.text(row, "bentuk")
        form = forms.get(form_text.lower())
        if form is None:
            errors.add(
                row.number,
                cells.header("bentuk"),
                form_text,
                _("Bentuk tidak ada di tabel konversi JP instansi ini."),
            )
        gains: list[tuple[Competency, int]] = []
        for part in [p.strip() for p in cells.text(row, "kompetensi").split(";") if p.strip()]:
            code, _sep, gain = part.partition(":")
            competency = competencies.get(code.strip().upper())
            gain = gain.strip() or "1"
            if competency is None or not gain.isdigit() or not 1 <= int(gain) <= 4:
                errors.add(
                    row.number,
                    cells.header("kompetensi"),
                    part,
                    _("Tulis kode kompetensi yang dikenal dan kenaikan 1–4, misalnya M.3:1."),
                )
                break
            gains.append((competency, int(gain)))
        classes = []
        for part in [
            p.strip().lower() for p in cells.text(row, "kelas_jabatan").split(",") if p.strip()
        ]:
            if part not in class_by_text:
                errors.add(
                    row.number,
                    cells.header("kelas_jabatan"),
                    part,
                    _("Kelas jabatan tidak dikenal."),
                )
                break
            classes.append(class_by_text[part])
        unit_list = []
        for part in [p.strip() for p in cells.text(row, "unit").split(";") if p.strip()]:
            if part.lower() not in units:
                errors.add(
                    row.number, cells.header("unit"), part, _("Unit tidak ada di instansi ini.")
                )
                break
            unit_list.append(units[part.lower()])
        mode_text = cells.text(row, "moda").lower()
        if mode_text not in modes:
            errors.add(
                row.number,
                cells.header("moda"),
                mode_text,
                _("Tulis tatap_muka, daring atau campuran."),
            )
        amount = _decimal(cells, row, "durasi", errors, required=True)
        override = _decimal(cells, row, "jp_manual", errors, required=False)
        numbers = {
            name: _integer(cells, row, name, errors, default)
            for name, default in (
                ("hari_belajar", 1),
                ("bulan", 1),
                ("hari_tinggal_kerja", None),
                ("peserta_min", None),
                ("peserta_maks", None),
                ("biaya_tetap", None),
                ("biaya_per_peserta", None),
            )
        }
        if len(errors) > before or form is None:
            continue
        data_row = TemplateData(
            kode=kode,
            judul=judul,
            bentuk=form,
            jumlah_satuan=amount or Decimal(0),
            hari_belajar=max(1, numbers["hari_belajar"]),
            bulan=max(1, numbers["bulan"]),
            hari_tinggal_kerja=numbers["hari_tinggal_kerja"],
            mode=modes[mode_text],
            min_peserta=numbers["peserta_min"],
            max_peserta=numbers["peserta_maks"],
            biaya_tetap=numbers["biaya_tetap"],
            biaya_per_peserta=numbers["biaya_per_peserta"],
            competencies=gains,
            kelas_jabatan=classes,
            units=unit_list,
            jp_override=override,
            jp_override_reason=cells.text(row, "alasan_jp_manual"),
            penyelenggara=cells.text(row, "penyelenggara"),
            prasyarat=cells.text(row, "prasyarat"),
            catatan_kurikulum=cells.text(row, "catatan_kurikulum"),
        )
        template = existing.get(kode)
        for name, messages in template_errors(instansi, data_row, template).items():
            column = _FIELD_COLUMN.get(name, name)
            for message in messages:
                errors.add(row.number, cells.header(column, column), "", message)
        planned.append((data_row, template))
    errors.raise_if_any()

    summary = ImportSummary(
        dry_run=dry_run,
        rows=len(table.rows),
        counts={
            "created": sum(1 for _d, t in planned if t is None),
            "updated": sum(1 for _d, t in planned if t is not None),
        },
        labels={"created": _("Program baru"), "updated": _("Program diperbarui")},
    )
    if dry_run:
        return summary
    try:
        with transaction.atomic():
            for data_row, template in planned:
                template_save(
                    instansi=instansi,
                    data=data_row,
                    template=template,
                    acting_user=acting_user,
                    audit=False,
                )
            audit_event(
                actor=acting_user,
                action="planning.catalogue.import",
                target=None,
                target_type="planning.programtemplate",
                instansi=instansi,
                after={"kode": [d.kode for d, _t in planned]},
                note=f"{filename}: {summary.counts}",
            )
    except ServiceError as exc:  # a rule broke between the check and the write
        raise ImportRejected(
            [CellError(None, "", "", "; ".join(exc.messages), table.name)]
        ) from exc
    return summary


def catalogue_template() -> bytes:
    """Sheet "Program" (header and an example row), "Petunjuk" (columns) and "Bentuk"."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append([c.name for c in COLUMNS])
    sheet.append([c.example for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(_("Petunjuk"))
    guide.append([_("Petunjuk impor katalog program")])
    guide.append([_("• Satu baris per program. Hapus baris contoh sebelum mengimpor.")])
    guide.append([_("• Program dicocokkan dengan kode: yang sudah ada diganti, yang baru dibuat.")])
    guide.append([_("• Semua atau tidak sama sekali: satu kesalahan saja membatalkan impor.")])
    guide.append([])
    guide.append([_("Kolom"), _("Wajib"), _("Keterangan"), _("Contoh")])
    for column in COLUMNS:
        guide.append(
            [column.name, _("ya") if column.required else "", str(column.help), column.example]
        )
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["C"].width = 80
    reference = workbook.create_sheet(_("Referensi"))
    reference.append([_("Kelas jabatan (kode)"), _("Nama")])
    for value, label in PositionClass.choices:
        reference.append([value, str(label)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
