"""Finding the units and positions a file names, and planning the ones it asks to create.

Names are compared case- and space-insensitively ("DINAS  Kesehatan" is "Dinas Kesehatan").
A unit is looked for under its parent (SIASN's ``UNOR INDUK``, the OPD) when the file names one.
Units and positions to be created are *planned* while the file is checked, so that later rows
naming the same unit find the planned one, and created only when the whole file is valid.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from bangkom.lib.siasn import normalise_header
from bangkom.organisation.models import (
    Position,
    PositionClass,
    Unit,
    UnitKind,
    Wilayah,
    WilayahLevel,
)


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


# The first word(s) of a unit name tell its kind. Longer prefixes first.
_UNIT_KIND_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"sekretariat daerah\b", UnitKind.SETDA),
    (r"sub ?bagian\b|subbag\b", UnitKind.SUBBAGIAN),
    (r"kecamatan\b", UnitKind.KECAMATAN),
    (r"kelurahan\b", UnitKind.KELURAHAN),
    (r"dinas\b", UnitKind.DINAS),
    (r"badan\b", UnitKind.BADAN),
    (r"puskesmas\b", UnitKind.PUSKESMAS),
    (r"bidang\b", UnitKind.BIDANG),
    (r"seksi\b", UnitKind.SEKSI),
    (r"upt[a-z]*\b|unit pelaksana teknis\b", UnitKind.UPT),
    (r"sekretariat\b", UnitKind.SEKRETARIAT),
    (r"bagian\b", UnitKind.BAGIAN),
    (r"(kantor|satuan)\b", UnitKind.KANTOR),
    (r"(sekolah|sd|smp|sma|tk)\b", UnitKind.SEKOLAH),
)
_UNIT_KIND_PATTERNS = tuple((re.compile(p), kind) for p, kind in _UNIT_KIND_PREFIXES)


def unit_kind_from_name(name: str) -> str:
    """ "Kecamatan Alak" → kecamatan, "Dinas Kesehatan" → dinas, …; otherwise lainnya."""
    key = name_key(name)
    for pattern, kind in _UNIT_KIND_PATTERNS:
        if pattern.match(key):
            return kind
    return UnitKind.LAINNYA


def _class_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for value, label in PositionClass.choices:
        keys[normalise_header(value)] = value
        keys[normalise_header(str(label))] = value
        keys[normalise_header(str(label).replace("Fungsional ", ""))] = value
    keys["jpt"] = PositionClass.JPT_PRATAMA
    keys["jabatan_pelaksana"] = PositionClass.PELAKSANA
    return keys


def parse_position_class(text: str) -> str | None:
    """A position class from its code (``ahli_pertama``) or label (``Fungsional Ahli Pertama``,
    ``Ahli Pertama``, ``JPT Pratama``); ``None`` when not recognised."""
    return _class_keys().get(normalise_header(text))


def position_class_help() -> str:
    return _("tulis salah satu: %s") % ", ".join(str(label) for _v, label in PositionClass.choices)


# ----------------------------------------------------------------------------- plans


@dataclass(eq=False)
class UnitPlan:
    """A unit the file asks to create; ``instance`` is set once it exists."""

    nama: str
    jenis: str
    parent: Unit | UnitPlan | None
    wilayah: Wilayah | None = None
    first_row: int = 0
    instance: Unit | None = None

    @property
    def label(self) -> str:
        parent = self.parent
        if parent is None:
            return self.nama
        return f"{self.nama} ({parent.nama})"


@dataclass(eq=False)
class PositionPlan:
    """A position the file asks to create; ``instance`` is set once it exists."""

    nama: str
    kelas: str
    unit: Unit | UnitPlan
    first_row: int = 0
    instance: Position | None = None

    @property
    def label(self) -> str:
        return f"{self.nama} ({self.unit.nama})"


def resolved(ref: Any) -> Any:
    """The model instance behind a reference that may still be a plan."""
    if isinstance(ref, UnitPlan | PositionPlan):
        assert ref.instance is not None, "plans are resolved in order: units, positions, rows"
        return ref.instance
    return ref


class Unresolved(Exception):
    """A name that cannot be matched; ``field`` says which of the row's columns is at fault."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass
