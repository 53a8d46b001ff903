"""Reading a positions workbook: the rows of its sheets (Jabatan, Uraian Tugas, Standar) checked
and matched with the instansi's units, positions, duties and competencies. :mod:`.positions` plans
and writes what is read here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency, PositionStandard, StandardSource
from bangkom.core.imports.columns import ColumnMap, is_example
from bangkom.core.imports.reading import Row, Table
from bangkom.core.imports.report import ErrorList
from bangkom.lib.siasn import position_class_from_title
from bangkom.organisation.imports.layouts import DUTY_COLUMNS, POSITION_COLUMNS, STANDARD_COLUMNS
from bangkom.organisation.imports.matching import (
    UnitCatalogue,
    Unresolved,
    name_key,
    parse_position_class,
    position_class_help,
)
from bangkom.organisation.models import Duty, Instansi, Position, Unit

MAX_ORDER = 999
_ORDER = re.compile(r"(\d{1,6})(?:[.,]0+)?")
_LEVEL = re.compile(r"([1-5])(?:[.,]0+)?")
_COMPETENCY_ITEM = re.compile(r"([A-Za-z]+(?:\.[0-9A-Za-z]+)+)\s*[:=]\s*(\S+)")


@dataclass(eq=False)
class PositionRow:
    row: int
    unit: Unit
    nama: str
    kelas: str | None  # None: keep the stored class
    ikhtisar: str | None  # None: keep the stored summary
    existing: Position | None
    status: str = ""
    instance: Position | None = None


@dataclass(eq=False)
class DutyRow:
    row: int
    urutan: int
    uraian: str
    competencies: list[tuple[Competency, int]]
    existing: Duty | None = None
    status: str = ""


@dataclass(eq=False)
class StandardRow:
    row: int
    competency: Competency
    level: int
    status: str = ""


@dataclass(eq=False)
class Target:
    """Everything the file says about one position."""

    unit: Unit
    nama: str
    position_row: PositionRow | None = None
    existing: Position | None = None
    duties: list[DutyRow] = field(default_factory=list)
    removed_duties: list[Duty] = field(default_factory=list)
    standards: list[StandardRow] = field(default_factory=list)

    @property
    def position(self) -> Position:
        if self.position_row is not None and self.position_row.instance is not None:
            return self.position_row.instance
        assert self.existing is not None
        return self.existing


class _Checker:
    def __init__(self, instansi: Instansi) -> None:
        self.instansi = instansi
        self.errors = ErrorList()
        self.units = UnitCatalogue(
            list(Unit.objects.filter(instansi=instansi)), create=False, offer_create=False
        )
        self.positions = {
            (p.unit_id, name_key(p.nama)): p
            for p in Position.objects.filter(instansi=instansi).select_related("unit")
        }
        competencies = Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi))
        self.competencies: dict[str, Competency] = {}
        for competency in competencies.order_by("-instansi_id"):  # the instansi's own first
            self.competencies.setdefault(competency.kode.upper(), competency)
        self.targets: dict[tuple[int, str], Target] = {}
        # Positions of the Jabatan sheet whose row has an error: already reported there.
        self.rejected: set[tuple[int, str]] = set()

    def _unit(self, cols: ColumnMap, row: Row, errors: ErrorList) -> Unit | None:
        try:
            unit = self.units.find(cols.text(row, "unit"), cols.text(row, "unit_induk"), row.number)
        except Unresolved as exc:
            column = exc.field if cols.has(exc.field) else "unit"
            errors.add(row.number, cols.header(column), cols.text(row, column), exc.message)
            return None
        if unit is None:
            errors.add(row.number, cols.header("unit"), "", _("Unit kerja wajib diisi."))
            return None
        assert isinstance(unit, Unit)  # nothing is planned: create=False
        return unit

    def _name(self, cols: ColumnMap, row: Row, errors: ErrorList) -> str:
        nama = cols.text(row, "nama_jabatan")
        if not nama:
            errors.add(row.number, cols.header("nama_jabatan"), "", _("Nama jabatan wajib diisi."))
        elif is_example(nama):
            errors.add(
                row.number,
                cols.header("nama_jabatan"),
                nama,
                _("Ini baris contoh dari templat; hapus baris ini sebelum mengimpor."),
            )
            return ""
        return nama

    # -- sheet Jabatan

    def read_positions(self, table: Table) -> None:
        errors = ErrorList(table.name)
        cols = ColumnMap(table, POSITION_COLUMNS, errors)
        if errors:
            self.errors.extend(errors)
            return
        seen: dict[tuple[int, str], int] = {}
        for row in table.rows:
            unit, nama = self._unit(cols, row, errors), self._name(cols, row, errors)
            if unit is None or not nama:
                continue
            slot = (unit.pk, name_key(nama))
            if slot in seen:
                errors.add(
                    row.number,
                    cols.header("nama_jabatan"),
                    nama,
                    _(
                        "Jabatan ini sudah ada di baris %d untuk unit yang sama; cukup satu baris "
                        "per jabatan."
                    )
                    % seen[slot],
                )
                continue
            seen[slot] = row.number
            existing = self.positions.get(slot)
            kelas_text = cols.text(row, "kelas_jabatan")
            kelas: str | None = None
            if kelas_text:
                kelas = parse_position_class(kelas_text)
                if kelas is None:
                    errors.add(
                        row.number,
                        cols.header("kelas_jabatan"),
                        kelas_text,
                        _("Kelas jabatan tidak dikenali; %s.") % position_class_help(),
                    )
                    self.rejected.add(slot)
                    continue
            elif existing is None:
                kelas = position_class_from_title(nama, None)
                if kelas is None:
                    errors.add(
                        row.number,
                        cols.header("kelas_jabatan", "nama_jabatan"),
                        "",
                        _(
                            "Kelas jabatan tidak dapat ditebak dari nama “%s”; isi kolom "
                            "kelas_jabatan."
                        )
                        % nama,
                    )
                    self.rejected.add(slot)
                    continue
            ikhtisar = cols.text(row, "ikhtisar") if cols.has("ikhtisar") else ""
            position_row = PositionRow(
                row=row.number,
                unit=unit,
                nama=" ".join(nama.split()),
                kelas=kelas,
                ikhtisar=ikhtisar or None,
                existing=existing,
            )
            if existing is None:
                position_row.status = "created"
            elif (kelas and kelas != existing.kelas) or (
                ikhtisar and ikhtisar != existing.ikhtisar
            ):
                position_row.status = "updated"
            else:
                position_row.status = "unchanged"
            target = self._target(unit, position_row.nama)
            target.position_row = position_row
        self.errors.extend(errors)

    def _target(self, unit: Unit, nama: str) -> Target:
        slot = (unit.pk, name_key(nama))
        if slot not in self.targets:
            self.targets[slot] = Target(unit=unit, nama=nama, existing=self.positions.get(slot))
        return self.targets[slot]

    def _known_target(
        self, cols: ColumnMap, row: Row, errors: ErrorList, positions_sheet: str
    ) -> Target | None:
        unit, nama = self._unit(cols, row, errors), self._name(cols, row, errors)
        if unit is None or not nama:
            return None
        slot = (unit.pk, name_key(nama))
        if slot in self.rejected:
            return None
        if slot not in self.targets and slot not in self.positions:
            errors.add(
                row.number,
                cols.header("nama_jabatan"),
                nama,
                _(
                    "Jabatan “%(nama)s” di unit %(unit)s belum ada; tambahkan di sheet %(sheet)s "
                    "atau buat di menu Jabatan."
                )
                % {"nama": nama, "unit": unit.nama, "sheet": positions_sheet},
            )
            return None
        return self._target(unit, nama)

    def _competency(self, code: str) -> Competency | None:
        return self.competencies.get(code.strip().upper())

    @staticmethod
    def _level(text: str) -> int | None:
        """1–5, also as a spreadsheet writes a number (``3.0``, ``3,0``)."""
        match = _LEVEL.fullmatch(text.strip())
        return int(match[1]) if match else None

    # -- sheet Uraian Tugas

    def read_duties(self, table: Table, positions_sheet: str) -> None:
        errors = ErrorList(table.name)
        cols = ColumnMap(table, DUTY_COLUMNS, errors)
        if errors:
            self.errors.extend(errors)
            return
        numbers: dict[int, dict[int, int]] = defaultdict(dict)  # target → urutan → row
        for row in table.rows:
            target = self._known_target(cols, row, errors, positions_sheet)
            uraian = cols.text(row, "uraian_tugas")
            if not uraian:
                errors.add(
                    row.number, cols.header("uraian_tugas"), "", _("Uraian tugas wajib diisi.")
                )
            links = self._links(cols, row, errors)
            if target is None:
                continue
            used = numbers[id(target)]
            urutan_text = cols.text(row, "urutan")
            if urutan_text:
                urutan = self._order_number(urutan_text)
                if urutan is None:
                    errors.add(
                        row.number,
                        cols.header("urutan"),
                        urutan_text,
                        _("Urutan harus bilangan bulat 1 sampai %d.") % MAX_ORDER,
                    )
                    continue
            else:
                urutan = max(used, default=0) + 1
            if urutan in used:
                errors.add(
                    row.number,
                    cols.header("urutan", "nama_jabatan"),
                    urutan,
                    _("Urutan %(n)d sudah dipakai di baris %(row)d untuk jabatan yang sama.")
                    % {"n": urutan, "row": used[urutan]},
                )
                continue
            used[urutan] = row.number
            if uraian and links is not None:
                target.duties.append(DutyRow(row.number, urutan, uraian, links))
        self.errors.extend(errors)

    @staticmethod
    def _order_number(text: str) -> int | None:
        """1–999, also as a spreadsheet writes a number (``2.0``)."""
        match = _ORDER.fullmatch(text.strip())
        return int(match[1]) if match and 1 <= int(match[1]) <= MAX_ORDER else None

    def _links(
        self, cols: ColumnMap, row: Row, errors: ErrorList
    ) -> list[tuple[Competency, int]] | None:
        """``M.3:3; T.4:2`` → competencies with levels; ``None`` (and errors) when wrong."""
        text = cols.text(row, "kompetensi")
        header = cols.header("kompetensi")
        links: list[tuple[Competency, int]] = []
        problems: list[str] = []
        for item in (part.strip() for part in re.split(r"[;\n]+", text)):
            if not item:
                continue
            match = _COMPETENCY_ITEM.fullmatch(item)
            if match is None:
                problems.append(_("“%s” tidak terbaca; tulis kode:level, misalnya M.3:3") % item)
                continue
            competency = self._competency(match[1])
            level = self._level(match[2])
            if competency is None:
                problems.append(_("kode %s tidak ada di kamus kompetensi") % match[1])
            elif level is None:
                problems.append(
                    _("level %(kode)s harus 1–5, bukan %(level)s")
                    % {"kode": competency.kode, "level": match[2]}
                )
            elif any(c.pk == competency.pk for c, _level in links):
                problems.append(_("%s disebut lebih dari sekali") % competency.kode)
            else:
                links.append((competency, level))
        if problems:
            errors.add(row.number, header, text, "; ".join(problems) + ".")
            return None
        return links

    # -- sheet Standar

    def read_standards(self, table: Table, positions_sheet: str) -> None:
        errors = ErrorList(table.name)
        cols = ColumnMap(table, STANDARD_COLUMNS, errors)
        if errors:
            self.errors.extend(errors)
            return
        seen: dict[tuple[int, int], int] = {}
        for row in table.rows:
            target = self._known_target(cols, row, errors, positions_sheet)
            code, level_text = cols.text(row, "kode_kompetensi"), cols.text(row, "level")
            competency = self._competency(code) if code else None
            if competency is None:
                errors.add(
                    row.number,
                    cols.header("kode_kompetensi"),
                    code,
                    _("Kode kompetensi %s tidak ada di kamus kompetensi; lihat sheet Referensi.")
                    % (code or _("(kosong)")),
                )
            level = self._level(level_text)
            if level is None:
                errors.add(
                    row.number,
                    cols.header("level"),
                    level_text,
                    _("Level harus bilangan bulat 1 sampai 5."),
                )
            if target is None or competency is None or level is None:
                continue
            slot = (id(target), competency.pk)
            if slot in seen:
                errors.add(
                    row.number,
                    cols.header("kode_kompetensi"),
                    code,
                    _("Kompetensi ini sudah diatur di baris %d untuk jabatan yang sama.")
                    % seen[slot],
                )
                continue
            seen[slot] = row.number
            target.standards.append(StandardRow(row.number, competency, level))
        self.errors.extend(errors)

    # -- what will change

    def compare(self) -> None:
        positions = [t.existing for t in self.targets.values() if t.existing is not None]
        duties: dict[int, list[Duty]] = defaultdict(list)
        for duty in Duty.objects.filter(position__in=positions).prefetch_related("competencies"):
            duties[duty.position_id].append(duty)
        manual = {
            (line.position_id, line.competency_id): line.required_level
            for line in PositionStandard.objects.filter(
                position__in=positions, source=StandardSource.MANUAL
            )
        }
        for target in self.targets.values():
            stored = duties.get(target.existing.pk, []) if target.existing else []
            if target.duties:
                by_number: dict[int, Duty] = {}
                for duty in stored:
                    by_number.setdefault(duty.urutan, duty)
                for line in target.duties:
                    line.existing = by_number.pop(line.urutan, None)
                    if line.existing is None:
                        line.status = "created"
                    else:
                        now = (
                            line.existing.uraian,
                            {
                                (link.competency_id, link.level)
                                for link in line.existing.competencies.all()
                            },
                        )
                        wanted = (line.uraian, {(c.pk, level) for c, level in line.competencies})
                        line.status = "unchanged" if now == wanted else "updated"
                matched = {id(line.existing) for line in target.duties if line.existing}
                target.removed_duties = [d for d in stored if id(d) not in matched]
            for standard in target.standards:
                key = (target.existing.pk if target.existing else 0, standard.competency.pk)
                standard.status = "unchanged" if manual.get(key) == standard.level else "set"
