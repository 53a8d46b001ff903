"""The Kemendagri region list (wilayah): loading it from the shipped CSV and searching it.

Codes read ``PP.KK.CC.DDDD`` (province, regency/city, district, village); a region's parent is
its code without the last group, so ``53.71.01.1008`` (Kelurahan Alak) sits under ``53.71.01``
(Kecamatan Alak), which sits under ``53.71`` (Kota Kupang), under ``53`` (Nusa Tenggara Timur).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Wilayah, WilayahLevel

WILAYAH_CSV = Path(__file__).parent / "data" / "wilayah_kemendagri_2025.csv"

# The level each code depth stands for: "53" → provinsi, "53.71" → kabupaten/kota, ...
LEVEL_BY_DEPTH = {
    1: WilayahLevel.PROVINSI,
    2: WilayahLevel.KABUPATEN_KOTA,
    3: WilayahLevel.KECAMATAN,
    4: WilayahLevel.KELURAHAN_DESA,
}
_CODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
_CODE_QUERY = re.compile(r"[\d.]+")
_BATCH_SIZE = 5000
_INSERT_FIELDS = ("kode", "nama", "tingkat", "parent")


@dataclass(frozen=True)
class WilayahRow:
    kode: str
    nama: str
    tingkat: str

    @property
    def parent_kode(self) -> str | None:
        return parent_code(self.kode)


@dataclass(frozen=True)
class WilayahLoadResult:
    created: int
    updated: int
    unchanged: int
    absent_from_file: int  # rows in the database that the file no longer lists (kept)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def parent_code(kode: str) -> str | None:
    """``53.71.01.1008`` → ``53.71.01``; a province has no parent."""
    head, dot, _last = kode.rpartition(".")
    return head if dot else None


def code_depth(kode: str) -> int:
    return kode.count(".") + 1


def read_wilayah_csv(path: Path = WILAYAH_CSV) -> list[WilayahRow]:
    """Read and check a ``kode,nama,tingkat`` file; raises ``ServiceError`` naming bad lines."""
    rows: list[WilayahRow] = []
    errors: list[str] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader, [])]
        missing = {"kode", "nama", "tingkat"} - set(header)
        if missing:
            raise ServiceError(
                _("Berkas wilayah tidak memiliki kolom: %s.") % ", ".join(sorted(missing))
            )
        columns = (header.index("kode"), header.index("nama"), header.index("tingkat"))
        for line, record in enumerate(reader, start=2):
            if not any(record):
                continue
            try:
                kode, nama, tingkat = (record[column].strip() for column in columns)
            except IndexError:
                kode = nama = tingkat = ""
            valid = _CODE.fullmatch(kode) and nama and kode not in seen
            if valid and tingkat == LEVEL_BY_DEPTH[code_depth(kode)]:
                seen.add(kode)
                rows.append(WilayahRow(kode=kode, nama=nama, tingkat=tingkat))
                continue
            errors.append(_describe_bad_line(line, kode, nama, tingkat, seen))
            if len(errors) >= 20:
                break
    orphans = [row.kode for row in rows if row.parent_kode and row.parent_kode not in seen]
    if orphans and not errors:
        errors.append(_("kode tanpa induk di berkas: %s") % ", ".join(orphans[:10]))
    if errors:
        raise ServiceError(
            _("Berkas wilayah %(file)s tidak sah: %(errors)s")
            % {
                "file": path.name,
                "errors": "; ".join(errors),
            }
        )
    return rows


def _describe_bad_line(line: int, kode: str, nama: str, tingkat: str, seen: set[str]) -> str:
    where = {"line": line, "kode": kode, "tingkat": tingkat}
    if not _CODE.fullmatch(kode):
        return _("baris %(line)d: kode “%(kode)s” tidak sah") % where
    if not nama:
        return _("baris %(line)d: nama kosong") % where
    if kode in seen:
        return _("baris %(line)d: kode %(kode)s ganda") % where
    return _("baris %(line)d: tingkat “%(tingkat)s” tidak cocok dengan kode %(kode)s") % where


def _within(kode: str, prefixes: Iterable[str]) -> bool:
    """True if ``kode`` is one of ``prefixes``, lies under one, or is an ancestor of one."""
    for prefix in prefixes:
        if kode == prefix or kode.startswith(prefix + ".") or prefix.startswith(kode + "."):
            return True
    return False


def wilayah_load(
    *,
    path: Path = WILAYAH_CSV,
    only: Iterable[str] | None = None,
    acting_user: Any = None,
) -> WilayahLoadResult:
    """Bring the ``Wilayah`` table in line with the file: add missing rows, update renamed ones.

    Idempotent: a second run writes nothing. Rows that the file no longer lists are kept (units
    and instansi may point at them) and only counted. ``only`` limits the load to the given
    codes with their ancestors and descendants (the demo's quick mode).
    """
    rows = read_wilayah_csv(path)
    if only is not None:
        prefixes = tuple(only)
        rows = [row for row in rows if _within(row.kode, prefixes)]
    existing = {
        kode: (nama, tingkat, parent_id)
        for kode, nama, tingkat, parent_id in Wilayah.objects.values_list(
            "kode", "nama", "tingkat", "parent_id"
        )
    }
    to_create: list[WilayahRow] = []
    to_update: list[Wilayah] = []
    for row in sorted(rows, key=lambda r: (code_depth(r.kode), r.kode)):
        current = existing.get(row.kode)
        if current is None:
            to_create.append(row)
        elif current != (row.nama, row.tingkat, row.parent_kode):
            to_update.append(
                Wilayah(
                    kode=row.kode, nama=row.nama, tingkat=row.tingkat, parent_id=row.parent_kode
                )
            )
    in_file = {row.kode for row in rows}
    absent = 0 if only is not None else sum(1 for kode in existing if kode not in in_file)
    result = WilayahLoadResult(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(rows) - len(to_create) - len(to_update),
        absent_from_file=absent,
    )
    if not result.changed:
        return result
    with transaction.atomic():
        _insert(to_create)
        Wilayah.objects.bulk_update(
            to_update, ["nama", "tingkat", "parent"], batch_size=_BATCH_SIZE
        )
        audit_event(
            actor=acting_user,
            action="wilayah.load",
            target=None,
            target_type="organisation.wilayah",
            after={"dibuat": result.created, "diubah": result.updated},
            note=path.name,
        )
    return result


def _insert(rows: list[WilayahRow]) -> None:
    """Insert new rows in batches, parents before children (``rows`` is sorted by depth).

    A plain ``executemany`` rather than ``bulk_create``: for the 91,599 rows of the full list,
    building a model instance and per-row SQL dominates (about 8 s against 1 s on SQLite), and
    this reference table has no defaults, signals or generated keys to honour.
    """
    meta = Wilayah._meta
    quote = connection.ops.quote_name
    fields = {field.name: field.column for field in meta.concrete_fields}
    columns = ", ".join(quote(fields[name]) for name in _INSERT_FIELDS)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608 - names from the model
        f"VALUES ({', '.join(['%s'] * len(_INSERT_FIELDS))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _BATCH_SIZE):
            batch = rows[start : start + _BATCH_SIZE]
            cursor.executemany(sql, [(r.kode, r.nama, r.tingkat, r.parent_kode) for r in batch])


def _number(value: int) -> str:
    """Indonesian thousands separator: 91599 → 91.599."""
    return f"{value:,}".replace(",", ".")


def describe_wilayah_load(result: WilayahLoadResult) -> str:
    """One line for the console, in Indonesian."""
    if not result.changed:
        text = _("Daftar wilayah sudah lengkap (%(count)s baris); tidak ada perubahan.") % {
            "count": _number(result.unchanged),
        }
    else:
        text = _("Wilayah: %(created)s ditambahkan, %(updated)s diperbarui, %(same)s tetap.") % {
            "created": _number(result.created),
            "updated": _number(result.updated),
            "same": _number(result.unchanged),
        }
    if result.absent_from_file:
        text += " " + _("%(count)s kode di basis data tidak ada di berkas dan dibiarkan.") % {
            "count": _number(result.absent_from_file)
        }
    return text


def _normalise_code_query(query: str) -> str:
    """Accept codes typed without dots: ``5371`` → ``53.71``, ``5371011008`` → ``53.71.01.1008``."""
    if "." in query or not query.isdigit():
        return query.rstrip(".") if len(query) > 1 else query
    groups = [query[0:2], query[2:4], query[4:6], query[6:10]]
    return ".".join(group for group in groups if group)


def wilayah_search(query: str, *, limit: int = 20) -> list[Wilayah]:
    """Regions whose code starts with ``query`` (``53.71``) or whose name contains it
    (case-insensitive), provinces first, then regencies/cities, districts and villages, each
    by code."""
    query = query.strip()
    if not query:
        return []
    qs = Wilayah.objects.all()
    if _CODE_QUERY.fullmatch(query):
        qs = qs.filter(kode__startswith=_normalise_code_query(query))
    else:
        qs = qs.filter(nama__icontains=query)
    level_order = Case(
        *(When(tingkat=level, then=Value(depth)) for depth, level in LEVEL_BY_DEPTH.items()),
        output_field=IntegerField(),
    )
    return list(qs.order_by(level_order, "kode")[:limit])