class UnitCatalogue:
    """The instansi's units by name, plus the units the file plans to create."""

    units: list[Unit]
    create: bool
    offer_create: bool = True  # whether an unknown unit's message mentions the create option
    wilayah_children: dict[str, list[Wilayah]] = field(default_factory=dict)
    plans: list[UnitPlan] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.units:
            self._by_key[name_key(unit.nama)].append(unit)
        self._planned: dict[tuple[int, str], UnitPlan] = {}

    # -- lookups

    def _top_or_unique(self, key: str) -> Unit | None:
        found = self._by_key.get(key, [])
        top = [u for u in found if u.parent_id is None]
        if len(top) == 1:
            return top[0]
        if not top and len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise Unresolved(
                "unit",
                _("Ada %(n)d unit bernama “%(nama)s”; sebutkan unit induknya agar jelas.")
                % {"n": len(found), "nama": found[0].nama},
            )
        return None

    def _under(self, parent: Unit, key: str) -> Unit | None:
        found = [
            u
            for u in self._by_key.get(key, [])
            if u.path.startswith(parent.path) and u.pk != parent.pk
        ]
        direct = [u for u in found if u.parent_id == parent.pk]
        if len(direct) == 1:
            return direct[0]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise Unresolved(
                "unit",
                _(
                    "Ada %(n)d unit bernama “%(nama)s” di bawah %(induk)s; "
                    "ubah namanya agar berbeda."
                )
                % {"n": len(found), "nama": found[0].nama, "induk": parent.nama},
            )
        return None

    def _plan(self, nama: str, parent: Unit | UnitPlan | None, row: int) -> UnitPlan:
        slot = (id(parent), name_key(nama))
        plan = self._planned.get(slot)
        if plan is None:
            jenis = unit_kind_from_name(nama)
            plan = UnitPlan(
                nama=" ".join(nama.split()),
                jenis=jenis,
                parent=parent,
                wilayah=self._wilayah_for(nama, jenis),
                first_row=row,
            )
            self._planned[slot] = plan
            self.plans.append(plan)
        return plan

    def _wilayah_for(self, nama: str, jenis: str) -> Wilayah | None:
        """A new kecamatan or kelurahan unit is tied to its region when the name is unique."""
        if jenis not in (UnitKind.KECAMATAN, UnitKind.KELURAHAN):
            return None
        place = name_key(re.sub(r"^\s*\S+\s+", "", nama))
        matches = [w for w in self.wilayah_children.get(jenis, []) if name_key(w.nama) == place]
        return matches[0] if len(matches) == 1 else None

    def _missing(self, field: str, nama: str, parent_name: str = "") -> Unresolved:
        if parent_name:
            what = _("Unit kerja “%(nama)s” di bawah “%(induk)s” belum ada") % {
                "nama": nama,
                "induk": parent_name,
            }
        else:
            what = _("Unit kerja “%s” belum ada") % nama
        if not self.offer_create:
            return Unresolved(
                field, what + _("; buat unit itu terlebih dahulu di menu Unit kerja.")
            )
        return Unresolved(
            field,
            what
            + _(
                "; buat unit itu terlebih dahulu di menu Unit kerja, atau impor ulang "
                "dengan pilihan “Buat unit dan jabatan yang belum ada”."
            ),
        )

    def find(self, unit_name: str, parent_name: str, row: int) -> Unit | UnitPlan | None:
        """The unit a row names (``unit_name`` under ``parent_name``), planned if allowed.

        Raises :class:`Unresolved` with the field (``unit`` or ``unit_induk``) to fix.
        """
        unit_name, parent_name = " ".join(unit_name.split()), " ".join(parent_name.split())
        if not unit_name and not parent_name:
            return None
        if not unit_name or name_key(unit_name) == name_key(parent_name):
            # The OPD itself (SIASN repeats the OPD in both columns for its head).
            unit_name, parent_name = unit_name or parent_name, ""
        if not parent_name:
            unit = self._top_or_unique(name_key(unit_name))
            if unit is not None:
                return unit
            planned = self._planned.get((id(None), name_key(unit_name)))
            if planned is not None:
                return planned
            if not self.create:
                raise self._missing("unit", unit_name)
            return self._plan(unit_name, None, row)

        try:
            parent: Unit | UnitPlan | None = self._top_or_unique(name_key(parent_name))
        except Unresolved as exc:
            raise Unresolved("unit_induk", exc.message) from exc
        if parent is None:
            parent = self._planned.get((id(None), name_key(parent_name)))
        if parent is None:
            if not self.create:
                raise self._missing("unit_induk", parent_name)
            parent = self._plan(parent_name, None, row)
        if isinstance(parent, Unit):
            unit = self._under(parent, name_key(unit_name))
            if unit is not None:
                return unit
        planned = self._planned.get((id(parent), name_key(unit_name)))
        if planned is not None:
            return planned
        if not self.create:
            raise self._missing("unit", unit_name, parent.nama)
        return self._plan(unit_name, parent, row)

    def ordered_plans(self) -> list[UnitPlan]:
        """Plans with every parent before its children (a parent is always planned first)."""
        return list(self.plans)


