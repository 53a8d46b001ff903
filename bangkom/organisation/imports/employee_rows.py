"""Reading an employee file: each row read, checked cell by cell and resolved against what the
instansi already holds (employees by NIP, units and positions by name, supervisors in the file or
in the database). :mod:`.employees` plans and writes the rows read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.core.errors import ServiceError
from bangkom.core.imports.columns import ColumnMap, is_example
from bangkom.core.imports.reading import Row, Table, cell_text, is_lossy_number
from bangkom.core.imports.report import ErrorList
from bangkom.lib.golongan import GolonganError, parse_golongan
from bangkom.lib.siasn import (
    SiasnValueError,
    parse_date,
    parse_jenis_pegawai,
    parse_sex,
    position_class_from_title,
)
from bangkom.organisation.imports.layouts import EMPLOYEE_COLUMNS
from bangkom.organisation.imports.matching import (
    PositionCatalogue,
    PositionPlan,
    UnitCatalogue,
    UnitPlan,
    Unresolved,
    parse_position_class,
    position_class_help,
    resolved,
    wilayah_children,
)
from bangkom.organisation.models import Employee, EmployeeKind, Instansi, Position, Unit
from bangkom.organisation.services import (
    EMPLOYEE_FIELDS,
    EmployeeData,
    employee_validate,
    normalise_nip,
)

# Columns holding plain text, with the employee field they fill.
_TEXT_FIELDS = {
    "nama": "nama",
    "gelar_depan": "gelar_depan",
    "gelar_belakang": "gelar_belakang",
    "pendidikan_tingkat": "pendidikan_tingkat",
    "pendidikan_nama": "pendidikan_nama",
    "email": "email",
    "nomor_hp": "phone",
}
# employee_validate's error keys → the column that holds the value.
_ERROR_COLUMNS = {
    "nip": "nip",
    "nama": "nama",
    "jenis": "jenis_pegawai",
    "tanggal_lahir": "tanggal_lahir",
    "jenis_kelamin": "jenis_kelamin",
    "unit": "unit",
    "position": "jabatan",
    "supervisor": "nip_atasan",
}
# Which part of the NIP a parser message is about, to tell the user which digits to check.
_NIP_HINTS = (
    (
        "tanggal lahir pada nip",
        gettext_lazy("periksa 8 digit pertama (tahun, bulan, tanggal lahir)"),
    ),
    ("tahun lahir pada nip", gettext_lazy("periksa 8 digit pertama (tahun, bulan, tanggal lahir)")),
    ("tmt cpns", gettext_lazy("periksa digit ke-9 sampai ke-14 (tahun dan bulan TMT CPNS)")),
)
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?e\+?\d+", re.IGNORECASE)
_QUERY_CHUNK = 900


@dataclass(eq=False)
class EmployeeRow:
    """One row of the file, read and resolved; ``instance`` is set once written."""

    source: Row
    row: int
    nip: str
    existing: Employee | None
    values: dict[str, Any] = field(default_factory=dict)
    unit: Unit | UnitPlan | None = None
    position: Position | PositionPlan | None = None
    sets_place: bool = False  # the row names a unit (and maybe a position)
    supervisor_nip: str = ""
    supervisor: Employee | EmployeeRow | None = None
    target: dict[str, Any] = field(default_factory=dict)  # NIP-derived values to store
    status: str = ""  # created, updated or unchanged once checked
    instance: Employee | None = None


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _QUERY_CHUNK):
        yield items[start : start + _QUERY_CHUNK]


def _nip_hint(message: str) -> str:
    lowered = message.lower()
    for needle, hint in _NIP_HINTS:
        if needle in lowered:
            return f"{message}; {hint}"
    return message


class _Reader:
    """Reads and resolves the rows of one file against one instansi."""

    def __init__(self, table: Table, instansi: Instansi, create: bool, errors: ErrorList) -> None:
        self.table = table
        self.instansi = instansi
        self.errors = errors
        self.cols = ColumnMap(table, EMPLOYEE_COLUMNS, errors)
        errors.raise_if_any()  # without the right headers no row can be read
        self.employees = {e.nip: e for e in Employee.objects.filter(instansi=instansi)}
        self.by_pk = {e.pk: e for e in self.employees.values()}
        units = list(Unit.objects.filter(instansi=instansi))
        positions = list(Position.objects.filter(instansi=instansi))
        units_by_pk = {u.pk: u for u in units}
        positions_by_pk = {p.pk: p for p in positions}
        for position in positions:
            if position.unit_id in units_by_pk:
                position.unit = units_by_pk[position.unit_id]
        # Link the prefetched objects so that reading a relation never queries.
        for employee in self.employees.values():
            if employee.unit_id in units_by_pk:
                employee.unit = units_by_pk[employee.unit_id]
            if employee.position_id in positions_by_pk:
                employee.position = positions_by_pk[employee.position_id]
            if employee.supervisor_id in self.by_pk:
                employee.supervisor = self.by_pk[employee.supervisor_id]
        self.units = UnitCatalogue(
            units, create, wilayah_children=wilayah_children(instansi.wilayah) if create else {}
        )
        self.positions = PositionCatalogue(positions, create)

    def error(self, row: int, column_field: str, value: object, message: str) -> None:
        self.errors.add(row, self.cols.header(column_field, fallback="nip"), value, message)

    # -- one row

    def read_row(self, row: Row, first_row_of_nip: dict[str, int]) -> EmployeeRow:
        cols, number = self.cols, row.number
        raw_nip = cols.raw(row, "nip")
        nip_text = cell_text(raw_nip).lstrip("'")
        nip = normalise_nip(nip_text)
        if is_lossy_number(raw_nip) or _SCIENTIFIC.fullmatch(nip_text):
            self.error(
                number,
                "nip",
                nip_text,
                _(
                    "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom "
                    "sebagai Teks lalu isi ulang NIP lengkap 18 digit."
                ),
            )
        elif not nip:
            self.error(number, "nip", "", _("NIP wajib diisi."))
        elif nip in first_row_of_nip:
            self.error(
                number,
                "nip",
                nip,
                _("NIP %(nip)s sudah ada di baris %(row)d; setiap pegawai cukup satu baris.")
                % {"nip": nip, "row": first_row_of_nip[nip]},
            )
        else:
            first_row_of_nip[nip] = number
        existing = self.employees.get(nip)
        result = EmployeeRow(source=row, row=number, nip=nip, existing=existing)
        values = result.values

        for column, attr in _TEXT_FIELDS.items():
            text = cols.text(row, column)
            if not text:
                continue
            limit = getattr(Employee._meta.get_field(attr), "max_length", None)
            if limit and len(text) > limit:
                self.error(
                    number,
                    column,
                    text,
                    _("Terlalu panjang (%(n)d karakter); paling banyak %(max)d karakter.")
                    % {"n": len(text), "max": limit},
                )
                continue
            values[attr] = text
        # Excel drops the leading zero of a phone number stored as a number: 81234567890.
        phone_cell = cols.raw(row, "nomor_hp")
        if isinstance(phone_cell, int | float) and values.get("phone", "").startswith("8"):
            values["phone"] = "0" + values["phone"]
        if not values.get("nama"):
            if not self.errors.has(number, cols.header("nama")):
                self.error(number, "nama", "", _("Nama wajib diisi."))
        elif is_example(values["nama"]):
            self.error(
                number,
                "nama",
                values["nama"],
                _("Ini baris contoh dari templat; hapus baris ini sebelum mengimpor."),
            )
        if "email" in values:
            try:
                validate_email(values["email"])
            except ValidationError:
                self.error(
                    number,
                    "email",
                    values["email"],
                    _("Alamat email tidak valid; tulis seperti nama@contoh.go.id atau kosongkan."),
                )
                del values["email"]

        self._read_kind_and_grade(row, result)
        for column, parse in (("tanggal_lahir", parse_date), ("jenis_kelamin", parse_sex)):
            raw = cols.raw(row, column)
            if cell_text(raw) == "":
                continue
            try:
                values[column] = parse(raw)
            except SiasnValueError as exc:
                self.error(number, column, cell_text(raw), str(exc))

        self._read_place(row, result)
        supervisor_text = cols.text(row, "nip_atasan").lstrip("'")
        if supervisor_text:
            result.supervisor_nip = normalise_nip(supervisor_text)
        return result

    def _read_kind_and_grade(self, row: Row, result: EmployeeRow) -> None:
        text = self.cols.text(row, "jenis_pegawai")
        if text:
            try:
                result.values["jenis"] = parse_jenis_pegawai(text)
            except SiasnValueError as exc:
                self.error(row.number, "jenis_pegawai", text, str(exc))
                return
        jenis = result.values.get("jenis") or (
            result.existing.jenis if result.existing else EmployeeKind.PNS
        )
        text = self.cols.text(row, "golongan")
        if text:
            try:
                result.values["golongan"] = parse_golongan(text, jenis=jenis)
            except GolonganError as exc:
                self.error(row.number, "golongan", text, str(exc))

    def _read_place(self, row: Row, result: EmployeeRow) -> None:
        cols, number = self.cols, row.number
        unit_name, parent_name = cols.text(row, "unit"), cols.text(row, "unit_induk")
        position_name = cols.text(row, "jabatan")
        if not (unit_name or parent_name):
            if position_name:
                self.error(
                    number,
                    "jabatan",
                    position_name,
                    _(
                        "Jabatan diisi tetapi unit kerja kosong; isi kolom %s agar jabatan dapat "
                        "dicari."
                    )
                    % cols.header("unit", fallback="unit_induk"),
                )
            return
        try:
            unit = self.units.find(unit_name, parent_name, number)
        except Unresolved as exc:
            column = (
                exc.field if cols.has(exc.field) else ("unit" if cols.has("unit") else "unit_induk")
            )
            self.error(number, column, cols.text(row, column), exc.message)
            return
        assert unit is not None
        result.unit, result.sets_place = unit, True
        if not position_name:
            result.position = None
            return
        found = self.positions.get(unit, position_name)
        if found is not None:
            result.position = found
            return
        kelas: str | None = None
        kelas_text = cols.text(row, "kelas_jabatan")
        if kelas_text:
            kelas = parse_position_class(kelas_text)
            if kelas is None:
                self.error(
                    number,
                    "kelas_jabatan",
                    kelas_text,
                    _("Kelas jabatan tidak dikenali; %s.") % position_class_help(),
                )
                return
        elif self.positions.create:
            kelas = position_class_from_title(
                position_name, cols.text(row, "jenis_jabatan") or None
            )
        try:
            result.position = self.positions.find(unit, position_name, kelas, number)
        except Unresolved as exc:
            column = exc.field if cols.has(exc.field) else "jabatan"
            self.error(number, column, cols.text(row, column) or position_name, exc.message)

    # -- across rows

    def check_other_instansi(self, rows: list[EmployeeRow]) -> None:
        unknown = [r.nip for r in rows if r.nip and r.existing is None]
        elsewhere: set[str] = set()
        for chunk in _chunks(unknown):
            elsewhere.update(
                Employee.objects.filter(nip__in=chunk)
                .exclude(instansi=self.instansi)
                .values_list("nip", flat=True)
            )
        for result in rows:
            if result.nip in elsewhere and result.existing is None:
                self.error(
                    result.row,
                    "nip",
                    result.nip,
                    _(
                        "NIP %s sudah terdaftar sebagai pegawai instansi lain; impor tidak "
                        "memindahkan pegawai antarinstansi. Hubungi BKPSDM atau superadmin "
                        "untuk mutasi."
                    )
                    % result.nip,
                )

    def resolve_supervisors(
        self, rows: list[EmployeeRow], first_row_of_nip: dict[str, int]
    ) -> None:
        by_nip = {r.nip: r for r in rows if r.nip and first_row_of_nip.get(r.nip) == r.row}
        for result in rows:
            wanted = result.supervisor_nip
            if not wanted:
                continue
            if wanted == result.nip:
                self.error(
                    result.row,
                    "nip_atasan",
                    wanted,
                    _("Atasan langsung tidak boleh pegawai itu sendiri."),
                )
            elif wanted in by_nip:
                target = by_nip[wanted]
                result.supervisor = target.existing or target
            elif wanted in self.employees:
                result.supervisor = self.employees[wanted]
            else:
                self.error(
                    result.row,
                    "nip_atasan",
                    wanted,
                    _(
                        "NIP atasan %s tidak ditemukan di berkas ini maupun di data pegawai "
                        "instansi ini; periksa NIP-nya atau impor atasan itu lebih dulu."
                    )
                    % wanted,
                )
        self._check_cycles(rows)

    def _check_cycles(self, rows: list[EmployeeRow]) -> None:
        """The supervisor links after the import, file over database, must not loop."""
        boss: dict[str, str] = {}
        for employee in self.employees.values():
            if employee.supervisor_id in self.by_pk:
                boss[employee.nip] = self.by_pk[employee.supervisor_id].nip
        for result in rows:
            if result.supervisor is not None and result.nip:
                target = result.supervisor
                boss[result.nip] = target.nip
        state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
        looping: dict[str, list[str]] = {}
        for start in boss:
            path: list[str] = []
            node: str | None = start
            while node is not None and state.get(node, 0) == 0:
                state[node] = 1
                path.append(node)
                node = boss.get(node)
            if node is not None and state.get(node) == 1:
                cycle = path[path.index(node) :]
                for member in cycle:
                    looping[member] = cycle
            for member in path:
                state[member] = 2
        for result in rows:
            if result.supervisor_nip and result.nip in looping:
                chain = " → ".join([*looping[result.nip], looping[result.nip][0]])
                self.error(
                    result.row,
                    "nip_atasan",
                    result.supervisor_nip,
                    _(
                        "Atasan langsung membentuk lingkaran (%s); seseorang tidak boleh menjadi "
                        "atasan dari atasannya sendiri."
                    )
                    % chain,
                )

    def relink_supervisors(self, rows: list[EmployeeRow]) -> None:
        """Point the prefetched employees at their new supervisors, so that the supervisor
        chain :func:`employee_validate` walks is the one the import will leave."""
        for result in rows:
            if result.existing is not None and result.supervisor_nip:
                sup = result.supervisor
                # A supervisor the import creates is not in the database: the chain stops
                # there, and the file's own links are checked by _check_cycles.
                result.existing.supervisor = sup if isinstance(sup, Employee) else None

    # -- the shared rules

    def data_for(self, result: EmployeeRow, *, final: bool) -> EmployeeData:
        """The employee as the import would leave it. Before writing (``final=False``) planned
        units, positions and new supervisors are ``None``: they are new, so valid by making."""
        existing, values = result.existing, result.values
        base: dict[str, Any] = {}
        if existing is not None:
            base = {name: getattr(existing, name) for name in EMPLOYEE_FIELDS}
            base["supervisor"] = (
                self.by_pk.get(existing.supervisor_id) if existing.supervisor_id else None
            )
        merged = {**base, **values}
        if result.sets_place:
            merged["unit"], merged["position"] = result.unit, result.position
        if result.supervisor is not None:
            merged["supervisor"] = result.supervisor
        if final:
            for name in ("unit", "position"):
                merged[name] = resolved(merged.get(name))
            sup = merged.get("supervisor")
            if isinstance(sup, EmployeeRow):
                merged["supervisor"] = sup.instance
        else:
            for name, model in (("unit", Unit), ("position", Position), ("supervisor", Employee)):
                if not isinstance(merged.get(name), model):
                    merged[name] = None
        return EmployeeData(
            nip=result.nip,
            nama=merged.get("nama", ""),
            jenis=merged.get("jenis", EmployeeKind.PNS),
            gelar_depan=merged.get("gelar_depan", ""),
            gelar_belakang=merged.get("gelar_belakang", ""),
            tanggal_lahir=merged.get("tanggal_lahir"),
            jenis_kelamin=merged.get("jenis_kelamin", ""),
            golongan=merged.get("golongan", ""),
            pendidikan_tingkat=merged.get("pendidikan_tingkat", ""),
            pendidikan_nama=merged.get("pendidikan_nama", ""),
            unit=merged.get("unit"),
            position=merged.get("position"),
            supervisor=merged.get("supervisor"),
            email=merged.get("email", ""),
            phone=merged.get("phone", ""),
            is_active=existing.is_active if existing is not None else True,
        )

    def validate(self, result: EmployeeRow) -> tuple[EmployeeData, dict[str, Any]] | None:
        """The row through :func:`employee_validate`: its data and the NIP-derived values, or
        ``None`` after recording its errors against the columns they are about."""
        data = self.data_for(result, final=False)
        try:
            return data, employee_validate(
                instansi=self.instansi, data=data, employee=result.existing
            )
        except ServiceError as exc:
            for key, messages in exc.message_dict.items():
                column = _ERROR_COLUMNS.get(key, "nip")
                if not self.cols.has(column):
                    column = "nip"
                header = self.cols.header(column)
                if self.errors.has(result.row, header):
                    continue  # already explained by a more specific message
                message = " ".join(messages)
                if key == "nip":
                    message = _nip_hint(message)
                self.error(result.row, column, self.cols.text(result.source, column), message)
            return None