def wilayah_children(instansi_wilayah: Wilayah) -> dict[str, list[Wilayah]]:
    """The kecamatan and kelurahan of an instansi's region, for tying new units to regions."""
    kode = instansi_wilayah.kode
    result: dict[str, list[Wilayah]] = {UnitKind.KECAMATAN: [], UnitKind.KELURAHAN: []}
    for wilayah in Wilayah.objects.filter(kode__startswith=f"{kode}.").only(
        "kode", "nama", "tingkat"
    ):
        if wilayah.tingkat == WilayahLevel.KECAMATAN:
            result[UnitKind.KECAMATAN].append(wilayah)
        elif wilayah.is_kelurahan:
            result[UnitKind.KELURAHAN].append(wilayah)
    return result


@dataclass
class PositionCatalogue:
    """The instansi's positions by unit and name, plus the positions the file plans to create."""

    positions: list[Position]
    create: bool
    plans: list[PositionPlan] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_slot: dict[tuple[int, str], Position | PositionPlan] = {}
        for position in self.positions:
            self._by_slot[(position.unit_id, name_key(position.nama))] = position

    @staticmethod
    def _unit_slot(unit: Unit | UnitPlan) -> int:
        return unit.pk if isinstance(unit, Unit) else -id(unit)

    def get(self, unit: Unit | UnitPlan, nama: str) -> Position | PositionPlan | None:
        return self._by_slot.get((self._unit_slot(unit), name_key(nama)))

    def find(
        self, unit: Unit | UnitPlan, nama: str, kelas: str | None, row: int
    ) -> Position | PositionPlan:
        """The position ``nama`` in ``unit``, planned with class ``kelas`` if allowed."""
        nama = " ".join(nama.split())
        found = self.get(unit, nama)
        if found is not None:
            if isinstance(found, PositionPlan) and kelas and kelas != found.kelas:
                raise Unresolved(
                    "kelas_jabatan",
                    _(
                        "Jabatan “%(nama)s” di baris %(row)d berkelas %(kelas)s; satu jabatan "
                        "hanya boleh satu kelas."
                    )
                    % {
                        "nama": nama,
                        "row": found.first_row,
                        "kelas": PositionClass(found.kelas).label,
                    },
                )
            return found
        if not self.create:
            raise Unresolved(
                "jabatan",
                _(
                    "Jabatan “%(nama)s” belum ada di unit %(unit)s; buat jabatan itu terlebih "
                    "dahulu di menu Jabatan, atau impor ulang dengan pilihan “Buat unit dan "
                    "jabatan yang belum ada”."
                )
                % {"nama": nama, "unit": unit.nama},
            )
        if not kelas:
            raise Unresolved(
                "jabatan",
                _(
                    "Kelas jabatan “%s” tidak dapat ditebak dari namanya; isi kolom kelas_jabatan "
                    "atau buat jabatan itu terlebih dahulu di menu Jabatan."
                )
                % nama,
            )
        plan = PositionPlan(nama=nama, kelas=kelas, unit=unit, first_row=row)
        self._by_slot[(self._unit_slot(unit), name_key(nama))] = plan
        self.plans.append(plan)
        return plan
